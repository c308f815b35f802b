import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoCallers, json, type Caller } from "../support/principals.ts";
import { proposalInput } from "../support/proposals.ts";
import { depsOf } from "../../workers/usecases/deps.ts";
import { nudgeStalledLifecycles } from "../../workers/usecases/operations/lifecycles.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

const submit = async (body: Record<string, unknown>) => {
  const response = await call("/api/v1/proposals", json(proposalInput(body), callers.village_operator.headers));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
};

const tasks = (proposalId: string) =>
  env.DB.prepare("SELECT id, kind, agency_id, status, decision, reminded_at, escalated_at FROM review_tasks WHERE proposal_id = ? ORDER BY created_at").bind(proposalId).all<{
    id: string;
    kind: string;
    agency_id: string | null;
    status: string;
    decision: string | null;
    reminded_at: string | null;
    escalated_at: string | null;
  }>();

const status = (id: string) => env.DB.prepare("SELECT status, stage FROM proposals WHERE id = ?").bind(id).first<{ status: string; stage: string }>();

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const decide = (caller: Caller, taskId: string, decision: Record<string, unknown>) => call(`/api/v1/reviews/${taskId}/decision`, json(decision, caller.headers));

describe("a proposal's lifecycle", () => {
  it("goes from submission through verification, queue routing and agency review to its outcome", async () => {
    await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
    const { id } = await submit({ activity: "Pembangunan drainase lingkungan RT 03", subActivityCode: "1.03.06.2.01.0012" });
    const [instance] = await introspector.get();
    expect(instance).toBeDefined();

    await instance!.waitForStepResult({ name: "open verification 1" });
    const [verification] = (await tasks(id)).results;
    expect(verification).toMatchObject({ kind: "verification", status: "open" });
    expect((await decide(callers.district_verifier, verification!.id, { decision: "verified" })).status).toBe(201);

    await instance!.waitForStepResult({ name: "agency review: check 1" });
    const review = (await tasks(id)).results.find((t) => t.kind === "agency_review");
    expect(review).toMatchObject({ agency_id: "18.01-pupr", status: "open" });
    expect(await status(id)).toEqual({ status: "in_review", stage: "opd_review" });

    // The queue shows it to the agency, oldest due first.
    const queue = await call("/api/v1/agencies/18.01-pupr/reviews", { headers: callers.agency_reviewer.headers });
    expect(((await queue.json()) as { tasks: { id: string }[] }).tasks.map((t) => t.id)).toContain(review!.id);

    const decided = await decide(callers.agency_reviewer, review!.id, { decision: "accepted_with_changes", changes: { volume: 100, estimatedCost: 75_000_000 } });
    expect(decided.status).toBe(201);
    await instance!.waitForStatus("complete");
    expect(await instance!.getOutput()).toEqual({ status: "accepted_with_changes" });
    expect(await env.DB.prepare("SELECT status, stage, volume, estimated_cost FROM proposals WHERE id = ?").bind(id).first()).toEqual({
      status: "accepted_with_changes",
      stage: "renja",
      volume: 100,
      estimated_cost: 75_000_000,
    });
    const history = await env.DB.prepare("SELECT action FROM audit_events WHERE entity_id = ? AND entity_type = 'proposal' ORDER BY id").bind(id).all<{ action: string }>();
    expect(history.results.map((e) => e.action)).toEqual(["proposal.submitted", "proposal.verified", "proposal.routed", "proposal.accepted_with_changes"]);
  });

  it("routes a proposal touching two agencies to both, and a text-only one by its words", async () => {
    await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
    const { id } = await submit({ activity: "Rehab saluran drainase lingkungan", problem: "Saluran drainase rusak dan tersumbat sampah, air meluap ke jalan lingkungan.", subActivityCode: null });
    const [instance] = await introspector.get();
    await instance!.waitForStepResult({ name: "open verification 1" });
    await decide(callers.district_verifier, (await tasks(id)).results[0]!.id, { decision: "verified" });
    await waitFor(() => tasks(id), (t) => t.results.some((task) => task.kind !== "verification"), "routing");
    const classification = await env.DB.prepare("SELECT sub_activity_code, source, reason FROM proposal_classifications WHERE proposal_id = ?").bind(id).all<{ sub_activity_code: string; source: string; reason: string }>();
    expect(classification.results.length).toBeGreaterThan(0);
    expect(classification.results[0]).toMatchObject({ source: "suggested" });
    expect(classification.results[0]!.reason).toMatch(/kata kunci sama: .*drainase/);
    expect((await tasks(id)).results.some((t) => t.kind === "agency_review" || t.kind === "triage")).toBe(true);
  });

  it("sends a proposal no agency owns to Bappeda triage, where a corrected code routes it on", async () => {
    await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
    const { id } = await submit({ activity: "Pengadaan bibit pohon hutan rakyat", problem: "Lahan kritis di lereng bukit perlu penghijauan hutan.", subActivityCode: "3.28.04.2.01.0006" });
    const [instance] = await introspector.get();
    await instance!.waitForStepResult({ name: "open verification 1" });
    await decide(callers.district_verifier, (await tasks(id)).results[0]!.id, { decision: "verified" });
    await instance!.waitForStepResult({ name: "triage 1: check 1" });
    const triage = (await tasks(id)).results.find((t) => t.kind === "triage");
    expect(triage).toMatchObject({ status: "open" });
    expect(await status(id)).toMatchObject({ status: "triage" });
    const listed = await call("/api/v1/triage", { headers: callers.planning_admin.headers });
    expect(((await listed.json()) as { tasks: { id: string }[] }).tasks.map((t) => t.id)).toContain(triage!.id);

    expect((await decide(callers.planning_admin, triage!.id, { decision: "route", subActivityCodes: ["2.11.02.2.01.0006"] })).status).toBe(201);
    await instance!.waitForStepResult({ name: "agency review: check 1" });
    expect((await tasks(id)).results.find((t) => t.kind === "agency_review")).toMatchObject({ agency_id: "18.01-dlh" });
  });

  it("returns to the village with a note, and goes round again once the village fixes it", async () => {
    await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
    const { id } = await submit({ activity: `Pembangunan drainase lingkungan ${Math.random().toString(36).slice(2)}` });
    const [instance] = await introspector.get();
    await instance!.waitForStepResult({ name: "open verification 1" });
    const [task] = (await tasks(id)).results;
    expect((await decide(callers.district_verifier, task!.id, { decision: "returned" })).status).toBe(422);
    expect((await decide(callers.district_verifier, task!.id, { decision: "returned", note: "Lengkapi RAB dan foto lokasi." })).status).toBe(201);
    await instance!.waitForStepResult({ name: "returned 1" });
    expect(await status(id)).toMatchObject({ status: "returned", stage: "desa" });
    const fixed = await call(`/api/v1/proposals/${id}`, { method: "PATCH", headers: { ...callers.village_operator.headers, "content-type": "application/json" }, body: JSON.stringify({ description: "RAB terlampir" }) });
    expect(fixed.status).toBe(200);
    await instance!.waitForStepResult({ name: "open verification 2" });
    expect((await tasks(id)).results[0]).toMatchObject({ status: "open", decision: null });
  });

  it("reminds, escalates to Bappeda, and records an outcome when nobody decides", async () => {
    await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
    await introspector.modifyAll(async (m) => {
      for (let round = 1; round <= 4; round++) await m.forceEventTimeout({ name: `verification 1: waiting ${round}` });
    });
    const { id } = await submit({ activity: `Pembangunan drainase lingkungan ${Math.random().toString(36).slice(2)}` });
    const [instance] = await introspector.get();
    // The kecamatan let the due date pass long ago: each wake-up moves one stage on.
    await instance!.waitForStepResult({ name: "open verification 1" });
    await env.DB.prepare("UPDATE review_tasks SET due_at = '2025-01-01T00:00:00.000Z' WHERE proposal_id = ?").bind(id).run();
    await instance!.waitForStatus("complete");
    expect(await instance!.getOutput()).toMatchObject({ status: "carried_over" });
    const [task] = (await tasks(id)).results;
    expect(task!.reminded_at).not.toBeNull();
    expect(task!.escalated_at).not.toBeNull();
    const events = await env.DB.prepare("SELECT action FROM audit_events WHERE entity_id IN (?, ?) ORDER BY id").bind(id, task!.id).all<{ action: string }>();
    expect(events.results.map((e) => e.action)).toEqual(["proposal.submitted", "review.reminder_sent", "review.escalated", "proposal.carried_over"]);
  });

  it("moves on after a lost wake-up when the cron nudges it", async () => {
    await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
    const { id } = await submit({ activity: "Pembangunan drainase lingkungan RT 04", subActivityCode: "1.03.06.2.01.0012" });
    const [instance] = await introspector.get();
    await instance!.waitForStepResult({ name: "open verification 1" });
    // The kecamatan's decision is stored but its wake-up event never arrives (a restart between the two).
    await env.DB.prepare("UPDATE review_tasks SET status = 'decided', decision = 'verified', decided_by = 'acc_demo_kecamatan', decided_at = '2026-01-11T00:00:00Z' WHERE proposal_id = ? AND kind = 'verification'")
      .bind(id)
      .run();
    await env.DB.prepare("UPDATE proposals SET updated_at = '2026-01-10T00:00:00Z' WHERE id = ?").bind(id).run();
    expect((await nudgeStalledLifecycles(depsOf(env))).woken).toBeGreaterThanOrEqual(1);
    await instance!.waitForStepResult({ name: "agency review: check 1" });
    expect(await status(id)).toEqual({ status: "in_review", stage: "opd_review" });
  });
});
