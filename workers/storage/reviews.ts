/**
 * Review tasks and proposal transitions in D1. A transition writes the proposal's status and its audit event in
 * one batch; its dedupe key makes a retried step record it once.
 */
import { and, asc, eq, gt, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { auditEvents, proposals, reviewTasks } from "../../shared/db/schema.ts";
import type { Stage, Status } from "../../shared/proposals/lifecycle.ts";
import { sortableId } from "../../shared/proposals/ids.ts";
import type { Env } from "../env.ts";
import { database, nowIso, runBatch, type Database } from "./database.ts";
import { enqueueDeliveries, prepareWebhookEvent } from "./webhooks.ts";

export type TaskRow = typeof reviewTasks.$inferSelect;

export const DAY_MS = 86_400_000;

/** Days a person has for each kind of task before a reminder; the same again before escalation to Bappeda. */
export const TASK_DAYS = { verification: 14, agency_review: 21, triage: 7 } as const;

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

export async function applyTransition(d1: D1Database, t: Transition): Promise<void> {
  const db = database(d1);
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

export function dueIn(days: number, from = Date.now()): string {
  return new Date(from + days * DAY_MS).toISOString();
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
 * Marks the still-open tasks reminded or escalated, with one audit event each (once per step), and tells the
 * agencies' systems (review_task.due_soon / review_task.escalated).
 */
export async function markOverdue(env: Env, taskIds: readonly string[], stage: "reminded" | "escalated", dedupePrefix: string) {
  const db = database(env.DB);
  const open = (await db.select().from(reviewTasks).where(inArray(reviewTasks.id, [...taskIds]))).filter((t) => t.status === "open" || t.status === "claimed");
  if (open.length === 0) return [];
  const now = nowIso();
  const alreadyMarked = open.every((t) => (stage === "reminded" ? t.remindedAt : t.escalatedAt));
  const events = alreadyMarked
    ? []
    : await Promise.all(
        open
          .filter((t) => t.agencyId)
          .map((t) => prepareWebhookEvent(db, t.agencyId!, t.regencyCode, stage === "reminded" ? "review_task.due_soon" : "review_task.escalated", { taskId: t.id, proposalId: t.proposalId, dueAt: t.dueAt })),
      );
  await runBatch(db, [
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
  ]);
  await enqueueDeliveries(env, events.flatMap((e) => e.messages));
  return open;
}

export interface QueueFilters {
  status?: string;
  kecamatan?: string;
  dueBefore?: string;
}

/** A queue, oldest due first; the cursor is the (dueAt, id) of the last task of the previous page. */
export async function listQueue(db: Database, kind: TaskRow["kind"], queueKey: string, filters: QueueFilters, limit: number, cursor?: { dueAt: string; id: string }) {
  const conditions: (SQL | undefined)[] = [
    eq(reviewTasks.kind, kind),
    eq(reviewTasks.queueKey, queueKey),
    filters.status ? eq(reviewTasks.status, filters.status as TaskRow["status"]) : ne(reviewTasks.status, "cancelled"),
    filters.dueBefore ? lte(reviewTasks.dueAt, filters.dueBefore) : undefined,
    filters.kecamatan ? eq(proposals.districtCode, filters.kecamatan) : undefined,
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
    .where(and(eq(reviewTasks.regencyCode, regencyCode), inArray(reviewTasks.status, ["open", "claimed"]), sql`${reviewTasks.escalatedAt} IS NOT NULL`))
    .orderBy(asc(reviewTasks.dueAt));
}

export const openStatuses = ["open", "claimed"] as const;
