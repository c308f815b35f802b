/**
 * Overlaps as planners work with them: a proposal's flags, the kabupaten-year's clusters by budget at stake,
 * dismissing a false flag with a reason, and re-checking a whole year. Flags are found by the routing consumer
 * (`detectOverlaps` in workers/storage/overlaps.ts, scored by shared/overlap/score.ts).
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { wakeLifecycles } from "../../messaging/lifecycle.ts";
import { requestOverlapChecks } from "../../messaging/routing.ts";
import { agencyList } from "../../storage/agencies.ts";
import { auditInsert } from "../../storage/audit.ts";
import { forumsOf } from "../../storage/forums.ts";
import { regionNames } from "../../storage/regions.ts";
import { tryBatch, type Database } from "../../storage/database.ts";
import { dismissFlag, findFlag, flaggedProposals, flagsOf, flagsOfYear, liveProposalIds, recluster, type FlagRow } from "../../storage/overlaps.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { notFound, Refusal } from "../errors.ts";
import { proposalFor } from "../proposals/read.ts";

/** Flags with the two proposals they join, as planners read them. */
async function flagViews(db: Database, flags: readonly FlagRow[]) {
  const { rows, routed } = await flaggedProposals(db, [...new Set(flags.flatMap((f) => [f.proposalA, f.proposalB]))]);
  const view = (id: string) => {
    const p = rows.find((r) => r.id === id)!;
    return { id, trackingCode: p.trackingCode, activity: p.activity, villageCode: p.villageCode, estimatedCost: p.estimatedCost, agencyIds: routed.filter((t) => t.proposalId === id).map((t) => t.agencyId!) };
  };
  return flags.map((f) => ({
    id: f.id,
    kind: f.kind,
    score: f.score,
    reasons: JSON.parse(f.reasons) as string[],
    status: f.status,
    clusterId: f.clusterId,
    year: f.year,
    proposals: [view(f.proposalA), view(f.proposalB)],
    dismissedReason: f.dismissedReason,
  }));
}

export async function proposalOverlaps(deps: Deps, caller: Principal | undefined, { proposalId }: { proposalId: string }) {
  await proposalFor(deps, caller, proposalId, "proposal.read");
  return flagViews(deps.db, await flagsOf(deps.db, proposalId));
}

export interface OverlapQuery {
  year: number;
  status?: FlagRow["status"];
  kind?: FlagRow["kind"];
  agency?: string;
}

/** The year's clusters, biggest budget at stake first. */
export async function overlapClusters(deps: Deps, caller: Principal | undefined, query: OverlapQuery) {
  const admin = authorizeInOwnScope(caller, "forum.manage");
  let views = await flagViews(deps.db, await flagsOfYear(deps.db, admin.regencyCode, query.year, query.status ?? "open", query.kind));
  if (query.agency) views = views.filter((f) => f.proposals.some((p) => p.agencyIds.includes(query.agency!)));
  const clusters = new Map<string, typeof views>();
  for (const flag of views) clusters.set(flag.clusterId, [...(clusters.get(flag.clusterId) ?? []), flag]);
  const result = [...clusters.entries()].map(([id, members]) => ({
    id,
    flags: members,
    // Budget at stake: every proposal of the cluster counted once.
    pagu: [...new Map(members.flatMap((f) => f.proposals.map((p) => [p.id, p.estimatedCost] as const))).values()].reduce((sum, cost) => sum + cost, 0),
  }));
  return result.sort((a, b) => b.pagu - a.pagu);
}

const flagResolved = new Refusal(409, "flag_resolved", { id: "Tanda tumpang tindih ini sudah diselesaikan forum.", en: "The forum has already resolved this overlap flag." });

/**
 * Dismisses an open flag with a reason. A flag dismissed already stays as it was dismissed (the first reason
 * stands, nothing is written); one the forum resolved cannot be dismissed.
 */
export async function dismissOverlap(deps: Deps, caller: Principal | undefined, { flagId, reason }: { flagId: string; reason: string }) {
  const { db } = deps;
  const flag = await findFlag(db, flagId);
  if (!flag) throw notFound;
  const admin = authorize(caller, "forum.manage", { regencyCode: flag.regencyCode });
  const batch = await tryBatch(db, [
    ...dismissFlag(db, flagId, reason, admin.id),
    auditInsert(db, { regencyCode: flag.regencyCode, actor: admin.id, action: "overlap.dismissed", entityType: "overlap_flag", entityId: flagId, data: { reason, proposals: [flag.proposalA, flag.proposalB] } }),
  ]);
  const current = (await findFlag(db, flagId))!;
  if (!batch.ok && current.status === "resolved") throw flagResolved;
  if (batch.ok) {
    await recluster(db, flag.regencyCode, flag.year);
    // Both proposals may have waited at the forum for this flag alone.
    await wakeLifecycles(deps.env, [flag.proposalA, flag.proposalB], { kind: "overlap_dismissed", flagId });
  }
  const [view] = await flagViews(db, [current]);
  return view!;
}

/** Queues every live proposal of the year for a fresh check, in pages, through the routing queue. */
export async function recheckOverlaps(deps: Deps, caller: Principal | undefined, { year }: { year: number }) {
  const admin = authorizeInOwnScope(caller, "forum.manage");
  const { db } = deps;
  let queued = 0;
  for (let after = ""; ; ) {
    const page = await liveProposalIds(db, admin.regencyCode, year, after, 100);
    if (page.length === 0) break;
    await requestOverlapChecks(deps.env, page);
    queued += page.length;
    after = page.at(-1)!;
  }
  await db.batch([auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "overlap.recheck_requested", entityType: "regency", entityId: admin.regencyCode, data: { year, queued } })]);
  return { queued };
}

/**
 * Bappeda's overlaps page: the open clusters (biggest budget at stake first) with every proposal's desa and
 * agencies by name, each pair with its reasons, and the forums whose agenda can still take an item.
 */
export async function overlapWorkspace(deps: Deps, caller: Principal | undefined, { year }: { year: number }) {
  const admin = authorizeInOwnScope(caller, "forum.manage");
  const { db } = deps;
  const clusters = await overlapClusters(deps, admin, { year });
  const proposals = clusters.flatMap((c) => c.flags.flatMap((f) => f.proposals));
  const [agencies, villages, forums] = await Promise.all([agencyList(db, admin.regencyCode), regionNames(db, proposals.map((p) => p.villageCode)), forumsOf(db, admin.regencyCode)]);
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const named = (p: (typeof proposals)[number]) => ({ id: p.id, trackingCode: p.trackingCode, activity: p.activity, villageName: villages.get(p.villageCode) ?? p.villageCode, estimatedCost: p.estimatedCost, agencyNames: p.agencyIds.map((id) => agencyName.get(id) ?? id) });
  return {
    clusters: clusters.map((c) => ({
      id: c.id,
      pagu: c.pagu,
      proposals: [...new Map(c.flags.flatMap((f) => f.proposals.map((p) => [p.id, named(p)] as const))).values()],
      pairs: c.flags.map((f) => ({ id: f.id, kind: f.kind, score: f.score, reasons: f.reasons, proposals: f.proposals.map(named) })),
    })),
    forums: forums.filter((f) => !f.minutesFinalisedAt && f.year === year).map((f) => ({ id: f.id, title: f.title })),
  };
}
