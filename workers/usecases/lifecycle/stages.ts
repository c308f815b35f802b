/**
 * What each step of a proposal's lifecycle does to D1, one function per step body; the workflow
 * (workers/workflows/proposal-lifecycle.ts) only orders them and waits in between. Decisions about time are made
 * here, inside the steps, from the clock they are given: a step's result is cached, so a replay after hibernation
 * decides the same way. Every write is idempotent by its dedupe key or unique index, so a retried step records its
 * effect once.
 */
import { FORUM_PATIENCE_MS, nextDeadlineIn, overdueStage, ROUTING_PATIENCE_MS, taskDueAt } from "../../../shared/lifecycle/deadlines.ts";
import { passesDistrictVerification } from "../../../shared/proposals/channels.ts";
import { ACCEPTED_STATUSES } from "../../../shared/proposals/lifecycle.ts";
import { isOpenTask, proposalOutcome, type DecisionName } from "../../../shared/reviews/decisions.ts";
import { requestRouting } from "../../messaging/routing.ts";
import { enqueueDeliveries } from "../../messaging/webhooks.ts";
import { auditInsert } from "../../storage/audit.ts";
import { runBatch, tryBatch } from "../../storage/database.ts";
import { openCrossAgencyFlags } from "../../storage/forums.ts";
import { markLifecycleStarted, setLifecycleError } from "../../storage/operations.ts";
import { findProposal } from "../../storage/proposals.ts";
import { renjaLineStatements } from "../../storage/renja.ts";
import { applyTransition, notSettledByForum, openTaskStatement, overdueStatements, reopenTask, tasksOf, transitionStatements, type TaskRow, type Transition } from "../../storage/reviews.ts";
import type { Deps } from "../deps.ts";

/** An open task and how long until its deadline asks for something. */
export interface OpenedTask {
  id: string;
  open: boolean;
  wakeInMs: number;
}

export interface LifecycleStart {
  /** `channel` is absent in the cached results of lifecycles started before channels came: those are desa. */
  proposal: { regencyCode: string; districtCode: string; status: string; channel?: string };
  task: OpenedTask | null;
}

/**
 * The verification task of `round`: intake opens the first in the proposal's own batch (here it is opened for
 * proposals that arrived another way, such as the demo seed); a returned proposal reopens the same task row.
 */
export async function openVerification(deps: Deps, proposal: { id: string; regencyCode: string; districtCode: string }, round: number, now: number): Promise<OpenedTask> {
  const { db } = deps;
  await db.batch([openTaskStatement(db, { proposalId: proposal.id, regencyCode: proposal.regencyCode, kind: "verification", agencyId: null, queueKey: proposal.districtCode, dueAt: taskDueAt("verification", now) })]);
  const existing = (await tasksOf(db, proposal.id, "verification")).find((t) => t.queueKey === proposal.districtCode)!;
  if (round > 1 && existing.status === "decided") {
    const dueAt = taskDueAt("verification", now);
    await db.batch([reopenTask(db, existing.id, dueAt)]);
    return { id: existing.id, open: true, wakeInMs: Date.parse(dueAt) - now };
  }
  return { id: existing.id, open: isOpenTask(existing), wakeInMs: nextDeadlineIn([existing], now) };
}

/**
 * The proposal's place and its first verification task (none when the village withdrew it already, or for a pokir
 * or thematic line, which skips the kecamatan); the start is recorded.
 */
export async function startLifecycleStage(deps: Deps, proposalId: string, now: number): Promise<LifecycleStart> {
  const row = await findProposal(deps.db, proposalId);
  if (!row) throw new Error(`proposal ${proposalId} not found`);
  await deps.db.batch([markLifecycleStarted(deps.db, proposalId)]);
  const proposal = { regencyCode: row.regencyCode, districtCode: row.districtCode, status: row.status, channel: row.channel };
  if (row.status === "withdrawn" || !passesDistrictVerification(row.channel)) return { proposal, task: null };
  return { proposal, task: await openVerification(deps, { id: proposalId, ...proposal }, 1, now) };
}

export type TaskWait = { kind: "done"; tasks: TaskRow[] } | { kind: "withdrawn" } | { kind: "expired" } | { kind: "waiting"; wakeInMs: number };

/**
 * Where the tasks stand: all decided, the proposal withdrawn, or still waiting (and for how long at most); past
 * the earliest due date a reminder, a week later an escalation to Bappeda (each once), a month after that "expired".
 */
export async function checkTasks(deps: Deps, proposalId: string, taskIds: readonly string[], dedupePrefix: string, now: number): Promise<TaskWait> {
  const { db } = deps;
  if ((await findProposal(db, proposalId))?.status === "withdrawn") return { kind: "withdrawn" };
  const tasks = (await tasksOf(db, proposalId)).filter((t) => taskIds.includes(t.id));
  const open = tasks.filter(isOpenTask);
  if (open.length === 0) return { kind: "done", tasks: tasks.filter((t) => t.status === "decided" || t.status === "cancelled") };
  const overdue = overdueStage(open, now);
  if (overdue === "remind" || overdue === "escalate") {
    const marked = await overdueStatements(db, taskIds, overdue === "remind" ? "reminded" : "escalated", `${dedupePrefix}:${overdue}`);
    await runBatch(db, marked.statements);
    await enqueueDeliveries(deps.env, marked.messages);
  }
  return overdue === "expire" ? { kind: "expired" } : { kind: "waiting", wakeInMs: nextDeadlineIn(open, now) };
}

/** Whether the village has sent its returned proposal back (or withdrawn it), or it still waits with the village. */
export async function resubmissionState(deps: Deps, proposalId: string): Promise<"resubmitted" | "withdrawn" | "returned"> {
  const status = (await findProposal(deps.db, proposalId))?.status;
  return status === "withdrawn" ? "withdrawn" : status === "returned" ? "returned" : "resubmitted";
}

