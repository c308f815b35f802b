import { describe, expect, it } from "vitest";
import { renjaJson, renjaJsonDocument, renjaJsonStream } from "../../shared/renja/json.ts";
import { compareRenjaRows } from "../../shared/renja/row.ts";
import { RENJA_ROWS, pagesOf, paguSum, streamText } from "./fixtures.ts";

const sorted = [...RENJA_ROWS].sort(compareRenjaRows);
const META = { year: 2027, regencyCode: "18.01", generatedAt: "2026-11-23T02:00:00.000Z", generatedBy: "admin.bappeda", filters: { status: null } };

describe("Renja JSON", () => {
  it("nests agency → program → kegiatan → sub-kegiatan with counts and pagu totals at every level", () => {
    const document = renjaJsonDocument(RENJA_ROWS, META);
    expect(document.version).toBe(3);
    expect(document.meta).toEqual(META);
    expect(document.rowCount).toBe(7);
    expect(document.paguTotal).toBe(paguSum(RENJA_ROWS));
    expect(document.agencies.map((a) => [a.agencyId, a.rowCount])).toEqual([
      ["18.01-dinkes", 1],
      ["18.01-pupr", 6],
    ]);
    const pupr = document.agencies[1]!;
    expect(pupr.paguTotal).toBe(paguSum(RENJA_ROWS.filter((r) => r.agencyId === "18.01-pupr")));
    expect(pupr.programs.map((p) => p.code)).toEqual(["1.03.02", "1.03.03", "1.03.06", "1.03.10", "1.03.11"]);
    const roads = pupr.programs[3]!;
    expect(roads).toMatchObject({ bidangCode: "1.03", rowCount: 2, paguTotal: 60_248_725_808 + 15_701_731_400 });
    expect(roads.kegiatan).toHaveLength(1);
    expect(roads.kegiatan[0]!.subActivities.map((s) => [s.code, s.rowCount, s.paguTotal])).toEqual([
      ["1.03.10.2.01.0053", 1, 60_248_725_808],
      ["1.03.10.2.01.0057", 1, 15_701_731_400],
    ]);
    // Every level's total is the sum of its children's.
    for (const agency of document.agencies) {
      expect(agency.paguTotal).toBe(agency.programs.reduce((sum, p) => sum + p.paguTotal, 0));
      for (const program of agency.programs) {
        expect(program.rowCount).toBe(program.kegiatan.reduce((sum, k) => sum + k.rowCount, 0));
        for (const kegiatan of program.kegiatan) {
          expect(kegiatan.paguTotal).toBe(kegiatan.subActivities.reduce((sum, s) => sum + s.paguTotal, 0));
          for (const sub of kegiatan.subActivities) expect(sub.paguTotal).toBe(paguSum(sub.activities));
        }
      }
    }
    const spam = pupr.programs[1]!.kegiatan[0]!.subActivities[0]!.activities[0]!;
    expect(spam).toMatchObject({ proposalTrackingCodes: ["USL-2027-M4J8AA", "USL-2027-M4J8AB"], forumDecisionRefs: ["BA-FLPD/2027/014"], status: "accepted_with_changes" });
  });

  it("streams exactly the bytes of the in-memory document, whatever the page size", async () => {
    const expected = renjaJson(RENJA_ROWS, META);
    expect(JSON.parse(expected)).toEqual(renjaJsonDocument(RENJA_ROWS, META));
    for (const size of [1, 2, 3, 500]) expect(await streamText(renjaJsonStream(pagesOf(sorted, size), META))).toBe(expected);
  });

  it("writes an empty document for no rows", async () => {
    const text = await streamText(renjaJsonStream(pagesOf([], 10)));
    expect(text).toBe(renjaJson([]));
    expect(JSON.parse(text)).toEqual({ version: 3, meta: {}, agencies: [], rowCount: 0, paguTotal: 0 });
  });

  it("fails the stream when rows are not sorted, instead of splitting a group in two", async () => {
    const shuffled = [sorted[3]!, sorted[1]!, ...sorted.slice(4)];
    await expect(streamText(renjaJsonStream(pagesOf(shuffled, 2)))).rejects.toThrow(/JSON: baris tidak berurutan/);
    // An agency that comes back after another one started.
    const interleaved = [sorted[1]!, sorted[0]!, sorted[2]!];
    await expect(streamText(renjaJsonStream(pagesOf(interleaved, 1)))).rejects.toThrow(/urutkan per OPD/);
  });
});
