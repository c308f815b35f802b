/** The cron's questions run over every kabupaten every ten minutes: each must be answered through an index, never a scan. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { STALLED_QUERIES } from "../../workers/storage/operations.ts";

async function plan(sql: string, ...params: unknown[]): Promise<string[]> {
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

const scans = (details: readonly string[]) => details.filter((d) => /^SCAN /.test(d) && !/^SCAN (CONSTANT ROW|n\b)/.test(d));

describe("the cron's queries", () => {
  for (const [name, sql] of Object.entries(STALLED_QUERIES)) {
    it(`finds ${name} lifecycles through indexes`, async () => {
      expect(scans(await plan(sql, "2026-12-01T00:00:00.000Z", 200))).toEqual([]);
    });
  }

  it("finds lifecycles that never started through their partial index", async () => {
    const details = await plan("SELECT id FROM proposals WHERE lifecycle_started_at IS NULL AND created_at < ? ORDER BY created_at LIMIT ?", "2026-12-01T00:00:00.000Z", 1000);
    expect(scans(details)).toEqual([]);
    expect(details.join(" ")).toContain("proposals_unstarted_idx");
  });

  it("finds lost webhook deliveries through the status index", async () => {
    expect(scans(await plan("SELECT id FROM webhook_deliveries WHERE status = 'pending' AND attempts = 0 AND created_at < ? LIMIT 500", "2026-12-01T00:00:00.000Z"))).toEqual([]);
  });
});
