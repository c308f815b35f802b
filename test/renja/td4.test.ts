import { describe, expect, it } from "vitest";
import { activityTarget, createTd4Numberer, td4Rows, td4Sections } from "../../shared/renja/td4.ts";
import { RENJA_ROWS, paguSum } from "./fixtures.ts";

describe("T-D.4", () => {
  it("lists each kecamatan's activities by kecamatan rank then village rank, numbered from 1, with the responsible agency", () => {
    const rows = td4Rows(RENJA_ROWS);
    expect(rows.map((r) => [r.districtName, r.number, r.districtRank, r.location, r.agencyName])).toEqual([
      ["Natar", 1, 1, "Hajimena", "Dinas Pekerjaan Umum dan Penataan Ruang"],
      ["Natar", 2, 2, "Sidosari", "Dinas Pekerjaan Umum dan Penataan Ruang"],
      ["Kalianda", 1, 1, "Way Urang", "Dinas Pekerjaan Umum dan Penataan Ruang"],
      ["Kalianda", 2, 2, "Bumi Agung", "Dinas Pekerjaan Umum dan Penataan Ruang"],
      ["Kalianda", 3, 3, "Maja", "Dinas Pekerjaan Umum dan Penataan Ruang"],
      ["Kalianda", 4, 4, "Way Urang", "Dinas Kesehatan"],
      // Unranked last; a kecamatan-wide activity is located at the kecamatan.
      ["Kalianda", 5, null, "Kecamatan Kalianda", "Dinas Pekerjaan Umum dan Penataan Ruang"],
    ]);
  });

  it("orders by village rank when the kecamatan ranks tie", () => {
    const [a, b] = [RENJA_ROWS[0]!, RENJA_ROWS[2]!];
    const rows = td4Rows([
      { ...a, priority: { districtRank: 1, villageRank: 2 } },
      { ...b, priority: { districtRank: 1, villageRank: 1 } },
    ]);
    expect(rows.map((r) => [r.location, r.number])).toEqual([
      ["Bumi Agung", 1],
      ["Way Urang", 2],
    ]);
  });

  it("writes the sasaran kegiatan as indicator, target and unit", () => {
    expect(activityTarget(RENJA_ROWS[0]!)).toBe("Panjang Jaringan Irigasi Permukaan yang Direhabilitasi: 1,2 KM");
    expect(activityTarget({ ...RENJA_ROWS[0]!, indicator: null, target: null })).toBe("KM");
  });

  it("totals each kecamatan", () => {
    const sections = td4Sections(RENJA_ROWS);
    expect(sections.map((s) => [s.districtName, s.rowCount])).toEqual([
      ["Natar", 2],
      ["Kalianda", 5],
    ]);
    expect(sections[0]!.paguTotal).toBe(60_248_725_808 + 15_701_731_400);
    expect(sections.reduce((sum, s) => sum + s.paguTotal, 0)).toBe(paguSum(RENJA_ROWS));
  });

  it("refuses rows out of T-D.4 order when numbering a stream", () => {
    const number = createTd4Numberer();
    number(RENJA_ROWS[2]!); // Kalianda rank 2
    expect(() => number(RENJA_ROWS[0]!)).toThrow(/tidak berurutan/); // Kalianda rank 1
  });
});
