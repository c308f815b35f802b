/**
 * The browser suite: headless Chromium (Debian's `chromium`, driven by playwright-core) against a real
 * `wrangler dev` started by test/browser/global-setup.ts. Plain Node, not the workerd pool: the test drives a
 * browser, the Worker runs in its own wrangler process with its own throwaway state directory.
 */
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/browser/**/*.test.ts"],
    exclude: [...configDefaults.exclude],
    globalSetup: ["./test/browser/global-setup.ts"],
    // One Worker, one browser: files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    // The first run on a clean machine installs Chromium with apt and builds the database.
    hookTimeout: 240_000,
  },
});
