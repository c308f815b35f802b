/**
 * The Renja lines in D1: written when a proposal is accepted, read back in keyset pages for the export, joined
 * with the nomenclature, agencies and places page by page so memory stays flat however large the year.
 */
import { and, asc, eq, gt, inArray, like, type SQL } from "drizzle-orm";
import { agencies, agencyResponsibilities, forumAgendaItems, forums, pokir, proposalClassifications, proposalSources, proposals, regions, renjaLines, reviewTasks, subActivities } from "../../shared/db/schema.ts";
import { originLabel } from "../../shared/proposals/channels.ts";
import { bidangOf } from "../../shared/reference/nomenclature.ts";
import type { RenjaRow } from "../../shared/renja/row.ts";
import { responsibleAgency } from "../../shared/routing/responsible-agency.ts";
import { sortableId } from "../../shared/proposals/ids.ts";
import type { Recommendation } from "../../shared/proposals/recommendations.ts";
import { DEFAULT_FUNDING_SOURCE, fundingSourceLabel } from "../../shared/renja/funding.ts";
import { formatDate, regionZone, type Zone } from "../../shared/time/indonesian.ts";
import { prioritiesByCode } from "./priorities.ts";
import { resolveTarget } from "../../shared/renja/units.ts";
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

type ProposalRow = typeof proposals.$inferSelect;

/**
 * The sub-activity an agency carries a proposal under: the code its decision changed to, else the first of the
 * proposal's codes (the village's, then the classified ones) that the agency is responsible for, else the first.
 */
async function agencyCodes(db: Database, proposal: ProposalRow) {
  const codes = [proposal.subActivityCode, ...(await db.select().from(proposalClassifications).where(eq(proposalClassifications.proposalId, proposal.id))).map((c) => c.subActivityCode)].filter((c): c is string => !!c);
  const owners = new Map((await db.select().from(agencyResponsibilities).where(eq(agencyResponsibilities.regencyCode, proposal.regencyCode))).map((r) => [r.codePrefix, r.agencyId]));
  return (agencyId: string, changed?: string) => changed ?? codes.find((c) => responsibleAgency(c, owners) === agencyId) ?? codes[0] ?? "";
}

/** The code and the output indicator's unit an agency carries a proposal under (see `agencyCodes`). */
export async function agencySubActivity(db: Database, proposal: ProposalRow, agencyId: string, changed?: string): Promise<{ code: string; indicatorUnit: string | null }> {
  const code = (await agencyCodes(db, proposal))(agencyId, changed);
  const sub = code ? await db.query.subActivities.findFirst({ where: eq(subActivities.code, code) }) : undefined;
  return { code, indicatorUnit: sub?.unit ?? null };
}

interface AcceptanceData {
  changes?: { volume?: number; estimatedCost?: number; subActivityCode?: string };
  target?: number;
  fundingSource?: string;
  priorityCode?: string;
  nextYearTarget?: number;
  nextYearPagu?: number;
  note?: string;
}

interface ForumPart {
  agencyId: string;
  volume: number;
  estimatedCost: number;
  target?: number;
  note?: string;
}

/**
 * The Renja lines of an accepted proposal: one per agency that accepted its part, with the code that agency
 * carries, the accepted volume and cost (a forum split gives each agency its own part), the indicator's target in
 * the indicator's unit (the decision's, or the volume when the units agree; never the volume in another unit),
 * funding source, regional priority, forecast, notes, its source proposals' tracking codes and the forum decisions
 * that agreed it. Rewritten in full, so running it again changes nothing.
 */
