/**
 * The Renja export's column lists are a contract (a change is a new version, RENJA_COLUMNS_V2), and so is the
 * order rows come out in. These pin both: every key, header and kind, what each cell holds, the README's column
 * tables, and `compareRenjaRows` key by key.
 */
import { describe, expect, it } from "vitest";
import readme from "../../README.md?raw";
import { STAGES, STATUSES } from "../../shared/proposals/lifecycle.ts";
import { cellValues } from "../../shared/renja/csv.ts";
import {
  compareRank,
  compareRenjaRows,
  compareText,
  type ExportColumn,
  RENJA_COLUMNS_V1,
  RENJA_COLUMNS_V2,
  RENJA_COLUMNS_V3,
  RENJA_EXPORT_VERSION,
  type RenjaRow,
  TD4_COLUMNS_V1,
  TD4_COLUMNS_V2,
  type Td4Row,
} from "../../shared/renja/row.ts";

const shape = (columns: readonly ExportColumn<never>[]) => columns.map((c) => [c.key, c.header, c.kind]);

describe("Renja columns, version 2", () => {
  it("version 2 keeps version 1's columns in place and appends the forecast, notes and regional priority", () => {
    expect(RENJA_EXPORT_VERSION).toBe(3);
    expect(RENJA_COLUMNS_V2.slice(0, RENJA_COLUMNS_V1.length)).toEqual(RENJA_COLUMNS_V1);
    expect(shape(RENJA_COLUMNS_V2.slice(RENJA_COLUMNS_V1.length))).toEqual([
      ["nextYearTarget", "Target Tahun n+1", "number"],
      ["nextYearPagu", "Pagu Tahun n+1 (Rp)", "integer"],
      ["notes", "Catatan Penting", "text"],
      ["priorityCode", "Kode Prioritas Daerah", "code"],
      ["priorityName", "Prioritas Daerah", "text"],
    ]);
    // Version 3 keeps version 2 in place and appends where each activity came from.
    expect(RENJA_COLUMNS_V3.slice(0, RENJA_COLUMNS_V2.length)).toEqual(RENJA_COLUMNS_V2);
    expect(shape(RENJA_COLUMNS_V3.slice(RENJA_COLUMNS_V2.length))).toEqual([
      ["channel", "Kode Jalur Usulan", "code"],
      ["channelLabel", "Jalur Usulan", "text"],
      ["theme", "Tema", "text"],
      ["origin", "Asal Usulan", "text"],
    ]);
    expect(TD4_COLUMNS_V2.slice(0, TD4_COLUMNS_V1.length)).toEqual(TD4_COLUMNS_V1);
    expect(shape(TD4_COLUMNS_V2.slice(TD4_COLUMNS_V1.length))).toEqual([
      ["priorityCode", "Kode Prioritas Daerah", "code"],
      ["priorityName", "Prioritas Daerah", "text"],
      ["priorityTarget", "Sasaran Daerah", "text"],
    ]);
  });

  it("keeps every key, header and kind of the Renja list, in order", () => {
    expect(shape(RENJA_COLUMNS_V1)).toEqual([
      ["agencyId", "Kode OPD", "code"],
      ["agencyName", "Nama OPD", "text"],
      ["bidangCode", "Kode Bidang Urusan", "code"],
      ["bidangName", "Bidang Urusan", "text"],
      ["programCode", "Kode Program", "code"],
      ["programName", "Program", "text"],
      ["kegiatanCode", "Kode Kegiatan", "code"],
      ["kegiatanName", "Kegiatan", "text"],
      ["subActivityCode", "Kode Sub Kegiatan", "code"],
      ["subActivityName", "Sub Kegiatan", "text"],
      ["indicator", "Indikator Keluaran", "text"],
      ["target", "Target", "number"],
      ["unit", "Satuan", "text"],
      ["districtCode", "Kode Kecamatan", "code"],
      ["districtName", "Kecamatan", "text"],
      ["villageCode", "Kode Desa/Kelurahan", "code"],
      ["villageName", "Desa/Kelurahan", "text"],
      ["volume", "Volume", "number"],
      ["volumeUnit", "Satuan Volume", "text"],
      ["pagu", "Pagu (Rp)", "integer"],
      ["fundingSource", "Sumber Dana", "text"],
      ["districtRank", "Prioritas Kecamatan", "integer"],
      ["villageRank", "Prioritas Desa", "integer"],
      ["proposalTrackingCodes", "Kode Usulan", "text"],
      ["forumDecisionRefs", "Referensi Keputusan Forum", "text"],
      ["status", "Kode Status", "code"],
      ["statusLabel", "Status", "text"],
      ["sourceStage", "Kode Tahap Asal", "code"],
      ["sourceStageLabel", "Tahap Asal", "text"],
    ]);
  });

  it("keeps every key, header and kind of the T-D.4 list, in order", () => {
    expect(shape(TD4_COLUMNS_V1)).toEqual([
      ["districtCode", "Kode Kecamatan", "code"],
      ["districtName", "Kecamatan", "text"],
      ["number", "No", "integer"],
      ["districtRank", "Prioritas Kecamatan", "integer"],
      ["villageRank", "Prioritas Desa", "integer"],
      ["programCode", "Kode Program", "code"],
      ["programName", "Program", "text"],
      ["kegiatanCode", "Kode Kegiatan", "code"],
      ["kegiatanName", "Kegiatan", "text"],
      ["subActivityCode", "Kode Sub Kegiatan", "code"],
      ["subActivityName", "Sub Kegiatan", "text"],
      ["activityTarget", "Sasaran Kegiatan", "text"],
      ["villageCode", "Kode Desa/Kelurahan", "code"],
      ["location", "Lokasi (Desa/Kel)", "text"],
      ["volume", "Volume", "number"],
      ["volumeUnit", "Satuan Volume", "text"],
      ["pagu", "Pagu (Rp)", "integer"],
      ["agencyId", "Kode OPD", "code"],
      ["agencyName", "Perangkat Daerah Penanggung Jawab", "text"],
    ]);
  });

  it("is documented in the README column by column: header, key, kind and what it holds", () => {
    const KIND_WORDS = { code: "kode (teks)", text: "teks", integer: "bilangan bulat", number: "angka" };
    /** The rows of the first table after `heading`: [kolom, kunci, jenis, isi]. */
    const documented = (heading: string) => {
      const lines = readme.slice(readme.indexOf(heading)).split("\n");
      const start = lines.findIndex((line) => line.startsWith("| # |")) + 2;
      const end = lines.findIndex((line, index) => index >= start && !line.startsWith("|"));
      return lines.slice(start, end).map((line) => line.slice(2, -2).split(" | ").slice(1).map((cell) => cell.replace(/^`(.*)`$/, "$1")));
    };
    const expected = (columns: readonly ExportColumn<never>[]) => columns.map((c) => [c.header, c.key, KIND_WORDS[c.kind], c.description]);
    expect(documented("### Renja export columns")).toEqual(expected(RENJA_COLUMNS_V3));
    expect(documented("T-D.4 view (Permendagri 86/2017)")).toEqual(expected(TD4_COLUMNS_V2));
  });
});

