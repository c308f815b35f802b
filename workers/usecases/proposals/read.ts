/** Reading proposals: the caller's right to one, a page of the caller's list, an attachment, a village's list. */
import type { Action } from "../../../shared/access/policy.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { proposalTarget } from "../../../shared/proposals/channels.ts";
import { pokirOf } from "../../storage/channels.ts";
import type { ProposalFilters } from "../../storage/proposals.ts";
import { findProposal, listProposals as listProposalRows, proposalAttachments, routedAgencies, villagePlace, villageProposals, type ProposalRow } from "../../storage/proposals.ts";
import { districtsOf, regionNames, villagesMatching } from "../../storage/regions.ts";
import { authorize, authorizeInOwnScope, requirePrincipal } from "../access.ts";
import type { Deps } from "../deps.ts";
import { notFound } from "../errors.ts";

/** The proposal and the caller, when the caller may do `action` on it (404/403 otherwise). */
export async function proposalFor(deps: Deps, caller: Principal | undefined, id: string, action: Action): Promise<{ row: ProposalRow; principal: Principal; memberId: string | null }> {
  const row = await findProposal(deps.db, id);
  if (!row) throw notFound;
  const agencyIds = action === "proposal.read" ? await routedAgencies(deps.db, id) : [];
  const memberId = row.channel === "pokir" ? ((await pokirOf(deps.db, id))?.memberId ?? null) : null;
  const principal = authorize(caller, action, proposalTarget(row, { agencyIds, memberId }));
  return { row, principal, memberId };
}

export async function listProposals(deps: Deps, caller: Principal | undefined, query: { filters: ProposalFilters; limit: number; cursor?: { createdAt: string; id: string } }) {
  return listProposalRows(deps.db, requirePrincipal(caller), query.filters, query.limit, query.cursor);
}

/** An attachment's file from R2, for a caller who may read its proposal. */
export async function readAttachment(deps: Deps, caller: Principal | undefined, { id, attachmentId }: { id: string; attachmentId: string }) {
  await proposalFor(deps, caller, id, "proposal.read");
  const file = (await proposalAttachments(deps.db, id)).find((a) => a.id === attachmentId);
  const object = file ? await deps.env.ATTACHMENTS.get(file.r2Key) : null;
  if (!file || !object) throw notFound;
  return { file, body: object.body };
}

/**
 * The proposals a kecamatan (or an agency, or Bappeda) reads, a page at a time, newest first, by desa and status,
 * with the names of their places and the villages it may filter by.
 */
export async function scopeList(deps: Deps, caller: Principal | undefined, query: { filters: ProposalFilters; limit: number; cursor?: { createdAt: string; id: string } | undefined }) {
  const principal = requirePrincipal(caller);
  const page = await listProposalRows(deps.db, principal, query.filters, query.limit, query.cursor);
  // Bappeda filters by kecamatan first, then by that kecamatan's desa (the kabupaten's few hundred are too many for one list).
  const admin = principal.role === "planning_admin";
  const districts = admin ? (await districtsOf(deps.db, principal.regencyCode)).map((d) => ({ code: d.code, name: d.name })).sort((a, b) => a.name.localeCompare(b.name)) : [];
  const villageScope = principal.role === "district_verifier" ? principal.scopeCode : admin && districts.some((d) => d.code === query.filters.kecamatan) ? query.filters.kecamatan : undefined;
  const villages = villageScope ? await villagesMatching(deps.db, `${villageScope}.%`) : [];
  const names = await regionNames(deps.db, page.rows.flatMap((r) => [r.villageCode, r.districtCode]));
  return { principal, ...page, names, districts, villages: villages.map((v) => ({ code: v.code, name: v.name })).sort((a, b) => a.name.localeCompare(b.name)) };
}

/** A village's proposals for a year in priority order: its own for an operator, any of the kabupaten's for Bappeda. */
export async function villageList(deps: Deps, caller: Principal | undefined, { villageCode, year }: { villageCode?: string | undefined; year: number }) {
  const principal = authorizeInOwnScope(caller, "proposal.submit");
  const code = principal.role === "village_operator" ? principal.scopeCode : (villageCode ?? "");
  const place = await villagePlace(deps.db, code);
  if (!place) return null;
  return { principal, place, rows: await villageProposals(deps.db, code, year) };
}

export interface VillageOption {
  code: string;
  name: string;
  districtName: string;
}

/** The villages a caller may submit for: its own desa, or every desa of the kabupaten for Bappeda. */
export async function villageOptions(deps: Deps, principal: Principal): Promise<VillageOption[]> {
  const pattern = principal.role === "village_operator" ? principal.scopeCode : `${principal.regencyCode}.%`;
  const villages = await villagesMatching(deps.db, pattern);
  const districts = new Map((await districtsOf(deps.db, principal.regencyCode)).map((d) => [d.code, d.name]));
  return villages
    .map((village) => ({ code: village.code, name: village.name, districtName: districts.get(village.parentCode ?? "") ?? "" }))
    .sort((a, b) => a.districtName.localeCompare(b.districtName) || a.name.localeCompare(b.name));
}

/** The files of a proposal (for its edit form, after `proposalFor` allowed the caller). */
export const attachmentsOf = (deps: Deps, proposalId: string) => proposalAttachments(deps.db, proposalId);
