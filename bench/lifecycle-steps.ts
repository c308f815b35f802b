/**
 * Workflow steps per proposal (`npm run bench:steps`): Cloudflare bills every `step.do` and every wait of a
 * Workflow instance. Runs bench/lifecycle-steps.workerd.ts in workerd and prints a table per lifecycle path.
 */
import { spawnSync } from "node:child_process";
import { table } from "./lib/report.ts";

const run = spawnSync("npx", ["vitest", "run", "-c", "bench/vitest.steps.config.ts", "--reporter=verbose"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const rows = [...(run.stdout + run.stderr).matchAll(/STEPS (\{.*\})/g)].map((m) => JSON.parse(m[1]!) as { path: string; steps: number; days: number; outcome: string });
if (run.status !== 0 || rows.length === 0) {
  console.error(run.stdout.slice(-4000), run.stderr.slice(-4000));
  process.exit(1);
}
console.log(table(["steps", "days", "outcome", "path"], rows.map((r) => [String(r.steps), String(r.days), r.outcome, r.path]), [true, true, false]));
