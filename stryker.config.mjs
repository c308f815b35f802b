// @ts-check
/**
 * Mutation testing of the pure domain modules in shared/: `npm run test:mutation` (README, "Mutation testing").
 * Each mutant runs the unit tests of vitest.unit.config.ts in plain Node, only those that cover it (perTest).
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.unit.config.ts" },
  coverageAnalysis: "perTest",
  mutate: [
    "shared/access/policy.ts",
    "shared/reviews/decisions.ts",
    "shared/budget/fit.ts",
    "shared/webhooks/signature.ts",
    "shared/renja/csv.ts",
    "shared/renja/row.ts",
    "shared/overlap/score.ts",
  ],
  // TypeScript 7 (tsgo) has no JS API: no type checker plugin (mutants that do not compile simply fail tests or
  // survive as they would at run time), and no tsconfig rewrite. Stryker rewrites the `extends`/`references` of
  // the tsconfig it is pointed at through that API; tsconfig.json has neither, so it is pointed at no file.
  checkers: [],
  tsconfigFile: "no-tsconfig-for-stryker.json",
  disableTypeChecks: "{shared,test}/**/*.{ts,tsx}",
  ignorePatterns: ["/data", "/bench", "/scripts", "/migrations", "/.wrangler", "/reports", "/test/browser"],
  concurrency: 2,
  tempDirName: ".stryker-tmp",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 85, low: 70, break: null },
};