export async function renjaLineStatements(db: Database, proposalId: string) {
  const proposal = await db.query.proposals.findFirst({ where: eq(proposals.id, proposalId) });
  if (!proposal || (proposal.status !== "accepted" && proposal.status !== "accepted_with_changes")) return [];
  const tasks = await db.select().from(reviewTasks).where(and(eq(reviewTasks.proposalId, proposalId), eq(reviewTasks.kind, "agency_review"), inArray(reviewTasks.decision, ["accepted", "accepted_with_changes"])));
  const codeFor = await agencyCodes(db, proposal);
  const sources = await db.select({ code: proposals.trackingCode }).from(proposalSources).innerJoin(proposals, eq(proposals.id, proposalSources.sourceProposalId)).where(eq(proposalSources.proposalId, proposalId));
  const items = (await db.select().from(forumAgendaItems).where(and(like(forumAgendaItems.proposalIds, `%"${proposalId}"%`), eq(forumAgendaItems.status, "decided")))).map((i) => {
    const data = JSON.parse(i.decisionData ?? "{}") as { parts?: ForumPart[]; priorityCode?: string };
    return { ref: `${i.forumId}#${i.position}`, parts: data.parts ?? [], priorityCode: data.priorityCode };
  });
  const codes = [...new Set(tasks.map((task) => codeFor(task.agencyId!, (JSON.parse(task.decisionData ?? "{}") as AcceptanceData).changes?.subActivityCode)))];
  const units = new Map((await chunked(codes, (part) => db.select({ code: subActivities.code, unit: subActivities.unit }).from(subActivities).where(inArray(subActivities.code, part)))).map((s) => [s.code, s.unit]));
  return tasks.map((task) => {
    const data = JSON.parse(task.decisionData ?? "{}") as AcceptanceData;
    const changes = data.changes ?? {};
    const part = items.flatMap((i) => i.parts).find((p) => p.agencyId === task.agencyId);
    const code = codeFor(task.agencyId!, changes.subActivityCode);
    const volume = part?.volume ?? changes.volume ?? proposal.volume;
    // A forum part's target is for its own volume; the agency's target was set for the volume it accepted.
    const given = part ? part.target : data.target;
    const resolved = resolveTarget({ volume, volumeUnit: proposal.unit, indicatorUnit: units.get(code) ?? null, given });
    const line = {
      id: sortableId("rnj"),
      regencyCode: proposal.regencyCode,
      year: proposal.year,
      agencyId: task.agencyId!,
      proposalId,
      subActivityCode: code,
      districtCode: proposal.districtCode,
      // A kecamatan-wide or kabupaten-wide line has no desa.
      villageCode: proposal.locationLevel === "desa" ? proposal.villageCode : null,
      volume,
      unit: proposal.unit,
      pagu: part?.estimatedCost ?? changes.estimatedCost ?? proposal.estimatedCost,
      target: resolved.kind === "target" ? resolved.target : null,
      fundingSource: data.fundingSource ?? proposal.fundingSource ?? DEFAULT_FUNDING_SOURCE,
      nextYearTarget: data.nextYearTarget ?? null,
      nextYearPagu: data.nextYearPagu ?? null,
      notes: [data.note, part?.note].filter((n) => !!n).join("; ") || null,
      priorityCode: items.find((i) => i.priorityCode)?.priorityCode ?? data.priorityCode ?? null,
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
  const refs = lines.map((l) => (JSON.parse(l.forumRefs) as string[]).map(parseForumRef));
  const forumIds = [...new Set(refs.flat().map((r) => r.forumId))];
  const [nomenclature, placeNames, agencyRows, forumRows, priorities] = await Promise.all([
    chunked(codes, (part) => db.select().from(subActivities).where(inArray(subActivities.code, part))),
    chunked(places, (part) => db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, part))),
    chunked(agencyIds, (part) => db.select().from(agencies).where(inArray(agencies.id, part))),
    chunked(forumIds, (part) => db.select({ id: forums.id, heldAt: forums.heldAt, minutesNumber: forums.minutesNumber }).from(forums).where(inArray(forums.id, part))),
    prioritiesByCode(db, regencyCode, year, [...new Set(lines.flatMap((l) => (l.priorityCode ? [l.priorityCode] : [])))]),
  ]);
  const proposalIds = [...new Set(lines.map((l) => l.proposalId))];
  const [recommendations, origins] = await Promise.all([recommendationsOf(db, proposalIds), originsOf(db, proposalIds)]);
  const sub = new Map(nomenclature.map((s) => [s.code, s]));
  const place = new Map(placeNames.map((p) => [p.code, p.name]));
  const agency = new Map(agencyRows.map((a) => [a.id, a]));
  const forum = new Map(forumRows.map((f) => [f.id, f]));
  const zone = regionZone(regencyCode);
  const rows = lines.map((l, index): RenjaRow => {
    const s = sub.get(l.subActivityCode);
    const a = agency.get(l.agencyId);
    const p = l.priorityCode ? priorities.get(l.priorityCode) : undefined;
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
      // The target is counted in the indicator's unit only; a line without one stays empty rather than borrow the volume's.
      target: l.target,
      unit: s?.unit ?? null,
      villageCode: l.villageCode,
      villageName: l.villageCode ? (place.get(l.villageCode) ?? null) : null,
      districtCode: l.districtCode,
      districtName: place.get(l.districtCode) ?? "",
      volume: l.volume,
      volumeUnit: l.unit,
      pagu: l.pagu,
      fundingSource: fundingSourceLabel(l.fundingSource),
      notes: l.notes,
      nextYearTarget: l.nextYearTarget,
      nextYearPagu: l.nextYearPagu,
      regionalPriority: p ? { code: p.code, name: p.priority, target: p.target } : null,
      proposalTrackingCodes: JSON.parse(l.trackingCodes) as string[],
      forumDecisionRefs: refs[index]!.map((r) => forumRefLabel(r, forum.get(r.forumId), zone)),
      status: l.status,
      sourceStage: l.sourceStage,
      priority: { districtRank: l.districtRank, villageRank: l.villageRank },
      ...origins.get(l.proposalId),
      ...districtRecommendation(recommendations.get(l.proposalId)),
    };
  });
  const last = lines.at(-1)!;
  return { rows, last: view === "renja" ? last.sortKey : last.td4SortKey };
}

