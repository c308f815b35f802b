/** Proposals in D1: where they sit, who may see them, and the pages of a list. */
import { and, asc, desc, eq, exists, gte, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Principal } from "../../shared/access/roles.ts";
import { ancestorAt } from "../../shared/regions/codes.ts";
import { attachments, pokir, proposals, regions, reviewTasks, subActivities } from "../../shared/db/schema.ts";
import type { ProposalView } from "../../shared/schemas/proposals.ts";
import { EDITABLE_STATUSES, LIVE_STATUSES } from "../../shared/proposals/lifecycle.ts";
import { alias } from "drizzle-orm/sqlite-core";
import { abortIfRow, abortUnless, abortUnlessRow, chunked, nowIso, type Database } from "./database.ts";

export type ProposalRow = typeof proposals.$inferSelect;

/** The village's own proposals: its list, its ranks and the kecamatan's Musrenbang hold no pokir or thematic line. */
const villageChannel = eq(proposals.channel, "desa");
export type ProposalInsert = typeof proposals.$inferInsert;

/**
 * Inserts a proposal and returns the rank it got: one without a rank goes to the end of its village's list for the
 * year, computed inside the INSERT so that parallel submissions each get their own.
 */
export function insertProposal(db: Database, row: ProposalInsert) {
  const last = sql`(SELECT coalesce(max(${proposals.villageRank}), 0) + 1 FROM ${proposals} WHERE ${proposals.villageCode} = ${row.villageCode} AND ${proposals.year} = ${row.year})`;
  // Only a village's proposals are ranked in its list; a pokir or a thematic line placed there is not the village's.
  const rank = (row.channel ?? "desa") === "desa" ? (row.villageRank ?? last) : null;
  return db
    .insert(proposals)
    .values({ ...row, villageRank: rank })
    .returning({ villageRank: proposals.villageRank });
}

const sameContentSince = (createdBy: string, contentHash: string, since: string) =>
  and(eq(proposals.createdBy, createdBy), eq(proposals.contentHash, contentHash), gte(proposals.createdAt, since), ne(proposals.status, "withdrawn"));

/** The account's proposal with this content made since `since` and not withdrawn (shared/proposals/content.ts). */
export async function recentSameContent(db: Database, createdBy: string, contentHash: string, since: string) {
  return db.query.proposals.findFirst({ where: sameContentSince(createdBy, contentHash, since), orderBy: asc(proposals.createdAt) });
}

/** Rolls a submission's batch back when the same content from the same account committed since `since`. */
export const noRecentSameContent = (db: Database, createdBy: string, contentHash: string, since: string) =>
  abortIfRow(db, "same_content", proposals, sameContentSince(createdBy, contentHash, since));

/** A proposal's rank as SQL, for a later statement of the batch that inserted it (its idempotency answer). */
export const villageRankOf = (id: string) => sql`(SELECT ${proposals.villageRank} FROM ${proposals} WHERE ${proposals.id} = ${id})`;

export const insertAttachment = (db: Database, row: typeof attachments.$inferInsert) => db.insert(attachments).values(row);

export const deleteAttachments = (db: Database, proposalId: string, ids: readonly string[]) =>
  db.delete(attachments).where(and(eq(attachments.proposalId, proposalId), inArray(attachments.id, [...ids])));

/**
 * Changes the village's proposal only while it is still the village's: put first, the guard rolls the batch (and
 * its audit event) back when the kecamatan verified it, or the village withdrew it, since it was read.
 */
export const updateEditableProposal = (db: Database, id: string, set: Partial<ProposalInsert>) => updateProposalInStatus(db, id, EDITABLE_STATUSES, set, "proposal_not_editable");

/** Changes a proposal only while its status is one of `statuses` (the guard first, the update returning the row). */
export function updateProposalInStatus(db: Database, id: string, statuses: readonly string[], set: Partial<ProposalInsert>, guard = "proposal_status_changed") {
  return [
    abortUnlessRow(db, guard, proposals, and(eq(proposals.id, id), inArray(proposals.status, [...statuses]))),
    db
      .update(proposals)
      .set({ ...set, updatedAt: nowIso() })
      .where(eq(proposals.id, id))
      .returning(),
  ] as const;
}

/**
 * A proposal leaving its village's ranking (withdrawn): the ones ranked after it move up one, so the list stays
 * 1, 2, 3 … Put before the statement that clears its rank, in the same guarded batch.
 */
export function closeRanksBehind(db: Database, id: string) {
  const leaving = alias(proposals, "leaving");
  return db
    .update(proposals)
    .set({ villageRank: sql`${proposals.villageRank} - 1`, updatedAt: nowIso() })
    .where(
      exists(
        db
          .select({ one: sql`1` })
          .from(leaving)
          .where(and(eq(leaving.id, id), eq(leaving.villageCode, proposals.villageCode), eq(leaving.year, proposals.year), sql`${proposals.villageRank} > ${leaving.villageRank}`)),
      ),
    );
}

