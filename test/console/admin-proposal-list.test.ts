/**
 * Bappeda's /usulan: the kabupaten's proposals as a table filtered by kecamatan, desa and status (before, the desa
 * filter was missing for Bappeda and a desa the table could not show sent Bappeda to the new-proposal form).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, DEMO, json, signIn } from "../support/principals.ts";
import { proposalInput } from "../support/proposals.ts";

let admin: Awaited<ReturnType<typeof signIn>>;
const stamp = Date.now();
const page = async (path: string) => {
  const response = await call(path, { headers: { cookie: admin.cookie }, redirect: "manual" });
  expect(response.status, path).toBe(200);
  return response.text();
};

beforeAll(async () => {
  const callers = await demoCallers();
  admin = await signIn("admin.bappeda", DEMO_PASSWORD);
  for (const [villageCode, activity] of [
    [DEMO.village, `Drainase Way Urang ${stamp}`],
    [DEMO.otherVillageSameDistrict, `Rabat beton Jondong ${stamp}`],
    [DEMO.villageInOtherDistrict, `Sumur bor Natar ${stamp}`],
  ] as const) {
    const response = await call("/api/v1/proposals", json(proposalInput({ villageCode, activity, villageRank: null }), callers.planning_admin.headers));
    expect(response.status).toBe(201);
  }
});

describe("Bappeda's list of the kabupaten's proposals", () => {
  it("is a table, not the new-proposal form, and offers the kecamatan", async () => {
    const html = await page("/usulan?tahun=2027");
    expect(html).toContain("<table>");
    expect(html).not.toContain('action="/usulan" method="post"');
    expect(html).toContain('<select id="kecamatan" name="kecamatan">');
    expect(html).toContain(">Kalianda</option>");
  });

  it("filters by kecamatan, then by that kecamatan's desa, and by status", async () => {
    const kalianda = await page(`/usulan?tahun=2027&kecamatan=${DEMO.district}&status=`);
    expect(kalianda).toContain(`Drainase Way Urang ${stamp}`);
    expect(kalianda).toContain(`Rabat beton Jondong ${stamp}`);
    expect(kalianda).not.toContain(`Sumur bor Natar ${stamp}`);
    expect(kalianda).toMatch(/<option value="18\.01\.06\.1008">Way Urang<\/option>/);
    expect(kalianda).toContain("<small>Kec. Kalianda</small>");

    const wayUrang = await page(`/usulan?tahun=2027&kecamatan=${DEMO.district}&desa=${DEMO.village}&status=`);
    expect(wayUrang).toContain(`Drainase Way Urang ${stamp}`);
    expect(wayUrang).not.toContain(`Rabat beton Jondong ${stamp}`);
    expect(wayUrang).toContain("<table>");

    const withdrawn = await page(`/usulan?tahun=2027&kecamatan=${DEMO.district}&desa=${DEMO.village}&status=withdrawn`);
    expect(withdrawn).not.toContain(`Drainase Way Urang ${stamp}`);
  });

  it("answers a desa it does not know with the table, not the new-proposal form", async () => {
    const html = await page("/usulan?tahun=2027&desa=99.99.99.9999");
    expect(html).toContain("<table>");
  });
});
