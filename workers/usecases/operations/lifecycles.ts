/**
 * Keeping lifecycles honest: Bappeda's list of failed ones and its retry, and the cron's repairs (start what has
 * no lifecycle, nudge what is behind D1).
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { hasLifecycle, restartLifecycle, startLifecycle, wakeLifecycles } from "../../messaging/lifecycle.ts";
import { requestRoutings } from "../../messaging/routing.ts";
import { auditInsert } from "../../storage/audit.ts";
import { tryBatch } from "../../storage/database.ts";
import { clearLifecycleError, failedLifecycles as failedLifecycleRows, proposalsBeforeRouting, stalledLifecycles } from "../../storage/operations.ts";
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
 * Starts the lifecycle of every proposal before routing that has none: a start that failed right after intake, or
 * proposals loaded by the seed. Runs on the cron trigger; cheap when there is nothing to do.
 */
export async function reconcileLifecycles(deps: Deps, limit = 500): Promise<number> {
  let started = 0;
  for (const id of await proposalsBeforeRouting(deps.db, limit)) {
    if (!(await hasLifecycle(deps.env, id)) && (await startLifecycle(deps.env, id))) started++;
  }
  return started;
}

/**
 * Proposals whose D1 state is ahead of their lifecycle, because a wake-up event or a routing message was lost
 * between a write and the send (a restart at the wrong moment): a verification decided a while ago that the
 * lifecycle has not acted on gets its wake-up again; a verified proposal still without agency or triage task gets
 * its routing message again (routing is idempotent). Runs on the cron trigger, so nothing waits for a window of
 * hours or the two days after which routing falls back to triage.
 */
export async function nudgeStalledLifecycles(deps: Deps, olderThanMs = 10 * 60_000, limit = 200): Promise<{ woken: number; rerouted: number }> {
  const { decided, unrouted } = await stalledLifecycles(deps.db, new Date(Date.now() - olderThanMs).toISOString(), limit);
  await wakeLifecycles(deps.env, decided, { kind: "verification_decided" });
  await requestRoutings(deps.env, unrouted.map((proposalId) => ({ proposalId, attempt: 1 })));
  return { woken: decided.length, rerouted: unrouted.length };
}
