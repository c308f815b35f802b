/** The public account's records on their own: outcomes in plain words with their reasons, totals, the open-data files. */
import { describe, expect, it } from "vitest";
import { outcomeCounts, PUBLIC_COLUMNS_V1, publicCsv, publicDocument, publicProposal, stageTotals, type PublicSource } from "../../shared/public/account.ts";
import { barWidth, stageChartSvg } from "../../shared/public/stage-chart.ts";
import type { StoryStep } from "../../shared/proposals/story.ts";

const step = (kind: string, extra: Partial<StoryStep> = {}): StoryStep => ({ at: "2027-03-01T02:00:00.000Z", when: "1 Mar 2027 09.00 WIB", kind, title: kind, by: { level: "opd", label: "Dinas PUPR" }, ...extra });

const source: PublicSource = {
  trackingCode: "USL-2027-AAAAAA",
  year: 2027,
  regencyCode: "18.01",
  regencyName: "Lampung Selatan",
  districtCode: "18.01.06",
  districtName: "Kalianda",
  villageCode: "18.01.06.1008",
  villageName: "Way Urang",
  activity: "Drainase lingkungan",
  subActivityCode: "1.03.03.2.01.0010",
  volume: 100,
  unit: "m",
  estimatedCost: 75_000_000,
  stage: "opd_review",
  status: "in_review",
  updatedAt: "2027-02-01T00:00:00.000Z",
  steps: [step("submitted", { at: "2027-02-01T00:00:00.000Z" })],
  funding: [],
};

describe("publicProposal", () => {
  it("has no outcome while the proposal is under way", () => {
    const record = publicProposal(source, "id");
    expect(record).toMatchObject({ outcome: null, fundedPagu: null, stageLabel: "Forum Perangkat Daerah", statusLabel: "Ditelaah OPD", lastChange: "2027-02-01" });
  });

  it("names the proposal a merged one went into, with the reason of the step that merged it", () => {
    const steps = [...source.steps, step("agency_decision", { reason: "Lokasi sama dengan usulan Jondong", mergedInto: "USL-2027-BBBBBB" }), step("outcome", { at: "2027-03-02T00:00:00.000Z" })];
    const { outcome } = publicProposal({ ...source, status: "merged", steps }, "id");
    expect(outcome).toMatchObject({ kind: "merged", summary: "Digabungkan ke usulan USL-2027-BBBBBB", mergedInto: "USL-2027-BBBBBB", reason: "Lokasi sama dengan usulan Jondong" });
  });

  it("says why a proposal was rejected, and when none was written says so by a null reason", () => {
    const rejected = publicProposal({ ...source, status: "rejected", steps: [...source.steps, step("agency_decision", { reason: "Bukan kewenangan kabupaten" })] }, "en");
    expect(rejected.outcome).toMatchObject({ kind: "rejected", summary: "Rejected", reason: "Bukan kewenangan kabupaten" });
    expect(publicProposal({ ...source, status: "rejected" }, "id").outcome?.reason).toBeNull();
  });

  it("tells a carried-over proposal the year it goes to, and a funded one its Renja lines and pagu", () => {
    const carried = publicProposal({ ...source, status: "carried_over", steps: [...source.steps, step("outcome", { reason: "tidak diputuskan OPD sampai batas waktu" })] }, "id");
    expect(carried.outcome).toMatchObject({ summary: "Dialihkan ke tahun 2028", carriedOverTo: 2028, reason: "tidak diputuskan OPD sampai batas waktu" });
    const funding = [{ agencyName: "Dinas PUPR", subActivityCode: "1.03.03.2.01.0010", subActivityName: "Pembangunan Drainase", volume: 80, unit: "m", pagu: 60_000_000 }];
    const funded = publicProposal({ ...source, status: "accepted_with_changes", stage: "renja", funding }, "id");
    expect(funded.outcome?.summary).toBe("Didanai dalam Renja Dinas PUPR, sub kegiatan 1.03.03.2.01.0010 (Pembangunan Drainase), pagu Rp 60.000.000");
    expect(funded.fundedPagu).toBe(60_000_000);
    expect(publicProposal({ ...source, status: "accepted" }, "id").outcome).toMatchObject({ kind: "funded", summary: "Diterima; baris Renja belum tercatat" });
  });
});

