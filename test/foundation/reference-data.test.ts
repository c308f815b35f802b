import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const count = (sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .first<number>("n");

describe("regions (idn-area-data)", () => {
  it("has the demo kabupaten Lampung Selatan with its 17 kecamatan and 260 desa/kelurahan", async () => {
    const regency = await env.DB.prepare("SELECT name, kind, parent_code FROM regions WHERE code = '18.01'").first();
    expect(regency).toEqual({ name: "Kabupaten Lampung Selatan", kind: "kabupaten", parent_code: "18" });
    expect(await count("SELECT count(*) AS n FROM regions WHERE level = 'district' AND parent_code = '18.01'")).toBe(17);
    expect(await count("SELECT count(*) AS n FROM regions WHERE level = 'village' AND code LIKE '18.01.%'")).toBe(260);
  });

  it("marks desa and kelurahan by their Kemendagri code", async () => {
    const kinds = await env.DB.prepare(
      "SELECT kind, count(*) AS n, min(code) AS sample FROM regions WHERE level = 'village' AND code LIKE '18.01.%' GROUP BY kind ORDER BY kind",
    ).all<{ kind: string; n: number; sample: string }>();
    for (const row of kinds.results) expect(row.sample.split(".")[3]![0]).toBe(row.kind === "desa" ? "2" : "1");
    expect(kinds.results.reduce((sum, row) => sum + row.n, 0)).toBe(260);
  });

  it("loads every level of the country from the package (counted while building the seed)", () => {
    expect(env.TEST_COUNTRY_REGION_COUNTS).toEqual({ province: 38, regency: 514, district: 7285, village: 83762 });
  });
});

describe("sub-activity nomenclature 2027", () => {
  it("has every KABKOT row of the SIPD export", async () => {
    expect(await count("SELECT count(*) AS n FROM sub_activities WHERE government_level = 'KABKOT'")).toBe(3550);
    const road = await env.DB.prepare("SELECT name, bidang_code, unit FROM sub_activities WHERE code = '1.03.10.2.01.0050'").first();
    expect(road).toEqual({ name: "Pelebaran Jalan Menambah Lajur", bidang_code: "1.03", unit: "KM" });
  });
});

describe("agencies of Lampung Selatan and the codes they carry", () => {
  // Longest prefix wins: the same query the router uses, written out here against the seeded tables.
  const agencyFor = (code: string) =>
    env.DB.prepare(
      `SELECT a.short_name AS agency FROM agency_responsibilities r JOIN agencies a ON a.id = r.agency_id
       WHERE r.regency_code = '18.01' AND ? LIKE r.code_prefix || '.%' ORDER BY length(r.code_prefix) DESC LIMIT 1`,
    )
      .bind(code)
      .first<string>("agency");

  it.each([
    ["1.01.02.2.03.0002", "DISDIKBUD"], // PAUD
    ["1.02.02.2.01.0009", "DINKES"], // rehab puskesmas
    ["1.03.06.2.01.0012", "PUPR"], // drainase lingkungan
    ["1.04.03.2.03.0002", "PERKIM"], // RTLH
    ["1.05.04.2.01.0002", "SATPOLPP"], // kebakaran
    ["1.06.04.2.01.0015", "DINSOS"], // disabilitas
    ["2.13.04.2.01.0008", "DPMD"], // BUM Desa
    ["2.14.02.2.01.0042", "DP2KB"], // DASHAT stunting
    ["3.27.02.2.03.0001", "DISTAN"], // bibit ternak
  ])("routes %s to %s", async (code, agency) => {
    expect(await count("SELECT count(*) AS n FROM sub_activities WHERE code = ?", code)).toBe(1);
    expect(await agencyFor(code)).toBe(agency);
  });

  it("gives a program-level split precedence over its bidang (1.05.03 disaster management → BPBD)", async () => {
    const code = await env.DB.prepare("SELECT code FROM sub_activities WHERE program_code = '1.05.03' LIMIT 1").first<string>("code");
    expect(await agencyFor(code!)).toBe("BPBD");
  });

  it("leaves codes no agency carries (3.28 forestry) without an agency, for Bappeda triage", async () => {
    const code = await env.DB.prepare("SELECT code FROM sub_activities WHERE bidang_code = '3.28' LIMIT 1").first<string>("code");
    expect(await agencyFor(code!)).toBeNull();
  });

  it("has one agency per bidang urusan group, Bappeda among them", async () => {
    expect(await count("SELECT count(*) AS n FROM agencies WHERE regency_code = '18.01'")).toBe(28);
    const bappeda = await env.DB.prepare("SELECT id, name FROM agencies WHERE short_name = 'BAPPEDA'").first();
    expect(bappeda).toEqual({ id: "18.01-bappeda", name: "Badan Perencanaan Pembangunan Daerah" });
  });
});

describe("demo proposals", () => {
  it("spread a Musrenbang season over the villages of Lampung Selatan", async () => {
    expect(await count("SELECT count(*) AS n FROM proposals WHERE regency_code = '18.01'")).toBe(300);
    expect(await count("SELECT count(DISTINCT district_code) AS n FROM proposals")).toBe(17);
    expect(
      await count("SELECT count(*) AS n FROM proposals p LEFT JOIN regions r ON r.code = p.village_code WHERE r.code IS NULL"),
    ).toBe(0);
  });
});
