/**
 * Spreadsheet imports in D1. A commit is set-based so that a file of thousands of rows is ONE atomic batch: the
 * proposals go in as JSON, a few hundred per statement through json_each (one bound parameter however many rows,
 * D1 allows 100), and their asked recommendations, verification tasks and audit events are each one INSERT … SELECT
 * over the import's proposals. A 5,000-row file is about 30 statements (D1 allows 1,000 per invocation).
 */
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { auditEvents, proposalImports, proposals, reviewTasks } from "../../shared/db/schema.ts";
import { abortUnlessRow, nowIso, parts, type Database } from "./database.ts";
import { askedRecommendations } from "./recommendations.ts";
import type { ProposalInsert } from "./proposals.ts";

export type ImportRow = typeof proposalImports.$inferSelect;
export type ImportInsert = typeof proposalImports.$inferInsert;

/** Rows per INSERT: each row's JSON is about half a KB, so a statement stays near 100 KB. */
export const ROWS_PER_STATEMENT = 200;

export const findImport = (db: Database, id: string) => db.query.proposalImports.findFirst({ where: eq(proposalImports.id, id) });

export const findSameFile = (db: Database, key: Pick<ImportRow, "regencyCode" | "channel" | "villageCode" | "year" | "contentHash">) =>
  db.query.proposalImports.findFirst({
    where: and(eq(proposalImports.regencyCode, key.regencyCode), eq(proposalImports.channel, key.channel), eq(proposalImports.villageCode, key.villageCode), eq(proposalImports.year, key.year), eq(proposalImports.contentHash, key.contentHash)),
  });

/** A parallel upload of the same file inserted first: this one adds nothing (the caller reads that one). */
export const insertImport = (db: Database, row: ImportInsert) => db.insert(proposalImports).values(row).onConflictDoNothing();

export const villageImports = (db: Database, villageCode: string, limit = 20) =>
  db.select().from(proposalImports).where(eq(proposalImports.villageCode, villageCode)).orderBy(desc(proposalImports.createdAt)).limit(limit);

export const regencyImports = (db: Database, regencyCode: string, limit = 20) =>
  db.select().from(proposalImports).where(eq(proposalImports.regencyCode, regencyCode)).orderBy(desc(proposalImports.createdAt)).limit(limit);

/** The person's choice of desa for ambiguous places, only while the import is not yet committed. */
export const setChoices = (db: Database, id: string, choices: Record<string, string>, counts: Pick<ImportRow, "createCount" | "errorCount" | "ambiguousCount">) =>
  db
    .update(proposalImports)
    .set({ choices: JSON.stringify(choices), ...counts })
    .where(and(eq(proposalImports.id, id), eq(proposalImports.status, "checked")))
    .returning({ id: proposalImports.id });

/** Moves the import from `from` to `to`, first in its batch: when another request moved it meanwhile, nothing is written. */
export function claimImport(db: Database, id: string, from: ImportRow["status"], to: ImportRow["status"], by: string) {
  return [
    abortUnlessRow(db, `import_not_${from}`, proposalImports, and(eq(proposalImports.id, id), eq(proposalImports.status, from))),
    db.update(proposalImports).set({ status: to, committedBy: by, committedAt: to === "committed" ? nowIso() : null }).where(eq(proposalImports.id, id)),
  ] as const;
}

export const markCommitted = (db: Database, id: string, written: number) =>
  db.update(proposalImports).set({ status: "committed", written, committedAt: nowIso() }).where(and(eq(proposalImports.id, id), eq(proposalImports.status, "committing")));

export const markFailed = (db: Database, id: string, error: string) =>
  db.update(proposalImports).set({ status: "failed", error: error.slice(0, 500) }).where(and(eq(proposalImports.id, id), eq(proposalImports.status, "committing")));

export const setStarted = (db: Database, id: string, started: number) => db.update(proposalImports).set({ started }).where(eq(proposalImports.id, id));

const field = (json: string, type: "text" | "integer" | "real" = "text") => {
  const value = sql`json_extract(value, ${`$.${json}`})`;
  return type === "text" ? value : sql`CAST(${value} AS ${sql.raw(type === "integer" ? "INTEGER" : "REAL")})`;
};

/**
 * The proposals of one import, part by part. A row without a rank goes to the end of its village's list for the
 * year in file order: after the village's proposals that are not of this import, plus its place among the
 * import's rows of that village (`order`), so the parts of one import do not count each other twice.
 */