/** A row whose every field differs from every other, so a column reading the wrong field shows. */
const ROW: RenjaRow = {
  agencyId: "18.01-pupr",
  agencyShortName: "PUPR",
  agencyName: "Dinas Pekerjaan Umum dan Penataan Ruang",
  bidangCode: "1.03",
  bidangName: "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG",
  programCode: "1.03.10",
  programName: "PROGRAM PENYELENGGARAAN JALAN",
  kegiatanCode: "1.03.10.2.01",
  kegiatanName: "Penyelenggaraan Jalan Kabupaten/Kota",
  subActivityCode: "1.03.10.2.01.0028",
  subActivityName: "Pembangunan Jalan",
  indicator: "Panjang Jalan yang Dibangun",
  target: 0.5,
  unit: "Kilometer",
  villageCode: "18.01.06.1008",
  villageName: "Way Urang",
  districtCode: "18.01.06",
  districtName: "Kalianda",
  volume: 500,
  volumeUnit: "meter",
  pagu: 1_250_000_000,
  fundingSource: "DAU",
  notes: null,
  nextYearTarget: null,
  nextYearPagu: null,
  regionalPriority: null,
  proposalTrackingCodes: ["USL-2027-7K3QX9", "USL-2027-M4RGE2"],
  forumDecisionRefs: ["BA-FLPD/2027/014", "BA-FLPD/2027/015"],
  status: "accepted_with_changes",
  sourceStage: "sync_forum",
  priority: { districtRank: 3, villageRank: 7 },
};