/** Asks the routing queue to route the proposal; when, for the patience that follows. */
export async function requestRoutingStage(deps: Deps, proposalId: string, attempt: number, now: number): Promise<{ requestedAt: number }> {
  await requestRouting(deps.env, proposalId, attempt);
  return { requestedAt: now };
}

/** The tasks routing opened, once it did (agency reviews, or a triage task still to decide), and whether patience ran out. */
export async function routingResult(deps: Deps, proposalId: string, requestedAt: number, now: number): Promise<{ tasks: TaskRow[]; expired: boolean }> {
  const tasks = (await tasksOf(deps.db, proposalId)).filter((t) => t.kind !== "verification" && t.status !== "cancelled");
  return { tasks, expired: now - requestedAt >= ROUTING_PATIENCE_MS };
}

/** Routing never came back (its message dead-lettered and not replayed): Bappeda triages the proposal by hand. */
export async function openFallbackTriage(deps: Deps, proposalId: string, attempt: number, now: number): Promise<TaskRow> {
  const { db } = deps;
  const proposal = (await findProposal(db, proposalId))!;
  await db.batch([openTaskStatement(db, { proposalId, regencyCode: proposal.regencyCode, kind: "triage", agencyId: null, queueKey: proposal.regencyCode, dueAt: taskDueAt("triage", now) })]);
  await applyTransition(db, { proposalId, regencyCode: proposal.regencyCode, status: "triage", stage: "opd_review", actor: "system:lifecycle", action: "proposal.triage", dedupeKey: `${proposalId}:fallback-triage:${attempt}`, data: { reason: "routing tidak selesai" } });
  return (await tasksOf(db, proposalId, "triage")).find((t) => t.status !== "decided")!;
}

/** Open cross-agency flags of the proposal, since when it waits at the forum, and whether the season's patience ran out. */
export async function forumState(deps: Deps, proposalId: string, since: number | null, now: number): Promise<{ open: number; since: number; expired: boolean; wakeInMs: number }> {
  const open = (await openCrossAgencyFlags(deps.db, proposalId)).length;
  const start = since ?? now;
  return { open, since: start, expired: now - start >= FORUM_PATIENCE_MS, wakeInMs: start + FORUM_PATIENCE_MS - now };
}

export const transition = (deps: Deps, t: Transition) => applyTransition(deps.db, t);

/**
 * The outcome from every agency's decision (unless the forum already merged or rejected the proposal), with the
 * accepted changes applied, and what was agreed written as Renja lines for Bappeda's export. A proposal whose
 * every part the forum gave to another agency's proposal is merged into it.
 */
export async function recordOutcome(deps: Deps, proposalId: string, regencyCode: string, closed: readonly Pick<TaskRow, "agencyId" | "status" | "decision" | "decisionData">[]): Promise<{ status: string }> {
  const { db } = deps;
  const current = await findProposal(db, proposalId);
  if (current && (current.status === "merged" || current.status === "rejected")) return { status: current.status };
  const decided = closed.filter((t) => t.status === "decided");
  if (decided.length === 0) {
    const mergedIntoId = closed.map((t) => (JSON.parse(t.decisionData ?? "{}") as { mergedIntoId?: string }).mergedIntoId).find(Boolean);
    if (!mergedIntoId) return { status: current?.status ?? "in_review" };
    return settle(deps, proposalId, { proposalId, regencyCode, status: "merged", actor: "system:lifecycle", action: "proposal.merged", dedupeKey: `${proposalId}:outcome`, data: { mergedIntoId } });
  }
  const outcome = proposalOutcome(decided.map((t) => t.decision as DecisionName));
  const changes = Object.assign({}, ...decided.filter((t) => t.decision === "accepted_with_changes").map((t) => (JSON.parse(t.decisionData ?? "{}") as { changes?: object }).changes ?? {}));
  const settled = await settle(deps, proposalId, {
    proposalId,
    regencyCode,
    status: outcome,
    stage: (ACCEPTED_STATUSES as readonly string[]).includes(outcome) ? "renja" : "opd_review",
    actor: "system:lifecycle",
    action: `proposal.${outcome}`,
    dedupeKey: `${proposalId}:outcome`,
    data: {
      decisions: decided.map((t) => ({ agencyId: t.agencyId, decision: t.decision })),
      ...(outcome === "merged" ? { mergedIntoId: decided.map((t) => (JSON.parse(t.decisionData ?? "{}") as { mergedIntoId?: string }).mergedIntoId).find(Boolean) } : {}),
    },
    set: changes,
  });
  await runBatch(db, await renjaLineStatements(db, proposalId));
  return settled;
}

/** The outcome, unless a forum decision merged or rejected the proposal since it was read: the forum's stands. */
async function settle(deps: Deps, proposalId: string, t: Transition): Promise<{ status: string }> {
  const batch = await tryBatch(deps.db, [notSettledByForum(deps.db, proposalId), ...transitionStatements(deps.db, t)]);
  return batch.ok ? { status: t.status } : { status: (await findProposal(deps.db, proposalId))!.status };
}

/** A lifecycle that failed for good: visible to Bappeda (lifecycle_error), audited, retryable. */
export async function recordLifecycleFailure(deps: Deps, proposalId: string, error: unknown): Promise<void> {
  const { db } = deps;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const row = await findProposal(db, proposalId);
  if (!row) return;
  await db.batch([
    setLifecycleError(db, proposalId, message),
    auditInsert(db, { regencyCode: row.regencyCode, actor: "system:lifecycle", action: "proposal.lifecycle_failed", entityType: "proposal", entityId: proposalId, data: { error: message } }),
  ]);
}