export function insertImportedProposals(db: Database, importId: string, rows: readonly (ProposalInsert & { order: number })[]) {
  return parts(rows, ROWS_PER_STATEMENT).map((part) =>
    db.insert(proposals).select(
      db
        .select({
          id: field("id").as("id"),
          trackingCode: field("trackingCode").as("tracking_code"),
          year: field("year", "integer").as("year"),
          regencyCode: field("regencyCode").as("regency_code"),
          districtCode: field("districtCode").as("district_code"),
          villageCode: field("villageCode").as("village_code"),
          problem: field("problem").as("problem"),
          activity: field("activity").as("activity"),
          description: field("description").as("description"),
          address: field("address").as("address"),
          rt: field("rt").as("rt"),
          rw: field("rw").as("rw"),
          latitude: field("latitude", "real").as("latitude"),
          longitude: field("longitude", "real").as("longitude"),
          volume: field("volume", "real").as("volume"),
          unit: field("unit").as("unit"),
          estimatedCost: field("estimatedCost", "integer").as("estimated_cost"),
          beneficiaryCount: field("beneficiaryCount", "integer").as("beneficiary_count"),
          beneficiaryGroup: field("beneficiaryGroup").as("beneficiary_group"),
          subActivityCode: field("subActivityCode").as("sub_activity_code"),
          fundingSource: field("fundingSource").as("funding_source"),
          villageRank: sql<number>`coalesce(${field("villageRank", "integer")}, (SELECT coalesce(max(earlier.village_rank), 0) FROM proposals AS earlier WHERE earlier.village_code = ${field("villageCode")} AND earlier.year = ${field("year", "integer")} AND (earlier.import_id IS NULL OR earlier.import_id <> ${importId})) + ${field("order", "integer")})`.as("village_rank"),
          districtRank: sql<null>`NULL`.as("district_rank"),
          stage: field("stage").as("stage"),
          status: field("status").as("status"),
          lifecycleError: sql<null>`NULL`.as("lifecycle_error"),
          lifecycleStartedAt: sql<null>`NULL`.as("lifecycle_started_at"),
          createdBy: field("createdBy").as("created_by"),
          contentHash: field("contentHash").as("content_hash"),
          channel: field("channel").as("channel"),
          locationLevel: field("locationLevel").as("location_level"),
          theme: field("theme").as("theme"),
          proposerGroup: field("proposerGroup").as("proposer_group"),
          importId: sql<string>`${importId}`.as("import_id"),
          importRow: field("importRow", "integer").as("import_row"),
          carriedFrom: sql<null>`NULL`.as("carried_from"),
          createdAt: field("createdAt").as("created_at"),
          updatedAt: field("updatedAt").as("updated_at"),
        })
        .from(sql`json_each(${JSON.stringify(part)})`),
    ),
  );
}

const ofImport = (importId: string) => eq(proposals.importId, importId);

/** What each desa asked for, for every proposal of the import (the first step of the recommendations per level). */
export const importedAsked = (db: Database, importId: string, by: string, at: string) => askedRecommendations(db, ofImport(importId), by, at);

/** Each imported proposal in its kecamatan's verification queue, as intake opens it. */
export function importedVerifications(db: Database, importId: string, dueAt: string) {
  return db
    .insert(reviewTasks)
    .select(
      db
        .select({
          id: sql<string>`'tgs_' || substr(${proposals.id}, 5)`.as("id"),
          proposalId: proposals.id,
          kind: sql<"verification">`'verification'`.as("kind"),
          agencyId: sql<null>`NULL`.as("agency_id"),
          regencyCode: proposals.regencyCode,
          queueKey: proposals.districtCode,
          status: sql<"open">`'open'`.as("status"),
          assignee: sql<null>`NULL`.as("assignee"),
          dueAt: sql<string>`${dueAt}`.as("due_at"),
          decision: sql<null>`NULL`.as("decision"),
          decisionReason: sql<null>`NULL`.as("decision_reason"),
          decisionData: sql<null>`NULL`.as("decision_data"),
          decidedBy: sql<null>`NULL`.as("decided_by"),
          decidedAt: sql<null>`NULL`.as("decided_at"),
          remindedAt: sql<null>`NULL`.as("reminded_at"),
          escalatedAt: sql<null>`NULL`.as("escalated_at"),
          createdAt: proposals.createdAt,
        })
        .from(proposals)
        .where(ofImport(importId)),
    )
    .onConflictDoNothing();
}

/** Each imported proposal's "submitted" audit event, as intake writes it, naming the file and row it came from. */
export function importedAuditEvents(db: Database, importId: string, actor: string) {
  return db.insert(auditEvents).select(
    db
      .select({
        id: sql<null>`NULL`.as("id"),
        createdAt: proposals.createdAt,
        regencyCode: proposals.regencyCode,
        actor: sql<string>`${actor}`.as("actor"),
        action: sql<string>`'proposal.submitted'`.as("action"),
        entityType: sql<string>`'proposal'`.as("entity_type"),
        entityId: proposals.id,
        data: sql<string>`json_object('status', 'submitted', 'stage', 'desa', 'trackingCode', ${proposals.trackingCode}, 'attachments', 0, 'importId', ${importId}, 'row', ${proposals.importRow})`.as("data"),
        dedupeKey: sql<null>`NULL`.as("dedupe_key"),
      })
      .from(proposals)
      .where(ofImport(importId)),
  );
}

/** The next part of the import's proposals after row `afterRow`, in file order (the background starts their lifecycles). */
export const importedAfter = (db: Database, importId: string, afterRow: number, limit: number) =>
  db
    .select({ id: proposals.id, importRow: proposals.importRow })
    .from(proposals)
    .where(and(ofImport(importId), gt(proposals.importRow, afterRow)))
    .orderBy(proposals.importRow)
    .limit(limit);

export const importedProposals = (db: Database, importId: string) =>
  db.select({ id: proposals.id, trackingCode: proposals.trackingCode, importRow: proposals.importRow, activity: proposals.activity, villageCode: proposals.villageCode, status: proposals.status }).from(proposals).where(ofImport(importId)).orderBy(proposals.importRow);

export const countImported = async (db: Database, importId: string) => (await db.select({ n: sql<number>`count(*)` }).from(proposals).where(ofImport(importId)))[0]?.n ?? 0;
