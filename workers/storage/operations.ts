/**
 * What operations look at: dead-lettered messages, lifecycles that failed, and the cron's questions about
 * lifecycles that should be running or are behind D1.
 */
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { BEFORE_ROUTING_STATUSES } from "../../shared/proposals/lifecycle.ts";
import { deadLetters, proposals } from "../../shared/db/schema.ts";
import { abortUnlessRow, nowIso, type Database } from "./database.ts";

export type DeadLetterRow = typeof deadLetters.$inferSelect;

export function recordDeadLetter(db: Database, row: { id: string; queue: string; regencyCode: string | null; body: string; attempts: number }) {
  return db.insert(deadLetters).values(row).onConflictDoNothing();
}

export async function deadLettersOf(db: Database, regencyCode: string, includeReplayed: boolean) {
  return db
    .select()
    .from(deadLetters)
    .where(and(eq(deadLetters.regencyCode, regencyCode), includeReplayed ? undefined : isNull(deadLetters.replayedAt)))
    .orderBy(desc(deadLetters.createdAt))
    .limit(200);
}

export async function findDeadLetter(db: Database, id: string) {
  return db.query.deadLetters.findFirst({ where: eq(deadLetters.id, id) });
}

/** Marks a dead letter replayed, once: put first, the guard rolls a second replay's batch (and its audit) back. */
export function markReplayed(db: Database, id: string, by: string) {
  return [
    abortUnlessRow(db, "already_replayed", deadLetters, and(eq(deadLetters.id, id), isNull(deadLetters.replayedAt))),
    db.update(deadLetters).set({ replayedAt: nowIso(), replayedBy: by }).where(eq(deadLetters.id, id)).returning(),
  ] as const;
}

/** Proposals whose lifecycle failed for good, newest first. */
export async function failedLifecycles(db: Database, regencyCode: string) {
  return db
    .select({ id: proposals.id, trackingCode: proposals.trackingCode, activity: proposals.activity, status: proposals.status, error: proposals.lifecycleError, updatedAt: proposals.updatedAt })
    .from(proposals)
    .where(and(eq(proposals.regencyCode, regencyCode), isNotNull(proposals.lifecycleError)))
    .orderBy(desc(proposals.updatedAt))
    .limit(500);
}

export const setLifecycleError = (db: Database, proposalId: string, error: string | null) => db.update(proposals).set({ lifecycleError: error }).where(eq(proposals.id, proposalId));

/** Clears a lifecycle's failure for a retry, once: put first, the guard rolls a second retry's batch back. */
export function clearLifecycleError(db: Database, proposalId: string) {
  return [
    abortUnlessRow(db, "lifecycle_not_failed", proposals, and(eq(proposals.id, proposalId), isNotNull(proposals.lifecycleError))),
    setLifecycleError(db, proposalId, null),
  ] as const;
}

/** The most recently updated proposals that are still before routing, so must have a running lifecycle. */
export async function proposalsBeforeRouting(db: Database, limit: number): Promise<string[]> {
  const placeholders = BEFORE_ROUTING_STATUSES.map(() => "?").join(", ");
  const rows = await db.$client
    .prepare(`SELECT id FROM proposals WHERE status IN (${placeholders}) ORDER BY updated_at DESC LIMIT ?`)
    .bind(...BEFORE_ROUTING_STATUSES, limit)
    .all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

/**
 * Proposals whose D1 state is ahead of their lifecycle (a wake-up or a routing message lost between a write and its
 * send): verifications decided before `cutoff` that the lifecycle has not acted on, and verified proposals still
 * without agency or triage task whose routing message is not waiting in the dead-letter queue.
 */
export async function stalledLifecycles(db: Database, cutoff: string, limit: number): Promise<{ decided: string[]; unrouted: string[] }> {
  const d1 = db.$client;
  const [decided, unrouted] = await d1.batch<{ id: string }>([
    d1
      .prepare(
        `SELECT p.id FROM proposals p JOIN review_tasks t ON t.proposal_id = p.id AND t.kind = 'verification'
         WHERE p.status IN ('submitted', 'returned') AND t.status = 'decided' AND t.decided_at < ? AND p.updated_at < t.decided_at LIMIT ?`,
      )
      .bind(cutoff, limit),
    d1
      .prepare(
        `SELECT p.id FROM proposals p WHERE p.status = 'verified' AND p.updated_at < ?
           AND NOT EXISTS (SELECT 1 FROM review_tasks t WHERE t.proposal_id = p.id AND t.kind IN ('agency_review', 'triage'))
           -- A dead-lettered message waits for Bappeda's replay; sending it again would only dead-letter it again.
           AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.queue = 'proposal-routing' AND d.replayed_at IS NULL AND json_extract(d.body, '$.proposalId') = p.id)
           LIMIT ?`,
      )
      .bind(cutoff, limit),
  ]);
  return { decided: decided!.results.map((r) => r.id), unrouted: unrouted!.results.map((r) => r.id) };
}

// wrangler's `d1 migrations apply` and the test pool's applyD1Migrations both record applied files here.
const MIGRATIONS_QUERY = "SELECT name, (SELECT count(*) FROM d1_migrations) AS applied FROM d1_migrations ORDER BY id DESC LIMIT 1";

/** The latest applied migration and how many are applied; null when none is. */
export async function latestMigration(db: Database): Promise<{ name: string; applied: number } | null> {
  return db.$client.prepare(MIGRATIONS_QUERY).first<{ name: string; applied: number }>();
}
