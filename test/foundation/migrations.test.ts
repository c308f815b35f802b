import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("migrations", () => {
  it("apply to an empty database and create every table of the schema", async () => {
    await applyD1Migrations(env.EMPTY_DB, env.TEST_MIGRATIONS);
    const tables = await env.EMPTY_DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
    ).all<{ name: string }>();
    expect(tables.results.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "agencies",
        "agency_responsibilities",
        "audit_events",
        "d1_migrations",
        "proposals",
        "regions",
        "review_tasks",
        "sub_activities",
      ]),
    );
    const applied = await env.EMPTY_DB.prepare("SELECT count(*) AS n FROM d1_migrations").first<number>("n");
    expect(applied).toBe(env.TEST_MIGRATIONS.length);
  });

  it("are not applied twice", async () => {
    await applyD1Migrations(env.EMPTY_DB, env.TEST_MIGRATIONS);
    await applyD1Migrations(env.EMPTY_DB, env.TEST_MIGRATIONS);
    const applied = await env.EMPTY_DB.prepare("SELECT count(*) AS n FROM d1_migrations").first<number>("n");
    expect(applied).toBe(env.TEST_MIGRATIONS.length);
  });
});
