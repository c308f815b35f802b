/** The scenario-run bench runs in workerd like the tests, with their bindings and seed (vitest.config.ts), on its own file. */
import { defineConfig } from "vitest/config";
import base from "./../vitest.config.ts";

export default defineConfig(async (env) => {
  const config = await (typeof base === "function" ? base(env) : base);
  return { ...config, test: { ...config.test, include: ["bench/scenario-run.workerd.ts"], exclude: [], testTimeout: 900_000 } };
});
