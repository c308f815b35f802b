/**
 * A real deployment's database gets reference data only: `npm run seed -- --remote --kabupaten 18.01` (the
 * statements vitest.config.ts builds with scripts/seed.ts `plannedSeed`, as the command does) holds no demo
 * account, token or proposal, and loaded into an empty database leaves those tables empty.
 */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../shared/access/bytes.ts";
import { DEMO_ACCOUNTS, DEMO_INTEGRATION_TOKEN } from "../../shared/demo/demo-accounts.ts";

/** Traces any demo row would leave in SQL text: its marker, usernames, token hash, proposal ids, tables. */
async function demoTraces(statements: readonly string[]): Promise<string[]> {
  const text = statements.join("\n");
  const needles = [
    "seed:demo",
    ...DEMO_ACCOUNTS.map((a) => `'${a.username}'`),
    DEMO_INTEGRATION_TOKEN.token,
    await sha256Hex(DEMO_INTEGRATION_TOKEN.token),
    "'demo-2027-",
    'INSERT INTO "accounts"',
    'INSERT INTO "api_tokens"',
    'INSERT INTO "proposals"',
    "pbkdf2-sha256$",
  ];
  return needles.filter((needle) => text.includes(needle));
}

const count = (db: D1Database, table: string) => db.prepare(`SELECT count(*) AS n FROM ${table}`).first<number>("n");

describe("the remote seed", () => {
  it("holds no demo account, token or proposal (the local demo seed does, so the check can see them)", async () => {
    expect(await demoTraces(env.TEST_REMOTE_SEED)).toEqual([]);
    expect((await demoTraces(env.TEST_SEED)).length).toBeGreaterThanOrEqual(8);
  });

  it("loads the kabupaten's regions, the nomenclature and its agencies, and nothing else, into an empty database", async () => {
    await applyD1Migrations(env.EMPTY_DB, env.TEST_MIGRATIONS);
    await env.EMPTY_DB.batch(env.TEST_REMOTE_SEED.map((s) => env.EMPTY_DB.prepare(s)));
    for (const table of ["accounts", "api_tokens", "sessions", "proposals", "review_tasks", "webhook_endpoints", "idempotency_keys"]) {
      expect([table, await count(env.EMPTY_DB, table)]).toEqual([table, 0]);
    }
    expect(await count(env.EMPTY_DB, "regions")).toBe(1 + 1 + 17 + 260);
    expect(await env.EMPTY_DB.prepare("SELECT count(*) AS n FROM regions WHERE code NOT LIKE '18.01%' AND code <> '18'").first("n")).toBe(0);
    expect(await count(env.EMPTY_DB, "sub_activities")).toBe(env.TEST_SEED_COUNTS.subActivities);
    expect(await count(env.EMPTY_DB, "agencies")).toBe(env.TEST_DEMO_AGENCIES.length);
    expect(await count(env.EMPTY_DB, "agency_responsibilities")).toBe(env.TEST_DEMO_AGENCIES.flatMap((a) => a.codePrefixes).length);
  });
});
