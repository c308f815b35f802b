import { env } from "cloudflare:workers";
import { randomToken } from "../../../shared/access/bytes.ts";
import { DEMO, OTHER } from "../../support/principals.ts";
import { adminOnly, agencyRoles, expectAll, type MatrixCase, type Where } from "../matrix.ts";
import { proposalIn } from "./proposals.ts";

export async function reviewTaskIn(where: Where): Promise<string> {
  const { id } = await proposalIn(where);
  return (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ?").bind(id).first<string>("id"))!;
}

/** A routing message that exhausted its retries, recorded for the demo kabupaten or the other one. */
async function deadLetterIn(where: Where): Promise<string> {
  const id = `dlq_${randomToken(8)}`;
  const { id: proposalId } = await proposalIn(where);
  await env.DB.prepare("INSERT INTO dead_letters (id, queue, regency_code, body, attempts) VALUES (?, 'proposal-routing', ?, ?, 6)")
    .bind(id, where === "in" ? DEMO.regency : OTHER.regency, JSON.stringify({ proposalId, attempt: 1 }))
    .run();
  return id;
}

/** A proposal whose lifecycle failed for good. */
async function failedLifecycleIn(where: Where): Promise<string> {
  const { id } = await proposalIn(where);
  await env.DB.prepare("UPDATE proposals SET lifecycle_error = 'D1 tidak dapat dijangkau' WHERE id = ?").bind(id).run();
  return id;
}

/** An open cross-agency flag between two proposals of the same kabupaten (new ones unless given, smaller id first). */
export async function flagIn(where: Where, pair?: readonly [string, string]): Promise<string> {
  const [a, b] = pair ?? ([(await proposalIn(where)).id, (await proposalIn(where)).id].sort() as [string, string]);
  const id = `flg_${randomToken(8)}`;
  await env.DB.prepare(
    "INSERT INTO overlap_flags (id, regency_code, year, proposal_a, proposal_b, kind, score, reasons, status, cluster_id, updated_at) VALUES (?, ?, 2027, ?, ?, 'cross_agency', 0.8, '[]', 'open', ?, '2026-01-10T00:00:00Z')",
  )
    .bind(id, where === "in" ? DEMO.regency : OTHER.regency, a, b, a)
    .run();
  return id;
}

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
    name: "POST /api/v1/reviews/{task}/assign",
    request: async (where) => ({ path: `/api/v1/reviews/${await reviewTaskIn(where)}/assign`, method: "POST", body: { assignee: "pupr.reviewer" } }),
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
  {
    group: "operations",
    name: "POST /api/v1/dead-letters/{id}/replay",
    request: async (where) => ({ path: `/api/v1/dead-letters/${await deadLetterIn(where)}/replay`, method: "POST" }),
    expect: adminOnly([200, 404], [403, 404]),
  },
  {
    group: "operations",
    name: "POST /api/v1/proposals/{id}/lifecycle/retry",
    request: async (where) => ({ path: `/api/v1/proposals/${await failedLifecycleIn(where)}/lifecycle/retry`, method: "POST" }),
    expect: adminOnly([202, 404], [403, 404]),
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
  {
    group: "overlaps",
    name: "POST /api/v1/overlaps/{id}/dismiss",
    request: async (where) => ({ path: `/api/v1/overlaps/${await flagIn(where)}/dismiss`, method: "POST", body: { reason: "Lokasi berbeda, bukan pekerjaan yang sama." } }),
    expect: adminOnly([200, 404], [403, 404]),
  },
];
