/**
 * The Renja lines in D1: written when a proposal is accepted, read back in keyset pages for the export, joined
 * with the nomenclature, agencies and places page by page so memory stays flat however large the year.
 */
import { and, asc, eq, gt, inArray, like, type SQL } from "drizzle-orm";
import { agencies, agencyResponsibilities, forumAgendaItems, proposalClassifications, proposalSources, proposals, regions, renjaLines, reviewTasks, subActivities } from "../../shared/db/schema.ts";
import { bidangOf } from "../../shared/reference/nomenclature.ts";
import type { RenjaRow } from "../../shared/renja/row.ts";
import { responsibleAgency } from "../../shared/routing/responsible-agency.ts";
import { sortableId } from "../../shared/proposals/ids.ts";
import type { Recommendation } from "../../shared/proposals/recommendations.ts";
import { chunked, type Database } from "./database.ts";
import { recommendationsOf } from "./recommendations.ts";

const rank = (value: number | null) => String(value ?? 999_999_999).padStart(9, "0");

/** T-D.4 lists per kecamatan by priority: kecamatan, kecamatan rank, village rank, then place and agency. */
export function td4SortKey(line: Parameters<typeof renjaSortKey>[0]): string {
  return [line.districtCode, rank(line.districtRank), rank(line.villageRank), line.villageCode ?? "", line.agencyId, line.subActivityCode, line.proposalId].join("|");
}

/** Orders lines as the export groups them: agency, sub-kegiatan code (hence program and kegiatan), place, priority. */
export function renjaSortKey(line: { agencyId: string; subActivityCode: string; districtCode: string; villageCode: string | null; districtRank: number | null; villageRank: number | null; proposalId: string }): string {
  return [line.agencyId, line.subActivityCode, line.districtCode, line.villageCode ?? "", rank(line.districtRank), rank(line.villageRank), line.proposalId].join("|");
}

/**
 * The Renja lines of an accepted proposal: one per agency that accepted its part, with the code that agency
 * carries, the accepted volume and cost (a forum split gives each agency its own part), its source proposals'
 * tracking codes and the forum decisions that agreed it. Rewritten in full, so running it again changes nothing.
 */
export async function renjaLineStatements(db: Database, proposalId: string) {
  const proposal = await db.query.proposals.findFirst({ where: eq(proposals.id, proposalId) });
  if (!proposal || (proposal.status !== "accepted" && proposal.status !== "accepted_with_changes")) return [];
  const tasks = await db.select().from(reviewTasks).where(and(eq(reviewTasks.proposalId, proposalId), eq(reviewTasks.kind, "agency_review"), inArray(reviewTasks.decision, ["accepted", "accepted_with_changes"])));
  const codes = [proposal.subActivityCode, ...(await db.select().from(proposalClassifications).where(eq(proposalClassifications.proposalId, proposalId))).map((c) => c.subActivityCode)].filter((c): c is string => !!c);
  const owners = new Map((await db.select().from(agencyResponsibilities).where(eq(agencyResponsibilities.regencyCode, proposal.regencyCode))).map((r) => [r.codePrefix, r.agencyId]));
  const sources = await db.select({ code: proposals.trackingCode }).from(proposalSources).innerJoin(proposals, eq(proposals.id, proposalSources.sourceProposalId)).where(eq(proposalSources.proposalId, proposalId));
  const items = (await db.select().from(forumAgendaItems).where(and(like(forumAgendaItems.proposalIds, `%"${proposalId}"%`), eq(forumAgendaItems.status, "decided")))).map((i) => ({
    ref: `${i.forumId}#${i.position}`,
    parts: (JSON.parse(i.decisionData ?? "{}") as { parts?: { agencyId: string; volume: number; estimatedCost: number }[] }).parts ?? [],
  }));
  return tasks.map((task) => {
    const changes = (JSON.parse(task.decisionData ?? "{}") as { changes?: { volume?: number; estimatedCost?: number; subActivityCode?: string } }).changes ?? {};
    const part = items.flatMap((i) => i.parts).find((p) => p.agencyId === task.agencyId);
    const code = changes.subActivityCode ?? codes.find((c) => responsibleAgency(c, owners) === task.agencyId) ?? codes[0] ?? "";
    const line = {
      id: sortableId("rnj"),
      regencyCode: proposal.regencyCode,
      year: proposal.year,
      agencyId: task.agencyId!,
      proposalId,
      subActivityCode: code,
      districtCode: proposal.districtCode,
      villageCode: proposal.villageCode,
      volume: part?.volume ?? changes.volume ?? proposal.volume,
      unit: proposal.unit,
      pagu: part?.estimatedCost ?? changes.estimatedCost ?? proposal.estimatedCost,
      fundingSource: "APBD",
      trackingCodes: JSON.stringify([proposal.trackingCode, ...sources.map((s) => s.code)]),
      forumRefs: JSON.stringify(items.map((i) => i.ref)),
      status: proposal.status,
      sourceStage: items.length > 0 ? "sync_forum" : "opd_review",
      districtRank: proposal.districtRank,
      villageRank: proposal.villageRank,
    };
    const keys = { sortKey: renjaSortKey(line), td4SortKey: td4SortKey(line) };
    return db
      .insert(renjaLines)
      .values({ ...line, ...keys })
      .onConflictDoUpdate({ target: [renjaLines.proposalId, renjaLines.agencyId], set: { ...line, id: undefined, ...keys } });
  });
}

