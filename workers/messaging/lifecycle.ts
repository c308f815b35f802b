/**
 * Starting and waking proposals' lifecycles (the PROPOSAL_LIFECYCLE workflow). The instance id is the proposal id,
 * so starting twice is harmless; a start or a wake-up that fails is logged and left to the cron, which starts
 * what has no lifecycle and nudges what is behind D1.
 */
import { LIFECYCLE_EVENT, type LifecycleWake } from "../../shared/contracts.ts";
import type { Env } from "../env.ts";
import { batches } from "./parts.ts";

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

/**
 * Starts the lifecycles of `proposalIds` (100 per `createBatch`, at most `perSecond` creations a second: Cloudflare
 * refuses more than 100 a second per workflow). Returns how many were created; one that exists already is skipped.
 */
export async function startLifecycles(env: Env, proposalIds: readonly string[], perSecond = 90): Promise<number> {
  let created = 0;
  for (const [index, part] of batches(proposalIds).entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, (part.length / perSecond) * 1000));
    try {
      const result = await env.PROPOSAL_LIFECYCLE.createBatch({ instances: part.map((proposalId) => ({ id: proposalId, params: { proposalId } })) });
      created += result.created.length;
      for (const error of result.errors) if (!/already exists/i.test(error.message)) console.error(`lifecycle ${error.id ?? error.index} not started: ${error.message}`);
    } catch (error) {
      console.error(`${part.length} lifecycles not started; the reconciler tries again`, error);
    }
  }
  return created;
}

/** Tells a running lifecycle that something happened to its proposal; a lifecycle that is not there is logged. */
export async function wakeLifecycle(env: Env, proposalId: string, wake: LifecycleWake): Promise<void> {
  try {
    const instance = await env.PROPOSAL_LIFECYCLE.get(proposalId);
    await instance.sendEvent({ type: LIFECYCLE_EVENT, payload: wake });
  } catch (error) {
    console.error(`lifecycle wake-up ${wake.kind} for ${proposalId} not delivered`, error);
  }
}

export async function wakeLifecycles(env: Env, proposalIds: readonly string[], wake: LifecycleWake): Promise<void> {
  await Promise.all(proposalIds.map((id) => wakeLifecycle(env, id, wake)));
}

/** Whether a proposal has a lifecycle instance (any status). */
export async function hasLifecycle(env: Env, proposalId: string): Promise<boolean> {
  try {
    await env.PROPOSAL_LIFECYCLE.get(proposalId);
    return true;
  } catch {
    return false;
  }
}

/** Runs a failed lifecycle again from the start (its steps are idempotent), or starts one that is missing. */
export async function restartLifecycle(env: Env, proposalId: string): Promise<void> {
  try {
    await (await env.PROPOSAL_LIFECYCLE.get(proposalId)).restart();
  } catch {
    await startLifecycle(env, proposalId);
  }
}
