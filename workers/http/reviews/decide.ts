/**
 * Deciding a review task, for the web UI, the API and agencies' signed webhooks alike. The decision, its
 * details and its audit event are one batch guarded on the task still being open; a second, different decision
 * is a conflict, the same one again is answered as it was the first time. The proposal's lifecycle is woken after.
 */
import { and, eq, inArray, or } from "drizzle-orm";
import type { Target } from "../../../shared/access/policy.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { proposalClassifications, proposals, reviewTasks } from "../../../shared/db/schema.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { DECISIONS_BY_KIND, decisionData, type Decision } from "../../../shared/reviews/decisions.ts";
import { auditInsert } from "../../storage/audit.ts";
import { database, nowIso, type Database } from "../../storage/database.ts";
import { committed, envelope, type EnvelopeKind } from "../../storage/budget.ts";
import { findProposal, subActivityExists } from "../../storage/proposals.ts";
import { findTask, type TaskRow } from "../../storage/reviews.ts";
import { enqueueDeliveries, prepareWebhookEvent } from "../../storage/webhooks.ts";
import { LIFECYCLE_EVENT, type LifecycleWake } from "../../workflows/proposal-lifecycle.ts";
import { notifyLifecycle } from "../../workflows/start.ts";
import { authorize } from "../access.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { preferredLanguage } from "../messages.ts";
import { invalidInput } from "../validation.ts";

export function taskTarget(task: TaskRow, districtCode: string): Target {
  return { regencyCode: task.regencyCode, districtCode, agencyIds: task.agencyId ? [task.agencyId] : [] };
}

const ACTION_BY_KIND = { verification: "proposal.verify", agency_review: "review.decide", triage: "triage.decide" } as const;
const WAKE_BY_KIND: Record<TaskRow["kind"], LifecycleWake["kind"]> = {
  verification: "verification_decided",
  agency_review: "review_decided",
  triage: "triage_decided",
};

