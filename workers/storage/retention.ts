/**
 * What the retention job deletes, one bounded statement at a time. Tables without a time index are walked in rowid
 * order, which is insertion order, so the oldest rows come first and a statement stops after `limit` matches.
 * Every delete repeats its condition, so a row that changed meanwhile (a delivery replayed, a proposal reopened)
 * is not deleted.
 */
import { FINAL_STATUSES } from "../../shared/proposals/lifecycle.ts";
import { OPEN_TASK_STATUSES } from "../../shared/reviews/decisions.ts";
import { parts, type Database } from "./database.ts";

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/** Deletes at most `limit` rows of one of the short-lived tables older than `cutoff`; answers how many went. */
export async function pruneShortLived(db: Database, table: "sessions" | "login_throttle" | "idempotency_keys", cutoff: string, limit: number): Promise<number> {
  const column = { sessions: "expires_at", login_throttle: "window_started_at", idempotency_keys: "created_at" }[table];
  const result = await db.$client.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${column} < ? LIMIT ?)`).bind(cutoff, limit).run();
  return result.meta.changes;
}

/**
 * Webhook deliveries that are over (delivered, or dead after every retry) and older than `cutoff`, whose review
 * task (if the event was about one) is no longer open: an open task's deliveries are what its agency and Bappeda
 * look at when something did not arrive.
 */
const FINISHED_DELIVERY = `d.status IN ('delivered', 'dead') AND d.created_at < ?
  AND NOT EXISTS (SELECT 1 FROM review_tasks t WHERE t.id = json_extract(d.payload, '$.data.taskId') AND t.status IN (${list(OPEN_TASK_STATUSES)}))`;

export async function pruneDeliveries(db: Database, cutoff: string, limit: number): Promise<number> {
  const { results } = await db.$client.prepare(`SELECT d.id FROM webhook_deliveries d WHERE ${FINISHED_DELIVERY} ORDER BY d.rowid LIMIT ?`).bind(cutoff, limit).all<{ id: string }>();
  if (results.length === 0) return 0;
  // Attempts first (they reference their delivery), each under the same condition, in one atomic batch.
  const statements = parts(results.map((r) => r.id)).flatMap((ids) => {
    const marks = ids.map(() => "?").join(", ");
    return [
      db.$client.prepare(`DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT d.id FROM webhook_deliveries d WHERE d.id IN (${marks}) AND ${FINISHED_DELIVERY})`).bind(...ids, cutoff),
      db.$client.prepare(`DELETE FROM webhook_deliveries WHERE id IN (SELECT d.id FROM webhook_deliveries d WHERE d.id IN (${marks}) AND ${FINISHED_DELIVERY})`).bind(...ids, cutoff),
    ];
  });
  const done = await db.$client.batch(statements);
  return done.filter((_, i) => i % 2 === 1).reduce((n, r) => n + r.meta.changes, 0);
}

export interface AuditRow {
  id: number;
  created_at: string;
  regency_code: string | null;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  data: string | null;
  dedupe_key: string | null;
}

/**
 * Audit events older than `cutoff`, oldest first, except those about a proposal still under way or a review task
 * still open: their history stays next to them (the public tracking page reads a proposal's from here).
 */
const ARCHIVABLE_EVENT = `e.created_at < ?
  AND NOT (e.entity_type = 'proposal' AND EXISTS (SELECT 1 FROM proposals p WHERE p.id = e.entity_id AND p.status NOT IN (${list(FINAL_STATUSES)})))
  AND NOT (e.entity_type = 'review_task' AND EXISTS (SELECT 1 FROM review_tasks t WHERE t.id = e.entity_id AND t.status IN (${list(OPEN_TASK_STATUSES)})))`;

export async function archivableAuditEvents(db: Database, cutoff: string, limit: number): Promise<AuditRow[]> {
  // The first event at or past the cutoff bounds the walk, so it never scans the recent part of the table.
  const bound = await db.$client.prepare("SELECT id FROM audit_events WHERE created_at >= ? ORDER BY id LIMIT 1").bind(cutoff).first<number>("id");
  const { results } = await db.$client
    .prepare(`SELECT e.* FROM audit_events e WHERE e.id < ? AND ${ARCHIVABLE_EVENT} ORDER BY e.id LIMIT ?`)
    .bind(bound ?? Number.MAX_SAFE_INTEGER, cutoff, limit)
    .all<AuditRow>();
  return results;
}

/** Deletes the events archived, under the same condition (one batch). */
export async function deleteAuditEvents(db: Database, ids: readonly number[], cutoff: string): Promise<number> {
  if (ids.length === 0) return 0;
  const done = await db.$client.batch(
    parts(ids).map((part) => db.$client.prepare(`DELETE FROM audit_events WHERE id IN (SELECT e.id FROM audit_events e WHERE e.id IN (${part.map(() => "?").join(", ")}) AND ${ARCHIVABLE_EVENT})`).bind(...part, cutoff)),
  );
  return done.reduce((n, r) => n + r.meta.changes, 0);
}

export interface BucketOwner {
  id: string;
  year: number;
  villageCode: string;
  districtCode: string;
  locationLevel: string;
  activity: string;
  problem: string;
  description: string | null;
}

/** Proposals of years before `beforeYear`, after `afterId` in id order: their overlap index can go. */
export async function closedYearProposals(db: Database, beforeYear: number, afterId: string, limit: number): Promise<BucketOwner[]> {
  const { results } = await db.$client
    .prepare("SELECT id, year, village_code AS villageCode, district_code AS districtCode, location_level AS locationLevel, activity, problem, description FROM proposals WHERE id > ? AND year < ? ORDER BY id LIMIT ?")
    .bind(afterId, beforeYear, limit)
    .all<BucketOwner>();
  return results;
}

/** Deletes proposals' band keys through the primary key (band key, proposal): one statement per proposal, one batch. */
export async function deleteBuckets(db: Database, owners: readonly { id: string; keys: readonly number[] }[]): Promise<number> {
  const statements = owners.flatMap(({ id, keys }) =>
    parts(keys).map((part) => db.$client.prepare(`DELETE FROM overlap_buckets WHERE proposal_id = ? AND band_key IN (${part.map(() => "?").join(", ")})`).bind(id, ...part)),
  );
  if (statements.length === 0) return 0;
  return (await db.$client.batch(statements)).reduce((n, r) => n + r.meta.changes, 0);
}
