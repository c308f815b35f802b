/**
 * Deciding a review task: the web page, the API and agencies' signed webhooks all call `decideTask`. The decision,
 * its details and its audit event are one batch guarded on the task still being open; a second, different decision
 * is a conflict, the same one again is answered as it was the first time. Then the proposal's lifecycle is woken:
 * this is where a decision resumes the workflow.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { Target } from "../../../shared/access/policy.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import type { LifecycleWake } from "../../../shared/contracts.ts";
import { DECISIONS_BY_KIND, decisionData, type Decision, type TaskKind } from "../../../shared/reviews/decisions.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { wakeLifecycle } from "../../messaging/lifecycle.ts";
import { enqueueDeliveries } from "../../messaging/webhooks.ts";
import { shortBy, shortfallText } from "../../../shared/budget/shortfall.ts";
import { agencyOf } from "../../storage/agencies.ts";
import { auditInsert } from "../../storage/audit.ts";
import { findRegion } from "../../storage/regions.ts";
import { committed, envelope, envelopeGuard, type EnvelopeKind } from "../../storage/budget.ts";
import { nowIso, tryBatch } from "../../storage/database.ts";
import { recommendationStatement, type RecommendationRow } from "../../storage/recommendations.ts";
import { findProposal, findProposalInRegency } from "../../storage/proposals.ts";
import type { ScheduledAction } from "../../../shared/calendar/windows.ts";
import { assertStageOpen } from "../calendar/calendar.ts";
import { closeOpenTask, findTask, replaceClassification, taskStillOpen, type TaskRow } from "../../storage/reviews.ts";
import { prepareWebhookEvent } from "../../storage/webhooks.ts";
import { authorize } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound, Refusal } from "../errors.ts";
import { checkSubActivity } from "../proposals/submit.ts";
import { resolveTarget } from "../../../shared/renja/units.ts";
import { priorityExists } from "../../storage/priorities.ts";
import { agencySubActivity } from "../../storage/renja.ts";
import { targetRequired } from "../renja/targets.ts";

export function taskTarget(task: TaskRow, districtCode: string): Target {
  return { regencyCode: task.regencyCode, districtCode, agencyIds: task.agencyId ? [task.agencyId] : [] };
}

const ACTION_BY_KIND = { verification: "proposal.verify", agency_review: "review.decide", triage: "triage.decide" } as const;

function wakeFor(task: TaskRow): LifecycleWake {
  const kinds = { verification: "verification_decided", agency_review: "review_decided", triage: "triage_decided" } as const satisfies Record<TaskKind, LifecycleWake["kind"]>;
  return { kind: kinds[task.kind], taskId: task.id };
}

/** The task with the caller allowed to decide it (404/403 otherwise). */
export async function taskFor(deps: Deps, caller: Principal | undefined, taskId: string): Promise<{ task: TaskRow; principal: Principal; districtCode: string }> {
  const task = await findTask(deps.db, taskId);
  if (!task) throw notFound;
  const proposal = await findProposal(deps.db, task.proposalId);
  const districtCode = proposal?.districtCode ?? "";
  const principal = authorize(caller, ACTION_BY_KIND[task.kind], taskTarget(task, districtCode));
  return { task, principal, districtCode };
}

export function decisionView(task: TaskRow) {
  return {
    taskId: task.id,
    proposalId: task.proposalId,
    kind: task.kind,
    agencyId: task.agencyId,
    status: task.status,
    decision: task.decision,
    reason: task.decisionReason,
    data: task.decisionData ? (JSON.parse(task.decisionData) as Record<string, unknown>) : null,
    decidedBy: task.decidedBy,
    decidedAt: task.decidedAt,
  };
}

const conflict = (task: TaskRow) =>
  new Refusal(409, "task_already_decided", { id: "Tugas ini sudah diputuskan dengan keputusan lain.", en: "This task was already decided differently." }, { details: { existing: decisionView(task) } });

