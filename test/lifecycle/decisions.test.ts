import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { proposalIn } from "../access/cases/proposals.ts";
import { call, demoCallers, json, tokenCaller, DEMO } from "../support/principals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

async function openReview() {
  const { id } = await proposalIn("in");
  const task = await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ?").bind(id).first<string>("id");
  return { proposalId: id, taskId: task! };
}

const decide = (headers: Record<string, string>, taskId: string, body: unknown) => call(`/api/v1/reviews/${taskId}/decision`, json(body, headers));
const fieldsOf = async (response: Response) => ((await response.json()) as { error: { fields: { path: string; code: string }[] } }).error.fields;

describe("deciding a review task", () => {
  it("records the decision once: the same again is 200 with it, another is 409 with the existing one", async () => {
    const { taskId } = await openReview();
    const first = await decide(callers.agency_reviewer.headers, taskId, { decision: "rejected", reason: "Sudah dianggarkan tahun lalu." });
    expect(first.status).toBe(201);
    const again = await decide(callers.agency_reviewer.headers, taskId, { decision: "rejected", reason: "Sudah dianggarkan tahun lalu." });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ taskId, decision: "rejected", reason: "Sudah dianggarkan tahun lalu." });
    const other = await decide(callers.agency_reviewer.headers, taskId, { decision: "accepted" });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: { code: "task_already_decided", existing: { decision: "rejected" } } });
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE entity_id = ? AND action = 'review.agency_review.decided'").bind(taskId).first("n");
    expect(audit).toBe(1);
  });

  it("refuses a decision from outside the task's agency with 403", async () => {
    const { taskId } = await openReview();
    const dinkes = await tokenCaller("agency_reviewer", DEMO.regency, DEMO.otherAgency);
    expect((await decide(dinkes.headers, taskId, { decision: "accepted" })).status).toBe(403);
    expect((await decide(callers.village_operator.headers, taskId, { decision: "accepted" })).status).toBe(403);
  });

  it.each([
    ["a rejection without reason", { decision: "rejected" }, "reason", "required"],
    ["'with changes' without the changes", { decision: "accepted_with_changes" }, "changes", "required"],
    ["'with changes' with nothing in them", { decision: "accepted_with_changes", changes: {} }, "changes", "changes_required"],
    ["a merge without its target", { decision: "merged" }, "mergedInto", "required"],
    ["a merge into a proposal that does not exist", { decision: "merged", mergedInto: "USL-2027-ZZZZZZ" }, "mergedInto", "proposal_unknown"],
    ["a decision of another kind of task", { decision: "verified" }, "decision", "decision_not_for_task"],
    ["an unknown decision", { decision: "maybe" }, "decision", "not_allowed"],
  ])("refuses %s with 422", async (_name, body, path, code) => {
    const { taskId } = await openReview();
    const response = await decide(callers.agency_reviewer.headers, taskId, body);
    expect(response.status).toBe(422);
    expect(await fieldsOf(response)).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
    expect(await env.DB.prepare("SELECT status FROM review_tasks WHERE id = ?").bind(taskId).first("status")).toBe("open");
  });

  it("merges into another proposal of the kabupaten by tracking code", async () => {
    const { taskId } = await openReview();
    const target = await proposalIn("in");
    const response = await decide(callers.agency_reviewer.headers, taskId, { decision: "merged", mergedInto: target.trackingCode, reviewerName: "Ir. Sutrisno" });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ decision: "merged", data: { mergedIntoId: target.id, reviewerName: "Ir. Sutrisno" } });
  });

  it("lets a reviewer claim a task and Bappeda assign one; decided tasks are closed to both", async () => {
    const { taskId } = await openReview();
    const claimed = await call(`/api/v1/reviews/${taskId}/claim`, { method: "POST", headers: callers.agency_reviewer.headers });
    expect(await claimed.json()).toMatchObject({ status: "claimed", assignee: expect.stringMatching(/^tok_/) });
    expect((await call(`/api/v1/reviews/${taskId}/assign`, json({ assignee: "acc_demo_opd" }, callers.planning_admin.headers))).status).toBe(200);
    await decide(callers.agency_reviewer.headers, taskId, { decision: "accepted" });
    expect((await call(`/api/v1/reviews/${taskId}/claim`, { method: "POST", headers: callers.agency_reviewer.headers })).status).toBe(409);
  });

  it("lists the agency queue oldest due first, filtered by kecamatan and due date", async () => {
    const a = await openReview();
    const b = await openReview();
    await env.DB.prepare("UPDATE review_tasks SET due_at = '2026-02-01T00:00:00.000Z' WHERE id = ?").bind(b.taskId).run();
    const response = await call(`/api/v1/agencies/${DEMO.agency}/reviews?kecamatan=${DEMO.district}&dueBefore=2026-12-31T00:00:00.000Z`, { headers: callers.agency_reviewer.headers });
    const ids = ((await response.json()) as { tasks: { id: string }[] }).tasks.map((t) => t.id);
    expect(ids.indexOf(b.taskId)).toBeLessThan(ids.indexOf(a.taskId));
    expect((await call(`/api/v1/agencies/${DEMO.otherAgency}/reviews`, { headers: callers.agency_reviewer.headers })).status).toBe(404);
  });
});
