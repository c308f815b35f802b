import { env, exports } from "cloudflare:workers";
import { DEMO, OTHER, tokenCaller, type Caller } from "../../support/principals.ts";
import { adminOnly, channelRoles, expectAll, placeFor, type MatrixCase, type Where } from "../matrix.ts";

const HEADER = "bidang,no,jenis_kegiatan,data_eksisting,target_capaian,lokasi,volume_satuan,penerima_manfaat,waktu_pelaksanaan,biaya_rp,sumber_biaya,pola_pelaksanaan";
let made = 0;

/** A one-row DU-RKPDesa no other case has sent (the same file for the same village is the same import). */
function file(): File {
  return new File([`${HEADER}\nBIDANG PELAKSANAAN PEMBANGUNAN DESA,1,Drainase lingkungan ruas ${++made},Air meluap saat hujan,,,120 m,,,90000000,APBD,\n`], "du.csv");
}

function uploadForm(village: string): FormData {
  const form = new FormData();
  form.set("file", file());
  form.set("year", "2027");
  form.set("desa", village);
  return form;
}

/** An import of the target's village, uploaded by Bappeda of that village's kabupaten. */
async function importIn(where: Where, caller: Caller | null): Promise<string> {
  const place = placeFor(where, caller);
  const admin = await tokenCaller("planning_admin", place.regency, place.regency);
  const response = await exports.default.fetch("http://x/api/v1/imports", { method: "POST", headers: admin.headers, body: uploadForm(place.village) });
  return ((await response.json()) as { id: string }).id;
}

/** Those who propose for the village: its operator and Bappeda; the others are refused, or shown nothing elsewhere. */
const proposers = (ok: number) => expectAll([403, 403, 404], { anonymous: [401, 401, 401], village_operator: [ok, 403, 404], planning_admin: [ok, ok, 404] });

let year = 2060;

export const importCases: MatrixCase[] = [
  {
    group: "imports",
    name: "GET /api/v1/imports/template",
    request: async () => ({ path: "/api/v1/imports/template?format=csv" }),
    expect: expectAll([200, 200, 200], { anonymous: [401, 401, 401] }),
  },
  {
    group: "imports",
    name: "POST /api/v1/imports",
    request: async (where, caller) => ({ path: "/api/v1/imports", method: "POST", body: uploadForm(placeFor(where, caller).village) }),
    // A collection in the caller's own scope: roles that never propose are refused everywhere (403). DPRD members,
    // Setwan and thematic groups propose, but not a desa's list: refused in their kabupaten, the other's desa unknown.
    expect: expectAll([403, 403, 403], { anonymous: [401, 401, 401], village_operator: [201, 403, 404], planning_admin: [201, 201, 404], ...channelRoles([403, 403, 404]) }),
  },
  {
    group: "imports",
    name: "GET /api/v1/imports",
    request: async () => ({ path: "/api/v1/imports" }),
    // Everyone who proposes reads the imports of its own scope (for DPRD members and thematic groups: none).
    expect: expectAll([403, 403, 403], { anonymous: [401, 401, 401], village_operator: [200, 200, 200], planning_admin: [200, 200, 200], ...channelRoles([200, 200, 200]) }),
  },
  {
    group: "imports",
    name: "GET /api/v1/imports/{id}",
    request: async (where, caller) => ({ path: `/api/v1/imports/${await importIn(where, caller)}` }),
    expect: expectAll([404, 404, 404], { anonymous: [401, 401, 401], village_operator: [200, 404, 404], district_verifier: [200, 404, 404], planning_admin: [200, 200, 404] }),
  },
  {
    group: "imports",
    name: "PUT /api/v1/imports/{id}/places",
    request: async (where, caller) => ({ path: `/api/v1/imports/${await importIn(where, caller)}/places`, method: "PUT", body: { choices: {} } }),
    expect: proposers(200),
  },
  {
    group: "imports",
    name: "POST /api/v1/imports/{id}/commit",
    request: async (where, caller) => ({ path: `/api/v1/imports/${await importIn(where, caller)}/commit`, method: "POST" }),
    expect: proposers(200),
  },
  {
    group: "calendar",
    name: "GET /api/v1/calendar",
    request: async () => ({ path: "/api/v1/calendar?year=2027" }),
    expect: expectAll([200, 200, 200], { anonymous: [401, 401, 401] }),
  },
  {
    group: "calendar",
    name: "PUT /api/v1/calendar (a far year, no window: nothing else is restricted)",
    request: async () => ({ path: "/api/v1/calendar", method: "PUT", body: { year: 2095, windows: [] } }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  {
    group: "calendar",
    name: "POST /api/v1/calendar/extensions (a year of its own each time)",
    request: async () => {
      const y = ++year;
      for (const regency of [DEMO.regency, OTHER.regency]) {
        await env.DB.prepare("INSERT INTO stage_windows (regency_code, year, stage, opens_on, closes_on, updated_by, updated_at) VALUES (?, ?, 'forum', '2089-01-01', '2089-01-31', 'test', '2089-01-01')").bind(regency, y).run();
      }
      return { path: "/api/v1/calendar/extensions", method: "POST", body: { year: y, stage: "forum", closesOn: "2089-02-15", reason: "Forum diundur karena banjir" } };
    },
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
];
