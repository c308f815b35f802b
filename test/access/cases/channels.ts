import { env } from "cloudflare:workers";
import { randomToken } from "../../../shared/access/bytes.ts";
import { type Caller, DEMO } from "../../support/principals.ts";
import { proposalInput } from "../../support/proposals.ts";
import { expectAll, type MatrixCase, placeFor, type Where } from "../matrix.ts";

/**
 * A pokir of the member `placeFor` gives (in: the demo member, near: another member of the kabupaten, out: a member
 * of the other kabupaten), placed in Way Urang (or the other kabupaten's desa) and open for agency review.
 */
async function pokirIn(where: Where, caller: Caller | null): Promise<string> {
  const id = `usl_${randomToken(10)}`;
  const { regency, district, village, member } = placeFor(where, caller);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, volume, unit,
        estimated_cost, stage, status, channel, created_by, updated_at)
       VALUES (?, ?, 2027, ?, ?, ?, 'Jembatan putus', 'Pembangunan jembatan gantung', 1, 'unit', 450000000, 'opd_review', 'submitted', 'pokir', 'test', '2026-01-10T00:00:00Z')`,
    ).bind(id, `USL-2027-${randomToken(6).toUpperCase().replace(/[^A-Z2-9]|[IO01L]/g, "X")}`, regency, district, village),
    env.DB.prepare("INSERT INTO pokir (proposal_id, member_id, member_name, fraksi, dapil, reses_date, reses_place) VALUES (?, ?, 'Anggota', 'PKB', 'Dapil 1', '2026-03-14', 'Balai desa')").bind(id, member),
  ]);
  return id;
}

const { villageCode: _village, ...common } = proposalInput();
let made = 0;

/** Members and Setwan (`pokir`), Bappeda (`admin`); every other role is refused (`others`), anonymous 401. */
const pokirRoles = (member: readonly [number, number, number], setwan: readonly [number, number, number], admin: readonly [number, number, number], others: readonly [number, number, number]) =>
  expectAll(others, { anonymous: [401, 401, 401], dprd_member: member, dprd_secretariat: setwan, planning_admin: admin });

export const channelCases: MatrixCase[] = [
  {
    group: "channels",
    name: "POST /api/v1/pokir (for the caller's member / another member / a member of another kabupaten)",
    request: async (where, caller) => {
      const { village, member } = placeFor(where, caller);
      return { path: "/api/v1/pokir", method: "POST", body: { ...common, activity: `Pembangunan jembatan gantung ${++made}`, villageCode: village, memberId: member, resesDate: "2026-03-14", resesPlace: "Balai desa" } };
    },
    // A member names only itself (422 for another); the other kabupaten's desa and member are unknown here (422).
    expect: pokirRoles([201, 422, 422], [201, 201, 422], [201, 201, 422], [403, 403, 403]),
  },
  {
    group: "channels",
    name: "POST /api/v1/pokir/{id}/withdraw",
    request: async (where, caller) => ({ path: `/api/v1/pokir/${await pokirIn(where, caller)}/withdraw`, method: "POST", body: { reason: "Sudah dianggarkan lewat dana desa" } }),
    expect: pokirRoles([200, 403, 404], [200, 200, 404], [200, 200, 404], [403, 403, 404]),
  },
  {
    group: "channels",
    name: "GET /api/v1/proposals/{id} (a pokir)",
    request: async (where, caller) => ({ path: `/api/v1/proposals/${await pokirIn(where, caller)}` }),
    // The agency it is routed to reads it like a village's (none here: it is not routed yet).
    expect: pokirRoles([200, 404, 404], [200, 200, 404], [200, 200, 404], [404, 404, 404]),
  },
  {
    group: "channels",
    name: "GET /api/v1/pokir?member= (the member's report, CSV alike)",
    request: async (where, caller) => ({ path: `/api/v1/pokir?year=2027&format=csv&member=${placeFor(where, caller).member}` }),
    // A member always gets its own report, whichever member it names; another kabupaten's member is hidden.
    expect: pokirRoles([200, 200, 200], [200, 200, 404], [200, 200, 404], [403, 403, 403]),
  },
  {
    group: "channels",
    name: "GET /api/v1/dprd-members",
    request: async () => ({ path: "/api/v1/dprd-members" }),
    expect: pokirRoles([200, 200, 200], [200, 200, 200], [200, 200, 200], [403, 403, 403]),
  },
  {
    group: "channels",
    name: "POST /api/v1/thematic-proposals (the caller's theme / another theme / a kecamatan of another kabupaten)",
    request: async (where, caller) => {
      const { district, theme } = placeFor(where, caller);
      return { path: "/api/v1/thematic-proposals", method: "POST", body: { ...common, activity: `Pelatihan kader posyandu ramah anak ${++made}`, districtCode: district, theme } };
    },
    expect: expectAll([403, 403, 403], { anonymous: [401, 401, 401], thematic_group: [201, 422, 422], planning_admin: [201, 201, 422] }),
  },
  {
    group: "channels",
    name: "GET /api/v1/themes",
    request: async () => ({ path: "/api/v1/themes?year=2027" }),
    expect: expectAll([403, 403, 403], { anonymous: [401, 401, 401], thematic_group: [200, 200, 200], planning_admin: [200, 200, 200] }),
  },
];