/** The task with the caller allowed to decide it (404/403 otherwise). */
export async function taskForDecision(c: AppContext, taskId: string): Promise<{ task: TaskRow; principal: Principal; districtCode: string }> {
  const db = database(c.env.DB);
  const task = await findTask(db, taskId);
  if (!task) throw notFound;
  const proposal = await findProposal(db, task.proposalId);
  const principal = authorize(c, ACTION_BY_KIND[task.kind], taskTarget(task, proposal?.districtCode ?? ""));
  return { task, principal, districtCode: proposal?.districtCode ?? "" };
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
  new ApiError(409, "task_already_decided", { id: "Tugas ini sudah diputuskan dengan keputusan lain.", en: "This task was already decided differently." }, { details: { existing: decisionView(task) } });

function sameDecision(task: TaskRow, decision: Decision): boolean {
  const { reviewerName: _name, ...data } = decisionData(decision) as { reviewerName?: string };
  const { reviewerName: _stored, ...stored } = JSON.parse(task.decisionData ?? "{}") as { reviewerName?: string };
  return task.decision === decision.decision && JSON.stringify(data) === JSON.stringify(stored);
}

async function checkDetails(c: AppContext, db: Database, task: TaskRow, decision: Decision): Promise<{ mergedIntoId?: string }> {
  const lang = preferredLanguage(c.req.header("accept-language"));
  if (!DECISIONS_BY_KIND[task.kind].includes(decision.decision)) throw invalidInput([customIssue("decision", "decision_not_for_task", lang)]);
  if (decision.decision === "merged") {
    const target = await db.query.proposals.findFirst({
      where: and(or(eq(proposals.id, decision.mergedInto), eq(proposals.trackingCode, decision.mergedInto)), eq(proposals.regencyCode, task.regencyCode)),
      columns: { id: true },
    });
    if (!target || target.id === task.proposalId) throw invalidInput([customIssue("mergedInto", "proposal_unknown", lang)]);
    return { mergedIntoId: target.id };
  }
  const codes = decision.decision === "route" ? decision.subActivityCodes : decision.decision === "accepted_with_changes" && decision.changes.subActivityCode ? [decision.changes.subActivityCode] : [];
  for (const [index, code] of codes.entries()) {
    if (!(await subActivityExists(db, code))) {
      throw invalidInput([customIssue(decision.decision === "route" ? `subActivityCodes.${index}` : "changes.subActivityCode", "sub_activity_unknown", lang)]);
    }
  }
  return {};
}

/**
 * Accepting draws on the agency's and the kecamatan's envelopes: over-commitment is refused (409) unless Bappeda
 * accepts anyway with a reason. Returns the envelopes exceeded under such an override.
 */
async function checkEnvelopes(db: Database, principal: Principal, task: TaskRow, decision: Decision): Promise<string[] | null> {
  if (task.kind !== "agency_review" || (decision.decision !== "accepted" && decision.decision !== "accepted_with_changes")) return null;
  const proposal = (await findProposal(db, task.proposalId))!;
  const cost = decision.decision === "accepted_with_changes" ? (decision.changes.estimatedCost ?? proposal.estimatedCost) : proposal.estimatedCost;
  const exceeded: { kind: EnvelopeKind; target: string; amount: number; used: number }[] = [];
  for (const [kind, target] of [["agency", task.agencyId!], ["district", proposal.districtCode]] as const) {
    const limit = await envelope(db, task.regencyCode, proposal.year, kind, target);
    if (!limit) continue;
    const used = await committed(db, task.regencyCode, proposal.year, kind, target, proposal.id);
    if (used + cost > limit.amount) exceeded.push({ kind, target, amount: limit.amount, used });
  }
  if (exceeded.length === 0) return null;
  if (principal.role === "planning_admin" && decision.budgetOverride) return exceeded.map((e) => `${e.kind}:${e.target}`);
  throw new ApiError(
    409,
    "envelope_exceeded",
    { id: "Pagu indikatif tidak cukup untuk usulan ini. Bappeda dapat menyetujui dengan alasan (budgetOverride).", en: "The budget envelope cannot take this proposal. Bappeda may accept it with a reason (budgetOverride)." },
    { details: { cost, envelopes: exceeded } },
  );
}

function correctedClassification(db: Database, proposalId: string, codes: readonly string[], principal: Principal) {
  return [
    db.delete(proposalClassifications).where(eq(proposalClassifications.proposalId, proposalId)),
    ...codes.map((code) => db.insert(proposalClassifications).values({ proposalId, subActivityCode: code, source: "corrected", score: 1, reason: `dikoreksi oleh ${principal.name}` })),
  ];
}

export interface Decided {
  status: 200 | 201;
  task: ReturnType<typeof decisionView>;
}

export async function decideTask(c: AppContext, principal: Principal, task: TaskRow, decision: Decision, deliveryId?: string): Promise<Decided> {
  const db = database(c.env.DB);
  if (task.status === "decided" || task.status === "cancelled") {
    if (sameDecision(task, decision)) return { status: 200, task: decisionView(task) };
    throw conflict(task);
  }
  const { mergedIntoId } = await checkDetails(c, db, task, decision);
  const override = await checkEnvelopes(db, principal, task, decision);
  const data = { ...decisionData(decision), ...(mergedIntoId ? { mergedIntoId } : {}), ...(deliveryId ? { deliveryId } : {}), ...(override ? { overCommitted: override } : {}) };
  const reason = "reason" in decision ? decision.reason : "note" in decision ? (decision.note ?? null) : null;
  const decidedBy = decision.reviewerName ? `${principal.id} (${decision.reviewerName})` : principal.id;
  const event = task.agencyId
    ? await prepareWebhookEvent(db, task.agencyId, task.regencyCode, "review_task.updated", { taskId: task.id, proposalId: task.proposalId, decision: decision.decision, decidedBy })
    : { statements: [], messages: [] };
  const [updated] = await db.batch([
    db
      .update(reviewTasks)
      .set({ status: "decided", decision: decision.decision, decisionReason: reason, decisionData: JSON.stringify(data), decidedBy, decidedAt: nowIso() })
      .where(and(eq(reviewTasks.id, task.id), inArray(reviewTasks.status, ["open", "claimed"])))
      .returning(),
    auditInsert(db, {
      regencyCode: task.regencyCode,
      actor: principal.id,
      action: `review.${task.kind}.decided`,
      entityType: "review_task",
      entityId: task.id,
      data: { proposalId: task.proposalId, decision: decision.decision, ...(deliveryId ? { deliveryId } : {}) },
    }),
    ...event.statements,
    // Bappeda's triage corrects the classification; routing runs again on these codes.
    ...(decision.decision === "route" ? correctedClassification(db, task.proposalId, decision.subActivityCodes, principal) : []),
  ]);
  const row = updated[0];
  if (!row) {
    // Someone decided it between our read and our write: answer as if we had read their decision.
    const current = (await findTask(db, task.id))!;
    if (sameDecision(current, decision)) return { status: 200, task: decisionView(current) };
    throw conflict(current);
  }
  if (row) await enqueueDeliveries(c.env, event.messages);
  await notifyLifecycle(c.env, task.proposalId, { type: LIFECYCLE_EVENT, payload: { kind: WAKE_BY_KIND[task.kind], taskId: task.id } satisfies LifecycleWake });
  return { status: 201, task: decisionView(row) };
}
