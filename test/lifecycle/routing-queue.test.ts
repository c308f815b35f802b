import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../workers/index.ts";
import { depsOf } from "../../workers/usecases/deps.ts";
import { nudgeStalledLifecycles } from "../../workers/usecases/operations/lifecycles.ts";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { call, demoCallers } from "../support/principals.ts";
import { proposalIn } from "../access/cases/proposals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

/** A submitted proposal without tasks yet, as the routing consumer receives it. */
async function verifiedProposal(code: string | null) {
  const { id } = await proposalIn("in");
  await env.DB.batch([
    env.DB.prepare("DELETE FROM review_tasks WHERE proposal_id = ?").bind(id),
    env.DB.prepare("UPDATE proposals SET status = 'verified', sub_activity_code = ? WHERE id = ?").bind(code, id),
  ]);
  return id;
}

const message = (proposalId: string, attempts = 1) => ({ id: `msg-${proposalId}-${attempts}`, timestamp: new Date(), attempts, body: { proposalId } });

/** Delivers a batch to the Worker's queue handler as the runtime would, and reports acks and retries. */
async function deliver(queue: string, messages: ReturnType<typeof message>[]) {
  const batch = createMessageBatch(queue, messages);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

const taskCount = (proposalId: string) => env.DB.prepare("SELECT count(*) AS n FROM review_tasks WHERE proposal_id = ?").bind(proposalId).first<number>("n");

describe("the routing queue consumer", () => {
  it("routes a batch, acks what it handled and retries the message that failed", async () => {
    const good = await verifiedProposal("1.02.02.2.01.0009");
    const bad = await verifiedProposal("1.03.06.2.01.0012");
    await env.DB.prepare(`CREATE TRIGGER fail_routing BEFORE INSERT ON review_tasks WHEN NEW.proposal_id = '${bad}' BEGIN SELECT RAISE(ABORT, 'simulated outage'); END`).run();
    try {
      const result = await deliver("proposal-routing", [message(good), message(bad)]);
      expect(result.explicitAcks).toEqual([`msg-${good}-1`]);
      expect(result.retryMessages.map((m) => m.msgId)).toEqual([`msg-${bad}-1`]);
    } finally {
      await env.DB.prepare("DROP TRIGGER fail_routing").run();
    }
    expect(await env.DB.prepare("SELECT agency_id FROM review_tasks WHERE proposal_id = ?").bind(good).first("agency_id")).toBe("18.01-dinkes");
    expect(await taskCount(bad)).toBe(0);
  });

  it("sends what exhausted its retries to the dead-letter queue, where Bappeda replays it without duplicates", async () => {
    const id = await verifiedProposal("1.03.06.2.01.0012");
    const dead = await deliver("proposal-routing-dlq", [message(id, 6)]);
    expect(dead.explicitAcks).toHaveLength(1);
    const listed = await call("/api/v1/dead-letters", { headers: callers.planning_admin.headers });
    const { deadLetters } = (await listed.json()) as { deadLetters: { id: string; queue: string; body: { proposalId: string } }[] };
    const letter = deadLetters.find((d) => d.body.proposalId === id)!;
    expect(letter.queue).toBe("proposal-routing");
    // The same dead letter delivered twice is recorded once.
    await deliver("proposal-routing-dlq", [message(id, 6)]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM dead_letters WHERE id = ?").bind(letter.id).first("n")).toBe(1);

    expect((await call(`/api/v1/dead-letters/${letter.id}/replay`, { method: "POST", headers: callers.agency_reviewer.headers })).status).toBe(403);
    expect((await call(`/api/v1/dead-letters/${letter.id}/replay`, { method: "POST", headers: callers.planning_admin.headers })).status).toBe(200);
    expect((await call(`/api/v1/dead-letters/${letter.id}/replay`, { method: "POST", headers: callers.planning_admin.headers })).status).toBe(409);
    // The replayed message is routed by the real consumer; routing it once more creates no second task.
    for (let i = 0; i < 50 && (await taskCount(id)) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await taskCount(id)).toBe(1);
    await deliver("proposal-routing", [message(id, 1)]);
    expect(await taskCount(id)).toBe(1);
  });

  it("leaves no routed proposal without review tasks or a triage entry", async () => {
    const codes = [null, "1.03.06.2.01.0012", "3.28.04.2.01.0006", "X.XX.01.2.06.0001", "1.05.03.2.01.0007", "2.14.02.2.01.0042"];
    const ids: string[] = [];
    for (const code of codes) ids.push(await verifiedProposal(code));
    // Text-only proposals, from clear to hopeless.
    for (const activity of ["Pembangunan posyandu Dusun II", "Sosialisasi pencegahan stunting", "asdf qwerty", "Kegiatan desa"]) {
      const id = await verifiedProposal(null);
      await env.DB.prepare("UPDATE proposals SET activity = ? WHERE id = ?").bind(activity, id).run();
      ids.push(id);
    }
    const result = await deliver("proposal-routing", ids.map((id) => message(id)));
    expect(result.retryMessages).toEqual([]);
    const orphans = await env.DB.prepare(
      `SELECT p.id FROM proposals p WHERE p.id IN (${ids.map(() => "?").join(",")})
       AND NOT EXISTS (SELECT 1 FROM review_tasks t WHERE t.proposal_id = p.id AND t.kind IN ('agency_review', 'triage'))`,
    )
      .bind(...ids)
      .all();
    expect(orphans.results).toEqual([]);
    const statuses = await env.DB.prepare(`SELECT DISTINCT status FROM proposals WHERE id IN (${ids.map(() => "?").join(",")})`).bind(...ids).all<{ status: string }>();
    expect(statuses.results.map((s) => s.status).sort()).toEqual(["in_review", "triage"]);
  });
});

describe("the cron's nudge for lifecycles behind their D1 state", () => {
  it("re-sends routing for a proposal verified long ago without tasks, and wakes one whose verification was decided", async () => {
    const unrouted = await verifiedProposal("1.03.06.2.01.0012");
    const { id: stalled } = await proposalIn("in");
    await env.DB.batch([
      env.DB.prepare("UPDATE proposals SET status = 'submitted', updated_at = '2026-01-10T00:00:00Z' WHERE id = ?").bind(stalled),
      env.DB.prepare(
        "INSERT INTO review_tasks (id, proposal_id, kind, regency_code, queue_key, status, decision, decided_at, due_at) VALUES (?, ?, 'verification', '18.01', '18.01.06', 'decided', 'verified', '2026-01-11T00:00:00Z', '2026-01-24T00:00:00Z')",
      ).bind(`tgs_nudge_${stalled}`, stalled),
    ]);
    const deadLettered = await verifiedProposal("1.03.06.2.01.0012");
    await env.DB.prepare("INSERT INTO dead_letters (id, queue, regency_code, body, attempts) VALUES (?, 'proposal-routing', '18.01', ?, 6)").bind(`dlq_${deadLettered}`, JSON.stringify({ proposalId: deadLettered })).run();
    const fresh = await verifiedProposal("1.03.06.2.01.0012");
    await env.DB.prepare("UPDATE proposals SET updated_at = ? WHERE id = ?").bind(new Date().toISOString(), fresh).run();

    const nudged = await nudgeStalledLifecycles(depsOf(env));
    expect(nudged.woken).toBeGreaterThanOrEqual(1);
    expect(nudged.rerouted).toBeGreaterThanOrEqual(1);
    // The real queue delivers the message to the real consumer: the proposal reaches PUPR's queue.
    await vi.waitFor(async () => expect(await env.DB.prepare("SELECT count(*) AS n FROM review_tasks WHERE proposal_id = ? AND kind = 'agency_review'").bind(unrouted).first("n")).toBe(1), { timeout: 10_000, interval: 100 });
    expect(await taskCount(fresh)).toBe(0);
    expect(await taskCount(deadLettered)).toBe(0);
    // Sent again, nothing changes: routing is idempotent and a routed proposal is no longer picked.
    await nudgeStalledLifecycles(depsOf(env));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await taskCount(unrouted)).toBe(1);
  });
});
