import { env } from "cloudflare:workers";
import { randomToken } from "../../../shared/access/bytes.ts";
import { DEMO, OTHER } from "../../support/principals.ts";
import { proposalInput } from "../../support/proposals.ts";
import { expectAll, type MatrixCase, type Where } from "../matrix.ts";

/** A proposal routed to the demo agency (in) or one in the other kabupaten (out), written straight to D1. */
export async function proposalIn(where: Where): Promise<{ id: string; trackingCode: string }> {
  const id = `usl_${randomToken(10)}`;
  const trackingCode = `USL-2027-${randomToken(8).replace(/[^A-Z2-9]/gi, "").toUpperCase().replace(/[01IOL]/g, "X").padEnd(6, "X").slice(0, 6)}`;
  const [regency, district, village, agency] =
    where === "in" ? [DEMO.regency, DEMO.district, DEMO.village, DEMO.agency] : [OTHER.regency, OTHER.district, OTHER.village, OTHER.agency];
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

const villageOwners = (pair: readonly [number, number], others: readonly [number, number]) =>
  expectAll(others, { anonymous: [401, 401], village_operator: pair, planning_admin: pair });

export const proposalCases: MatrixCase[] = [
  {
    group: "proposals",
    name: "POST /api/v1/proposals (village in the kabupaten / in another)",
    request: async (where) => ({
      path: "/api/v1/proposals",
      method: "POST",
      body: proposalInput({ villageCode: where === "in" ? DEMO.village : OTHER.village }),
    }),
    expect: villageOwners([201, 422], [403, 403]),
  },
  {
    group: "proposals",
    name: "GET /api/v1/proposals",
    request: async () => ({ path: "/api/v1/proposals" }),
    expect: expectAll([200, 200], { anonymous: [401, 401] }),
  },
  {
    group: "proposals",
    name: "GET /api/v1/proposals/{id}",
    request: async (where) => ({ path: `/api/v1/proposals/${(await proposalIn(where)).id}` }),
    expect: expectAll([200, 404], { anonymous: [401, 401] }),
  },
  {
    group: "proposals",
    name: "PATCH /api/v1/proposals/{id}",
    request: async (where) => ({ path: `/api/v1/proposals/${(await proposalIn(where)).id}`, method: "PATCH", body: { volume: 110 } }),
    expect: villageOwners([200, 404], [403, 404]),
  },
  {
    group: "proposals",
    name: "POST /api/v1/proposals/{id}/withdraw",
    request: async (where) => ({ path: `/api/v1/proposals/${(await proposalIn(where)).id}/withdraw`, method: "POST" }),
    expect: villageOwners([200, 404], [403, 404]),
  },
  {
    group: "proposals",
    name: "POST /api/v1/proposals/{id}/rank",
    request: async (where) => ({ path: `/api/v1/proposals/${(await proposalIn(where)).id}/rank`, method: "POST", body: { rank: 1 } }),
    expect: villageOwners([200, 404], [403, 404]),
  },
  {
    group: "public",
    name: "GET /api/v1/tracking/{code} (public, either kabupaten)",
    request: async (where) => ({ path: `/api/v1/tracking/${(await proposalIn(where)).trackingCode}` }),
    expect: expectAll([200, 200], {}),
  },
  {
    group: "reference",
    name: "GET /api/v1/sub-activities?q=drainase",
    request: async () => ({ path: "/api/v1/sub-activities?q=drainase" }),
    expect: expectAll([200, 200], {}),
  },
  {
    group: "proposals",
    name: "GET /api/v1/proposals/{id}/attachments/{attachment}",
    request: async (where) => {
      const { id } = await proposalIn(where);
      const attachment = `lmp_${randomToken(8)}`;
      const key = `proposals/${id}/${attachment}/foto.png`;
      await env.ATTACHMENTS.put(key, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      await env.DB.prepare("INSERT INTO attachments (id, proposal_id, r2_key, filename, content_type, size) VALUES (?, ?, ?, 'foto.png', 'image/png', 4)").bind(attachment, id, key).run();
      return { path: `/api/v1/proposals/${id}/attachments/${attachment}` };
    },
    expect: expectAll([200, 404], { anonymous: [401, 401] }),
  },
];