export const setVillageRank = (db: Database, id: string, rank: number) => db.update(proposals).set({ villageRank: rank, updatedAt: nowIso() }).where(eq(proposals.id, id));

export interface VillagePlace {
  villageCode: string;
  villageName: string;
  districtCode: string;
  districtName: string;
  regencyCode: string;
}

/** The desa/kelurahan and its kecamatan and kabupaten, or null for a code that is not a known village. */
export async function villagePlace(db: Database, villageCode: string): Promise<VillagePlace | null> {
  const districtCode = ancestorAt(villageCode, "district");
  const regencyCode = ancestorAt(villageCode, "regency");
  if (!districtCode || !regencyCode) return null;
  const rows = await db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(inArray(regions.code, [villageCode, districtCode]));
  const village = rows.find((r) => r.level === "village");
  const district = rows.find((r) => r.level === "district");
  if (!village || !district) return null;
  return { villageCode, villageName: village.name, districtCode, districtName: district.name, regencyCode };
}

export async function subActivityExists(db: Database, code: string): Promise<boolean> {
  return !!(await db.query.subActivities.findFirst({ where: eq(subActivities.code, code), columns: { code: true } }));
}

/** The agencies a proposal has been routed to: an agency reviewer may read what its agency reviews. */
export async function routedAgencies(db: Database, proposalId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ agencyId: reviewTasks.agencyId })
    .from(reviewTasks)
    .where(and(eq(reviewTasks.proposalId, proposalId), eq(reviewTasks.kind, "agency_review")));
  return rows.flatMap((r) => (r.agencyId ? [r.agencyId] : []));
}

/** Proposals by id (any number of them). */
export async function proposalsByIds(db: Database, ids: readonly string[]) {
  return chunked([...new Set(ids)], (part) => db.select().from(proposals).where(inArray(proposals.id, part)));
}

export async function findProposal(db: Database, id: string) {
  return db.query.proposals.findFirst({ where: eq(proposals.id, id) });
}

/** A proposal of the kabupaten named by its id or its tracking code. */
export async function findProposalInRegency(db: Database, idOrTrackingCode: string, regencyCode: string) {
  return db.query.proposals.findFirst({
    where: and(or(eq(proposals.id, idOrTrackingCode), eq(proposals.trackingCode, idOrTrackingCode)), eq(proposals.regencyCode, regencyCode)),
    columns: { id: true },
  });
}

export async function proposalAttachments(db: Database, proposalId: string) {
  return db
    .select({ id: attachments.id, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size, r2Key: attachments.r2Key })
    .from(attachments)
    .where(eq(attachments.proposalId, proposalId))
    .orderBy(asc(attachments.createdAt));
}

type Internal = "lifecycleError" | "lifecycleStartedAt" | "contentHash" | "importId" | "importRow";

export function proposalView(row: Omit<ProposalRow, Internal> & Partial<Pick<ProposalRow, Internal>>, files?: { id: string; filename: string; contentType: string; size: number }[]): ProposalView {
  const { createdBy: _by, contentHash: _content, lifecycleError: _error, lifecycleStartedAt: _started, importId: _import, importRow: _row, ...rest } = row;
  return {
    ...rest,
    stage: rest.stage as ProposalView["stage"],
    status: rest.status as ProposalView["status"],
    ...(files ? { attachments: files.map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size })) } : {}),
  };
}

/** Only what the caller's scope covers: the policy's reach, as a query condition. */
export function visibleTo(principal: Principal): SQL {
  const inRegency = eq(proposals.regencyCode, principal.regencyCode);
  // For a village or kecamatan the kabupaten stays a guard but not the way in: `+column` keeps SQLite off the
  // kabupaten's indexes, so it reads the few rows of the village's or kecamatan's own index, not the kabupaten's.
  const guard = sql`+${proposals.regencyCode} = ${principal.regencyCode}`;
  switch (principal.role) {
    case "village_operator":
      return and(guard, eq(proposals.villageCode, principal.scopeCode), villageChannel)!;
    case "district_verifier":
      return and(guard, eq(proposals.districtCode, principal.scopeCode), villageChannel)!;
    case "agency_reviewer":
    case "integration":
      return and(inRegency, routedTo(principal.scopeCode))!;
    case "planning_admin":
      return inRegency;
    case "dprd_member":
      return and(inRegency, eq(proposals.channel, "pokir"), exists(sql`(SELECT 1 FROM ${pokir} WHERE ${pokir.proposalId} = ${proposals.id} AND ${pokir.memberId} = ${principal.scopeCode})`))!;
    case "dprd_secretariat":
      return and(inRegency, eq(proposals.channel, "pokir"))!;
    case "thematic_group":
      return and(inRegency, eq(proposals.channel, "tematik"), eq(proposals.theme, principal.scopeCode))!;
  }
}

function routedTo(agencyId: string): SQL {
  return exists(
    sql`(SELECT 1 FROM ${reviewTasks} WHERE ${reviewTasks.proposalId} = ${proposals.id} AND ${reviewTasks.agencyId} = ${agencyId})`,
  );
}

