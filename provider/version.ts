/** This package's version; kept equal to package.json's by test/client/version.test.ts. */
export const PACKAGE_VERSION = "0.2.0";

/** The `User-Agent` every SparkPost API call sends. */
export const USER_AGENT = `pulumi-sparkpost-tracking/${PACKAGE_VERSION}`;
