import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const tableCounts = async () => {
  const rows = await env.DB.batch(
    ["regions", "sub_activities", "agencies", "agency_responsibilities", "proposals"].map((table) =>
      env.DB.prepare(`SELECT '${table}' AS name, count(*) AS n FROM ${table}`),
    ),
  );
  return Object.fromEntries(rows.map((r) => [(r.results[0] as { name: string }).name, (r.results[0] as { n: number }).n]));
};

describe("seed", () => {
  it("is idempotent: a second run neither fails nor duplicates", async () => {
    const before = await tableCounts();
    await env.DB.batch(env.TEST_SEED.map((s) => env.DB.prepare(s)));
    expect(await tableCounts()).toEqual(before);
    expect(before).toEqual({
      regions: env.TEST_SEED_COUNTS.regions,
      sub_activities: env.TEST_SEED_COUNTS.subActivities,
      agencies: env.TEST_SEED_COUNTS.agencies,
      agency_responsibilities: env.TEST_SEED_COUNTS.agencyResponsibilities,
      proposals: env.TEST_SEED_COUNTS.demoProposals,
    });
  });

  it("keeps what people changed on demo proposals when it runs again", async () => {
    await env.DB.prepare("UPDATE proposals SET status = 'withdrawn' WHERE id = 'demo-2027-0001'").run();
    await env.DB.batch(env.TEST_SEED.map((s) => env.DB.prepare(s)));
    expect(await env.DB.prepare("SELECT status FROM proposals WHERE id = 'demo-2027-0001'").first("status")).toBe("withdrawn");
  });

  it("fails as a whole: a bad statement leaves the database as it was", async () => {
    const before = await tableCounts();
    const statements = [
      "INSERT INTO regions (code, level, name) VALUES ('99', 'province', 'Provinsi Uji')",
      ...env.TEST_SEED.slice(0, 3),
      "INSERT INTO regions (code, level, name) VALUES ('98', 'province', NULL)",
    ];
    await expect(env.DB.batch(statements.map((s) => env.DB.prepare(s)))).rejects.toThrow(/NOT NULL/);
    expect(await tableCounts()).toEqual(before);
  });
});
