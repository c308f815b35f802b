/**
 * The channels beside the village's in D1: the kabupaten's DPRD members, what a pokir carries, what became of each
 * member's pokir, and the thematic Musrenbang's tally per theme.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { agencies, dprdMembers, pokir, proposals, regions, renjaLines, reviewTasks } from "../../shared/db/schema.ts";
import { chunked, type Database } from "./database.ts";

export type DprdMember = typeof dprdMembers.$inferSelect;
export type PokirRow = typeof pokir.$inferSelect;

export async function dprdMember(db: Database, regencyCode: string, id: string): Promise<DprdMember | undefined> {
  return db.query.dprdMembers.findFirst({ where: and(eq(dprdMembers.id, id), eq(dprdMembers.regencyCode, regencyCode), eq(dprdMembers.active, true)) });
}

export async function dprdMembersOf(db: Database, regencyCode: string): Promise<DprdMember[]> {
  return db.select().from(dprdMembers).where(and(eq(dprdMembers.regencyCode, regencyCode), eq(dprdMembers.active, true))).orderBy(asc(dprdMembers.name));
}

export const insertPokir = (db: Database, row: PokirRow) => db.insert(pokir).values(row);

export async function pokirOf(db: Database, proposalId: string): Promise<PokirRow | undefined> {
  return db.query.pokir.findFirst({ where: eq(pokir.proposalId, proposalId) });
}

/** A kecamatan of the kabupaten, by code: the place of a kecamatan-wide line. */
export async function districtPlace(db: Database, districtCode: string): Promise<{ code: string; name: string } | undefined> {
  return db.query.regions.findFirst({ where: and(eq(regions.code, districtCode), eq(regions.level, "district")), columns: { code: true, name: true } });
}

/** The kecamatan codes of a kabupaten: where a kabupaten-wide line looks for the lines inside it. */
export async function districtCodesOf(db: Database, regencyCode: string): Promise<string[]> {
  const rows = await db.select({ code: regions.code }).from(regions).where(and(eq(regions.parentCode, regencyCode), eq(regions.level, "district")));
  return rows.map((r) => r.code);
}

/**
 * Every pokir of a year (one member's, or all of the kabupaten's for the secretariat and Bappeda) with what became
 * of it: each agency's decision and reason, and the Renja lines it became.
 */
export async function pokirReport(db: Database, regencyCode: string, year: number, memberId: string | null) {
  const rows = await db
    .select({ proposal: proposals, pokir, placeName: regions.name })
    .from(proposals)
    .innerJoin(pokir, eq(pokir.proposalId, proposals.id))
    .innerJoin(regions, eq(regions.code, proposals.villageCode))
    .where(and(eq(proposals.regencyCode, regencyCode), eq(proposals.year, year), eq(proposals.channel, "pokir"), memberId ? eq(pokir.memberId, memberId) : undefined))
    .orderBy(asc(pokir.memberName), asc(proposals.createdAt));
  const ids = rows.map((r) => r.proposal.id);
  const tasks = await chunked(ids, (part) =>
    db
      .select({ proposalId: reviewTasks.proposalId, kind: reviewTasks.kind, status: reviewTasks.status, decision: reviewTasks.decision, reason: reviewTasks.decisionReason, agencyName: agencies.name })
      .from(reviewTasks)
      .leftJoin(agencies, eq(agencies.id, reviewTasks.agencyId))
      .where(and(inArray(reviewTasks.proposalId, part), inArray(reviewTasks.kind, ["agency_review", "triage"]))),
  );
  const lines = await chunked(ids, (part) =>
    db
      .select({ proposalId: renjaLines.proposalId, agencyName: agencies.name, subActivityCode: renjaLines.subActivityCode, volume: renjaLines.volume, unit: renjaLines.unit, pagu: renjaLines.pagu })
      .from(renjaLines)
      .innerJoin(agencies, eq(agencies.id, renjaLines.agencyId))
      .where(inArray(renjaLines.proposalId, part)),
  );
  const districts = new Map((await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, regencyCode))).map((r) => [r.code, r.name]));
  return rows.map((r) => ({
    ...r,
    districtName: districts.get(r.proposal.districtCode) ?? null,
    tasks: tasks.filter((t) => t.proposalId === r.proposal.id),
    lines: lines.filter((l) => l.proposalId === r.proposal.id),
  }));
}

/** Per theme: the thematic proposals of a year by status, and what their Renja lines hold. */
export async function themeTally(db: Database, regencyCode: string, year: number, theme: string | null) {
  const byStatus = await db
    .select({ theme: proposals.theme, status: proposals.status, count: sql<number>`count(*)`, asked: sql<number>`sum(${proposals.estimatedCost})` })
    .from(proposals)
    .where(and(eq(proposals.regencyCode, regencyCode), eq(proposals.year, year), eq(proposals.channel, "tematik"), theme ? eq(proposals.theme, theme) : undefined))
    .groupBy(proposals.theme, proposals.status);
  const funded = await db
    .select({ theme: proposals.theme, pagu: sql<number>`sum(${renjaLines.pagu})` })
    .from(renjaLines)
    .innerJoin(proposals, eq(proposals.id, renjaLines.proposalId))
    .where(and(eq(renjaLines.regencyCode, regencyCode), eq(renjaLines.year, year), eq(proposals.channel, "tematik"), theme ? eq(proposals.theme, theme) : undefined))
    .groupBy(proposals.theme);
  return { byStatus, funded };
}
