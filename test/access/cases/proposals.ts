import { env } from "cloudflare:workers";
import { randomToken } from "../../../shared/access/bytes.ts";
import { type Caller, DEMO } from "../../support/principals.ts";
import { PNG, proposalInput } from "../../support/proposals.ts";
import { channelRoles, expectAll, type MatrixCase, placeFor, type Statuses, type Where } from "../matrix.ts";

/**
 * A proposal of Way Urang routed to the demo agency (in), one outside the caller's scope in the same kabupaten
 * (near: see `placeFor`), or one in the other kabupaten (out), written straight to D1.
 */
export async function proposalIn(where: Where, caller: Caller | null = null): Promise<{ id: string; trackingCode: string }> {
  const id = `usl_${randomToken(10)}`;
  const trackingCode = `USL-2027-${randomToken(8).replace(/[^A-Z2-9]/gi, "").toUpperCase().replace(/[01IOL]/g, "X").padEnd(6, "X").slice(0, 6)}`;
  const { regency, district, village, agency } = placeFor(where, caller);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, volume, unit,
        estimated_cost, village_rank, stage, status, created_by, updated_at)
       VALUES (?, ?, 2027, ?, ?, ?, 'Saluran tersumbat', 'Drainase RT 03', 100, 'm', 75000000, 1, 'desa', 'submitted', 'test', '2026-01-10T00:00:00Z')`,
    ).bind(id, trackingCode, regency, district, village),
    env.DB.prepare(
      `INSERT INTO review_tasks (id, proposal_id, kind, agency_id, regency_code, queue_key, status, due_at)
       VALUES (?, ?, 'agency_review', ?, ?, ?, 'open', '2026-03-01T00:00:00Z')`,
    ).bind(`rvw_${randomToken(8)}`, id, agency, regency, agency),
  ]);
  return { id, trackingCode };
}

/** The desa's operator (`village`) and Bappeda (`admin`); everyone else gets `others`. */
const villageOwners = (village: Statuses, admin: Statuses, others: Statuses) =>
  expectAll(others, { anonymous: [401, 401, 401], village_operator: village, planning_admin: admin });

/** Read by whoever's scope holds the proposal: nobody else in the kabupaten sees it, but Bappeda. */
const readers = () => expectAll([200, 404, 404], { anonymous: [401, 401, 401], planning_admin: [200, 200, 404], ...channelRoles([404, 404, 404]) });

export const proposalCases: MatrixCase[] = [
  {
    group: "proposals",
    name: "POST /api/v1/proposals (the caller's desa / another desa of the kabupaten / of another)",
    request: async (where, caller) => ({
      path: "/api/v1/proposals",
      method: "POST",
      body: proposalInput({ villageCode: placeFor(where, caller).village }),
    }),
    expect: villageOwners([201, 422, 422], [201, 201, 422], [403, 403, 403]),
  },
  {
    group: "proposals",
    name: "GET /api/v1/proposals",
    request: async () => ({ path: "/api/v1/proposals" }),
    expect: expectAll([200, 200, 200], { anonymous: [401, 401, 401] }),
  },
  {
    group: "proposals",
    name: "GET /api/v1/proposals/{id}",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${(await proposalIn(where, caller)).id}` }),
    expect: readers(),
  },
  {
    group: "proposals",
    name: "PATCH /api/v1/proposals/{id}",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${(await proposalIn(where, caller)).id}`, method: "PATCH", body: { volume: 110 } }),
    expect: villageOwners([200, 403, 404], [200, 200, 404], [403, 403, 404]),
  },
  {
    group: "proposals",
    name: "POST /api/v1/proposals/{id}/withdraw",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${(await proposalIn(where, caller)).id}/withdraw`, method: "POST" }),
    expect: villageOwners([200, 403, 404], [200, 200, 404], [403, 403, 404]),
  },
  {
    group: "proposals",
    name: "POST /api/v1/proposals/{id}/rank",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${(await proposalIn(where, caller)).id}/rank`, method: "POST", body: { rank: 1 } }),
    expect: villageOwners([200, 403, 404], [200, 200, 404], [403, 403, 404]),
  },
  {
    group: "public",
    name: "GET /api/v1/tracking/{code} (public, either kabupaten)",
    request: async (where, caller) => ({ path: `/api/v1/tracking/${(await proposalIn(where, caller)).trackingCode}` }),
    expect: expectAll([200, 200, 200], {}),
  },
  {
    group: "reference",
    name: "GET /api/v1/sub-activities?q=drainase",
    request: async () => ({ path: "/api/v1/sub-activities?q=drainase" }),
    expect: expectAll([200, 200, 200], {}),
  },
  {
    group: "proposals",
    name: "GET /api/v1/proposals/{id}/attachments/{attachment}",
    request: async (where, caller) => ({ path: await attachmentIn(where, caller) }),
    expect: readers(),
  },
  {
    group: "proposals",
    name: "POST /api/v1/proposals/{id}/attachments (multipart)",
    request: async (where, caller) => {
      const form = new FormData();
      form.append("attachments", new File([PNG], "foto-lokasi.png", { type: "image/png" }));
      return { path: `/api/v1/proposals/${(await proposalIn(where, caller)).id}/attachments`, method: "POST", body: form };
    },
    expect: villageOwners([200, 403, 404], [200, 200, 404], [403, 403, 404]),
  },
  {
    group: "proposals",
    name: "DELETE /api/v1/proposals/{id}/attachments/{attachment}",
    request: async (where, caller) => ({ path: await attachmentIn(where, caller), method: "DELETE" }),
    expect: villageOwners([200, 403, 404], [200, 200, 404], [403, 403, 404]),
  },
];

/** A photo of a proposal `where` (see `proposalIn`), in R2 and D1: its address. */
async function attachmentIn(where: Where, caller: Caller | null): Promise<string> {
  const { id } = await proposalIn(where, caller);
  const attachment = `lmp_${randomToken(8)}`;
  const key = `proposals/${id}/${attachment}/foto.png`;
  await env.ATTACHMENTS.put(key, PNG);
  await env.DB.prepare("INSERT INTO attachments (id, proposal_id, r2_key, filename, content_type, size) VALUES (?, ?, ?, 'foto.png', 'image/png', ?)").bind(attachment, id, key, PNG.length).run();
  return `/api/v1/proposals/${id}/attachments/${attachment}`;
}
