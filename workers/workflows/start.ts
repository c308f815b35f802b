/**
 * Starting a proposal's lifecycle. The instance id is the proposal id, so starting twice is harmless; a start
 * that fails is logged and left to the reconciler, which starts every submitted proposal that has none.
 */
import type { Env } from "../env.ts";

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