function sameDecision(task: TaskRow, decision: Decision): boolean {
  const { reviewerName: _name, ...data } = decisionData(decision) as { reviewerName?: string };
  const { reviewerName: _stored, ...stored } = JSON.parse(task.decisionData ?? "{}") as { reviewerName?: string };
  return task.decision === decision.decision && JSON.stringify(data) === JSON.stringify(stored);
}

async function checkDetails(deps: Deps, task: TaskRow, decision: Decision): Promise<{ mergedIntoId?: string }> {
  if (!DECISIONS_BY_KIND[task.kind].includes(decision.decision)) throw invalidInput([customIssue("decision", "decision_not_for_task", deps.lang)]);
  if (decision.decision === "merged") {
    const target = await findProposalInRegency(deps.db, decision.mergedInto, task.regencyCode);
    if (!target || target.id === task.proposalId) throw invalidInput([customIssue("mergedInto", "proposal_unknown", deps.lang)]);
    return { mergedIntoId: target.id };
  }
  if (decision.decision === "route") {
    for (const [index, code] of decision.subActivityCodes.entries()) await checkSubActivity(deps.db, deps.lang, code, `subActivityCodes.${index}`);
  }
  if (decision.decision === "accepted_with_changes") await checkSubActivity(deps.db, deps.lang, decision.changes.subActivityCode, "changes.subActivityCode");
  if (task.kind === "agency_review" && (decision.decision === "accepted" || decision.decision === "accepted_with_changes")) await checkAcceptance(deps, task, decision);
  return {};
}

/**
 * An acceptance names the output target in the indicator's own unit whenever the village's unit is another one
 * (300 m of road is not "300 KM"): refused without it, with the converted value as a suggestion where the
 * conversion is certain. A regional priority it tags must be on the year's list.
 */
async function checkAcceptance(deps: Deps, task: TaskRow, decision: Extract<Decision, { decision: "accepted" | "accepted_with_changes" }>): Promise<void> {
  const proposal = (await findProposal(deps.db, task.proposalId))!;
  const changes = decision.decision === "accepted_with_changes" ? decision.changes : {};
  const { indicatorUnit } = await agencySubActivity(deps.db, proposal, task.agencyId!, changes.subActivityCode);
  const volume = changes.volume ?? proposal.volume;
  const resolved = resolveTarget({ volume, volumeUnit: proposal.unit, indicatorUnit, given: decision.target });
  if (resolved.kind === "required") throw targetRequired(deps.lang, "target", { volume, volumeUnit: proposal.unit, indicatorUnit: indicatorUnit!, suggestion: resolved.suggestion });
  if (decision.priorityCode && !(await priorityExists(deps.db, task.regencyCode, proposal.year, decision.priorityCode))) throw invalidInput([customIssue("priorityCode", "priority_unknown", deps.lang)]);
}

type Exceeded = { kind: EnvelopeKind; target: string; name: string; amount: number; used: number; shortBy: number };

/** Names the envelope that is short (the agency's or the kecamatan's) and by how much, in words. */
const envelopeRefusal = (cost: number, exceeded: Exceeded[]) => new Refusal(409, "envelope_exceeded", shortfallText(cost, exceeded), { details: { cost, envelopes: exceeded } });

interface EnvelopeCheck {
  cost: number;
  envelopes: (readonly [EnvelopeKind, string])[];
  proposal: { id: string; year: number };
}

/** The envelopes an accept draws on (the agency's and the kecamatan's) and its cost; null when it draws on none. */
async function envelopeCheck(deps: Deps, task: TaskRow, decision: Decision): Promise<EnvelopeCheck | null> {
  if (task.kind !== "agency_review" || (decision.decision !== "accepted" && decision.decision !== "accepted_with_changes")) return null;
  const proposal = (await findProposal(deps.db, task.proposalId))!;
  const cost = decision.decision === "accepted_with_changes" ? (decision.changes.estimatedCost ?? proposal.estimatedCost) : proposal.estimatedCost;
  return { cost, envelopes: [["agency", task.agencyId!], ["district", proposal.districtCode]], proposal };
}

