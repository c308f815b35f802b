import { env } from "cloudflare:workers";
import { DEMO, OTHER } from "../../support/principals.ts";
import { expectAll, type MatrixCase, type Where } from "../matrix.ts";
import { proposalIn } from "./proposals.ts";

async function reviewTaskIn(where: Where): Promise<string> {
  const { id } = await proposalIn(where);
  return (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ?").bind(id).first<string>("id"))!;
}

const agencyRoles = (pair: readonly [number, number], others: readonly [number, number]) =>
  expectAll(others, { anonymous: [401, 401], agency_reviewer: pair, integration: pair, planning_admin: pair });

const adminOnly = (pair: readonly [number, number], others: readonly [number, number]) => expectAll(others, { anonymous: [401, 401], planning_admin: pair });

export const reviewCases: MatrixCase[] = [
  {
    group: "reviews",
    name: "GET /api/v1/agencies/{agency}/reviews",
    request: async (where) => ({ path: `/api/v1/agencies/${where === "in" ? DEMO.agency : OTHER.agency}/reviews` }),
    expect: agencyRoles([200, 404], [404, 404]),
  },
  {
    group: "reviews",
    name: "GET /api/v1/districts/{district}/verifications",
    request: async (where) => ({ path: `/api/v1/districts/${where === "in" ? DEMO.district : OTHER.district}/verifications` }),
    expect: expectAll([403, 404], { anonymous: [401, 401], district_verifier: [200, 404], planning_admin: [200, 404] }),
  },
  {
    group: "reviews",
    name: "POST /api/v1/reviews/{task}/decision",
    request: async (where) => ({ path: `/api/v1/reviews/${await reviewTaskIn(where)}/decision`, method: "POST", body: { decision: "accepted" } }),
    expect: agencyRoles([201, 404], [403, 404]),
  },
  {
    group: "reviews",
    name: "POST /api/v1/reviews/{task}/claim",
    request: async (where) => ({ path: `/api/v1/reviews/${await reviewTaskIn(where)}/claim`, method: "POST" }),
    expect: agencyRoles([200, 404], [403, 404]),
  },
  {
    group: "reviews",
    name: "GET /api/v1/triage",
    request: async () => ({ path: "/api/v1/triage" }),
    expect: adminOnly([200, 200], [403, 403]),
  },
  {
    group: "reviews",
    name: "GET /api/v1/escalations",
    request: async () => ({ path: "/api/v1/escalations" }),
    expect: adminOnly([200, 200], [403, 403]),
  },
  {
    group: "reviews",
    name: "PUT /api/v1/proposals/{id}/classification",
    request: async (where) => ({ path: `/api/v1/proposals/${(await proposalIn(where)).id}/classification`, method: "PUT", body: { subActivityCodes: ["1.03.06.2.01.0012"] } }),
    expect: expectAll([403, 404], { anonymous: [401, 401], district_verifier: [200, 404], planning_admin: [200, 404] }),
  },
  {
    group: "operations",
    name: "GET /api/v1/dead-letters",
    request: async () => ({ path: "/api/v1/dead-letters" }),
    expect: adminOnly([200, 200], [403, 403]),
  },
];

export const overlapCases: MatrixCase[] = [
  {
    group: "overlaps",
    name: "GET /api/v1/proposals/{id}/overlaps",
    request: async (where) => ({ path: `/api/v1/proposals/${(await proposalIn(where)).id}/overlaps` }),
    expect: expectAll([200, 404], { anonymous: [401, 401] }),
  },
  {
    group: "overlaps",
    name: "GET /api/v1/overlaps?year=2027",
    request: async () => ({ path: "/api/v1/overlaps?year=2027" }),
    expect: adminOnly([200, 200], [403, 403]),
  },
  {
    group: "overlaps",
    name: "POST /api/v1/overlaps/recheck",
    request: async () => ({ path: "/api/v1/overlaps/recheck", method: "POST", body: { year: 2027 } }),
    expect: adminOnly([202, 202], [403, 403]),
  },
];
