/**
 * Retention: what D1 keeps and for how long, so a province's database stops growing with things nobody reads
 * again. Runs on its own hourly cron (wrangler.toml), in small steps: every statement touches at most a few hundred
 * rows and one run makes at most `maxStatements` D1 queries (D1 allows 1,000 per invocation), so a run is short and
 * a backlog drains over the following hours. Audit events are copied to R2 (JSON lines) before they leave D1.
 *
 * Nothing still referenced goes: a session until it expires, a delivery of a task still open, the history of a
 * proposal still under way or of a task still open, and every proposal, task, agency, forum and Renja line (those
 * are the record, kept for good).
 */
import { indexBandKeys } from "../../../shared/overlap/subject.ts";
import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { archivableAuditEvents, closedYearProposals, deleteAuditEvents, deleteBuckets, pruneDeliveries, pruneShortLived, type AuditRow } from "../../storage/retention.ts";
import type { Deps } from "../deps.ts";

const DAY = 86_400_000;

/** The hourly trigger of the job (wrangler.toml `[triggers] crons`), at minute 17 to stay clear of the 10-minute repairs. */
export const RETENTION_CRON = "17 * * * *";

/** How long each kind of row stays in D1 (README "Retention"). */
export const RETENTION = {
  /** Sessions live 12 hours; an expired one is kept a day for the sign-in history around it. */
  sessionDaysAfterExpiry: 1,
  /** Sign-in throttling looks back 15 minutes. */
  loginThrottleDays: 1,
  /** Clients retry within minutes; a week covers a village office offline for days. */
  idempotencyKeyDays: 7,
  /** Delivered or dead deliveries and their attempts: the log agencies and Bappeda read when something went wrong. */
  webhookDeliveryDays: 90,
  /** Audit events stay searchable in D1 for two planning cycles, then live on in R2. */
  auditEventDays: 730,
} as const;

export interface RetentionLimits {
  /** D1 queries one run may make. */
  maxStatements: number;
  /** Rows per statement (sessions, keys, deliveries, audit events). */
  rowsPerStatement: number;
  /** Proposals whose overlap index is dropped per batch (48 band keys each: one statement per proposal). */
  proposalsPerBatch: number;
}

export const DEFAULT_LIMITS: RetentionLimits = { maxStatements: 150, rowsPerStatement: 500, proposalsPerBatch: 40 };

export interface RetentionReport {
  sessions: number;
  loginThrottle: number;
  idempotencyKeys: number;
  webhookDeliveries: number;
  auditEventsArchived: number;
  overlapBuckets: number;
  statements: number;
  /** True when the statement budget ran out before everything due was done: the next run carries on. */
  unfinished: boolean;
}

/** Where the audit archive lives: per kabupaten and month, one object per batch (ids make re-runs harmless). */
export function auditArchiveKey(regencyCode: string | null, month: string, firstId: number, lastId: number): string {
  const pad = (id: number) => String(id).padStart(12, "0");
  return `audit/${regencyCode ?? "_"}/${month}/${pad(firstId)}-${pad(lastId)}.jsonl`;
}

/** The retention job's place in the proposals of closed years (their overlap index), kept next to the archive. */
const BUCKET_CURSOR = "retention/overlap-buckets-cursor";

export async function applyRetention(deps: Deps, now = new Date(), limits: RetentionLimits = DEFAULT_LIMITS): Promise<RetentionReport> {
  const { db, env } = deps;
  const report: RetentionReport = { sessions: 0, loginThrottle: 0, idempotencyKeys: 0, webhookDeliveries: 0, auditEventsArchived: 0, overlapBuckets: 0, statements: 0, unfinished: false };
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  /** Runs `step` while it keeps finding a full batch and the budget lasts; `cost` is its D1 queries per call. */
  const drain = async (cost: number, step: () => Promise<{ done: number; full: boolean }>): Promise<void> => {
    for (;;) {
      if (report.statements + cost > limits.maxStatements) {
        report.unfinished = true;
        return;
      }
      report.statements += cost;
      if (!(await step()).full) return;
    }
  };
  const rows = limits.rowsPerStatement;
  const shortLived = (table: "sessions" | "login_throttle" | "idempotency_keys", days: number, key: "sessions" | "loginThrottle" | "idempotencyKeys") =>
    drain(1, async () => {
      const done = await pruneShortLived(db, table, ago(days), rows);
      report[key] += done;
      return { done, full: done === rows };
    });

  await shortLived("sessions", RETENTION.sessionDaysAfterExpiry, "sessions");
  await shortLived("login_throttle", RETENTION.loginThrottleDays, "loginThrottle");
  await shortLived("idempotency_keys", RETENTION.idempotencyKeyDays, "idempotencyKeys");
  await drain(1 + 2 * Math.ceil(rows / 90), async () => {
    const done = await pruneDeliveries(db, ago(RETENTION.webhookDeliveryDays), rows);
    report.webhookDeliveries += done;
    return { done, full: done === rows };
  });

  const auditCutoff = ago(RETENTION.auditEventDays);
  await drain(2 + Math.ceil(rows / 90), async () => {
    const events = await archivableAuditEvents(db, auditCutoff, rows);
    if (events.length === 0) return { done: 0, full: false };
    await archive(env.ARCHIVE, events);
    // Only what is safely in R2 leaves D1; a crash in between archives the same ids again next time.
    report.auditEventsArchived += await deleteAuditEvents(db, events.map((e) => e.id), auditCutoff);
    return { done: events.length, full: events.length === rows };
  });

  // The overlap index of years whose planning is over: detection only compares proposals of the same year.
  const beforeYear = planningYear(now);
  await drain(1 + limits.proposalsPerBatch, async () => {
    const cursor = (await (await env.ARCHIVE.get(BUCKET_CURSOR))?.text()) ?? "";
    const owners = await closedYearProposals(db, beforeYear, cursor, limits.proposalsPerBatch);
    if (owners.length === 0) return { done: 0, full: false };
    report.overlapBuckets += await deleteBuckets(db, owners.map((p) => ({ id: p.id, keys: indexBandKeys(p) })));
    await env.ARCHIVE.put(BUCKET_CURSOR, owners.at(-1)!.id);
    return { done: owners.length, full: owners.length === limits.proposalsPerBatch };
  });
  return report;
}

const parsed = (data: string | null): unknown => {
  try {
    return data === null ? null : JSON.parse(data);
  } catch {
    return data;
  }
};

/** One JSON line per event, grouped by kabupaten and month of the event. */
async function archive(bucket: R2Bucket, events: readonly AuditRow[]): Promise<void> {
  const groups = new Map<string, AuditRow[]>();
  for (const event of events) {
    const key = `${event.regency_code ?? ""}|${event.created_at.slice(0, 7)}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  for (const group of groups.values()) {
    const [first, last] = [group[0]!, group.at(-1)!];
    const lines = group.map((e) =>
      JSON.stringify({ id: e.id, createdAt: e.created_at, regencyCode: e.regency_code, actor: e.actor, action: e.action, entityType: e.entity_type, entityId: e.entity_id, data: parsed(e.data), dedupeKey: e.dedupe_key }),
    );
    await bucket.put(auditArchiveKey(first.regency_code, first.created_at.slice(0, 7), first.id, last.id), `${lines.join("\n")}\n`, { httpMetadata: { contentType: "application/x-ndjson" } });
  }
}
