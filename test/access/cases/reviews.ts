import { env } from "cloudflare:workers";
import { randomToken } from "../../../shared/access/bytes.ts";
import type { Caller } from "../../support/principals.ts";
import { adminOnly, agencyRoles, channelRoles, expectAll, type MatrixCase, placeFor, type Where } from "../matrix.ts";
import { proposalIn } from "./proposals.ts";

export async function reviewTaskIn(where: Where, caller: Caller | null = null): Promise<string> {
  const { id } = await proposalIn(where, caller);
  return (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ?").bind(id).first<string>("id"))!;
}

/** A routing message that exhausted its retries, recorded for the proposal's kabupaten. */
async function deadLetterIn(where: Where, caller: Caller | null): Promise<string> {
  const id = `dlq_${randomToken(8)}`;
  const { id: proposalId } = await proposalIn(where, caller);
  await env.DB.prepare("INSERT INTO dead_letters (id, queue, regency_code, body, attempts) VALUES (?, 'proposal-routing', ?, ?, 6)")
    .bind(id, placeFor(where, caller).regency, JSON.stringify({ proposalId, attempt: 1 }))
    .run();
  return id;
}

/** A proposal whose lifecycle failed for good. */
async function failedLifecycleIn(where: Where, caller: Caller | null): Promise<string> {
  const { id } = await proposalIn(where, caller);
  await env.DB.prepare("UPDATE proposals SET lifecycle_error = 'D1 tidak dapat dijangkau' WHERE id = ?").bind(id).run();
  return id;
}

/** An open cross-agency flag between two proposals of the same kabupaten (new ones unless given, smaller id first). */
export async function flagIn(where: Where, pair?: readonly [string, string], caller: Caller | null = null): Promise<string> {
  const [a, b] = pair ?? ([(await proposalIn(where, caller)).id, (await proposalIn(where, caller)).id].sort() as [string, string]);
  const id = `flg_${randomToken(8)}`;
  await env.DB.prepare(
    "INSERT INTO overlap_flags (id, regency_code, year, proposal_a, proposal_b, kind, score, reasons, status, cluster_id, updated_at) VALUES (?, ?, 2027, ?, ?, 'cross_agency', 0.8, '[]', 'open', ?, '2026-01-10T00:00:00Z')",
  )
    .bind(id, placeFor(where, caller).regency, a, b, a)
    .run();
  return id;
}

export const reviewCases: MatrixCase[] = [
  {
    group: "reviews",
    name: "GET /api/v1/agencies/{agency}/reviews",
    request: async (where, caller) => ({ path: `/api/v1/agencies/${placeFor(where, caller).agency}/reviews` }),
    expect: agencyRoles([200, 404, 404], [404, 404, 404], [200, 200, 404]),
  },
  {
    group: "reviews",
    name: "GET /api/v1/districts/{district}/verifications",
    request: async (where, caller) => ({ path: `/api/v1/districts/${placeFor(where, caller).district}/verifications` }),
    expect: expectAll([403, 403, 404], { anonymous: [401, 401, 401], district_verifier: [200, 403, 404], planning_admin: [200, 200, 404] }),
  },
  {
    group: "reviews",
    name: "POST /api/v1/reviews/{task}/decision",
    request: async (where, caller) => ({ path: `/api/v1/reviews/${await reviewTaskIn(where, caller)}/decision`, method: "POST", body: { decision: "accepted" } }),
    expect: agencyRoles([201, 403, 404], [403, 403, 404], [201, 201, 404]),
  },
  {
    group: "reviews",
    name: "POST /api/v1/reviews/{task}/claim",
    request: async (where, caller) => ({ path: `/api/v1/reviews/${await reviewTaskIn(where, caller)}/claim`, method: "POST" }),
    expect: agencyRoles([200, 403, 404], [403, 403, 404], [200, 200, 404]),
  },
  {
    group: "reviews",
    name: "POST /api/v1/reviews/{task}/assign",
    request: async (where, caller) => ({ path: `/api/v1/reviews/${await reviewTaskIn(where, caller)}/assign`, method: "POST", body: { assignee: "pupr.reviewer" } }),
    expect: agencyRoles([200, 403, 404], [403, 403, 404], [200, 200, 404]),
  },
  {
    group: "reviews",
    name: "GET /api/v1/triage",
    request: async () => ({ path: "/api/v1/triage" }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  {
    group: "reviews",
    name: "GET /api/v1/escalations",
    request: async () => ({ path: "/api/v1/escalations" }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  {
    group: "reviews",
    name: "PUT /api/v1/proposals/{id}/classification",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${(await proposalIn(where, caller)).id}/classification`, method: "PUT", body: { subActivityCodes: ["1.03.06.2.01.0012"] } }),
    expect: expectAll([403, 403, 404], { anonymous: [401, 401, 401], district_verifier: [200, 403, 404], planning_admin: [200, 200, 404] }),
  },
  {
    group: "operations",
    name: "GET /api/v1/dead-letters",
    request: async () => ({ path: "/api/v1/dead-letters" }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  {
    group: "operations",
    name: "POST /api/v1/dead-letters/{id}/replay",
    request: async (where, caller) => ({ path: `/api/v1/dead-letters/${await deadLetterIn(where, caller)}/replay`, method: "POST" }),
    expect: adminOnly([200, 200, 404], [403, 403, 404]),
  },
  {
    group: "operations",
    name: "POST /api/v1/proposals/{id}/lifecycle/retry",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${await failedLifecycleIn(where, caller)}/lifecycle/retry`, method: "POST" }),
    expect: adminOnly([202, 202, 404], [403, 403, 404]),
  },
];

export const overlapCases: MatrixCase[] = [
  {
    group: "overlaps",
    name: "GET /api/v1/proposals/{id}/overlaps",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${(await proposalIn(where, caller)).id}/overlaps` }),
    expect: expectAll([200, 404, 404], { anonymous: [401, 401, 401], planning_admin: [200, 200, 404], ...channelRoles([404, 404, 404]) }),
  },
  {
    group: "overlaps",
    name: "GET /api/v1/overlaps?year=2027",
    request: async () => ({ path: "/api/v1/overlaps?year=2027" }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  {
    group: "overlaps",
    name: "POST /api/v1/overlaps/recheck",
    request: async () => ({ path: "/api/v1/overlaps/recheck", method: "POST", body: { year: 2027 } }),
    expect: adminOnly([202, 202, 202], [403, 403, 403]),
  },
  {
    group: "overlaps",
    name: "POST /api/v1/overlaps/{id}/dismiss",
    request: async (where, caller) => ({ path: `/api/v1/overlaps/${await flagIn(where, undefined, caller)}/dismiss`, method: "POST", body: { reason: "Lokasi berbeda, bukan pekerjaan yang sama." } }),
    expect: adminOnly([200, 200, 404], [403, 403, 404]),
  },
];
