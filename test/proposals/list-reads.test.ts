/**
 * A village's or kecamatan's list reads its own proposals through its own index, not the whole kabupaten's: on
 * a real deployment a kabupaten holds tens of thousands a year, and D1 bills every row read.
 */
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { trackingCode } from "../../shared/proposals/ids.ts";
import { installRowsMeter, rowsReadBy } from "../support/d1-meter.ts";
import { call, demoCallers, DEMO } from "../support/principals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
  installRowsMeter();
  // 600 proposals elsewhere in the kabupaten (Natar), besides the demo's 300.
  await env.DB.batch(
    Array.from({ length: 600 }, (_, i) =>
      env.DB.prepare(
        `INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, volume, unit, estimated_cost, stage, status, created_by, updated_at)
         VALUES (?, ?, 2027, '18.01', ?, ?, 'Jalan rusak', 'Pengaspalan jalan', 1, 'paket', 100000000, 'desa', 'submitted', 'test', '2026-02-01T00:00:00Z')`,
      ).bind(`elsewhere-${i}`, trackingCode(2027), DEMO.otherDistrict, DEMO.villageInOtherDistrict),
    ),
  );
});

it.each([
  ["village_operator", "the village's"],
  ["district_verifier", "the kecamatan's"],
] as const)("%s: a page of the list reads %s proposals only", async (role, _whose) => {
  const own = await env.DB.prepare(role === "village_operator" ? "SELECT count(*) AS n FROM proposals WHERE village_code = ?" : "SELECT count(*) AS n FROM proposals WHERE district_code = ?")
    .bind(role === "village_operator" ? DEMO.village : DEMO.district)
    .first<number>("n");
  const read = await rowsReadBy(async () => expect((await call("/api/v1/proposals?limit=20", { headers: callers[role].headers })).status).toBe(200));
  // Its own rows through its index (entry + row each) and the caller's token lookup, not the kabupaten's 900.
  expect(read).toBeLessThan(2 * own! + 10);
});
