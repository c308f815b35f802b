/**
 * What fits an envelope lists the competing proposals (ids, tracking codes, activities, costs), so it is shown to
 * whom the envelope belongs: Bappeda, the agency for its own envelope, the kecamatan for its own; village
 * operators not at all.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO, call, demoCallers, tokenCaller } from "../support/principals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;

beforeAll(async () => {
  callers = await demoCallers();
  await env.DB.batch(
    [
      ["env_fit_agency", "agency", DEMO.agency],
      ["env_fit_otheragency", "agency", DEMO.otherAgency],
      ["env_fit_district", "district", DEMO.district],
      ["env_fit_otherdistrict", "district", DEMO.otherDistrict],
    ].map(([id, kind, target]) =>
      env.DB.prepare("INSERT OR IGNORE INTO budget_envelopes (id, regency_code, year, kind, target, amount, updated_by, updated_at) VALUES (?, ?, 2027, ?, ?, 500000000, 'test', '2026-01-01T00:00:00Z')").bind(
        id,
        DEMO.regency,
        kind,
        target,
      ),
    ),
  );
});

const fit = (kind: string, target: string, headers: Record<string, string>) => call(`/api/v1/budget/fit?year=2027&kind=${kind}&target=${target}`, { headers });

describe("GET /api/v1/budget/fit", () => {
  it("is refused to village operators, for any envelope", async () => {
    for (const [kind, target] of [["agency", DEMO.agency], ["district", DEMO.district], ["district", DEMO.otherDistrict]] as const) {
      expect((await fit(kind, target, callers.village_operator.headers)).status).toBe(403);
    }
  });

  it("shows an agency its own envelope only", async () => {
    expect((await fit("agency", DEMO.agency, callers.agency_reviewer.headers)).status).toBe(200);
    expect((await fit("agency", DEMO.otherAgency, callers.agency_reviewer.headers)).status).toBe(404);
    expect((await fit("agency", DEMO.otherAgency, callers.integration.headers)).status).toBe(404);
    expect((await fit("district", DEMO.district, callers.agency_reviewer.headers)).status).toBe(404);
  });

  it("shows a kecamatan its own envelope only", async () => {
    expect((await fit("district", DEMO.district, callers.district_verifier.headers)).status).toBe(200);
    expect((await fit("district", DEMO.otherDistrict, callers.district_verifier.headers)).status).toBe(404);
    expect((await fit("agency", DEMO.agency, callers.district_verifier.headers)).status).toBe(404);
    const natar = await tokenCaller("district_verifier", DEMO.regency, DEMO.otherDistrict);
    expect((await fit("district", DEMO.district, natar.headers)).status).toBe(404);
  });

  it("shows Bappeda every envelope of its kabupaten", async () => {
    for (const [kind, target] of [["agency", DEMO.agency], ["agency", DEMO.otherAgency], ["district", DEMO.district], ["district", DEMO.otherDistrict]] as const) {
      expect((await fit(kind, target, callers.planning_admin.headers)).status).toBe(200);
    }
  });
});
