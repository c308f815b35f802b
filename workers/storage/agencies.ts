/** The kabupaten's agencies (OPD) and which bidang or program each carries. */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { agencyId, type AgencyDefinition } from "../../shared/agencies/agencies.ts";
import { agencies, agencyResponsibilities, reviewTasks, subActivities } from "../../shared/db/schema.ts";
import { OPEN_TASK_STATUSES } from "../../shared/reviews/decisions.ts";
import { parts, type Database } from "./database.ts";

export type AgencyRow = typeof agencies.$inferSelect;

export async function findAgency(db: Database, agencyId: string) {
  return db.query.agencies.findFirst({ where: eq(agencies.id, agencyId) });
}

/** The agency, only when it belongs to the kabupaten. */
export async function agencyOf(db: Database, regencyCode: string, agencyId: string) {
  return db.query.agencies.findFirst({ where: and(eq(agencies.id, agencyId), eq(agencies.regencyCode, regencyCode)) });
}

export async function agencyList(db: Database, regencyCode: string) {
  return db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.regencyCode, regencyCode)).orderBy(asc(agencies.name));
}

/** The kabupaten's responsibility table: code prefix (bidang U.BB or program U.BB.PP) → agency. */
export async function responsibilities(db: Database, regencyCode: string): Promise<Map<string, string>> {
  const rows = await db.select().from(agencyResponsibilities).where(eq(agencyResponsibilities.regencyCode, regencyCode));
  return new Map(rows.map((r) => [r.codePrefix, r.agencyId]));
}

/** Every agency of the kabupaten, active or not, with the prefixes it carries. */
export async function agenciesWithPrefixes(db: Database, regencyCode: string) {
  const [rows, duties] = await db.batch([
    db.select().from(agencies).where(eq(agencies.regencyCode, regencyCode)).orderBy(asc(agencies.shortName)),
    db.select().from(agencyResponsibilities).where(eq(agencyResponsibilities.regencyCode, regencyCode)).orderBy(asc(agencyResponsibilities.codePrefix)),
  ]);
  return rows.map((a) => ({ id: a.id, shortName: a.shortName, name: a.name, active: a.active, codePrefixes: duties.filter((d) => d.agencyId === a.id).map((d) => d.codePrefix) }));
}

/** Open or claimed review tasks per agency, for the agencies given. */
export async function openTaskCounts(db: Database, agencyIds: readonly string[]): Promise<Map<string, number>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db
    .select({ agencyId: reviewTasks.agencyId, n: count() })
    .from(reviewTasks)
    .where(and(inArray(reviewTasks.agencyId, [...agencyIds]), inArray(reviewTasks.status, [...OPEN_TASK_STATUSES])))
    .groupBy(reviewTasks.agencyId);
  return new Map(rows.map((r) => [r.agencyId!, r.n]));
}

/** The bidang (U.BB) and program (U.BB.PP) codes of the nomenclature: what an agency may carry. */
export async function nomenclaturePrefixes(db: Database): Promise<Set<string>> {
  const [bidang, programs] = await db.batch([db.selectDistinct({ code: subActivities.bidangCode }).from(subActivities), db.selectDistinct({ code: subActivities.programCode }).from(subActivities)]);
  return new Set([...bidang, ...programs].map((r) => r.code));
}

/**
 * The kabupaten's agencies become exactly `list`, in one batch (run it whole, with its audit event): every agency
 * is first marked inactive, the listed ones are written back active, and the responsibility table is replaced.
 * No agency is ever deleted, so review tasks, webhooks, follow-ups and Renja lines keep pointing at theirs; an
 * agency left out only stops receiving new proposals (routing reads the responsibility table).
 */
export function replaceAgencies(db: Database, regencyCode: string, list: readonly AgencyDefinition[]): BatchItem<"sqlite">[] {
  const rows = list.map((a) => ({ id: agencyId(regencyCode, a.shortName), regencyCode, shortName: a.shortName, name: a.name, active: true }));
  const duties = list.flatMap((a) => a.codePrefixes.map((codePrefix) => ({ regencyCode, codePrefix, agencyId: agencyId(regencyCode, a.shortName) })));
  return [
    db.update(agencies).set({ active: false }).where(eq(agencies.regencyCode, regencyCode)),
    // D1 binds at most 100 parameters: 5 per agency row, 3 per responsibility.
    ...parts(rows, 18).map((part) =>
      db
        .insert(agencies)
        .values(part)
        .onConflictDoUpdate({ target: agencies.id, set: { shortName: sql`excluded.short_name`, name: sql`excluded.name`, active: sql`excluded.active` } }),
    ),
    db.delete(agencyResponsibilities).where(eq(agencyResponsibilities.regencyCode, regencyCode)),
    ...parts(duties, 30).map((part) => db.insert(agencyResponsibilities).values(part)),
  ];
}
