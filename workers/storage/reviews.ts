/**
 * Review tasks and proposal transitions in D1. A transition writes the proposal's status and its audit event in
 * one batch; its dedupe key makes a retried step record it once.
 */
import { and, asc, eq, gt, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { auditEvents, proposalClassifications, proposals, reviewTasks } from "../../shared/db/schema.ts";
import type { Stage, Status } from "../../shared/proposals/lifecycle.ts";
import { sortableId } from "../../shared/proposals/ids.ts";
import { isOpenTask, OPEN_TASK_STATUSES } from "../../shared/reviews/decisions.ts";
import { abortIfRow, abortUnlessRow, chunked, nowIso, type Database } from "./database.ts";
import { prepareWebhookEvent, type PreparedEvent } from "./webhooks.ts";

export type TaskRow = typeof reviewTasks.$inferSelect;

export interface Transition {
  proposalId: string;
  regencyCode: string;
  status: Status;
  stage?: Stage;
  actor: string;
  action: string;
  dedupeKey: string;
  data?: Record<string, unknown>;
  /** Further changes to the proposal row, e.g. an agency's accepted changes. */
  set?: Partial<typeof proposals.$inferInsert>;
}

export function transitionStatements(db: Database, t: Transition) {
  return [
    db
      .update(proposals)
      .set({ ...t.set, status: t.status, ...(t.stage ? { stage: t.stage } : {}), updatedAt: nowIso() })
      .where(eq(proposals.id, t.proposalId)),
    db
      .insert(auditEvents)
      .values({
        regencyCode: t.regencyCode,
        actor: t.actor,
        action: t.action,
        entityType: "proposal",
        entityId: t.proposalId,
        data: JSON.stringify({ status: t.status, ...(t.stage ? { stage: t.stage } : {}), ...t.data }),
        dedupeKey: t.dedupeKey,
      })
      .onConflictDoNothing(),
  ] as const;
}

export async function applyTransition(db: Database, t: Transition): Promise<void> {
  await db.batch([...transitionStatements(db, t)]);
}

export interface NewTask {
  id?: string;
  proposalId: string;
  regencyCode: string;
  kind: TaskRow["kind"];
  agencyId: string | null;
  queueKey: string;
  dueAt: string;
}

/** Opening a task twice (a retried step or message) leaves one task: the unique index decides. */
export function openTaskStatement(db: Database, task: NewTask) {
  return db
    .insert(reviewTasks)
    .values({ ...task, id: task.id ?? sortableId("tgs"), status: "open" })
    .onConflictDoNothing();
}

/** A returned proposal reopens its verification: the same task row, open again for the next round. */
export function reopenTask(db: Database, taskId: string, dueAt: string) {
  return db.update(reviewTasks).set({ status: "open", decision: null, decisionReason: null, decidedAt: null, dueAt }).where(eq(reviewTasks.id, taskId));
}

/** Records a decision (or a cancellation) only while the task is still open: the loser of a race writes nothing. */
export function closeOpenTask(db: Database, taskId: string, set: { status: "decided" | "cancelled"; decision: string; decisionReason?: string | null; decisionData: string; decidedBy: string }) {
  return db
    .update(reviewTasks)
    .set({ ...set, decidedAt: nowIso() })
    .where(and(eq(reviewTasks.id, taskId), inArray(reviewTasks.status, [...OPEN_TASK_STATUSES])))
    .returning();
}

/**
 * Cancels the open tasks of a proposal just withdrawn (a village's verification; a pokir's agency reviews or
 * triage), in the withdrawal's own batch: it only takes effect when the proposal is withdrawn by then, so a
 * withdrawal that lost its race cancels nothing.
 */
export function cancelTasksOfWithdrawn(db: Database, proposalId: string, by: string, reason = "usulan dibatalkan desa") {
  return db
    .update(reviewTasks)
    .set({ status: "cancelled", decisionReason: reason, decidedBy: by, decidedAt: nowIso() })
    .where(
      and(
        eq(reviewTasks.proposalId, proposalId),
        inArray(reviewTasks.status, [...OPEN_TASK_STATUSES]),
        sql`EXISTS (SELECT 1 FROM ${proposals} WHERE ${proposals.id} = ${proposalId} AND ${proposals.status} = 'withdrawn')`,
      ),
    );
}

/** Rolls a batch back when a forum decision has merged or rejected the proposal: the forum's decision stands. */
export const notSettledByForum = (db: Database, proposalId: string) =>
  abortIfRow(db, "proposal_settled", proposals, and(eq(proposals.id, proposalId), inArray(proposals.status, ["merged", "rejected"])));

/**
 * Rolls a batch back unless the task is still open when it runs: put first, it makes every statement after it
 * (audit event, webhook deliveries, classification) take effect only for the request that decides the task.
 */
export function taskStillOpen(db: Database, taskId: string) {
  return abortUnlessRow(db, "task_closed", reviewTasks, and(eq(reviewTasks.id, taskId), inArray(reviewTasks.status, [...OPEN_TASK_STATUSES])));
}

/**
 * Rolls a batch back when any of the proposal's agency reviews in `agencyIds` exists already: a routing run that
 * read "not there yet" announces (review_task.created) only the tasks it really opened, never a parallel run's.
 */
export function noReviewsYet(db: Database, proposalId: string, agencyIds: readonly string[]) {
  return abortIfRow(db, "reviews_opened", reviewTasks, and(eq(reviewTasks.proposalId, proposalId), eq(reviewTasks.kind, "agency_review"), inArray(reviewTasks.queueKey, [...agencyIds])));
}

export function assignOpenTask(db: Database, taskId: string, assignee: string) {
  return db
    .update(reviewTasks)
    .set({ assignee, status: "claimed" })
    .where(and(eq(reviewTasks.id, taskId), inArray(reviewTasks.status, [...OPEN_TASK_STATUSES])))
    .returning();
}

/** The codes a proposal routes on, replaced by a person's correction. */
export function replaceClassification(db: Database, proposalId: string, codes: readonly string[], reason: string) {
  return [
    db.delete(proposalClassifications).where(eq(proposalClassifications.proposalId, proposalId)),
    ...codes.map((code) => db.insert(proposalClassifications).values({ proposalId, subActivityCode: code, source: "corrected", score: 1, reason })),
  ];
}

export async function tasksOf(db: Database, proposalId: string, kind?: TaskRow["kind"]) {
  return db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.proposalId, proposalId), kind ? eq(reviewTasks.kind, kind) : undefined))
    .orderBy(asc(reviewTasks.createdAt));
}

