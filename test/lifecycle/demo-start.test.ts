/**
 * `npm start` starts the demo's seeded proposals in bursts (workers/usecases/operations/demo.ts), so the local
 * server keeps answering: each gets its lifecycle once, which opens its verification; a second run starts none.
 */
import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { depsOf } from "../../workers/usecases/deps.ts";
import { startDemoLifecycles } from "../../workers/usecases/operations/demo.ts";

it("starts every demo proposal's lifecycle once, a burst at a time", async () => {
  // Three demo proposals left to start (the others count as started elsewhere in this file's database).
  await env.DB.prepare("UPDATE proposals SET created_by = 'test' WHERE created_by = 'seed:demo' AND id NOT IN ('demo-2027-0001', 'demo-2027-0002', 'demo-2027-0003')").run();
  await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
  expect(await startDemoLifecycles(depsOf(env), { perBurst: 2, pauseMs: 10 })).toBe(3);
  const instances = await introspector.get();
  expect(instances).toHaveLength(3);
  for (const instance of instances) await instance.waitForStepResult({ name: "open verification 1" });
  const tasks = await env.DB.prepare("SELECT proposal_id, kind, status FROM review_tasks WHERE proposal_id LIKE 'demo-2027-000%' ORDER BY proposal_id").all();
  expect(tasks.results).toEqual(["demo-2027-0001", "demo-2027-0002", "demo-2027-0003"].map((proposal_id) => ({ proposal_id, kind: "verification", status: "open" })));
  expect(await startDemoLifecycles(depsOf(env), { perBurst: 2, pauseMs: 10 })).toBe(0);
});
