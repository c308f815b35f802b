/**
 * What operations look at: dead-lettered messages, lifecycles that failed, and the cron's questions about
 * lifecycles that should be running or are behind D1.
 */
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
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

/** The lifecycle ran its first step: the reconciler no longer needs to look at this proposal. */
export const markLifecycleStarted = (db: Database, proposalId: string) =>
  db.update(proposals).set({ lifecycleStartedAt: nowIso() }).where(and(eq(proposals.id, proposalId), isNull(proposals.lifecycleStartedAt)));

export const setLifecycleError = (db: Database, proposalId: string, error: string | null) => db.update(proposals).set({ lifecycleError: error }).where(eq(proposals.id, proposalId));

/** Clears a lifecycle's failure for a retry, once: put first, the guard rolls a second retry's batch back. */
export function clearLifecycleError(db: Database, proposalId: string) {
  return [
    abortUnlessRow(db, "lifecycle_not_failed", proposals, and(eq(proposals.id, proposalId), isNotNull(proposals.lifecycleError))),
    setLifecycleError(db, proposalId, null),
  ] as const;
}

/** Proposals whose lifecycle never ran its first step, created before `before`, oldest first (partial index). */
export async function unstartedLifecycles(db: Database, before: string, limit: number): Promise<string[]> {
  const rows = await db.$client
    .prepare("SELECT id FROM proposals WHERE lifecycle_started_at IS NULL AND created_at < ? ORDER BY created_at LIMIT ?")
    .bind(before, limit)
    .all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

/**
 * The cron's questions about lifecycles behind D1 (a wake-up or a routing message lost between a write and its
 * send), each answered through an index (pinned by test/lifecycle/cron-plans.test.ts), for proposals unchanged
 * since `cutoff`.
 */
export const STALLED_QUERIES = {
  /** A verification decided that the lifecycle has not acted on, or a returned proposal sent back and not reopened. */
  verification: `SELECT p.id FROM proposals p JOIN review_tasks t ON t.proposal_id = p.id AND t.kind = 'verification'
    WHERE p.status IN ('submitted', 'returned') AND p.updated_at < ?1 AND t.status = 'decided' AND t.decided_at < ?1
      AND (p.updated_at < t.decided_at OR (p.status = 'submitted' AND t.decision = 'returned')) LIMIT ?2`,
  /** Verified but without agency or triage task, and its routing message not waiting in the dead-letter queue. */
  unrouted: `SELECT p.id FROM proposals p WHERE p.status = 'verified' AND p.updated_at < ?1
    AND NOT EXISTS (SELECT 1 FROM review_tasks t WHERE t.proposal_id = p.id AND t.kind IN ('agency_review', 'triage'))
    AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE json_extract(d.body, '$.proposalId') = p.id AND d.replayed_at IS NULL AND d.queue = 'proposal-routing')
    LIMIT ?2`,
  /** Every agency has decided (or the forum closed its part), and the proposal still shows under review. */
  reviewed: `SELECT p.id FROM proposals p WHERE p.status = 'in_review' AND p.updated_at < ?1
    AND EXISTS (SELECT 1 FROM review_tasks t WHERE t.proposal_id = p.id AND t.kind = 'agency_review')
    AND NOT EXISTS (SELECT 1 FROM review_tasks t WHERE t.proposal_id = p.id AND t.kind = 'agency_review' AND (t.status IN ('open', 'claimed') OR t.decided_at >= ?1))
    LIMIT ?2`,
  /** Bappeda triaged it and the proposal still waits in triage. */
  triaged: `SELECT p.id FROM proposals p WHERE p.status = 'triage' AND p.updated_at < ?1
    AND EXISTS (SELECT 1 FROM review_tasks t WHERE t.proposal_id = p.id AND t.kind = 'triage' AND t.status = 'decided' AND t.decided_at < ?1)
    LIMIT ?2`,
  /** At the forum with no cross-agency flag left open. */
  settled: `SELECT p.id FROM proposals p WHERE p.status = 'in_forum' AND p.updated_at < ?1
    AND NOT EXISTS (SELECT 1 FROM overlap_flags f WHERE f.proposal_a = p.id AND f.status = 'open' AND f.kind = 'cross_agency')
    AND NOT EXISTS (SELECT 1 FROM overlap_flags f WHERE f.proposal_b = p.id AND f.status = 'open' AND f.kind = 'cross_agency')
    LIMIT ?2`,
} as const;

export async function stalledLifecycles(db: Database, cutoff: string, limit: number): Promise<Record<keyof typeof STALLED_QUERIES, string[]>> {
  const d1 = db.$client;
  const names = Object.keys(STALLED_QUERIES) as (keyof typeof STALLED_QUERIES)[];
  const results = await d1.batch<{ id: string }>(names.map((name) => d1.prepare(STALLED_QUERIES[name]).bind(cutoff, limit)));
  return Object.fromEntries(names.map((name, i) => [name, results[i]!.results.map((r) => r.id)])) as Record<keyof typeof STALLED_QUERIES, string[]>;
}

// wrangler's `d1 migrations apply` and the test pool's applyD1Migrations both record applied files here.
const MIGRATIONS_QUERY = "SELECT name, (SELECT count(*) FROM d1_migrations) AS applied FROM d1_migrations ORDER BY id DESC LIMIT 1";

/** The latest applied migration and how many are applied; null when none is. */
export async function latestMigration(db: Database): Promise<{ name: string; applied: number } | null> {
  return db.$client.prepare(MIGRATIONS_QUERY).first<{ name: string; applied: number }>();
}