/** Where each proposal came from: its channel, theme and origin (the desa, the DPRD member, the thematic group). */
async function originsOf(db: Database, proposalIds: readonly string[]): Promise<Map<string, Pick<RenjaRow, "channel" | "theme" | "origin">>> {
  const rows = await chunked(proposalIds, (part) =>
    db
      .select({ id: proposals.id, channel: proposals.channel, theme: proposals.theme, group: proposals.proposerGroup, level: proposals.locationLevel, placeName: regions.name, member: pokir.memberName, fraksi: pokir.fraksi, dapil: pokir.dapil })
      .from(proposals)
      .innerJoin(regions, eq(regions.code, proposals.villageCode))
      .leftJoin(pokir, eq(pokir.proposalId, proposals.id))
      .where(inArray(proposals.id, part)),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        channel: r.channel,
        theme: r.theme,
        origin: originLabel({
          channel: r.channel,
          villageName: r.level === "desa" ? r.placeName : null,
          theme: r.theme,
          member: r.member ? { name: r.member, fraksi: r.fraksi!, dapil: r.dapil! } : null,
          groupName: r.group,
        }),
      },
    ]),
  );
}

/** A stored forum reference, `<forum id>#<agenda position>`. */
function parseForumRef(ref: string): { forumId: string; position: string } {
  const at = ref.lastIndexOf("#");
  return { forumId: ref.slice(0, at), position: ref.slice(at + 1) };
}

/** The reference people can look up: the berita acara's number and item, or the forum's date while it has no number. */
function forumRefLabel(ref: { forumId: string; position: string }, forum: { heldAt: string; minutesNumber: string | null } | undefined, zone: Zone): string {
  if (forum?.minutesNumber) return `BA ${forum.minutesNumber} butir ${ref.position}`;
  return forum ? `Forum ${formatDate(forum.heldAt, zone)} butir ${ref.position}` : `Forum butir ${ref.position}`;
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


