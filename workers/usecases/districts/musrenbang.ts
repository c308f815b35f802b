/**
 * The kecamatan's Musrenbang: the verifier ranks the kecamatan's verified proposals, records what the kecamatan
 * recommends for each (volume, cost, note: SIPD's rekom_camat) and closes the list for the year; after that only
 * Bappeda changes it. Each change is one batch guarded on the list it was computed from and on the list being open.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { Principal } from "../../../shared/access/roles.ts";
import { isAccepted, LIVE_STATUSES } from "../../../shared/proposals/lifecycle.ts";
import { moveTo, rankChanges } from "../../../shared/proposals/ranking.ts";
import { ancestorAt, isRegionCode, regionLevel } from "../../../shared/regions/codes.ts";
import type { DistrictRecommendation } from "../../../shared/schemas/districts.ts";
import { auditInsert } from "../../storage/audit.ts";
import { nowIso, runBatch, tryBatch } from "../../storage/database.ts";
import { closeDistrictPlan, districtListOpen, districtPlan } from "../../storage/districts.ts";
import { districtListUnchanged, districtProposals, districtWaiting, findProposal, proposalView, setDistrictRank, stillInDistrictList, type ProposalRow } from "../../storage/proposals.ts";
import { recommendationsOf, recommendationStatement } from "../../storage/recommendations.ts";
import { regionNames } from "../../storage/regions.ts";
import { renjaLineStatements } from "../../storage/renja.ts";
import { authorize } from "../access.ts";
import type { Deps } from "../deps.ts";
import { notFound, Refusal } from "../errors.ts";
import { assertStageOpen } from "../calendar/calendar.ts";

export const listClosed = new Refusal(409, "district_list_closed", {
  id: "Daftar Musrenbang kecamatan ini sudah ditutup. Perubahan peringkat dan rekomendasi sekarang hanya melalui Bappeda.",
  en: "This district's Musrenbang list is closed. Ranks and recommendations can now only be changed by Bappeda.",
});

export const notInList = new Refusal(409, "not_in_district_list", {
  id: "Usulan ini tidak ada di daftar kecamatan: hanya usulan yang sudah diverifikasi dan masih berjalan yang diperingkat dan direkomendasikan.",
  en: "This proposal is not on the district's list: only verified proposals still in play are ranked and recommended.",
});

const listChanged = new Refusal(409, "district_list_changed", {
  id: "Daftar kecamatan sedang diubah di tempat lain. Coba lagi.",
  en: "The district's list is being changed elsewhere. Try again.",
});

function districtTarget(districtCode: string) {
  if (!isRegionCode(districtCode) || regionLevel(districtCode) !== "district") throw notFound;
  return { regencyCode: ancestorAt(districtCode, "regency")!, districtCode };
}

/** The proposal and the caller, when the caller plans its kecamatan (403/404 otherwise) and it is on the list. */
async function listedProposal(deps: Deps, caller: Principal | undefined, id: string): Promise<{ row: ProposalRow; principal: Principal }> {
  const row = await findProposal(deps.db, id);
  if (!row) throw notFound;
  const principal = authorize(caller, "district.plan", { regencyCode: row.regencyCode, districtCode: row.districtCode });
  if (!(LIVE_STATUSES as readonly string[]).includes(row.status)) throw notInList;
  return { row, principal };
}

/** Once the list is closed, only Bappeda changes it: the kecamatan's own batches carry the guard. */
async function openFor(deps: Deps, principal: Principal, districtCode: string, year: number): Promise<BatchItem<"sqlite">[]> {
  if (principal.role === "planning_admin") return [];
  if (await districtPlan(deps.db, districtCode, year)) throw listClosed;
  return [districtListOpen(deps.db, districtCode, year)];
}

/** Accepted proposals whose rank moved: their Renja lines carry the rank (the T-D.4 order), written again. */
async function refreshRenjaLines(deps: Deps, moved: readonly ProposalRow[]) {
  for (const p of moved.filter((m) => isAccepted(m.status))) await runBatch(deps.db, await renjaLineStatements(deps.db, p.id));
}

export async function districtList(deps: Deps, caller: Principal | undefined, { districtCode, year }: { districtCode: string; year: number }) {
  const principal = authorize(caller, "district.read", districtTarget(districtCode));
  const { db } = deps;
  const [rows, plan, waiting] = await Promise.all([districtProposals(db, districtCode, year), districtPlan(db, districtCode, year), districtWaiting(db, districtCode, year)]);
  const [names, recommendations] = await Promise.all([regionNames(db, [districtCode, ...rows.map((r) => r.villageCode)]), recommendationsOf(db, rows.map((r) => r.id))]);
  return {
    principal,
    list: {
      districtCode,
      districtName: names.get(districtCode) ?? districtCode,
      year,
      closedAt: plan?.closedAt ?? null,
      waiting,
      proposals: rows.map((row) => {
        const recommendation = recommendations.get(row.id)?.find((r) => r.level === "kecamatan" && r.source === "");
        const { decidedBy: _by, ...shown } = recommendation ?? { decidedBy: "" };
        return { ...proposalView(row), villageName: names.get(row.villageCode) ?? row.villageCode, recommendation: recommendation ? (shown as Omit<typeof recommendation, "decidedBy">) : null };
      }),
    },
  };
}

