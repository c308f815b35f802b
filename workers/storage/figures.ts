/** What the console's pictures count: a kabupaten-year's proposals by status, stage and kecamatan, and its Renja lines. */
import { and, countDistinct, eq, sql } from "drizzle-orm";
import { proposals, renjaLines } from "../../shared/db/schema.ts";
import type { Database } from "./database.ts";

/** Proposals and their asked cost, grouped by kecamatan, status and stage: one indexed read per year. */
export async function proposalTallies(db: Database, regencyCode: string, year: number) {
  return db
    .select({ districtCode: proposals.districtCode, status: proposals.status, stage: proposals.stage, count: sql<number>`count(*)`, cost: sql<number>`coalesce(sum(${proposals.estimatedCost}), 0)` })
    .from(proposals)
    .where(and(eq(proposals.regencyCode, regencyCode), eq(proposals.year, year)))
    .groupBy(proposals.districtCode, proposals.status, proposals.stage);
}

/** How many proposals have a line in the year's Renja. */
export async function renjaProposalCount(db: Database, regencyCode: string, year: number): Promise<number> {
  const row = await db.select({ n: countDistinct(renjaLines.proposalId) }).from(renjaLines).where(and(eq(renjaLines.regencyCode, regencyCode), eq(renjaLines.year, year))).get();
  return row?.n ?? 0;
}
