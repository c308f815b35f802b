/**
 * Overlap detection against D1: a proposal's LSH band keys find the candidates (never a scan of all proposals),
 * the shared scorer verifies each exactly, and the result is kept as flags grouped into clusters. A dismissed
 * flag stays dismissed when the pair is checked again.
 */
import { and, eq, inArray, ne, notInArray, or, sql } from "drizzle-orm";
import { agencies, overlapBuckets, overlapFlags, proposals, regions, reviewTasks } from "../../shared/db/schema.ts";
import { clusterIds } from "../../shared/overlap/clusters.ts";
import { bandKeyNumber, overlapBandKeys } from "../../shared/overlap/minhash.ts";
import { scoreOverlap, type OverlapSubject } from "../../shared/overlap/score.ts";
import { sortableId } from "../../shared/proposals/ids.ts";
import { nowIso, runBatch, type Database } from "./database.ts";
import type { ProposalRow } from "./proposals.ts";

/** Statuses whose proposals no longer compete for anything. */
const CLOSED = ["withdrawn", "rejected", "merged"];
export const overlapText = (p: Pick<ProposalRow, "activity" | "problem" | "description">) => [p.activity, p.problem, p.description].filter(Boolean).join(". ");

/** The band keys of a proposal: scoped by desa and year, since pairs across either never reach the threshold. */
export function proposalBandKeys(p: Pick<ProposalRow, "activity" | "problem" | "description" | "villageCode" | "year">): number[] {
  return [...new Set(overlapBandKeys(overlapText(p), `${p.villageCode}|${p.year}`).map(bandKeyNumber))];
}

export interface CheckResult {
  candidates: number;
  flagged: number;
}

/**
 * Indexes `proposalId`, compares it with the proposals sharing a band key, and records the flags. Three round
 * trips: the proposal; one batch of reads (candidates, their agencies, existing flags, clusters touched); one
 * batch of writes. A new flag only ever merges clusters, so cluster ids are updated for the clusters it joins.
 */