/** Moves a proposal to `rank` in its kecamatan's list; the others close ranks, and every proposal of the list gets its number. */
export async function rankInDistrict(deps: Deps, caller: Principal | undefined, { id, rank }: { id: string; rank: number }): Promise<ProposalRow[]> {
  const { db } = deps;
  for (let attempt = 1; ; attempt++) {
    const { row, principal } = await listedProposal(deps, caller, id);
    await assertStageOpen(deps, row.regencyCode, row.year, "district.rank");
    const open = await openFor(deps, principal, row.districtCode, row.year);
    const all = await districtProposals(db, row.districtCode, row.year);
    const ordered = moveTo(all, row.id, rank);
    const moves = rankChanges(ordered, (p) => p.districtRank);
    const ranked = ordered.map((p, index) => ({ ...p, districtRank: index + 1 }));
    if (moves.length === 0) return ranked;
    const batch = await tryBatch(db, [
      ...open,
      districtListUnchanged(db, row.districtCode, row.year, all),
      auditInsert(db, {
        regencyCode: row.regencyCode,
        actor: principal.id,
        action: "proposal.district_ranked",
        entityType: "proposal",
        entityId: row.id,
        data: { rank: ranked.findIndex((p) => p.id === row.id) + 1, districtCode: row.districtCode, year: row.year },
      }),
      ...moves.map(({ item, rank: to }) => setDistrictRank(db, item.id, to)),
    ]);
    if (batch.ok) {
      await refreshRenjaLines(deps, moves.map((m) => m.item));
      return ranked;
    }
    if (batch.guard === "district_list_closed") throw listClosed;
    if (attempt === 3) throw listChanged;
  }
}

/** The kecamatan's recommendation for one proposal of its list, replacing an earlier one. */
export async function recommendInDistrict(deps: Deps, caller: Principal | undefined, { id, recommendation }: { id: string; recommendation: DistrictRecommendation }) {
  const { row, principal } = await listedProposal(deps, caller, id);
  const { db } = deps;
  await assertStageOpen(deps, row.regencyCode, row.year, "district.recommend");
  const open = await openFor(deps, principal, row.districtCode, row.year);
  const stored = {
    proposalId: row.id,
    level: "kecamatan" as const,
    source: "",
    volume: recommendation.volume,
    unit: row.unit,
    cost: recommendation.estimatedCost,
    subActivityCode: row.subActivityCode,
    note: recommendation.note ?? null,
    decidedBy: principal.id,
    decidedAt: nowIso(),
  };
  const batch = await tryBatch(db, [
    stillInDistrictList(db, row.id),
    ...open,
    recommendationStatement(db, stored),
    auditInsert(db, {
      regencyCode: row.regencyCode,
      actor: principal.id,
      action: "proposal.district_recommended",
      entityType: "proposal",
      entityId: row.id,
      data: { volume: stored.volume, unit: stored.unit, cost: stored.cost, note: stored.note },
    }),
  ]);
  if (!batch.ok) throw batch.guard === "district_list_closed" ? listClosed : notInList;
  const { decidedBy: _by, proposalId: _id, ...shown } = stored;
  return shown;
}

/**
 * Closes the kecamatan's list for the year: every proposal on it gets its final number (unranked ones after the
 * ranked, in the list's order), and from now on only Bappeda changes ranks and recommendations. Closing twice is
 * answered with the first closing.
 */
export async function closeDistrictList(deps: Deps, caller: Principal | undefined, { districtCode, year }: { districtCode: string; year: number }) {
  const principal = authorize(caller, "district.plan", districtTarget(districtCode));
  const { db } = deps;
  for (let attempt = 1; ; attempt++) {
    const existing = await districtPlan(db, districtCode, year);
    if (existing) return { closedAt: existing.closedAt, closedBy: existing.closedBy, alreadyClosed: true };
    await assertStageOpen(deps, principal.regencyCode, year, "district.close");
    const all = await districtProposals(db, districtCode, year);
    const moves = rankChanges(all, (p) => p.districtRank);
    const plan = { districtCode, year, regencyCode: principal.regencyCode, closedAt: nowIso(), closedBy: principal.id };
    const batch = await tryBatch(db, [
      districtListOpen(db, districtCode, year),
      districtListUnchanged(db, districtCode, year, all),
      closeDistrictPlan(db, plan),
      ...moves.map(({ item, rank }) => setDistrictRank(db, item.id, rank)),
      auditInsert(db, { regencyCode: principal.regencyCode, actor: principal.id, action: "district.list_closed", entityType: "district_plan", entityId: `${districtCode}:${year}`, data: { proposals: all.length } }),
    ]);
    if (batch.ok) {
      await refreshRenjaLines(deps, moves.map((m) => m.item));
      return { closedAt: plan.closedAt, closedBy: plan.closedBy, alreadyClosed: false };
    }
    if (batch.guard !== "district_list_changed" || attempt === 3) {
      const closed = await districtPlan(db, districtCode, year);
      if (closed) return { closedAt: closed.closedAt, closedBy: closed.closedBy, alreadyClosed: true };
      throw listChanged;
    }
  }
}
