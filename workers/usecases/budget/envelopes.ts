/** Budget envelopes (pagu indikatif) per agency and per kecamatan, and what fits into one by priority. */
import type { Principal } from "../../../shared/access/roles.ts";
import { fitEnvelope } from "../../../shared/budget/fit.ts";
import { competingCost } from "../../../shared/proposals/recommendations.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { agencyList, agencyOf } from "../../storage/agencies.ts";
import { districtsOf } from "../../storage/regions.ts";
import { openAgencyTasks } from "../../storage/reviews.ts";
import { auditInsert } from "../../storage/audit.ts";
import { committed, envelope, envelopeCandidates, envelopesWithRoom, upsertEnvelope, type EnvelopeKind } from "../../storage/budget.ts";
import { nowIso } from "../../storage/database.ts";
import { recommendationsOf } from "../../storage/recommendations.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound } from "../errors.ts";

export interface EnvelopeSet {
  year: number;
  kind: EnvelopeKind;
  target: string;
  amount: number;
}

export async function setEnvelope(deps: Deps, caller: Principal | undefined, body: EnvelopeSet) {
  const admin = authorizeInOwnScope(caller, "budget.manage");
  const { db } = deps;
  const targetOk = body.kind === "agency" ? !!(await agencyOf(db, admin.regencyCode, body.target)) : body.target.startsWith(`${admin.regencyCode}.`) && body.target.split(".").length === 3;
  if (!targetOk) throw invalidInput([customIssue("target", body.kind === "agency" ? "agency_unknown" : "region_unknown", deps.lang)]);
  const row = { id: sortableId("pagu"), regencyCode: admin.regencyCode, ...body, updatedBy: admin.id, updatedAt: nowIso() };
  await db.batch([
    upsertEnvelope(db, row),
    auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "budget.envelope_set", entityType: "budget_envelope", entityId: `${body.year}:${body.kind}:${body.target}`, data: { amount: body.amount } }),
  ]);
  const used = await committed(db, admin.regencyCode, body.year, body.kind, body.target);
  // Allowed (Bappeda may cut an envelope), but said: accepted proposals already draw more than the new amount.
  return { ...body, used, remaining: body.amount - used, belowCommitted: body.amount < used };
}

/** What accepted proposals already draw on an envelope, before Bappeda sets it (to warn about setting it lower). */
export async function envelopeCommitted(deps: Deps, caller: Principal | undefined, query: { year: number; kind: EnvelopeKind; target: string }): Promise<number> {
  const admin = authorizeInOwnScope(caller, "budget.manage");
  return committed(deps.db, admin.regencyCode, query.year, query.kind, query.target);
}

export async function listEnvelopes(deps: Deps, caller: Principal | undefined, { year }: { year: number }) {
  const principal = authorizeInOwnScope(caller, "agency.read");
  return envelopesWithRoom(deps.db, principal.regencyCode, year);
}

/** What fits an envelope by priority, and what falls out and why. */
export async function fitIntoEnvelope(deps: Deps, caller: Principal | undefined, query: { year: number; kind: EnvelopeKind; target: string }) {
  // A role that reads no envelope is told so (403); someone else's envelope is not shown (404).
  const { regencyCode } = authorizeInOwnScope(caller, "budget.read");
  const principal = authorize(caller, "budget.read", query.kind === "agency" ? { regencyCode, agencyIds: [query.target] } : { regencyCode, districtCode: query.target });
  const { db } = deps;
  const limit = await envelope(db, principal.regencyCode, query.year, query.kind, query.target);
  if (!limit) throw notFound;
  const rows = await envelopeCandidates(db, principal.regencyCode, query.year, query.kind, query.target);
  // Ranked by the kecamatan, costed at the latest level that named a cost (kecamatan recommendation over the desa's ask).
  const recommendations = await recommendationsOf(db, rows.map((p) => p.id));
  const candidates = rows.map((p) => ({ ...p, cost: competingCost(p, recommendations.get(p.id) ?? []) }));
  const result = fitEnvelope(candidates, limit.amount);
  const byId = new Map(candidates.map((p) => [p.id, p]));
  const describe = (id: string) => {
    const p = byId.get(id)!;
    return { id, trackingCode: p.trackingCode, activity: p.activity, status: p.status, cost: p.cost, askedCost: p.estimatedCost, districtRank: p.districtRank, villageRank: p.villageRank };
  };
  return {
    amount: limit.amount,
    used: result.used,
    remaining: result.remaining,
    selected: result.selected.map(describe),
    excluded: result.excluded.map((e) => ({ ...describe(e.id), reason: e.reason, room: e.room, shortBy: byId.get(e.id)!.cost - e.room })),
  };
}

