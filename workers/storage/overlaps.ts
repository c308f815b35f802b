/**
 * Overlap detection against D1: a proposal's LSH band keys find the candidates (never a scan of all proposals),
 * the shared scorer verifies each exactly, and the result is kept as flags grouped into clusters. A dismissed
 * flag stays dismissed when the pair is checked again.
 */
import { and, asc, eq, gt, inArray, ne, notInArray, or, sql } from "drizzle-orm";
import { agencies, overlapBuckets, overlapFlags, proposals, regions, reviewTasks } from "../../shared/db/schema.ts";
import { clusterIds } from "../../shared/overlap/clusters.ts";
import { scoreOverlap } from "../../shared/overlap/score.ts";
import { candidateBandKeys, indexBandKeys, overlapSubject } from "../../shared/overlap/subject.ts";
import { acrossChannels } from "../../shared/proposals/channels.ts";
import { districtCodesOf } from "./channels.ts";
import { sortableId } from "../../shared/proposals/ids.ts";
import { CLOSED_STATUSES, isClosed, LIVE_STATUSES } from "../../shared/proposals/lifecycle.ts";
import { abortUnlessRow, chunked, IN_LIST_PART, nowIso, parts, runBatch, type Database } from "./database.ts";
import { kabupatenPlaces } from "./places.ts";
import type { ProposalRow } from "./proposals.ts";


export interface CheckResult {
  candidates: number;
  flagged: number;
}

/**
 * Indexes `proposalId`, compares it with the proposals sharing a band key, and records the flags. Four round
 * trips, every read on an index: the proposal; its candidates' ids and its own flags; the candidates, their
 * agencies and the clusters they are in; the writes (and once per isolate and kabupaten, its region names, which
 * the scorer resolves the texts' places against). A new flag only ever merges clusters, so cluster ids are
 * updated for just the clusters it joins.
 */
export async function detectOverlaps(db: Database, proposalId: string): Promise<CheckResult> {
  const proposal = await db.query.proposals.findFirst({ where: eq(proposals.id, proposalId) });
  if (!proposal || isClosed(proposal.status)) return { candidates: 0, flagged: 0 };
  // A kabupaten-wide line looks inside every kecamatan of the kabupaten (shared/overlap/subject.ts).
  const keys = candidateBandKeys(proposal, proposal.locationLevel === "kabupaten" ? await districtCodesOf(db, proposal.regencyCode) : []);
  const own = indexBandKeys(proposal);
  // D1 binds at most 100 values a statement: the keys go in parts, one statement each, in the same round trip.
  const lookups = parts(keys.length ? keys : [-1]);
  const [myFlags, ...found] = await db.batch([
    db.select().from(overlapFlags).where(or(eq(overlapFlags.proposalA, proposalId), eq(overlapFlags.proposalB, proposalId))),
    ...lookups.map((part) => db.selectDistinct({ id: overlapBuckets.proposalId }).from(overlapBuckets).where(and(inArray(overlapBuckets.bandKey, part), ne(overlapBuckets.proposalId, proposalId)))),
    // Its own rows, through the primary key: re-checking an indexed proposal writes no buckets.
    ...parts(own.length ? own : [-1]).map((part) =>
      db.select({ n: sql<number>`count(*)` }).from(overlapBuckets).where(and(inArray(overlapBuckets.bandKey, part), eq(overlapBuckets.proposalId, proposalId))),
    ),
  ]);
  const candidateRows = (found.slice(0, lookups.length) as { id: string }[][]).flat();
  const indexedCount = (found.slice(lookups.length) as { n: number }[][]).flat().reduce((n, r) => n + Number(r.n), 0);
  // Candidates share the place (or a place holding it) and the year by construction: a handful, one IN list each.
  const ids = [...new Set(candidateRows.map((r) => r.id))].slice(0, IN_LIST_PART);
  const around = [proposalId, ...ids];
  const [candidates, routed, touchedA, touchedB, places] = await db.batch([
    db
      .select()
      .from(proposals)
      .where(and(inArray(proposals.id, ids.length ? ids : [""]), eq(proposals.regencyCode, proposal.regencyCode), eq(proposals.year, proposal.year), notInArray(proposals.status, [...CLOSED_STATUSES]))),
    db
      .select({ proposalId: reviewTasks.proposalId, agencyId: reviewTasks.agencyId, name: agencies.name })
      .from(reviewTasks)
      .innerJoin(agencies, eq(agencies.id, reviewTasks.agencyId))
      .where(and(inArray(reviewTasks.proposalId, around), eq(reviewTasks.kind, "agency_review"))),
    db.select({ a: overlapFlags.proposalA, b: overlapFlags.proposalB, clusterId: overlapFlags.clusterId }).from(overlapFlags).where(and(inArray(overlapFlags.proposalA, around), eq(overlapFlags.status, "open"))),
    db.select({ a: overlapFlags.proposalA, b: overlapFlags.proposalB, clusterId: overlapFlags.clusterId }).from(overlapFlags).where(and(inArray(overlapFlags.proposalB, around), eq(overlapFlags.status, "open"))),
    db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [proposal.villageCode, proposal.districtCode])),
  ]);
  const touched = [...touchedA, ...touchedB];
  const subject = (r: ProposalRow) => {
    const agency = routed.find((t) => t.proposalId === r.id);
    return overlapSubject(r, { agencyId: agency?.agencyId ?? null, agencyName: agency?.name ?? null });
  };
  const names = new Map(places.map((r) => [r.code, r.name]));
  const gazetteer = candidates.length > 0 ? await kabupatenPlaces(db, proposal.regencyCode) : null;
  const me = subject(proposal);
  const flagged = candidates
    .map((other) => ({ other, result: acrossChannels(proposal, other, scoreOverlap(me, subject(other), { regionName: (code) => names.get(code), places: gazetteer })) }))
    .filter(({ result }) => result.kind !== null);

  // The cluster all of them end up in: the smallest id among the proposals and the clusters they already join.
  const foundIds = new Set(flagged.map(({ other }) => other.id));
  const joined = new Set([
    ...touched.filter((t) => foundIds.has(t.a) || foundIds.has(t.b)).map((t) => t.clusterId),
    ...myFlags.filter((f) => f.status === "open").map((f) => f.clusterId),
  ]);
  const clusterId = [proposalId, ...flagged.map(({ other }) => other.id), ...joined].sort()[0]!;
  const now = nowIso();
  await runBatch(db, [
    // Two values a row: half as many rows a statement as an IN list holds.
    ...(own.length && indexedCount !== own.length ? parts(own, IN_LIST_PART / 2).map((part) => db.insert(overlapBuckets).values(part.map((bandKey) => ({ bandKey, proposalId }))).onConflictDoNothing()) : []),
    ...flagged.map(({ other, result }) => {
      const [a, b] = proposalId < other.id ? [proposalId, other.id] : [other.id, proposalId];
      const flag = myFlags.find((f) => f.proposalA === a && f.proposalB === b);
      const fields = { kind: result.kind!, score: result.score, reasons: JSON.stringify(result.reasons), updatedAt: now };
      // A dismissed flag keeps its status and reason; only its score and reasons are refreshed.
      return flag
        ? db.update(overlapFlags).set(flag.status === "open" ? { ...fields, clusterId } : fields).where(eq(overlapFlags.id, flag.id))
        : db.insert(overlapFlags).values({ id: sortableId("ovl"), regencyCode: proposal.regencyCode, year: proposal.year, proposalA: a, proposalB: b, status: "open", clusterId, ...fields });
    }),
    ...(flagged.length && joined.size
      ? [
          db
            .update(overlapFlags)
            .set({ clusterId })
            .where(and(eq(overlapFlags.regencyCode, proposal.regencyCode), eq(overlapFlags.year, proposal.year), eq(overlapFlags.status, "open"), inArray(overlapFlags.clusterId, [...joined]))),
        ]
      : []),
  ]);
  return { candidates: candidates.length, flagged: flagged.length };
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

