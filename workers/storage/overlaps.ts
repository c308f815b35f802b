/**
 * Overlap detection against D1: a proposal's LSH band keys find the candidates (never a scan of all proposals),
 * the shared scorer verifies each exactly, and the result is kept as flags grouped into clusters. A dismissed
 * flag stays dismissed when the pair is checked again.
 */
import { and, eq, inArray, ne, notInArray, or, sql } from "drizzle-orm";
import { agencies, overlapBuckets, overlapFlags, proposals, regions, reviewTasks } from "../../shared/db/schema.ts";
import { clusterIds } from "../../shared/overlap/clusters.ts";
import { overlapBandKeys } from "../../shared/overlap/minhash.ts";
import { scoreOverlap, type OverlapSubject } from "../../shared/overlap/score.ts";
import { sortableId } from "../../shared/proposals/ids.ts";
import { nowIso, runBatch, type Database } from "./database.ts";
import type { ProposalRow } from "./proposals.ts";

/** Statuses whose proposals no longer compete for anything. */
const CLOSED = ["withdrawn", "rejected", "merged"];
/** SQLite allows 100 bound parameters per statement in D1; stay under it. */
const CHUNK = 90;

const chunks = <T>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

export const overlapText = (p: Pick<ProposalRow, "activity" | "problem" | "description">) => [p.activity, p.problem, p.description].filter(Boolean).join(". ");

async function subjects(db: Database, rows: readonly ProposalRow[]): Promise<OverlapSubject[]> {
  const ids = rows.map((r) => r.id);
  const routed = (
    await Promise.all(
      chunks(ids).map((part) =>
        db
          .select({ proposalId: reviewTasks.proposalId, agencyId: reviewTasks.agencyId, name: agencies.name })
          .from(reviewTasks)
          .innerJoin(agencies, eq(agencies.id, reviewTasks.agencyId))
          .where(and(eq(reviewTasks.kind, "agency_review"), inArray(reviewTasks.proposalId, part))),
      ),
    )
  ).flat();
  return rows.map((r) => {
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
  });
}

/** The proposals sharing at least one band key with `keys`, other than `proposalId`. */
export async function candidateIds(db: Database, keys: readonly string[], proposalId: string): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: overlapBuckets.proposalId })
    .from(overlapBuckets)
    .where(and(inArray(overlapBuckets.bandKey, [...keys]), ne(overlapBuckets.proposalId, proposalId)));
  return rows.map((r) => r.id);
}

export interface CheckResult {
  candidates: number;
  flagged: number;
}

/** Indexes `proposalId`, compares it with its candidates of the same kabupaten and year, and records flags. */
export async function detectOverlaps(db: Database, proposalId: string): Promise<CheckResult> {
  const proposal = await db.query.proposals.findFirst({ where: eq(proposals.id, proposalId) });
  if (!proposal || CLOSED.includes(proposal.status)) return { candidates: 0, flagged: 0 };
  // Scoped by desa: pairs from different villages score below the threshold by design, so they need no bucket.
  const keys = overlapBandKeys(overlapText(proposal), proposal.villageCode);
  const ids = await candidateIds(db, keys, proposalId);
  const candidates = (
    await Promise.all(
      chunks(ids).map((part) =>
        db
          .select()
          .from(proposals)
          .where(and(inArray(proposals.id, part), eq(proposals.regencyCode, proposal.regencyCode), eq(proposals.year, proposal.year), notInArray(proposals.status, CLOSED))),
      ),
    )
  ).flat();
  const [me, ...others] = await subjects(db, [proposal, ...candidates]);
  const names = await regionNames(db, [proposal, ...candidates]);
  const found = others
    .map((other) => ({ other, result: scoreOverlap(me!, other, { regionName: (code) => names.get(code) }) }))
    .filter(({ result }) => result.kind !== null);

  const pairs = found.map(({ other }) => (proposalId < other.id ? [proposalId, other.id] : [other.id, proposalId]) as [string, string]);
  const existing = (
    await Promise.all(
      Array.from({ length: Math.ceil(pairs.length / 40) }, (_, i) => pairs.slice(i * 40, i * 40 + 40)).map((part) =>
        db
          .select()
          .from(overlapFlags)
          .where(or(...part.map(([a, b]) => and(eq(overlapFlags.proposalA, a), eq(overlapFlags.proposalB, b))))),
      ),
    )
  ).flat();
  const now = nowIso();
  await runBatch(db, [
    ...(keys.length ? [db.insert(overlapBuckets).values(keys.map((bandKey) => ({ bandKey, proposalId }))).onConflictDoNothing()] : []),
    ...found.map(({ result }, i) => {
      const [a, b] = pairs[i]!;
      const flag = existing.find((f) => f.proposalA === a && f.proposalB === b);
      const fields = { kind: result.kind!, score: result.score, reasons: JSON.stringify(result.reasons), updatedAt: now };
      // A dismissed flag keeps its status and reason; only its score and reasons are refreshed.
      return flag
        ? db.update(overlapFlags).set(fields).where(eq(overlapFlags.id, flag.id))
        : db.insert(overlapFlags).values({ id: sortableId("ovl"), regencyCode: proposal.regencyCode, year: proposal.year, proposalA: a, proposalB: b, status: "open", clusterId: a, ...fields });
    }),
  ]);
  if (found.length > 0) await recluster(db, proposal.regencyCode, proposal.year);
  return { candidates: candidates.length, flagged: found.length };
}

async function regionNames(db: Database, rows: readonly ProposalRow[]): Promise<Map<string, string>> {
  const codes = [...new Set(rows.flatMap((r) => [r.villageCode, r.districtCode]))];
  const found = (await Promise.all(chunks(codes).map((part) => db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, part))))).flat();
  return new Map(found.map((r) => [r.code, r.name]));
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