describe("what each cell holds", () => {
  it("fills every Renja column from its own field", () => {
    expect(cellValues(ROW, RENJA_COLUMNS_V1)).toEqual([
      "18.01-pupr",
      "Dinas Pekerjaan Umum dan Penataan Ruang",
      "1.03",
      "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG",
      "1.03.10",
      "PROGRAM PENYELENGGARAAN JALAN",
      "1.03.10.2.01",
      "Penyelenggaraan Jalan Kabupaten/Kota",
      "1.03.10.2.01.0028",
      "Pembangunan Jalan",
      "Panjang Jalan yang Dibangun",
      0.5,
      "Kilometer",
      "18.01.06",
      "Kalianda",
      "18.01.06.1008",
      "Way Urang",
      500,
      "meter",
      1_250_000_000,
      "DAU",
      3, // Prioritas Kecamatan: the kecamatan's rank
      7, // Prioritas Desa: the village's own rank, never the kecamatan's
      "USL-2027-7K3QX9; USL-2027-M4RGE2",
      "BA-FLPD/2027/014; BA-FLPD/2027/015",
      "accepted_with_changes",
      "Diterima dengan perubahan",
      "sync_forum",
      "Forum Lintas Perangkat Daerah",
    ]);
  });

  it("leaves unranked priorities and missing texts empty rather than making them up", () => {
    const bare = { ...ROW, indicator: null, target: null, unit: null, villageCode: null, villageName: null, volumeUnit: null, fundingSource: null, proposalTrackingCodes: [], forumDecisionRefs: [], priority: { districtRank: null, villageRank: null } };
    const cells = Object.fromEntries(RENJA_COLUMNS_V1.map((c, i) => [c.key, cellValues(bare, RENJA_COLUMNS_V1)[i]]));
    expect(cells).toMatchObject({ indicator: null, target: null, unit: null, villageCode: null, villageName: null, volumeUnit: null, fundingSource: null, districtRank: null, villageRank: null, proposalTrackingCodes: "", forumDecisionRefs: "" });
  });

  it("labels every status and stage in Indonesian, never with the raw code", () => {
    const label = (key: string, value: unknown) => RENJA_COLUMNS_V1.find((c) => c.key === key)!.value({ ...ROW, ...(value as object) });
    for (const [status, { id }] of Object.entries(STATUSES)) {
      expect(label("statusLabel", { status })).toBe(id);
      expect(id).not.toBe(status);
    }
    for (const [stage, { id }] of Object.entries(STAGES)) {
      expect(label("sourceStageLabel", { sourceStage: stage })).toBe(id);
      expect(id).not.toBe(stage);
    }
    // The ones Renja lines carry, spelled out: a label dropped from lifecycle.ts must not turn into a code here.
    expect(["accepted", "accepted_with_changes"].map((status) => label("statusLabel", { status }))).toEqual(["Diterima tanpa perubahan", "Diterima dengan perubahan"]);
    expect(["opd_review", "sync_forum", "renja"].map((sourceStage) => label("sourceStageLabel", { sourceStage }))).toEqual([
      "Forum Perangkat Daerah",
      "Forum Lintas Perangkat Daerah",
      "Renja OPD",
    ]);
  });

  it("fills every T-D.4 column from its own field", () => {
    const td4: Td4Row = {
      districtCode: "18.01.06",
      districtName: "Kalianda",
      number: 2,
      districtRank: 3,
      villageRank: 7,
      programCode: "1.03.10",
      programName: "PROGRAM PENYELENGGARAAN JALAN",
      kegiatanCode: "1.03.10.2.01",
      kegiatanName: "Penyelenggaraan Jalan Kabupaten/Kota",
      subActivityCode: "1.03.10.2.01.0028",
      subActivityName: "Pembangunan Jalan",
      activityTarget: "Panjang Jalan yang Dibangun: 0,5 Kilometer",
      villageCode: "18.01.06.1008",
      location: "Way Urang",
      volume: 500,
      volumeUnit: "meter",
      pagu: 1_250_000_000,
      regionalPriority: null,
      agencyId: "18.01-pupr",
      agencyName: "Dinas Pekerjaan Umum dan Penataan Ruang",
    };
    expect(cellValues(td4, TD4_COLUMNS_V1)).toEqual([
      "18.01.06", "Kalianda", 2, 3, 7, "1.03.10", "PROGRAM PENYELENGGARAAN JALAN", "1.03.10.2.01", "Penyelenggaraan Jalan Kabupaten/Kota",
      "1.03.10.2.01.0028", "Pembangunan Jalan", "Panjang Jalan yang Dibangun: 0,5 Kilometer", "18.01.06.1008", "Way Urang", 500, "meter",
      1_250_000_000, "18.01-pupr", "Dinas Pekerjaan Umum dan Penataan Ruang",
    ]);
  });
});

