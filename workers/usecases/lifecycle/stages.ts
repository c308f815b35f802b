/**
 * What each step of a proposal's lifecycle does to D1, one function per step body; the workflow
 * (workers/workflows/proposal-lifecycle.ts) only orders them and waits in between. Every write is idempotent by
 * its dedupe key or unique index, so a step retried after a crash records its effect once.
 */
import { overdueStage, taskDueAt } from "../../../shared/lifecycle/deadlines.ts";
import { ACCEPTED_STATUSES } from "../../../shared/proposals/lifecycle.ts";
import { isOpenTask, proposalOutcome, type DecisionName } from "../../../shared/reviews/decisions.ts";
import { enqueueDeliveries } from "../../messaging/webhooks.ts";
import { auditInsert } from "../../storage/audit.ts";
import { runBatch } from "../../storage/database.ts";
import { openCrossAgencyFlags } from "../../storage/forums.ts";
import { setLifecycleError } from "../../storage/operations.ts";
import { findProposal } from "../../storage/proposals.ts";
import { renjaLineStatements } from "../../storage/renja.ts";
import { applyTransition, openTaskStatement, overdueStatements, reopenTask, tasksOf, type TaskRow, type Transition } from "../../storage/reviews.ts";
import type { Deps } from "../deps.ts";

export interface LifecycleStart {
  proposal: { regencyCode: string; districtCode: string; status: string };
  task: { id: string; open: boolean } | null;
}

/**
 * The verification task of `round`: intake opens the first in the proposal's own batch (here it is opened for
 * proposals that arrived another way, such as the demo seed); a returned proposal reopens the same task row.
 */
export async function openVerification(deps: Deps, proposal: { id: string; regencyCode: string; districtCode: string }, round: number): Promise<{ id: string; open: boolean }> {
  const { db } = deps;
  await db.batch([openTaskStatement(db, { proposalId: proposal.id, regencyCode: proposal.regencyCode, kind: "verification", agencyId: null, queueKey: proposal.districtCode, dueAt: taskDueAt("verification", Date.now()) })]);
  const existing = (await tasksOf(db, proposal.id, "verification")).find((t) => t.queueKey === proposal.districtCode)!;
  if (round > 1 && existing.status === "decided") {
    await db.batch([reopenTask(db, existing.id, taskDueAt("verification", Date.now()))]);
    return { id: existing.id, open: true };
  }
  return { id: existing.id, open: isOpenTask(existing) };
}

/** The proposal's place and its first verification task; no task when the village withdrew it already. */
export async function startLifecycleStage(deps: Deps, proposalId: string): Promise<LifecycleStart> {
  const row = await findProposal(deps.db, proposalId);
  if (!row) throw new Error(`proposal ${proposalId} not found`);
  const proposal = { regencyCode: row.regencyCode, districtCode: row.districtCode, status: row.status };
  if (row.status === "withdrawn") return { proposal, task: null };
  return { proposal, task: await openVerification(deps, { id: proposalId, ...proposal }, 1) };
}

export type TaskWait = { kind: "done"; tasks: TaskRow[] } | { kind: "withdrawn" } | { kind: "expired" } | { kind: "waiting" };

/**
 * Where the tasks stand: all decided, the proposal withdrawn, or still waiting; past the earliest due date a
 * reminder, a week later an escalation to Bappeda (each once), and a month after that "expired".
 */
export async function checkTasks(deps: Deps, proposalId: string, taskIds: readonly string[], dedupePrefix: string, now: number): Promise<TaskWait> {
  const { db } = deps;
  if ((await findProposal(db, proposalId))?.status === "withdrawn") return { kind: "withdrawn" };
  const tasks = (await tasksOf(db, proposalId)).filter((t) => taskIds.includes(t.id));
  const open = tasks.filter(isOpenTask);
  if (open.length === 0) return { kind: "done", tasks: tasks.filter((t) => t.status === "decided") };
  const overdue = overdueStage(open, now);
  if (overdue === "remind" || overdue === "escalate") {
    const marked = await overdueStatements(db, taskIds, overdue === "remind" ? "reminded" : "escalated", `${dedupePrefix}:${overdue}`);
    await runBatch(db, marked.statements);
    await enqueueDeliveries(deps.env, marked.messages);
  }
  return { kind: overdue === "expire" ? "expired" : "waiting" };
}

/** The tasks routing opened, once it did: agency reviews, or a triage task still to decide. */
export async function routingResult(deps: Deps, proposalId: string): Promise<TaskRow[]> {
  return (await tasksOf(deps.db, proposalId)).filter((t) => t.kind !== "verification" && t.status !== "cancelled");
}

/** Routing never came back (its message dead-lettered and not replayed): Bappeda triages the proposal by hand. */
export async function openFallbackTriage(deps: Deps, proposalId: string, attempt: number): Promise<TaskRow> {
  const { db } = deps;
  const proposal = (await findProposal(db, proposalId))!;
  await db.batch([openTaskStatement(db, { proposalId, regencyCode: proposal.regencyCode, kind: "triage", agencyId: null, queueKey: proposal.regencyCode, dueAt: taskDueAt("triage", Date.now()) })]);
  await applyTransition(db, { proposalId, regencyCode: proposal.regencyCode, status: "triage", stage: "opd_review", actor: "system:lifecycle", action: "proposal.triage", dedupeKey: `${proposalId}:fallback-triage:${attempt}`, data: { reason: "routing tidak selesai" } });
  return (await tasksOf(db, proposalId, "triage")).find((t) => t.status !== "decided")!;
}

export const openForumFlags = async (deps: Deps, proposalId: string) => (await openCrossAgencyFlags(deps.db, proposalId)).length;

export const transition = (deps: Deps, t: Transition) => applyTransition(deps.db, t);

/**
 * The outcome from every agency's decision (unless the forum already merged or rejected the proposal), with the
 * accepted changes applied, and what was agreed written as Renja lines for Bappeda's export.
 */
export async function recordOutcome(deps: Deps, proposalId: string, regencyCode: string, decided: readonly Pick<TaskRow, "agencyId" | "decision" | "decisionData">[]): Promise<{ status: string }> {
  const { db } = deps;
  const current = await findProposal(db, proposalId);
  if (current && (current.status === "merged" || current.status === "rejected")) return { status: current.status };
  if (decided.length === 0) return { status: current?.status ?? "in_review" };
  const outcome = proposalOutcome(decided.map((t) => t.decision as DecisionName));
  const changes = Object.assign({}, ...decided.filter((t) => t.decision === "accepted_with_changes").map((t) => (JSON.parse(t.decisionData ?? "{}") as { changes?: object }).changes ?? {}));
  await applyTransition(db, {
    proposalId,
    regencyCode,
    status: outcome,
    stage: (ACCEPTED_STATUSES as readonly string[]).includes(outcome) ? "renja" : "opd_review",
    actor: "system:lifecycle",
    action: `proposal.${outcome}`,
    dedupeKey: `${proposalId}:outcome`,
    data: { decisions: decided.map((t) => ({ agencyId: t.agencyId, decision: t.decision })) },
    set: changes,
  });
  await runBatch(db, await renjaLineStatements(db, proposalId));
  return { status: outcome };
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