export type FlagRow = typeof overlapFlags.$inferSelect;

/** The proposals two or more flags join, and the agencies each is routed to. */
export async function flaggedProposals(db: Database, ids: readonly string[]) {
  const rows = await chunked(ids, (part) => db.select().from(proposals).where(inArray(proposals.id, part)));
  const routed = await chunked(ids, (part) =>
    db.select({ proposalId: reviewTasks.proposalId, agencyId: reviewTasks.agencyId }).from(reviewTasks).where(and(eq(reviewTasks.kind, "agency_review"), inArray(reviewTasks.proposalId, part))),
  );
  return { rows, routed };
}

export async function flagsOfYear(db: Database, regencyCode: string, year: number, status: FlagRow["status"], kind?: FlagRow["kind"]) {
  return db
    .select()
    .from(overlapFlags)
    .where(and(eq(overlapFlags.regencyCode, regencyCode), eq(overlapFlags.year, year), eq(overlapFlags.status, status), kind ? eq(overlapFlags.kind, kind) : undefined))
    .orderBy(asc(overlapFlags.clusterId), asc(overlapFlags.id))
    .limit(5000);
}

export async function findFlag(db: Database, id: string) {
  return db.query.overlapFlags.findFirst({ where: eq(overlapFlags.id, id) });
}

/** Dismisses a flag only while it is open: put first, the guard keeps a resolved or already dismissed flag as it is. */
export const dismissFlag = (db: Database, id: string, reason: string, by: string) => [
  abortUnlessRow(db, "flag_closed", overlapFlags, and(eq(overlapFlags.id, id), eq(overlapFlags.status, "open"))),
  db.update(overlapFlags).set({ status: "dismissed", dismissedReason: reason, dismissedBy: by, updatedAt: nowIso() }).where(eq(overlapFlags.id, id)),
];

/** A page of the kabupaten-year's proposals still in play, by id, for a fresh overlap check of all of them. */
export async function liveProposalIds(db: Database, regencyCode: string, year: number, after: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.regencyCode, regencyCode), eq(proposals.year, year), gt(proposals.id, after), inArray(proposals.status, [...LIVE_STATUSES])))
    .orderBy(asc(proposals.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The flags joining two of these proposals (an agenda item's), whatever their status. */
export async function flagsAmong(db: Database, ids: readonly string[]) {
  const touching = await chunked(ids, (part) => db.select().from(overlapFlags).where(inArray(overlapFlags.proposalA, part)));
  return touching.filter((f) => ids.includes(f.proposalB));
}