describe("totals and files", () => {
  const records = [
    publicProposal(source, "id"),
    publicProposal({ ...source, trackingCode: "USL-2027-CCCCCC", stage: "renja", status: "accepted", funding: [{ agencyName: "Dinas PUPR", subActivityCode: "1.03", subActivityName: null, volume: 1, unit: null, pagu: 50_000_000 }] }, "id"),
    publicProposal({ ...source, trackingCode: "USL-2027-DDDDDD", activity: "=HYPERLINK(\"x\")", stage: "renja", status: "accepted", funding: [] }, "id"),
  ];

  it("counts and sums every stage in order, funded ones at their pagu", () => {
    expect(stageTotals(records, "id").map((t) => [t.stage, t.count, t.rupiah])).toEqual([
      ["desa", 0, 0],
      ["kecamatan", 0, 0],
      ["opd_review", 1, 75_000_000],
      ["sync_forum", 0, 0],
      ["renja", 2, 125_000_000],
    ]);
    expect(outcomeCounts(records)).toEqual({ under_way: 1, funded: 2, merged: 0, rejected: 0, carried_over: 0, withdrawn: 0 });
  });

  it("writes CSV with the version 1 header, the licence on every row and formulas neutralised", () => {
    const lines = publicCsv(records).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe(PUBLIC_COLUMNS_V1.map((c) => c.header).join(","));
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain("CC BY 4.0,\"Sumber: Bappeda Lampung Selatan, data terbuka usulan Musrenbang tahun perencanaan 2027 (Musrenbang Sync)\"");
    expect(lines[3]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("pins version 1's column keys: a change is a new version", () => {
    expect(PUBLIC_COLUMNS_V1.map((c) => c.key)).toEqual([
      "trackingCode", "year", "regencyCode", "regencyName", "districtCode", "districtName", "villageCode", "villageName", "activity", "subActivityCode", "volume", "unit", "askedCost",
      "stage", "stageLabel", "status", "statusLabel", "outcome", "outcomeSummary", "reason", "mergedInto", "carriedOverTo", "fundedPagu", "renjaLines", "lastChange", "licence", "attribution",
    ]);
  });

  it("puts version, licence and totals in the JSON document", () => {
    const doc = publicDocument({ code: "18.01", name: "Lampung Selatan" }, 2027, records);
    expect(doc).toMatchObject({ schemaVersion: 1, licence: { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" }, totals: { outcomes: { funded: 2 } } });
    expect(doc.proposals).toHaveLength(3);
  });
});

describe("stageChartSvg", () => {
  it("scales bars to the largest, keeps small ones visible and escapes every text", () => {
    expect([barWidth(0, 10), barWidth(10, 10), barWidth(5, 10), barWidth(1, 10_000)]).toEqual([0, 332, 166, 2]);
    const svg = stageChartSvg([{ label: "Desa <b>&", count: 3, rupiah: 1_500_000 }, { label: "Renja", count: 0, rupiah: 0 }], { title: "Usulan \"2027\"", countUnit: "usulan" });
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 340 124"/);
    expect(svg).toContain("Desa &lt;b&gt;&amp;");
    expect(svg).toContain("<title id=\"chart-title\">Usulan &quot;2027&quot;</title>");
    expect(svg).toContain("Desa &lt;b&gt;&amp;: 3 usulan, Rp 1.500.000; Renja: 0 usulan, Rp 0");
    expect(svg).not.toMatch(/<script|href=|url\(/);
  });
});
