/**
 * Reads of the public account (workers/usecases/public/): a year's proposals of a kabupaten, kecamatan or desa,
 * the Renja lines they became, and the places to find them by. Each through its own index: a desa's page reads
 * its desa's rows, not the kabupaten's.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { agencies, proposals, regions, renjaLines, subActivities } from "../../shared/db/schema.ts";
import type { PublicFunding } from "../../shared/public/account.ts";
import type { Database } from "./database.ts";
import type { ProposalRow } from "./proposals.ts";
import { inJson } from "./story.ts";

export type PublicScope = { level: "regency" | "district" | "village"; code: string };

/** A year's proposals in a kabupaten, kecamatan or desa, by kecamatan, desa and the village's own order. */
export async function proposalsInScope(db: Database, regencyCode: string, year: number, scope: PublicScope): Promise<ProposalRow[]> {
  const where =
    scope.level === "village"
      ? and(eq(proposals.villageCode, scope.code), eq(proposals.year, year), eq(proposals.regencyCode, regencyCode))
      : scope.level === "district"
        ? and(eq(proposals.districtCode, scope.code), eq(proposals.year, year), eq(proposals.regencyCode, regencyCode))
        : and(eq(proposals.regencyCode, regencyCode), eq(proposals.year, year));
  return db.select().from(proposals).where(where).orderBy(asc(proposals.districtCode), asc(proposals.villageCode), asc(proposals.villageRank), asc(proposals.createdAt), asc(proposals.id));
}

/** The Renja lines each proposal became, with the agency's and the sub-activity's names. */
export async function fundingOf(db: Database, proposalIds: readonly string[]): Promise<Map<string, PublicFunding[]>> {
  if (proposalIds.length === 0) return new Map();
  const rows = await db
    .select({ proposalId: renjaLines.proposalId, agencyName: agencies.name, subActivityCode: renjaLines.subActivityCode, subActivityName: subActivities.name, volume: renjaLines.volume, unit: renjaLines.unit, pagu: renjaLines.pagu })
    .from(renjaLines)
    .innerJoin(agencies, eq(agencies.id, renjaLines.agencyId))
    .leftJoin(subActivities, eq(subActivities.code, renjaLines.subActivityCode))
    .where(inJson(renjaLines.proposalId, proposalIds))
    .orderBy(asc(renjaLines.sortKey));
  const byProposal = new Map<string, PublicFunding[]>();
  for (const { proposalId, ...line } of rows) byProposal.set(proposalId, [...(byProposal.get(proposalId) ?? []), line]);
  return byProposal;
}

/** A region by code at a level, or undefined. */
export async function regionAt(db: Database, code: string, level: "regency" | "district" | "village") {
  return db.query.regions.findFirst({ where: and(eq(regions.code, code), eq(regions.level, level)) });
}

/** The kabupaten this deployment runs (those with agencies), with their names. */
export async function runRegencies(db: Database) {
  const codes = (await db.selectDistinct({ code: agencies.regencyCode }).from(agencies)).map((r) => r.code);
  if (codes.length === 0) return [];
  return db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes)).orderBy(asc(regions.name));
}

/** The kabupaten's kecamatan and desa (through the parent index) with how many proposals each desa has in the year. */
export async function regencyDirectory(db: Database, regencyCode: string, year: number) {
  const place = { code: regions.code, name: regions.name, kind: regions.kind, parentCode: regions.parentCode };
  const [districts, counts] = await Promise.all([
    db.select(place).from(regions).where(and(eq(regions.parentCode, regencyCode), eq(regions.level, "district"))).orderBy(asc(regions.name)),
    db
      .select({ villageCode: proposals.villageCode, proposals: count() })
      .from(proposals)
      .where(and(eq(proposals.regencyCode, regencyCode), eq(proposals.year, year)))
      .groupBy(proposals.villageCode),
  ]);
  const villages = districts.length ? await db.select(place).from(regions).where(and(inJson(regions.parentCode, districts.map((d) => d.code)), eq(regions.level, "village"))).orderBy(asc(regions.name)) : [];
  return { districts, villages, counts: new Map(counts.map((c) => [c.villageCode, c.proposals])) };
}
