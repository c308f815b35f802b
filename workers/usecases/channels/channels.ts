/**
 * What the channels beside the village's need beyond intake (workers/usecases/proposals/submit.ts takes every
 * channel): withdrawing a pokir (never deleting it), each DPRD member's report of what became of every pokir, the
 * thematic Musrenbang's tally per theme, and the DPRD members a secretariat enters for.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { summarizeThemes, THEMES, type Theme } from "../../../shared/proposals/channels.ts";
import type { PokirReportLine } from "../../../shared/proposals/pokir-report.ts";
import { STATUSES } from "../../../shared/proposals/lifecycle.ts";
import { DECISION_LABELS } from "../../../shared/reviews/decisions.ts";
import { wakeLifecycle } from "../../messaging/lifecycle.ts";
import { auditInsert } from "../../storage/audit.ts";
import { tryBatch } from "../../storage/database.ts";
import { dprdMember, dprdMembersOf, pokirReport, themeTally } from "../../storage/channels.ts";
import { findProposal, updateProposalInStatus, type ProposalRow } from "../../storage/proposals.ts";
import { cancelTasksOfWithdrawn } from "../../storage/reviews.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound, Refusal } from "../errors.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { proposalFor, villageOptions } from "../proposals/read.ts";
import { districtsOf } from "../../storage/regions.ts";

/** A pokir may be withdrawn until an agency's decision or the forum settles it; after that it stays as decided. */
const WITHDRAWABLE = ["submitted", "in_review", "triage"] as const;

export const pokirSettled = new Refusal(409, "pokir_settled", {
  id: "Pokir ini sudah diputuskan atau sedang dibahas di forum, sehingga tidak dapat dibatalkan lagi.",
  en: "This pokir has been decided or is at the forum, so it can no longer be withdrawn.",
});

/**
 * Withdraws a pokir with the reason given: its status becomes "withdrawn", its open agency tasks close, the reason
 * is audited; the pokir itself and everything it carries stay (a pokir entered is never deleted).
 */
export async function withdrawPokir(deps: Deps, caller: Principal | undefined, { id, reason }: { id: string; reason: string }): Promise<ProposalRow> {
  const { row, principal, memberId } = await proposalFor(deps, caller, id, "proposal.edit");
  if (row.channel !== "pokir") throw notFound;
  if (row.status === "withdrawn") return row;
  if (!(WITHDRAWABLE as readonly string[]).includes(row.status)) throw pokirSettled;
  const text = reason.trim();
  if (!text) throw invalidInput([customIssue("reason", "reason_required", deps.lang)]);
  const { db } = deps;
  const [stillOpen, withdraw] = updateProposalInStatus(db, row.id, WITHDRAWABLE, { status: "withdrawn" });
  const batch = await tryBatch(db, [
    stillOpen,
    withdraw,
    cancelTasksOfWithdrawn(db, row.id, principal.id, `pokir dibatalkan: ${text}`),
    auditInsert(db, {
      regencyCode: row.regencyCode,
      actor: principal.id,
      action: "proposal.withdrawn",
      entityType: "proposal",
      entityId: row.id,
      data: { status: "withdrawn", channel: "pokir", memberId, reason: text, before: row.status },
    }),
  ]);
  if (!batch.ok) {
    const current = (await findProposal(db, row.id))!;
    if (current.status === "withdrawn") return current;
    throw pokirSettled;
  }
  await wakeLifecycle(deps.env, row.id, { kind: "withdrawn" });
  return (batch.results[1] as ProposalRow[])[0]!;
}

/**
 * Every pokir of the year with what became of it: a member's own, or (the secretariat, Bappeda) all of the
 * kabupaten's or one member's (`member`).
 */
export async function memberReport(deps: Deps, caller: Principal | undefined, { year, member }: { year: number; member?: string | undefined }): Promise<{ principal: Principal; lines: PokirReportLine[] }> {
  const own = authorizeInOwnScope(caller, "pokir.report");
  const memberId = own.role === "dprd_member" ? own.scopeCode : (member ?? null);
  if (memberId) {
    authorize(own, "pokir.report", { regencyCode: own.regencyCode, channel: "pokir", memberId });
    // A member of another kabupaten (or none) is nobody here.
    if (!(await dprdMember(deps.db, own.regencyCode, memberId))) throw notFound;
  }
  const rows = await pokirReport(deps.db, own.regencyCode, year, memberId);
  const en = deps.lang === "en";
  const lines = rows.map((r): PokirReportLine => {
    const agencies = r.tasks.map((t) => ({
      name: t.agencyName ?? (en ? "Bappeda (triage)" : "Bappeda (pemilahan)"),
      decision: t.decision ? (DECISION_LABELS[t.decision as keyof typeof DECISION_LABELS]?.[en ? "en" : "id"] ?? t.decision) : null,
      reason: t.reason,
    }));
    const status = r.proposal.status as keyof typeof STATUSES;
    return {
      id: r.proposal.id,
      trackingCode: r.proposal.trackingCode,
      memberId: r.pokir.memberId,
      memberName: r.pokir.memberName,
      fraksi: r.pokir.fraksi,
      dapil: r.pokir.dapil,
      resesDate: r.pokir.resesDate,
      resesPlace: r.pokir.resesPlace,
      activity: r.proposal.activity,
      location: r.proposal.locationLevel === "desa" ? `${r.placeName}, ${r.districtName ?? ""}` : `${en ? "District" : "Kecamatan"} ${r.placeName}`,
      volume: r.proposal.volume,
      unit: r.proposal.unit,
      estimatedCost: r.proposal.estimatedCost,
      status,
      statusLabel: STATUSES[status]?.[en ? "en" : "id"] ?? status,
      agencies,
      renjaLines: r.lines.map(({ proposalId: _p, ...line }) => line),
      reason: r.lines.length > 0 ? null : (agencies.map((a) => a.reason).find(Boolean) ?? null),
    };
  });
  return { principal: own, lines };
}

/** Per theme, how many thematic proposals were submitted, forwarded to the agencies and funded in the year. */
export async function themeSummary(deps: Deps, caller: Principal | undefined, { year }: { year: number }) {
  const principal = authorizeInOwnScope(caller, "theme.summary");
  const only = principal.role === "thematic_group" ? (principal.scopeCode as Theme) : null;
  const { byStatus, funded } = await themeTally(deps.db, principal.regencyCode, year, only);
  const en = deps.lang === "en";
  return { principal, themes: summarizeThemes(byStatus, funded, only).map((t) => ({ ...t, label: THEMES[t.theme][en ? "en" : "id"] })) };
}

/** The kabupaten's DPRD members, for the secretariat's and Bappeda's pokir form (a member sees only itself). */
export async function dprdMembers(deps: Deps, caller: Principal | undefined) {
  const principal = authorizeInOwnScope(caller, "pokir.report");
  const members = await dprdMembersOf(deps.db, principal.regencyCode);
  return { principal, members: principal.role === "dprd_member" ? members.filter((m) => m.id === principal.scopeCode) : members };
}


/** What the pokir and thematic forms offer the caller: the desa and kecamatan of its kabupaten, and the members it enters for. */
export async function channelFormOptions(deps: Deps, principal: Principal) {
  const [villages, districts, members] = await Promise.all([
    villageOptions(deps, principal),
    districtsOf(deps.db, principal.regencyCode),
    principal.role === "dprd_member" ? Promise.resolve([]) : dprdMembersOf(deps.db, principal.regencyCode),
  ]);
  return { villages, districts: districts.map((d) => ({ code: d.code, name: d.name })).sort((a, b) => a.name.localeCompare(b.name)), members };
}
