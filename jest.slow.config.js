/**
 * The slow suites, one folder each under test/: `e2e` (the real Pulumi engine), `package` (the
 * packed package installed into fresh projects, upgrades) and `faults` (every fault class through
 * the provider host, and load). Run one with `jest -c jest.slow.config.js test/<suite>`; the npm
 * scripts do (npm run e2e, npm run test:package, npm run test:faults).
 * @type {import('jest').Config}
 */
const base = require("./jest.config");
const { SLOW_SUITES } = base;

module.exports = {
  ...base,
  testMatch: SLOW_SUITES.map((suite) => `<rootDir>/test/${suite}/**/*.test.ts`),
  testPathIgnorePatterns: ["/node_modules/", "/bin/"],
  // One suite at a time: they start servers, provider hosts and CLIs that compete for 2 cores.
  maxWorkers: 1,
  testTimeout: 600000,
};