/**
 * Bappeda's budget fit page: the kabupaten's envelopes to choose from (named), and for the chosen one what fits,
 * what falls out and by how much, with the agency tasks still open on each proposal that fell out (where Bappeda
 * may accept over the envelope, giving its reason).
 */
export async function budgetFitWorkspace(deps: Deps, caller: Principal | undefined, query: { year: number; kind?: EnvelopeKind | undefined; target?: string | undefined }) {
  const admin = authorizeInOwnScope(caller, "budget.manage");
  const { db } = deps;
  const [rows, agencies, districts] = await Promise.all([envelopesWithRoom(db, admin.regencyCode, query.year), agencyList(db, admin.regencyCode), districtsOf(db, admin.regencyCode)]);
  const names = new Map([...agencies.map((a) => [a.id, a.name] as const), ...districts.map((d) => [d.code, `Kecamatan ${d.name}`] as const)]);
  const envelopes = rows.map((e) => ({ ...e, name: names.get(e.target) ?? e.target }));
  const chosen = envelopes.find((e) => e.kind === query.kind && e.target === query.target) ?? envelopes[0];
  if (!chosen) return { envelopes, chosen: null, fit: null, tasks: new Map<string, { taskId: string; agencyName: string }[]>() };
  const fit = await fitIntoEnvelope(deps, admin, { year: query.year, kind: chosen.kind, target: chosen.target });
  const open = await openAgencyTasks(db, fit.excluded.map((e) => e.id));
  // For an agency's envelope, only that agency's task draws on it.
  const tasks = new Map<string, { taskId: string; agencyName: string }[]>();
  for (const t of open.filter((t) => chosen.kind === "district" || t.agencyId === chosen.target)) tasks.set(t.proposalId, [...(tasks.get(t.proposalId) ?? []), { taskId: t.id, agencyName: names.get(t.agencyId!) ?? t.agencyId! }]);
  return { envelopes, chosen, fit, tasks };
}

/** Every agency and kecamatan of the kabupaten with its envelope for the year (null when none is set) and its use. */
export async function envelopeWorkspace(deps: Deps, caller: Principal | undefined, { year }: { year: number }) {
  const admin = authorizeInOwnScope(caller, "budget.manage");
  const { db } = deps;
  const [rows, agencies, districts] = await Promise.all([envelopesWithRoom(db, admin.regencyCode, year), agencyList(db, admin.regencyCode), districtsOf(db, admin.regencyCode)]);
  // What is already accepted counts even where no envelope is set yet: it is what a new envelope starts from.
  const row = async (kind: EnvelopeKind, target: string, name: string) => {
    const e = rows.find((r) => r.kind === kind && r.target === target);
    return { kind, target, name, amount: e?.amount ?? null, used: e ? e.used : await committed(db, admin.regencyCode, year, kind, target) };
  };
  return {
    agencies: await Promise.all(agencies.map((a) => row("agency", a.id, a.name))),
    districts: await Promise.all([...districts].sort((a, b) => a.name.localeCompare(b.name, "id")).map((d) => row("district", d.code, `Kecamatan ${d.name}`))),
  };
}