export async function detectOverlaps(db: Database, proposalId: string): Promise<CheckResult> {
  const proposal = await db.query.proposals.findFirst({ where: eq(proposals.id, proposalId) });
  if (!proposal || CLOSED.includes(proposal.status)) return { candidates: 0, flagged: 0 };
  const keys = proposalBandKeys(proposal);
  const candidateIds = db
    .selectDistinct({ id: overlapBuckets.proposalId })
    .from(overlapBuckets)
    .where(and(inArray(overlapBuckets.bandKey, keys.length ? keys : [-1]), ne(overlapBuckets.proposalId, proposalId)));
  const [candidates, routed, myFlags, touched, places, indexed] = await db.batch([
    db
      .select()
      .from(proposals)
      .where(and(inArray(proposals.id, candidateIds), eq(proposals.regencyCode, proposal.regencyCode), eq(proposals.year, proposal.year), notInArray(proposals.status, CLOSED))),
    db
      .select({ proposalId: reviewTasks.proposalId, agencyId: reviewTasks.agencyId, name: agencies.name })
      .from(reviewTasks)
      .innerJoin(agencies, eq(agencies.id, reviewTasks.agencyId))
      .where(and(eq(reviewTasks.kind, "agency_review"), or(eq(reviewTasks.proposalId, proposalId), inArray(reviewTasks.proposalId, candidateIds)))),
    db.select().from(overlapFlags).where(or(eq(overlapFlags.proposalA, proposalId), eq(overlapFlags.proposalB, proposalId))),
    db
      .select({ a: overlapFlags.proposalA, b: overlapFlags.proposalB, clusterId: overlapFlags.clusterId })
      .from(overlapFlags)
      .where(and(eq(overlapFlags.status, "open"), or(inArray(overlapFlags.proposalA, candidateIds), inArray(overlapFlags.proposalB, candidateIds)))),
    db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [proposal.villageCode, proposal.districtCode])),
    db.select({ n: sql<number>`count(*)` }).from(overlapBuckets).where(eq(overlapBuckets.proposalId, proposalId)),
  ]);
  const subject = (r: ProposalRow): OverlapSubject => {
    const agency = routed.find((t) => t.proposalId === r.id);
    return {
      id: r.id,
      text: overlapText(r),
      agencyId: agency?.agencyId ?? null,
      agencyName: agency?.name ?? null,
      villageCode: r.villageCode,
      districtCode: r.districtCode,
      latitude: r.latitude,
      longitude: r.longitude,
      subActivityCode: r.subActivityCode,
      beneficiaryGroup: r.beneficiaryGroup,
    };
  };
  const names = new Map(places.map((r) => [r.code, r.name]));
  const me = subject(proposal);
  const found = candidates
    .map((other) => ({ other, result: scoreOverlap(me, subject(other), { regionName: (code) => names.get(code) }) }))
    .filter(({ result }) => result.kind !== null);

  // The cluster all of them end up in: the smallest id among the proposals and the clusters they already join.
  const foundIds = new Set(found.map(({ other }) => other.id));
  const joined = new Set([
    ...touched.filter((t) => foundIds.has(t.a) || foundIds.has(t.b)).map((t) => t.clusterId),
    ...myFlags.filter((f) => f.status === "open").map((f) => f.clusterId),
  ]);
  const clusterId = [proposalId, ...found.map(({ other }) => other.id), ...joined].sort()[0]!;
  const now = nowIso();
  await runBatch(db, [
    ...(keys.length && indexed[0]?.n !== keys.length ? [db.insert(overlapBuckets).values(keys.map((bandKey) => ({ bandKey, proposalId }))).onConflictDoNothing()] : []),
    ...found.map(({ other, result }) => {
      const [a, b] = proposalId < other.id ? [proposalId, other.id] : [other.id, proposalId];
      const flag = myFlags.find((f) => f.proposalA === a && f.proposalB === b);
      const fields = { kind: result.kind!, score: result.score, reasons: JSON.stringify(result.reasons), updatedAt: now };
      // A dismissed flag keeps its status and reason; only its score and reasons are refreshed.
      return flag
        ? db.update(overlapFlags).set(flag.status === "open" ? { ...fields, clusterId } : fields).where(eq(overlapFlags.id, flag.id))
        : db.insert(overlapFlags).values({ id: sortableId("ovl"), regencyCode: proposal.regencyCode, year: proposal.year, proposalA: a, proposalB: b, status: "open", clusterId, ...fields });
    }),
    ...(found.length && joined.size
      ? [
          db
            .update(overlapFlags)
            .set({ clusterId })
            .where(and(eq(overlapFlags.regencyCode, proposal.regencyCode), eq(overlapFlags.year, proposal.year), eq(overlapFlags.status, "open"), inArray(overlapFlags.clusterId, [...joined]))),
        ]
      : []),
  ]);
  return { candidates: candidates.length, flagged: found.length };
}

/** Cluster ids from the open flags of a kabupaten-year: flags connected through a proposal share one. */
export async function recluster(db: Database, regencyCode: string, year: number): Promise<void> {
  const open = await db
    .select({ id: overlapFlags.id, a: overlapFlags.proposalA, b: overlapFlags.proposalB, clusterId: overlapFlags.clusterId })
    .from(overlapFlags)
    .where(and(eq(overlapFlags.regencyCode, regencyCode), eq(overlapFlags.year, year), eq(overlapFlags.status, "open")));
  const clusters = clusterIds(open.map((f) => [f.a, f.b] as const));
  const moves = open.filter((f) => clusters.get(f.a) !== f.clusterId);
  await runBatch(db, moves.map((f) => db.update(overlapFlags).set({ clusterId: clusters.get(f.a)! }).where(eq(overlapFlags.id, f.id))));
}

/** Flags touching a proposal, newest score first. */
export async function flagsOf(db: Database, proposalId: string) {
  return db
    .select()
    .from(overlapFlags)
    .where(or(eq(overlapFlags.proposalA, proposalId), eq(overlapFlags.proposalB, proposalId)))
    .orderBy(sql`${overlapFlags.score} DESC`);
}
