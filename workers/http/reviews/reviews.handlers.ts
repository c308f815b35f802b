import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type * as v from "valibot";
import { agencies, deadLetters, proposalClassifications, proposals, reviewTasks } from "../../../shared/db/schema.ts";
import type { Decision } from "../../../shared/reviews/decisions.ts";
import type { ClassificationSchema, QueueQuerySchema } from "../../../shared/schemas/reviews.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { auditInsert } from "../../storage/audit.ts";
import { database, nowIso, runBatch } from "../../storage/database.ts";
import { subActivityExists } from "../../storage/proposals.ts";
import { escalatedTasks, listQueue, type TaskRow } from "../../storage/reviews.ts";
import { queueBinding } from "../../queues/dead-letters.ts";
import { startLifecycle } from "../../workflows/start.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { preferredLanguage } from "../messages.ts";
import { EDITABLE_STATUSES, proposalFor } from "../proposals/changes.ts";
import { invalidInput } from "../validation.ts";
import { decideTask, taskForDecision } from "./decide.ts";
import type { ProposalRow } from "../../storage/proposals.ts";

type QueueQuery = v.InferOutput<typeof QueueQuerySchema>;

export function taskView({ task, proposal }: { task: TaskRow; proposal: ProposalRow }) {
  return {
    id: task.id,
    kind: task.kind,
    status: task.status,
    agencyId: task.agencyId,
    assignee: task.assignee,
    dueAt: task.dueAt,
    remindedAt: task.remindedAt,
    escalatedAt: task.escalatedAt,
    decision: task.decision,
    proposal: {
      id: proposal.id,
      trackingCode: proposal.trackingCode,
      activity: proposal.activity,
      villageCode: proposal.villageCode,
      districtCode: proposal.districtCode,
      estimatedCost: proposal.estimatedCost,
      subActivityCode: proposal.subActivityCode,
    },
  };
}

const encode = (cursor: { dueAt: string; id: string }) => btoa(`${cursor.dueAt}|${cursor.id}`);
function decode(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [dueAt, id] = (() => {
    try {
      return atob(cursor).split("|");
    } catch {
      return [];
    }
  })();
  if (!dueAt || !id) throw invalidInput([{ path: "cursor", code: "format", message: "Kursor tidak sah." }]);
  return { dueAt, id };
}

async function queuePage(c: AppContext, kind: TaskRow["kind"], queueKey: string, query: QueueQuery) {
  const page = await listQueue(database(c.env.DB), kind, queueKey, query, Number(query.limit), decode(query.cursor));
  return c.json({ tasks: page.rows.map(taskView), nextCursor: page.next ? encode(page.next) : null }, 200);
}

export async function agencyQueue(c: AppContext, agencyId: string, query: QueueQuery) {
  const agency = await database(c.env.DB).query.agencies.findFirst({ where: eq(agencies.id, agencyId) });
  if (!agency) throw notFound;
  authorize(c, "review.read", { regencyCode: agency.regencyCode, agencyIds: [agencyId] });
  return queuePage(c, "agency_review", agencyId, query);
}

export async function districtQueue(c: AppContext, districtCode: string, query: QueueQuery) {
  authorize(c, "proposal.verify", { regencyCode: districtCode.split(".").slice(0, 2).join("."), districtCode });
  return queuePage(c, "verification", districtCode, query);
}

export async function triageQueue(c: AppContext, query: QueueQuery) {
  const admin = authorizeInOwnScope(c, "triage.decide");
  return queuePage(c, "triage", admin.regencyCode, query);
}

export async function escalations(c: AppContext) {
  const admin = authorizeInOwnScope(c, "triage.decide");
  return c.json({ tasks: (await escalatedTasks(database(c.env.DB), admin.regencyCode)).map(taskView) }, 200);
}

const taskClosed = new ApiError(409, "task_closed", { id: "Tugas ini sudah selesai.", en: "This task is closed." });

async function setAssignee(c: AppContext, taskId: string, assignee: string) {
  const { task, principal } = await taskForDecision(c, taskId);
  const db = database(c.env.DB);
  const [updated] = await db.batch([
    db
      .update(reviewTasks)
      .set({ assignee, status: "claimed" })
      .where(and(eq(reviewTasks.id, task.id), inArray(reviewTasks.status, ["open", "claimed"])))
      .returning(),
    auditInsert(db, { regencyCode: task.regencyCode, actor: principal.id, action: "review.assigned", entityType: "review_task", entityId: task.id, data: { assignee } }),
  ]);
  if (!updated[0]) throw taskClosed;
  const proposal = (await db.query.proposals.findFirst({ where: (p, { eq }) => eq(p.id, task.proposalId) }))!;
  return c.json(taskView({ task: updated[0], proposal }), 200);
}

export const claim = (c: AppContext, taskId: string) => setAssignee(c, taskId, c.get("principal")?.id ?? "");
export const assign = (c: AppContext, taskId: string, assignee: string) => setAssignee(c, taskId, assignee);

export async function decide(c: AppContext, taskId: string, decision: Decision) {
  const { task, principal } = await taskForDecision(c, taskId);
  const result = await decideTask(c, principal, task, decision);
  return c.json(result.task, result.status);
}