/** The kecamatan's recommendation of a line's proposal, as a row field (none when the kecamatan gave none). */
function districtRecommendation(recommendations: readonly Recommendation[] | undefined): Pick<RenjaRow, "districtRecommendation"> {
  const r = recommendations?.find((x) => x.level === "kecamatan" && x.source === "");
  return r ? { districtRecommendation: { volume: r.volume, cost: r.cost, note: r.note } } : {};
}

export interface RenjaFilters {
  agency?: string | undefined;
  kecamatan?: string | undefined;
  status?: string | undefined;
  stage?: string | undefined;
}

function conditions(regencyCode: string, year: number, filters: RenjaFilters): (SQL | undefined)[] {
  return [
    eq(renjaLines.regencyCode, regencyCode),
    eq(renjaLines.year, year),
    filters.agency ? eq(renjaLines.agencyId, filters.agency) : undefined,
    filters.kecamatan ? eq(renjaLines.districtCode, filters.kecamatan) : undefined,
    filters.status ? eq(renjaLines.status, filters.status) : undefined,
    filters.stage ? eq(renjaLines.sourceStage, filters.stage) : undefined,
  ];
}

export async function renjaLineCount(db: Database, regencyCode: string, year: number, filters: RenjaFilters): Promise<number> {
  return db.$count(renjaLines, and(...conditions(regencyCode, year, filters)));
}

export type RenjaView = "renja" | "td4";

/** One page of export rows after `after` (a sort key of the view), in the view's order. */
export async function renjaPage(db: Database, regencyCode: string, year: number, filters: RenjaFilters, after: string, limit: number, view: RenjaView = "renja"): Promise<{ rows: RenjaRow[]; last: string | null }> {
  const key = view === "renja" ? renjaLines.sortKey : renjaLines.td4SortKey;
  const lines = await db
    .select()
    .from(renjaLines)
    .where(and(...conditions(regencyCode, year, filters), gt(key, after)))
    .orderBy(asc(key))
    .limit(limit);
  if (lines.length === 0) return { rows: [], last: null };
  const codes = [...new Set(lines.map((l) => l.subActivityCode))];
  const places = [...new Set(lines.flatMap((l) => [l.districtCode, l.villageCode ?? l.districtCode]))];
  const agencyIds = [...new Set(lines.map((l) => l.agencyId))];
  const [nomenclature, placeNames, agencyRows] = await Promise.all([
    chunked(codes, (part) => db.select().from(subActivities).where(inArray(subActivities.code, part))),
    chunked(places, (part) => db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, part))),
    chunked(agencyIds, (part) => db.select().from(agencies).where(inArray(agencies.id, part))),
  ]);
  const recommendations = await recommendationsOf(db, [...new Set(lines.map((l) => l.proposalId))]);
  const sub = new Map(nomenclature.map((s) => [s.code, s]));
  const place = new Map(placeNames.map((p) => [p.code, p.name]));
  const agency = new Map(agencyRows.map((a) => [a.id, a]));
  const rows = lines.map((l): RenjaRow => {
    const s = sub.get(l.subActivityCode);
    const a = agency.get(l.agencyId);
    return {
      agencyId: l.agencyId,
      agencyShortName: a?.shortName ?? l.agencyId,
      agencyName: a?.name ?? l.agencyId,
      bidangCode: s?.bidangCode ?? bidangOf(l.subActivityCode),
      bidangName: s?.bidangName ?? "",
      programCode: s?.programCode ?? "",
      programName: s?.programName ?? "",
      kegiatanCode: s?.kegiatanCode ?? "",
      kegiatanName: s?.kegiatanName ?? "",
      subActivityCode: l.subActivityCode,
      subActivityName: s?.name ?? "",
      indicator: s?.indicator ?? null,
      target: l.volume,
      unit: s?.unit ?? l.unit,
      villageCode: l.villageCode,
      villageName: l.villageCode ? (place.get(l.villageCode) ?? null) : null,
      districtCode: l.districtCode,
      districtName: place.get(l.districtCode) ?? "",
      volume: l.volume,
      volumeUnit: l.unit,
      pagu: l.pagu,
      fundingSource: l.fundingSource,
      proposalTrackingCodes: JSON.parse(l.trackingCodes) as string[],
      forumDecisionRefs: JSON.parse(l.forumRefs) as string[],
      status: l.status,
      sourceStage: l.sourceStage,
      priority: { districtRank: l.districtRank, villageRank: l.villageRank },
      ...districtRecommendation(recommendations.get(l.proposalId)),
    };
  });
  const last = lines.at(-1)!;
  return { rows, last: view === "renja" ? last.sortKey : last.td4SortKey };
}

/** Every page after `after`, as an async iterable the export streams consume. */
export async function* renjaPages(db: Database, regencyCode: string, year: number, filters: RenjaFilters, view: RenjaView = "renja", pageSize = 500): AsyncGenerator<RenjaRow[]> {
  for (let after = ""; ; ) {
    const page = await renjaPage(db, regencyCode, year, filters, after, pageSize, view);
    if (!page.last) return;
    yield page.rows;
    after = page.last;
  }
}


