/**
 * The unit tests of pure `shared/` modules, in plain Node: what `npm run test:mutation` (Stryker) runs for every
 * mutant, because starting workerd per mutant would take hours. `npm test` runs the same files in workerd through
 * vitest.config.ts, so they count in CI too. A file listed here must not import `cloudflare:*`.
 */
import { defineConfig } from "vitest/config";

export const UNIT_TESTS = [
  "test/access/policy.test.ts",
  "test/budget/fit.test.ts",
  "test/overlap/*.test.ts",
  // xlsx.test.ts is left to workerd: its cancel test relies on workerd's stream backpressure.
  "test/renja/csv.test.ts",
  "test/renja/json.test.ts",
  "test/renja/row.test.ts",
  "test/renja/td4.test.ts",
  "test/reviews/*.test.ts",
  "test/shared/*.test.ts",
  "test/webhooks/signature.test.ts",
];

export default defineConfig({
  test: {
    environment: "node",
    include: UNIT_TESTS,
  },
});