export interface ProposalFilters {
  year?: number;
  kecamatan?: string;
  desa?: string;
  status?: string;
  agency?: string;
}

/** Keyset pagination, newest first: the cursor is the (createdAt, id) of the last row of the previous page. */
export async function listProposals(db: Database, principal: Principal, filters: ProposalFilters, limit: number, cursor?: { createdAt: string; id: string }) {
  const conditions: (SQL | undefined)[] = [
    visibleTo(principal),
    filters.year === undefined ? undefined : eq(proposals.year, filters.year),
    filters.kecamatan ? eq(proposals.districtCode, filters.kecamatan) : undefined,
    filters.desa ? eq(proposals.villageCode, filters.desa) : undefined,
    filters.status ? eq(proposals.status, filters.status) : undefined,
    filters.agency ? routedTo(filters.agency) : undefined,
    cursor ? or(lt(proposals.createdAt, cursor.createdAt), and(eq(proposals.createdAt, cursor.createdAt), lt(proposals.id, cursor.id))) : undefined,
  ];
  const rows = await db
    .select()
    .from(proposals)
    .where(and(...conditions))
    .orderBy(desc(proposals.createdAt), desc(proposals.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** A village's proposals for a year in priority order, for the operator's list and re-ranking. */
export async function villageProposals(db: Database, villageCode: string, year: number) {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.villageCode, villageCode), eq(proposals.year, year), villageChannel))
    .orderBy(sql`${proposals.villageRank} IS NULL`, asc(proposals.villageRank), asc(proposals.createdAt));
}

/**
 * Rolls a batch back when a list of proposals (`scope`) is no longer `read`: a proposal added, re-ranked, withdrawn
 * or moved on since. Ranks computed from an old list would give two proposals one rank.
 */
function listUnchanged(db: Database, guard: string, scope: SQL | undefined, rank: typeof proposals.villageRank | typeof proposals.districtRank, read: readonly ProposalRow[], rankOf: (p: ProposalRow) => number | null) {
  const entry = (p: ProposalRow) => `${p.id}:${rankOf(p) ?? ""}:${p.status}`;
  const expected = [...read].sort((a, b) => (a.id < b.id ? -1 : 1)).map(entry).join(",");
  const now = db
    .select({ entry: sql`${proposals.id} || ':' || coalesce(${rank}, '') || ':' || ${proposals.status}`.as("entry") })
    .from(proposals)
    .where(scope)
    .orderBy(asc(proposals.id))
    .as("now");
  return abortUnless(db, guard, sql`coalesce((SELECT group_concat(${now.entry}, ',') FROM ${now}), '') = ${expected}`);
}

/** A village's list for the year, as `villageProposals` read it. */
export const villageListUnchanged = (db: Database, villageCode: string, year: number, read: readonly ProposalRow[]) =>
  listUnchanged(db, "village_list_changed", and(eq(proposals.villageCode, villageCode), eq(proposals.year, year), villageChannel), proposals.villageRank, read, (p) => p.villageRank);

const inDistrictList = (districtCode: string, year: number) => and(eq(proposals.districtCode, districtCode), eq(proposals.year, year), villageChannel, inArray(proposals.status, [...LIVE_STATUSES]));

/**
 * A kecamatan's Musrenbang list for the year: its proposals past verification and still in play, in its order (the
 * kecamatan's rank; before it ranked them, each desa's first priority, then their second …).
 */
export async function districtProposals(db: Database, districtCode: string, year: number) {
  return db
    .select()
    .from(proposals)
    .where(inDistrictList(districtCode, year))
    .orderBy(sql`${proposals.districtRank} IS NULL`, asc(proposals.districtRank), sql`${proposals.villageRank} IS NULL`, asc(proposals.villageRank), asc(proposals.createdAt));
}

/** How many of the kecamatan's proposals for the year still wait for verification (submitted or returned). */
export const districtWaiting = (db: Database, districtCode: string, year: number) =>
  db.$count(proposals, and(eq(proposals.districtCode, districtCode), eq(proposals.year, year), villageChannel, inArray(proposals.status, [...EDITABLE_STATUSES])));

/** A kecamatan's list for the year, as `districtProposals` read it. */
export const districtListUnchanged = (db: Database, districtCode: string, year: number, read: readonly ProposalRow[]) =>
  listUnchanged(db, "district_list_changed", inDistrictList(districtCode, year), proposals.districtRank, read, (p) => p.districtRank);

export const setDistrictRank = (db: Database, id: string, rank: number) => db.update(proposals).set({ districtRank: rank, updatedAt: nowIso() }).where(eq(proposals.id, id));

/** Rolls a batch back unless the proposal is still in its kecamatan's list (past verification, still in play). */
export const stillInDistrictList = (db: Database, id: string) =>
  abortUnlessRow(db, "not_in_district_list", proposals, and(eq(proposals.id, id), inArray(proposals.status, [...LIVE_STATUSES])));
