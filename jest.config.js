/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: {
    // tsconfig sets isolatedModules, so ts-jest only transpiles; `npm run typecheck` type-checks.
    "^.+\\.ts$": "ts-jest",
  },
  testMatch: [
    "<rootDir>/test/**/*.test.ts",
    "<rootDir>/provider/**/*.test.ts",
    "<rootDir>/sandbox/**/*.test.ts",
  ],
  // Examples import the package by name, as users do; in this repository the name is the source.
  moduleNameMapper: { "^pulumi-sparkpost-tracking$": "<rootDir>/provider/index.ts" },
  testPathIgnorePatterns: ["/node_modules/", "/bin/"],
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/test/support/summaryReporter.js"],
};
