/**
 * The default suite (`npm test`): unit, sandbox, engine-path (real provider host) and mocked
 * program tests, a few minutes in all. The slow suites have folders of their own under test/ and
 * run through jest.slow.config.js: `npm run e2e`, `npm run test:package`, `npm run test:faults`.
 * @type {import('jest').Config}
 */
const SLOW_SUITES = ["e2e", "package", "faults"];

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
  testPathIgnorePatterns: [
    "/node_modules/",
    "/bin/",
    ...SLOW_SUITES.map((suite) => `<rootDir>/test/${suite}/`),
  ],
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/test/support/summaryReporter.js"],
};
// For jest.slow.config.js; not enumerable, so jest does not take it for an option.
Object.defineProperty(module.exports, "SLOW_SUITES", { value: SLOW_SUITES, enumerable: false });
