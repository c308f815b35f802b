import { env } from "cloudflare:workers";
import type { Caller } from "../../support/principals.ts";
import { expectAll, type MatrixCase, placeFor, type Statuses, type Where } from "../matrix.ts";
import { proposalIn } from "./proposals.ts";

/** A proposal past verification (routed to its agency), so it is on its kecamatan's Musrenbang list. */
async function listedProposalIn(where: Where, caller: Caller | null): Promise<string> {
  const { id } = await proposalIn(where, caller);
  await env.DB.prepare("UPDATE proposals SET status = 'in_review', stage = 'opd_review' WHERE id = ?").bind(id).run();
  return id;
}

/** The kecamatan's verifier and Bappeda plan the list; everyone else is refused, or shown nothing outside the kabupaten. */
const planners = (verifier: Statuses, admin: Statuses) =>
  expectAll([403, 403, 404], { anonymous: [401, 401, 401], district_verifier: verifier, planning_admin: admin });

let year = 2040;

export const districtCases: MatrixCase[] = [
  {
    group: "districts",
    name: "GET /api/v1/districts/{district}/musrenbang",
    request: async (where, caller) => ({ path: `/api/v1/districts/${placeFor(where, caller).district}/musrenbang?year=2027` }),
    expect: expectAll([404, 404, 404], { anonymous: [401, 401, 401], district_verifier: [200, 404, 404], planning_admin: [200, 200, 404] }),
  },
  {
    group: "districts",
    name: "POST /api/v1/districts/{district}/musrenbang/close (a year of its own each time)",
    request: async (where, caller) => ({ path: `/api/v1/districts/${placeFor(where, caller).district}/musrenbang/close`, method: "POST", body: { year: ++year } }),
    expect: planners([201, 403, 404], [201, 201, 404]),
  },
  {
    group: "districts",
    name: "POST /api/v1/proposals/{id}/district-rank",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${await listedProposalIn(where, caller)}/district-rank`, method: "POST", body: { rank: 1 } }),
    expect: planners([200, 403, 404], [200, 200, 404]),
  },
  {
    group: "districts",
    name: "PUT /api/v1/proposals/{id}/district-recommendation",
    request: async (where, caller) => ({
      path: `/api/v1/proposals/${await listedProposalIn(where, caller)}/district-recommendation`,
      method: "PUT",
      body: { volume: 90, estimatedCost: 70_000_000, note: "Disesuaikan dengan hasil musyawarah kecamatan." },
    }),
    expect: planners([200, 403, 404], [200, 200, 404]),
  },
];