describe("the Renja row order", () => {
  /** The sort keys, most significant first, each with a lower and a higher value. */
  const KEYS: [string, (row: RenjaRow, low: boolean) => RenjaRow][] = [
    ["agency", (r, low) => ({ ...r, agencyId: low ? "18.01-dinkes" : "18.01-pupr" })],
    ["program", (r, low) => ({ ...r, programCode: low ? "1.03.02" : "1.03.10" })],
    ["kegiatan", (r, low) => ({ ...r, kegiatanCode: low ? "1.03.10.2.01" : "1.03.10.2.02" })],
    ["sub-kegiatan", (r, low) => ({ ...r, subActivityCode: low ? "1.03.10.2.01.0028" : "1.03.10.2.01.0053" })],
    ["kecamatan", (r, low) => ({ ...r, districtCode: low ? "18.01.04" : "18.01.06" })],
    ["desa (a whole-kecamatan line first)", (r, low) => ({ ...r, villageCode: low ? null : "18.01.06.1008" })],
    ["desa", (r, low) => ({ ...r, villageCode: low ? "18.01.06.1008" : "18.01.06.2001" })],
    ["kecamatan rank (ranked before unranked)", (r, low) => ({ ...r, priority: { ...r.priority, districtRank: low ? 2 : null } })],
    ["kecamatan rank", (r, low) => ({ ...r, priority: { ...r.priority, districtRank: low ? 2 : 10 } })],
    ["village rank (ranked before unranked)", (r, low) => ({ ...r, priority: { ...r.priority, villageRank: low ? 1 : null } })],
    ["village rank", (r, low) => ({ ...r, priority: { ...r.priority, villageRank: low ? 1 : 3 } })],
  ];
  const level = (name: string) => ["agency", "program", "kegiatan", "sub-kegiatan", "kecamatan", "desa", "kecamatan rank", "village rank"].indexOf(name.replace(/ \(.*$/, ""));

  it.each(KEYS.map(([name]) => name))("orders by %s before anything less significant", (name) => {
    // Equal on the more significant keys, lower on this one, higher on every less significant one.
    let low = ROW;
    let high = ROW;
    for (const [other, set] of KEYS) {
      if (level(other) < level(name)) continue;
      if (other === name) {
        low = set(low, true);
        high = set(high, false);
      } else if (level(other) > level(name)) {
        low = set(low, false);
        high = set(high, true);
      }
    }
    expect(compareRenjaRows(low, high)).toBeLessThan(0);
    expect(compareRenjaRows(high, low)).toBeGreaterThan(0);
    expect(compareRenjaRows(low, { ...low })).toBe(0);
  });

  it("compares codes by code point and ranks ranked-first, ascending", () => {
    expect(compareText("1.03", "1.03")).toBe(0);
    expect(compareText("1.03", "1.03.10")).toBeLessThan(0);
    expect(compareText("18.01-pupr", "18.01-dinkes")).toBeGreaterThan(0);
    expect(compareText("Z", "a")).toBeLessThan(0);
    expect(compareRank(null, null)).toBe(0);
    expect(compareRank(1, null)).toBeLessThan(0);
    expect(compareRank(null, 1)).toBeGreaterThan(0);
    expect(compareRank(2, 10)).toBeLessThan(0);
    expect(compareRank(10, 2)).toBeGreaterThan(0);
    expect(compareRank(4, 4)).toBe(0);
  });
});