/** The kecamatan or Bappeda corrects the codes a proposal routes on, before it is routed. */
export async function classify(c: AppContext, proposalId: string, body: v.InferOutput<typeof ClassificationSchema>) {
  const { row, principal } = await proposalFor(c, proposalId, "proposal.verify");
  if (!EDITABLE_STATUSES.has(row.status) && row.status !== "triage") {
    throw new ApiError(409, "already_routed", { id: "Usulan ini sudah diteruskan ke OPD.", en: "This proposal was already routed." });
  }
  const db = database(c.env.DB);
  for (const [index, code] of body.subActivityCodes.entries()) {
    if (!(await subActivityExists(db, code))) throw invalidInput([customIssue(`subActivityCodes.${index}`, "sub_activity_unknown", preferredLanguage(c.req.header("accept-language")))]);
  }
  await runBatch(db, [
    db.delete(proposalClassifications).where(eq(proposalClassifications.proposalId, proposalId)),
    ...body.subActivityCodes.map((code) =>
      db.insert(proposalClassifications).values({ proposalId, subActivityCode: code, source: "corrected", score: 1, reason: `dikoreksi oleh ${principal.name}` }),
    ),
    auditInsert(db, { regencyCode: row.regencyCode, actor: principal.id, action: "proposal.classified", entityType: "proposal", entityId: proposalId, data: { codes: body.subActivityCodes } }),
  ]);
  return c.json({ proposalId, subActivityCodes: body.subActivityCodes }, 200);
}

const deadLetterView = (row: typeof deadLetters.$inferSelect) => ({
  id: row.id,
  queue: row.queue,
  body: JSON.parse(row.body) as unknown,
  attempts: row.attempts,
  createdAt: row.createdAt,
  replayedAt: row.replayedAt,
});

export async function listDeadLetters(c: AppContext) {
  const admin = authorizeInOwnScope(c, "triage.decide");
  const rows = await database(c.env.DB)
    .select()
    .from(deadLetters)
    .where(and(eq(deadLetters.regencyCode, admin.regencyCode), c.req.query("semua") ? undefined : isNull(deadLetters.replayedAt)))
    .orderBy(desc(deadLetters.createdAt))
    .limit(200);
  return c.json({ deadLetters: rows.map(deadLetterView) }, 200);
}

export async function replayDeadLetter(c: AppContext, id: string) {
  const db = database(c.env.DB);
  const row = await db.query.deadLetters.findFirst({ where: eq(deadLetters.id, id) });
  if (!row || !row.regencyCode) throw notFound;
  const admin = authorize(c, "triage.decide", { regencyCode: row.regencyCode });
  if (row.replayedAt) throw new ApiError(409, "already_replayed", { id: "Pesan ini sudah dikirim ulang.", en: "This message was already replayed." });
  const queue = queueBinding(c.env, row.queue);
  if (!queue) throw notFound;
  // Mark first: a replay that is sent twice is harmless (consumers are idempotent), one that is lost is not.
  const [updated] = await db.batch([
    db.update(deadLetters).set({ replayedAt: nowIso(), replayedBy: admin.id }).where(and(eq(deadLetters.id, id), isNull(deadLetters.replayedAt))).returning(),
    auditInsert(db, { regencyCode: row.regencyCode, actor: admin.id, action: "dead_letter.replayed", entityType: "dead_letter", entityId: id, data: { queue: row.queue } }),
  ]);
  if (!updated[0]) throw new ApiError(409, "already_replayed", { id: "Pesan ini sudah dikirim ulang.", en: "This message was already replayed." });
  await queue.send(JSON.parse(row.body));
  return c.json(deadLetterView(updated[0]), 200);
}

/** Proposals whose lifecycle failed for good, for Bappeda to look at and retry. */
export async function failedLifecycles(c: AppContext) {
  const admin = authorizeInOwnScope(c, "triage.decide");
  const rows = await database(c.env.DB)
    .select({ id: proposals.id, trackingCode: proposals.trackingCode, activity: proposals.activity, status: proposals.status, error: proposals.lifecycleError, updatedAt: proposals.updatedAt })
    .from(proposals)
    .where(and(eq(proposals.regencyCode, admin.regencyCode), isNotNull(proposals.lifecycleError)))
    .orderBy(desc(proposals.updatedAt))
    .limit(500);
  return c.json({ proposals: rows }, 200);
}

/** Runs a failed lifecycle again from the start; its steps are idempotent, so what was done stays done once. */
export async function retryLifecycle(c: AppContext, proposalId: string) {
  const db = database(c.env.DB);
  const proposal = await db.query.proposals.findFirst({ where: eq(proposals.id, proposalId) });
  if (!proposal) throw notFound;
  const admin = authorize(c, "triage.decide", { regencyCode: proposal.regencyCode });
  if (!proposal.lifecycleError) throw new ApiError(409, "lifecycle_not_failed", { id: "Siklus usulan ini tidak sedang gagal.", en: "This proposal's lifecycle has not failed." });
  await db.batch([
    db.update(proposals).set({ lifecycleError: null }).where(eq(proposals.id, proposalId)),
    auditInsert(db, { regencyCode: proposal.regencyCode, actor: admin.id, action: "proposal.lifecycle_retried", entityType: "proposal", entityId: proposalId, data: { error: proposal.lifecycleError } }),
  ]);
  try {
    await (await c.env.PROPOSAL_LIFECYCLE.get(proposalId)).restart();
  } catch {
    await startLifecycle(c.env, proposalId);
  }
  return c.json({ proposalId, restarted: true }, 202);
}
