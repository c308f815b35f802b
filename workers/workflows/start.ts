/**
 * Starting a proposal's lifecycle. The instance id is the proposal id, so starting twice is harmless; a start
 * that fails is logged and left to the reconciler, which starts every submitted proposal that has none.
 */
import type { Env } from "../env.ts";
import { LIFECYCLE_EVENT } from "./proposal-lifecycle.ts";

export async function startLifecycle(env: Env, proposalId: string): Promise<boolean> {
  try {
    await env.PROPOSAL_LIFECYCLE.create({ id: proposalId, params: { proposalId } });
    return true;
  } catch (error) {
    if (/already exists/i.test(String(error))) return true;
    console.error(`lifecycle for ${proposalId} not started`, error);
    return false;
  }
}

/** Tells a running lifecycle that something happened to its proposal; a lifecycle that is not there is logged. */
export async function notifyLifecycle(env: Env, proposalId: string, event: { type: string; payload: unknown }): Promise<void> {
  try {
    const instance = await env.PROPOSAL_LIFECYCLE.get(proposalId);
    await instance.sendEvent(event);
  } catch (error) {
    console.error(`lifecycle event ${event.type} for ${proposalId} not delivered`, error);
  }
}

/**
 * Starts the lifecycle of every submitted proposal that has none: a start that failed right after intake, or
 * proposals loaded by the seed. Runs on the cron trigger; cheap when there is nothing to do.
 */
export async function reconcileLifecycles(env: Env, limit = 500): Promise<number> {
  const recent = await env.DB.prepare(
    "SELECT id FROM proposals WHERE status IN ('submitted', 'returned', 'verified') ORDER BY updated_at DESC LIMIT ?",
  )
    .bind(limit)
    .all<{ id: string }>();
  let started = 0;
  for (const { id } of recent.results) {
    try {
      await env.PROPOSAL_LIFECYCLE.get(id);
    } catch {
      if (await startLifecycle(env, id)) started++;
    }
  }
  return started;
}

/**
 * Proposals whose D1 state is ahead of their lifecycle, because a wake-up event or a routing message was lost
 * between a write and the send (a restart at the wrong moment): a verification decided a while ago that the
 * lifecycle has not acted on gets its wake-up again; a verified proposal still without agency or triage task gets
 * its routing message again (routing is idempotent), unless that message is in the dead-letter queue. Runs on
 * the cron trigger, so nothing waits for a window of hours or the two days after which routing falls back to
 * triage.
 */
export async function nudgeStalledLifecycles(env: Env, olderThanMs = 10 * 60_000, limit = 200): Promise<{ woken: number; rerouted: number }> {
  const cutoff = new Date(Date.now() - olderThanMs).toISOString();
  const [decided, unrouted] = await env.DB.batch<{ id: string }>([
    env.DB.prepare(
      `SELECT p.id FROM proposals p JOIN review_tasks t ON t.proposal_id = p.id AND t.kind = 'verification'
       WHERE p.status IN ('submitted', 'returned') AND t.status = 'decided' AND t.decided_at < ? AND p.updated_at < t.decided_at LIMIT ?`,
    ).bind(cutoff, limit),
    env.DB.prepare(
      `SELECT p.id FROM proposals p WHERE p.status = 'verified' AND p.updated_at < ?
         AND NOT EXISTS (SELECT 1 FROM review_tasks t WHERE t.proposal_id = p.id AND t.kind IN ('agency_review', 'triage'))
         -- A dead-lettered message waits for Bappeda's replay; sending it again would only dead-letter it again.
         AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.queue = 'proposal-routing' AND d.replayed_at IS NULL AND json_extract(d.body, '$.proposalId') = p.id)
         LIMIT ?`,
    ).bind(cutoff, limit),
  ]);
  const woken = decided!.results.map((r) => r.id);
  const rerouted = unrouted!.results.map((r) => r.id);
  await Promise.all(woken.map((id) => notifyLifecycle(env, id, { type: LIFECYCLE_EVENT, payload: { kind: "verification_decided" } })));
  if (rerouted.length > 0) await env.PROPOSAL_ROUTING.sendBatch(rerouted.map((proposalId) => ({ body: { proposalId, attempt: 1 } })));
  return { woken: woken.length, rerouted: rerouted.length };
}
