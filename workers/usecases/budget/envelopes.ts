/** Budget envelopes (pagu indikatif) per agency and per kecamatan, and what fits into one by priority. */
import type { Principal } from "../../../shared/access/roles.ts";
import { fitEnvelope } from "../../../shared/budget/fit.ts";
import { competingCost } from "../../../shared/proposals/recommendations.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { agencyOf } from "../../storage/agencies.ts";
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
  return { ...body, used, remaining: body.amount - used };
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
    return { id, trackingCode: p.trackingCode, activity: p.activity, cost: p.cost, askedCost: p.estimatedCost, districtRank: p.districtRank, villageRank: p.villageRank };
  };
  return {
    amount: limit.amount,
    used: result.used,
    remaining: result.remaining,
    selected: result.selected.map(describe),
    excluded: result.excluded.map((e) => ({ ...describe(e.id), reason: e.reason })),
  };
}