async function exceededEnvelopes(deps: Deps, task: TaskRow, check: EnvelopeCheck): Promise<Exceeded[]> {
  const exceeded: Exceeded[] = [];
  for (const [kind, target] of check.envelopes) {
    const limit = await envelope(deps.db, task.regencyCode, check.proposal.year, kind, target);
    if (!limit) continue;
    const used = await committed(deps.db, task.regencyCode, check.proposal.year, kind, target, check.proposal.id);
    if (used + check.cost > limit.amount) {
      const name = kind === "agency" ? (await agencyOf(deps.db, task.regencyCode, target))?.name : (await findRegion(deps.db, target))?.name;
      const envelope = { kind, target, name: name ?? target, amount: limit.amount, used };
      exceeded.push({ ...envelope, shortBy: shortBy(check.cost, envelope) });
    }
  }
  return exceeded;
}

/**
 * Accepting draws on the agency's and the kecamatan's envelopes: over-commitment is refused (409) unless Bappeda
 * accepts anyway with a reason. Returns the envelopes exceeded under such an override, and the guards that keep
 * the decision's batch within the envelopes (what fits now may not fit once a parallel accept commits).
 */
async function checkEnvelopes(deps: Deps, principal: Principal, task: TaskRow, decision: Decision): Promise<{ overCommitted: string[] | null; guards: BatchItem<"sqlite">[] }> {
  const check = await envelopeCheck(deps, task, decision);
  if (!check) return { overCommitted: null, guards: [] };
  const overridden = principal.role === "planning_admin" && "budgetOverride" in decision && !!decision.budgetOverride;
  const exceeded = await exceededEnvelopes(deps, task, check);
  if (exceeded.length > 0 && !overridden) throw envelopeRefusal(check.cost, exceeded);
  if (overridden) return { overCommitted: exceeded.length ? exceeded.map((e) => `${e.kind}:${e.target}`) : null, guards: [] };
  const guards = check.envelopes.map(([kind, target]) => envelopeGuard(deps.db, task.regencyCode, check.proposal.year, kind, target, check.proposal.id, check.cost));
  return { overCommitted: null, guards };
}

/** A decision whose batch `guard` rolled back: answered from the state the winning request left. */
async function answerLostRace(deps: Deps, task: TaskRow, decision: Decision, guard: string): Promise<Decided> {
  if (guard === "task_closed") {
    // Someone decided it between our read and our write: answer as if we had read their decision.
    const current = (await findTask(deps.db, task.id))!;
    if (sameDecision(current, decision)) return { status: 200, task: decisionView(current) };
    throw conflict(current);
  }
  if (guard === "envelope_exceeded") {
    const check = (await envelopeCheck(deps, task, decision))!;
    throw envelopeRefusal(check.cost, await exceededEnvelopes(deps, task, check));
  }
  throw new Error(`decision batch stopped by guard ${guard}`);
}

/**
 * An agency's decision as its level's recommendation (SIPD's rekom_skpd): the volume and cost it accepted (its
 * changes, or what was asked), or none with its reason when it turned its part down.
 */
async function agencyRecommendation(deps: Deps, task: TaskRow, decision: Decision, reason: string | null, decidedBy: string): Promise<RecommendationRow | null> {
  if (task.kind !== "agency_review" || !task.agencyId) return null;
  const proposal = await findProposal(deps.db, task.proposalId);
  if (!proposal) return null;
  const accepted = decision.decision === "accepted" || decision.decision === "accepted_with_changes";
  const changes = decision.decision === "accepted_with_changes" ? decision.changes : {};
  // The row, not its statement: a drizzle statement is thenable, and an async function would run it on return.
  return {
    proposalId: task.proposalId,
    level: "opd",
    source: task.agencyId,
    volume: accepted ? (changes.volume ?? proposal.volume) : null,
    unit: proposal.unit,
    cost: accepted ? (changes.estimatedCost ?? proposal.estimatedCost) : null,
    subActivityCode: accepted ? (changes.subActivityCode ?? proposal.subActivityCode) : null,
    note: reason,
    decidedBy,
    decidedAt: nowIso(),
  };
}

