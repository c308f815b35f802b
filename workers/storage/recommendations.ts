/**
 * What each level recommends for a proposal (desa asked → kecamatan recommended → OPD decided → forum agreed): the
 * statements that write a level's recommendation, and `recommendationsOf`, the one read that the history, the
 * budget fit and the exports use.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { proposalRecommendations, proposals } from "../../shared/db/schema.ts";
import { RECOMMENDATION_LEVELS, type Recommendation, type RecommendationLevel } from "../../shared/proposals/recommendations.ts";
import { chunked, type Database } from "./database.ts";

export type RecommendationRow = typeof proposalRecommendations.$inferSelect;

/** Writes (or replaces) one level's recommendation from one source: a level says one thing at a time. */
export function recommendationStatement(db: Database, row: RecommendationRow) {
  const { proposalId: _id, level: _level, source: _source, ...set } = row;
  return db
    .insert(proposalRecommendations)
    .values(row)
    .onConflictDoUpdate({ target: [proposalRecommendations.proposalId, proposalRecommendations.level, proposalRecommendations.source], set });
}

/**
 * The desa's own numbers, taken from its proposal row as it stands when D1 reaches the statement: put after the
 * row's update in the same batch, it records what the village asks for now, and nothing when the batch rolls back.
 */
export const askedRecommendationStatement = (db: Database, proposalId: string, decidedBy: string, decidedAt: string) => askedRecommendations(db, eq(proposals.id, proposalId), decidedBy, decidedAt);

/** The same for every proposal `which` selects (an import's proposals, in its one batch). */
export function askedRecommendations(db: Database, which: SQL | undefined, decidedBy: string, decidedAt: string) {
  return db
    .insert(proposalRecommendations)
    .select(
      db
        .select({
          proposalId: proposals.id,
          level: sql<"desa">`'desa'`.as("level"),
          source: sql<string>`''`.as("source"),
          volume: proposals.volume,
          unit: proposals.unit,
          cost: proposals.estimatedCost,
          subActivityCode: proposals.subActivityCode,
          note: sql<null>`NULL`.as("note"),
          decidedBy: sql<string>`${decidedBy}`.as("decided_by"),
          decidedAt: sql<string>`${decidedAt}`.as("decided_at"),
        })
        .from(proposals)
        .where(which),
    )
    .onConflictDoUpdate({
      target: [proposalRecommendations.proposalId, proposalRecommendations.level, proposalRecommendations.source],
      set: { volume: sql`excluded.volume`, unit: sql`excluded.unit`, cost: sql`excluded.cost`, subActivityCode: sql`excluded.sub_activity_code`, decidedBy: sql`excluded.decided_by`, decidedAt: sql`excluded.decided_at` },
    });
}

const levelOrder = (level: string) => RECOMMENDATION_LEVELS.indexOf(level as RecommendationLevel);

/** Every recommendation of each proposal, in level order (desa, kecamatan, OPD, forum), then by source. */
export async function recommendationsOf(db: Database, proposalIds: readonly string[]): Promise<Map<string, Recommendation[]>> {
  const rows = await chunked(proposalIds, (part) =>
    db.select().from(proposalRecommendations).where(inArray(proposalRecommendations.proposalId, part)).orderBy(asc(proposalRecommendations.source)),
  );
  const byProposal = new Map<string, Recommendation[]>();
  for (const row of rows.sort((a, b) => levelOrder(a.level) - levelOrder(b.level))) {
    const { proposalId, ...rest } = row;
    byProposal.set(proposalId, [...(byProposal.get(proposalId) ?? []), rest]);
  }
  return byProposal;
}

/** One level's recommendation of the whole proposal (source ""), e.g. the kecamatan's. */
export async function recommendationAt(db: Database, proposalId: string, level: RecommendationLevel) {
  return db.query.proposalRecommendations.findFirst({
    where: and(eq(proposalRecommendations.proposalId, proposalId), eq(proposalRecommendations.level, level), eq(proposalRecommendations.source, "")),
  });
}
