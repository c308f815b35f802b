/**
 * Keeping lifecycles honest: Bappeda's list of failed ones and its retry, and the cron's repairs (start what has
 * no lifecycle, nudge what is behind D1).
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { hasLifecycle, restartLifecycle, startLifecycles, wakeLifecycles } from "../../messaging/lifecycle.ts";
import { requestRoutings } from "../../messaging/routing.ts";
import { auditInsert } from "../../storage/audit.ts";
import { tryBatch } from "../../storage/database.ts";
import { clearLifecycleError, failedLifecycles as failedLifecycleRows, stalledLifecycles, unstartedLifecycles } from "../../storage/operations.ts";
import { findProposal } from "../../storage/proposals.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { notFound, Refusal } from "../errors.ts";

/** Proposals whose lifecycle failed for good, for Bappeda to look at and retry. */
export async function failedLifecycles(deps: Deps, caller: Principal | undefined) {
  const admin = authorizeInOwnScope(caller, "triage.decide");
  return failedLifecycleRows(deps.db, admin.regencyCode);
}

const notFailed = new Refusal(409, "lifecycle_not_failed", { id: "Siklus usulan ini tidak sedang gagal.", en: "This proposal's lifecycle has not failed." });

/** Runs a failed lifecycle again from the start; its steps are idempotent, so what was done stays done once. */
export async function retryLifecycle(deps: Deps, caller: Principal | undefined, { proposalId }: { proposalId: string }) {
  const { db } = deps;
  const proposal = await findProposal(db, proposalId);
  if (!proposal) throw notFound;
  const admin = authorize(caller, "triage.decide", { regencyCode: proposal.regencyCode });
  if (!proposal.lifecycleError) throw notFailed;
  // Two retries at once restart the lifecycle once: the second finds the failure already cleared.
  const batch = await tryBatch(db, [
    ...clearLifecycleError(db, proposalId),
    auditInsert(db, { regencyCode: proposal.regencyCode, actor: admin.id, action: "proposal.lifecycle_retried", entityType: "proposal", entityId: proposalId, data: { error: proposal.lifecycleError } }),
  ]);
  if (!batch.ok) throw notFailed;
  await restartLifecycle(deps.env, proposalId);
  return { proposalId, restarted: true };
}

/**
 * Starts the lifecycle of every proposal whose lifecycle never ran its first step: a start refused right after
 * intake (Cloudflare refuses more than 100 creations a second), or proposals loaded by the seed. Those whose
 * instance exists but has not run yet (queued) are left to it. Runs on the cron trigger; at most `limit` a run.
 */
export async function reconcileLifecycles(deps: Deps, limit = 1000): Promise<number> {
  // Two minutes' grace: intake starts the lifecycle itself, and its first step records the start.
  const orphans = await unstartedLifecycles(deps.db, new Date(Date.now() - 2 * 60_000).toISOString(), limit);
  const missing: string[] = [];
  for (const id of orphans) if (!(await hasLifecycle(deps.env, id))) missing.push(id);
  return startLifecycles(deps.env, missing);
}

/**
 * Proposals whose D1 state is ahead of their lifecycle, because a wake-up event or a routing message was lost
 * between a write and the send (a restart at the wrong moment): the lifecycle gets a "nudged" wake-up, after which
 * it reads D1 again; a verified proposal still without agency or triage task gets its routing message again
 * (routing is idempotent). Lifecycles wait on people until their next deadline, so this is what bounds how late
 * a lost wake-up is noticed: one cron period.
 */
export async function nudgeStalledLifecycles(deps: Deps, olderThanMs = 10 * 60_000, limit = 200): Promise<{ woken: number; rerouted: number }> {
  const stalled = await stalledLifecycles(deps.db, new Date(Date.now() - olderThanMs).toISOString(), limit);
  const woken = [...stalled.verification, ...stalled.reviewed, ...stalled.triaged, ...stalled.settled];
  await wakeLifecycles(deps.env, woken, { kind: "nudged" });
  await requestRoutings(deps.env, stalled.unrouted.map((proposalId) => ({ proposalId, attempt: 1 })));
  return { woken: woken.length, rerouted: stalled.unrouted.length };
}