export interface DecideTask {
  taskId: string;
  decision: Decision;
  /** The webhook-id of an agency system's signed delivery that carried the decision. */
  deliveryId?: string;
}

export interface Decided {
  status: 200 | 201;
  task: ReturnType<typeof decisionView>;
}

/** Which scheduled stage a task's decision belongs to (shared/calendar/windows.ts). */
const TASK_ACTIONS = { verification: "verification.decide", agency_review: "review.decide", triage: "triage.decide" } as const satisfies Record<TaskRow["kind"], ScheduledAction>;

export async function decideTask(deps: Deps, caller: Principal | undefined, { taskId, decision, deliveryId }: DecideTask): Promise<Decided> {
  const { task, principal } = await taskFor(deps, caller, taskId);
  const { db } = deps;
  if (task.status === "decided" || task.status === "cancelled") {
    if (sameDecision(task, decision)) return { status: 200, task: decisionView(task) };
    throw conflict(task);
  }
  await assertStageOpen(deps, task.regencyCode, (await findProposal(db, task.proposalId))!.year, TASK_ACTIONS[task.kind]);
  const { mergedIntoId } = await checkDetails(deps, task, decision);
  const { overCommitted, guards } = await checkEnvelopes(deps, principal, task, decision);
  const data = { ...decisionData(decision), ...(mergedIntoId ? { mergedIntoId } : {}), ...(deliveryId ? { deliveryId } : {}), ...(overCommitted ? { overCommitted } : {}) };
  const reason = "reason" in decision ? decision.reason : "note" in decision ? (decision.note ?? null) : null;
  const decidedBy = decision.reviewerName ? `${principal.id} (${decision.reviewerName})` : principal.id;
  const event = task.agencyId
    ? await prepareWebhookEvent(db, task.agencyId, task.regencyCode, "review_task.updated", { taskId: task.id, proposalId: task.proposalId, decision: decision.decision, decidedBy })
    : { statements: [], messages: [] };
  const recommendation = await agencyRecommendation(deps, task, decision, reason, decidedBy);
  // The guards come first: a request that lost the race (or the room in an envelope) writes nothing at all.
  const before = [taskStillOpen(db, task.id), ...guards];
  const batch = await tryBatch(db, [
      ...before,
      closeOpenTask(db, task.id, { status: "decided", decision: decision.decision, decisionReason: reason, decisionData: JSON.stringify(data), decidedBy }),
      auditInsert(db, {
        regencyCode: task.regencyCode,
        actor: principal.id,
        action: `review.${task.kind}.decided`,
        entityType: "review_task",
        entityId: task.id,
        data: { proposalId: task.proposalId, decision: decision.decision, ...(deliveryId ? { deliveryId } : {}) },
      }),
      ...event.statements,
      ...(recommendation ? [recommendationStatement(db, recommendation)] : []),
      // Bappeda's triage corrects the classification; routing runs again on these codes.
    ...(decision.decision === "route" ? replaceClassification(db, task.proposalId, decision.subActivityCodes, `dikoreksi oleh ${principal.name}`) : []),
  ]);
  if (!batch.ok) return answerLostRace(deps, task, decision, batch.guard);
  const row = (batch.results[before.length] as TaskRow[])[0]!;
  await enqueueDeliveries(deps.env, event.messages);
  await wakeLifecycle(deps.env, task.proposalId, wakeFor(task));
  return { status: 201, task: decisionView(row) };
}
