import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type * as v from "valibot";
import { overlapFlags, proposals, reviewTasks } from "../../../shared/db/schema.ts";
import type { OverlapListQuerySchema } from "../../../shared/schemas/overlaps.ts";
import { auditInsert } from "../../storage/audit.ts";
import { chunked, database, nowIso, type Database } from "../../storage/database.ts";
import { flagsOf, recluster } from "../../storage/overlaps.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { AppContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { proposalFor } from "../proposals/changes.ts";

type FlagRow = typeof overlapFlags.$inferSelect;

/** Flags with the two proposals they join, as planners read them. */
async function flagViews(db: Database, flags: readonly FlagRow[]) {
  const ids = [...new Set(flags.flatMap((f) => [f.proposalA, f.proposalB]))];
  const rows = await chunked(ids, (part) => db.select().from(proposals).where(inArray(proposals.id, part)));
  const routed = await chunked(ids, (part) =>
    db.select({ proposalId: reviewTasks.proposalId, agencyId: reviewTasks.agencyId }).from(reviewTasks).where(and(eq(reviewTasks.kind, "agency_review"), inArray(reviewTasks.proposalId, part))),
  );
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

export async function proposalOverlaps(c: AppContext, proposalId: string) {
  await proposalFor(c, proposalId, "proposal.read");
  const db = database(c.env.DB);
  return c.json({ flags: await flagViews(db, await flagsOf(db, proposalId)) }, 200);
}

export async function listOverlaps(c: AppContext, query: v.InferOutput<typeof OverlapListQuerySchema>) {
  const admin = authorizeInOwnScope(c, "forum.manage");
  const db = database(c.env.DB);
  const flags = await db
    .select()
    .from(overlapFlags)
    .where(and(eq(overlapFlags.regencyCode, admin.regencyCode), eq(overlapFlags.year, query.year), eq(overlapFlags.status, query.status ?? "open"), query.kind ? eq(overlapFlags.kind, query.kind) : undefined))
    .orderBy(asc(overlapFlags.clusterId), asc(overlapFlags.id))
    .limit(5000);
  let views = await flagViews(db, flags);
  if (query.agency) views = views.filter((f) => f.proposals.some((p) => p.agencyIds.includes(query.agency!)));
  const clusters = new Map<string, typeof views>();
  for (const flag of views) clusters.set(flag.clusterId, [...(clusters.get(flag.clusterId) ?? []), flag]);
  const result = [...clusters.entries()].map(([id, members]) => ({
    id,
    flags: members,
    // Budget at stake: every proposal of the cluster counted once.
    pagu: [...new Map(members.flatMap((f) => f.proposals.map((p) => [p.id, p.estimatedCost] as const))).values()].reduce((sum, cost) => sum + cost, 0),
  }));
  return c.json({ clusters: result.sort((a, b) => b.pagu - a.pagu) }, 200);
}

export async function dismiss(c: AppContext, flagId: string, reason: string) {
  const db = database(c.env.DB);
  const flag = await db.query.overlapFlags.findFirst({ where: eq(overlapFlags.id, flagId) });
  if (!flag) throw notFound;
  const admin = authorize(c, "forum.manage", { regencyCode: flag.regencyCode });
  const [updated] = await db.batch([
    db.update(overlapFlags).set({ status: "dismissed", dismissedReason: reason, dismissedBy: admin.id, updatedAt: nowIso() }).where(eq(overlapFlags.id, flagId)).returning(),
    auditInsert(db, { regencyCode: flag.regencyCode, actor: admin.id, action: "overlap.dismissed", entityType: "overlap_flag", entityId: flagId, data: { reason, proposals: [flag.proposalA, flag.proposalB] } }),
  ]);
  await recluster(db, flag.regencyCode, flag.year);
  const [view] = await flagViews(db, [(await db.query.overlapFlags.findFirst({ where: eq(overlapFlags.id, flagId) })) ?? updated[0]!]);
  return c.json(view, 200);
}

/** Queues every live proposal of the year for a fresh check, in pages, through the routing queue. */
export async function recheck(c: AppContext, year: number) {
  const admin = authorizeInOwnScope(c, "forum.manage");
  const db = database(c.env.DB);
  let queued = 0;
  for (let after = ""; ; ) {
    const page = await db
      .select({ id: proposals.id })
      .from(proposals)
      .where(and(eq(proposals.regencyCode, admin.regencyCode), eq(proposals.year, year), gt(proposals.id, after), inArray(proposals.status, ["in_review", "in_forum", "triage", "accepted", "accepted_with_changes", "verified"])))
      .orderBy(asc(proposals.id))
      .limit(100);
    if (page.length === 0) break;
    await c.env.PROPOSAL_ROUTING.sendBatch(page.map((p) => ({ body: { proposalId: p.id, kind: "overlap_check" as const } })));
    queued += page.length;
    after = page.at(-1)!.id;
  }
  await db.batch([auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "overlap.recheck_requested", entityType: "regency", entityId: admin.regencyCode, data: { year, queued } })]);
  return c.json({ queued }, 202);
}