export async function findTask(db: Database, id: string) {
  return db.query.reviewTasks.findFirst({ where: eq(reviewTasks.id, id) });
}

/**
 * Marks the still-open tasks reminded or escalated, with one audit event each (once per step), and the events that
 * tell the agencies' systems (review_task.due_soon / review_task.escalated); the caller sends their messages.
 */
export async function overdueStatements(db: Database, taskIds: readonly string[], stage: "reminded" | "escalated", dedupePrefix: string) {
  const open = (await db.select().from(reviewTasks).where(inArray(reviewTasks.id, [...taskIds]))).filter(isOpenTask);
  if (open.length === 0) return { statements: [], messages: [] };
  const now = nowIso();
  const alreadyMarked = open.every((t) => (stage === "reminded" ? t.remindedAt : t.escalatedAt));
  const events: PreparedEvent[] = alreadyMarked
    ? []
    : await Promise.all(
        open
          .filter((t) => t.agencyId)
          .map((t) => prepareWebhookEvent(db, t.agencyId!, t.regencyCode, stage === "reminded" ? "review_task.due_soon" : "review_task.escalated", { taskId: t.id, proposalId: t.proposalId, dueAt: t.dueAt })),
      );
  return {
    statements: [
      ...events.flatMap((e) => e.statements),
      db
        .update(reviewTasks)
        .set(stage === "reminded" ? { remindedAt: now } : { escalatedAt: now })
        .where(inArray(reviewTasks.id, open.map((t) => t.id))),
      ...open.map((t) =>
        db
          .insert(auditEvents)
          .values({
            regencyCode: t.regencyCode,
            actor: "system:lifecycle",
            action: stage === "reminded" ? "review.reminder_sent" : "review.escalated",
            entityType: "review_task",
            entityId: t.id,
            data: JSON.stringify({ proposalId: t.proposalId, queueKey: t.queueKey, dueAt: t.dueAt }),
            dedupeKey: `${dedupePrefix}:${t.id}`,
          })
          .onConflictDoNothing(),
      ),
    ],
    messages: events.flatMap((e) => e.messages),
  };
}

export interface QueueFilters {
  status?: string;
  /** Only tasks still to decide (open or claimed); `status` narrows further. */
  waiting?: boolean;
  kecamatan?: string;
  desa?: string;
  dueBefore?: string;
}

/** A queue, oldest due first; the cursor is the (dueAt, id) of the last task of the previous page. */
export async function listQueue(db: Database, kind: TaskRow["kind"], queueKey: string, filters: QueueFilters, limit: number, cursor?: { dueAt: string; id: string }) {
  const conditions: (SQL | undefined)[] = [
    eq(reviewTasks.kind, kind),
    eq(reviewTasks.queueKey, queueKey),
    filters.status ? eq(reviewTasks.status, filters.status as TaskRow["status"]) : ne(reviewTasks.status, "cancelled"),
    filters.dueBefore ? lte(reviewTasks.dueAt, filters.dueBefore) : undefined,
    filters.waiting ? inArray(reviewTasks.status, [...OPEN_TASK_STATUSES]) : undefined,
    filters.kecamatan ? eq(proposals.districtCode, filters.kecamatan) : undefined,
    filters.desa ? eq(proposals.villageCode, filters.desa) : undefined,
    cursor ? or(gt(reviewTasks.dueAt, cursor.dueAt), and(eq(reviewTasks.dueAt, cursor.dueAt), gt(reviewTasks.id, cursor.id))) : undefined,
  ];
  const rows = await db
    .select({ task: reviewTasks, proposal: proposals })
    .from(reviewTasks)
    .innerJoin(proposals, eq(proposals.id, reviewTasks.proposalId))
    .where(and(...conditions))
    .orderBy(asc(reviewTasks.dueAt), asc(reviewTasks.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { dueAt: last.task.dueAt, id: last.task.id } : null };
}

/** Escalated tasks still waiting, for Bappeda. */
export async function escalatedTasks(db: Database, regencyCode: string) {
  return db
    .select({ task: reviewTasks, proposal: proposals })
    .from(reviewTasks)
    .innerJoin(proposals, eq(proposals.id, reviewTasks.proposalId))
    .where(and(eq(reviewTasks.regencyCode, regencyCode), inArray(reviewTasks.status, [...OPEN_TASK_STATUSES]), sql`${reviewTasks.escalatedAt} IS NOT NULL`))
    .orderBy(asc(reviewTasks.dueAt));
}

/** The agency review tasks still open on these proposals. */
export async function openAgencyTasks(db: Database, proposalIds: readonly string[]) {
  return chunked(proposalIds, (part) =>
    db.select({ id: reviewTasks.id, proposalId: reviewTasks.proposalId, agencyId: reviewTasks.agencyId }).from(reviewTasks).where(and(eq(reviewTasks.kind, "agency_review"), inArray(reviewTasks.proposalId, part), inArray(reviewTasks.status, [...OPEN_TASK_STATUSES]))),
  );
}
