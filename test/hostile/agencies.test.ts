/**
 * Hostile agency lists (CSV and JSON) sent to `PUT /api/v1/agencies`: never a 5xx, the error shape, and a refused
 * list writes nothing (agencies and responsibilities fingerprinted). An accepted one is put back afterwards.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import { agenciesCsv } from "../../shared/agencies/agencies.ts";
import { call, demoCallers } from "../support/principals.ts";
import { expectNoWrite, hostileBody, hostileString, inspect, RUNS, snapshot, wellFormed } from "./hostile.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

const restore = () => call("/api/v1/agencies", { method: "PUT", headers: { ...callers.planning_admin.headers, "content-type": "text/csv" }, body: agenciesCsv(env.TEST_DEMO_AGENCIES) });

const cell = fc.oneof(hostileString, fc.constantFrom("PUPR", "Dinas Pekerjaan Umum", "1.03", "1.03 1.04", "1.05.03", "X.XX", "", '"', '""', "=cmd|' /C calc'!A0", "1.03;1.03", "\uFEFF")).map(wellFormed);
const csv = fc
  .tuple(
    fc.constantFrom(",", ";", "\t"),
    fc.oneof(fc.constant(["singkatan", "nama", "bidang_program"]), fc.array(cell, { maxLength: 4 })),
    fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 8 }),
    fc.constantFrom("\n", "\r\n", "\r"),
  )
  .map(([sep, header, rows, eol]) => [header, ...rows].map((r) => r.join(sep)).join(eol));

describe("PUT /api/v1/agencies with hostile lists", () => {
  it("never answers 5xx, refuses with the error shape, and a refusal writes nothing", async () => {
    const body = fc.oneof(
      csv.map((text) => ({ type: "text/csv", text })),
      hostileBody({ agencies: [{ shortName: "PUPR", name: "Dinas Pekerjaan Umum dan Penataan Ruang", codePrefixes: ["1.03"] }] }).map((text) => ({ type: "application/json", text })),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom("id", "en"), async ({ type, text }, lang) => {
        const before = await snapshot();
        const seen = await inspect(await call("/api/v1/agencies", { method: "PUT", headers: { ...callers.planning_admin.headers, "content-type": type, "accept-language": lang }, body: text }), "api");
        await expectNoWrite(seen, before);
        if (seen.status === 200) await restore();
      }),
      { numRuns: RUNS.light * 3 },
    );
  }, 120_000);
});
