import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoCallers, json } from "../support/principals.ts";
import { proposalInput } from "../support/proposals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

let n = 0;
// Each its own proposal: the same content again within minutes is answered with the first (shared/proposals/content.ts).
const submit = async () => ((await (await call("/api/v1/proposals", json(proposalInput({ activity: `Drainase uji gangguan ${++n}` }), callers.village_operator.headers))).json()) as { id: string }).id;

describe("workflow steps that throw", () => {
  it("retries a transient failure and completes the step", async () => {
    await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
    await introspector.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "open verification 1" }, new Error("D1 sedang sibuk"), 2);
    });
    const id = await submit();
    const [instance] = await introspector.get();
    expect(await instance!.waitForStepResult({ name: "open verification 1" })).toMatchObject({ task: { id: expect.stringMatching(/^tgs_/), open: true } });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM review_tasks WHERE proposal_id = ?").bind(id).first("n")).toBe(1);
  });

  it("leaves a permanent failure visible to Bappeda, who can retry it", async () => {
    await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
    await introspector.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "open verification 1" }, new Error("D1 tidak dapat dijangkau"));
    });
    const id = await submit();
    const [instance] = await introspector.get();
    await instance!.waitForStatus("errored");
    const failed = (await (await call("/api/v1/lifecycles/failed", { headers: callers.planning_admin.headers })).json()) as { proposals: { id: string; error: string }[] };
    expect(failed.proposals.find((p) => p.id === id)).toMatchObject({ error: "D1 tidak dapat dijangkau" });
    expect((await call(`/api/v1/proposals/${id}/lifecycle/retry`, { method: "POST", headers: callers.agency_reviewer.headers })).status).toBe(403);
    const retried = await call(`/api/v1/proposals/${id}/lifecycle/retry`, { method: "POST", headers: callers.planning_admin.headers });
    expect(retried.status).toBe(202);
    expect(await env.DB.prepare("SELECT lifecycle_error FROM proposals WHERE id = ?").bind(id).first("lifecycle_error")).toBeNull();
    expect((await call(`/api/v1/proposals/${id}/lifecycle/retry`, { method: "POST", headers: callers.planning_admin.headers })).status).toBe(409);
  });
});
