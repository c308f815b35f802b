import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRecords } from "../../shared/csv/parse.ts";
import {
  CSV_BOM,
  CSV_CONTENT_TYPE,
  cellValues,
  csvField,
  csvHeader,
  csvLine,
  neutraliseFormula,
  renjaCsv,
  renjaCsvStream,
  td4Csv,
  td4CsvStream,
} from "../../shared/renja/csv.ts";
import type { RenjaRow } from "../../shared/renja/row.ts";
import { RENJA_COLUMNS_V1, RENJA_COLUMNS_V2, RENJA_COLUMNS_V3, TD4_COLUMNS_V1, compareRenjaRows } from "../../shared/renja/row.ts";
import { compareTd4 } from "../../shared/renja/td4.ts";
import { RENJA_ROWS, pagesOf, paguSum, streamBytes, streamText } from "./fixtures.ts";

const sorted = [...RENJA_ROWS].sort(compareRenjaRows);

/** Rows whose text a spreadsheet would misread, or that test quoting: what villages and operators really type. */
const HOSTILE: RenjaRow[] = RENJA_ROWS.slice(0, 6).map((row, index) => {
  const texts = [
    { indicator: "=SUM(A1:A9)", fundingSource: "+62 812-7788-9900" },
    { indicator: "-", fundingSource: "@Bappeda" },
    { indicator: 'Rehab "Polindes" Dusun II', fundingSource: "DAU, DAK" },
    { indicator: "Saluran baris 1\r\nbaris 2\nbaris 3", fundingSource: "\tDAK" },
    { indicator: "Jalan Ma’had – Tahap Ⅱ · Pekon Sukamaju (Ø 3 m), «Lampung» ꦲꦏ꧀ꦱꦫ", fundingSource: "\r=cmd" },
    { indicator: "=HYPERLINK(\"http://x\",\"klik\")", fundingSource: "-2+3" },
  ][index]!;
  return { ...row, ...texts };
});

describe("CSV fields", () => {
  it("neutralises text that a spreadsheet would run as a formula", () => {
    expect(neutraliseFormula("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(neutraliseFormula("+62 812-7788-9900")).toBe("'+62 812-7788-9900");
    expect(neutraliseFormula("-")).toBe("'-");
    expect(neutraliseFormula("@Bappeda")).toBe("'@Bappeda");
    expect(neutraliseFormula("\tDAK")).toBe("'\tDAK");
    expect(neutraliseFormula("\r=cmd")).toBe("'\r=cmd");
    expect(neutraliseFormula("Jalan desa = 2 km")).toBe("Jalan desa = 2 km");
    expect(neutraliseFormula("")).toBe("");
  });

  it("quotes only fields with a quote, comma, CR or LF, doubling quotes", () => {
    expect(csvField("Way Urang")).toBe("Way Urang");
    expect(csvField('Rehab "Polindes"')).toBe('"Rehab ""Polindes"""');
    expect(csvField("DAU, DAK")).toBe('"DAU, DAK"');
    expect(csvField("baris 1\nbaris 2")).toBe('"baris 1\nbaris 2"');
    expect(csvField("a\rb")).toBe('"a\rb"');
    expect(csvField("\r=cmd")).toBe("\"'\r=cmd\"");
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("Ma’had – Ⅱ")).toBe("Ma’had – Ⅱ");
  });

  it("writes numbers as numbers, negatives untouched, and null as empty", () => {
    expect(csvField(60_248_725_808)).toBe("60248725808");
    expect(csvField(-5)).toBe("-5");
    expect(csvField(1.2)).toBe("1.2");
    expect(csvField(0)).toBe("0");
    expect(csvField(null)).toBe("");
    expect(() => csvField(Number.NaN)).toThrow(/angka tidak sah/);
  });

  it("ends each record with CRLF", () => {
    expect(csvLine(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
    expect(csvHeader(RENJA_COLUMNS_V1).startsWith("Kode OPD,Nama OPD,Kode Bidang Urusan,")).toBe(true);
  });

  it("refuses a cell that does not fit its column's kind", () => {
    const row = RENJA_ROWS[0]!;
    expect(() => cellValues({ ...row, pagu: 1.5 }, RENJA_COLUMNS_V1)).toThrow('Kolom "Pagu (Rp)": nilai 1.5 bukan integer');
    expect(() => cellValues({ ...row, bidangCode: 1.03 as unknown as string }, RENJA_COLUMNS_V1)).toThrow(/Kode Bidang Urusan/);
    expect(() => cellValues({ ...row, volume: "500" as unknown as number }, RENJA_COLUMNS_V1)).toThrow(/Volume/);
  });
});

describe("Renja CSV file", () => {
  it("has stable, unique column keys and headers (version 1)", () => {
    expect(new Set(RENJA_COLUMNS_V1.map((c) => c.key)).size).toBe(RENJA_COLUMNS_V1.length);
    expect(new Set(RENJA_COLUMNS_V1.map((c) => c.header)).size).toBe(RENJA_COLUMNS_V1.length);
    expect(new Set(TD4_COLUMNS_V1.map((c) => c.header)).size).toBe(TD4_COLUMNS_V1.length);
    // Changing this list is a new export version (RENJA_COLUMNS_V2), never an edit of V1.
    expect(RENJA_COLUMNS_V1.map((c) => c.key)).toEqual([
      "agencyId", "agencyName", "bidangCode", "bidangName", "programCode", "programName", "kegiatanCode", "kegiatanName",
      "subActivityCode", "subActivityName", "indicator", "target", "unit", "districtCode", "districtName", "villageCode",
      "villageName", "volume", "volumeUnit", "pagu", "fundingSource", "districtRank", "villageRank", "proposalTrackingCodes",
      "forumDecisionRefs", "status", "statusLabel", "sourceStage", "sourceStageLabel",
    ]);
  });

  it("starts with the UTF-8 BOM bytes and encodes non-ASCII text as UTF-8", async () => {
    const bytes = await streamBytes(renjaCsvStream(pagesOf(HOSTILE, 2)));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("Jalan Ma’had – Tahap Ⅱ · Pekon Sukamaju (Ø 3 m), «Lampung» ꦲꦏ꧀ꦱꦫ");
    const plain = await streamText(renjaCsvStream(pagesOf(HOSTILE, 2), RENJA_COLUMNS_V1, { bom: false }));
    expect(plain.startsWith("Kode OPD,")).toBe(true);
  });

  it("reads back with the repo's parser and with papaparse: same cells, same totals", () => {
    const text = renjaCsv(HOSTILE);
    const expected = [...HOSTILE].sort(compareRenjaRows);
    const ours = parseCsvRecords(text, "renja.csv");
    const papa = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(papa.errors).toEqual([]);
    for (const records of [ours, papa.data]) {
      expect(records).toHaveLength(expected.length);
      records.forEach((record, index) => {
        const row = expected[index]!;
        expect(record["Indikator Keluaran"]).toBe(neutraliseFormula(row.indicator ?? ""));
        expect(record["Sumber Dana"]).toBe(neutraliseFormula(row.fundingSource ?? ""));
        expect(record["Kode Sub Kegiatan"]).toBe(row.subActivityCode);
        expect(record["Kode Bidang Urusan"]).toBe(row.bidangCode);
        expect(record["Kode Usulan"]).toBe(row.proposalTrackingCodes.join("; "));
        expect(Number(record["Target"])).toBe(row.target);
      });
      expect(records.reduce((sum, record) => sum + Number(record["Pagu (Rp)"]), 0)).toBe(paguSum(HOSTILE));
    }
    // The neutralised cells are text that starts with the quote mark, not formulas.
    expect(ours.map((r) => r["Indikator Keluaran"])).toContain("'=SUM(A1:A9)");
    expect(ours.map((r) => r["Sumber Dana"])).toContain("'+62 812-7788-9900");
    expect(ours.map((r) => r["Indikator Keluaran"])).toContain("Saluran baris 1\r\nbaris 2\nbaris 3");
  });

  it("has the same width on every line, header included", () => {
    const lines = parseCsv(renjaCsv(HOSTILE));
    expect(new Set(lines.map((cells) => cells.length))).toEqual(new Set([RENJA_COLUMNS_V3.length]));
  });

  it("streams the same bytes as the one-shot file, whatever the page size", async () => {
    const expected = new TextEncoder().encode(renjaCsv(HOSTILE));
    const rows = [...HOSTILE].sort(compareRenjaRows);
    for (const size of [1, 2, 5, 500]) {
      expect(await streamBytes(renjaCsvStream(pagesOf(rows, size)))).toEqual(expected);
    }
    async function* withEmptyPages() {
      yield [];
      yield rows.slice(0, 3);
      yield [];
      yield rows.slice(3);
    }
    expect(await streamBytes(renjaCsvStream(withEmptyPages()))).toEqual(expected);
    expect(await streamText(renjaCsvStream(pagesOf([], 10)))).toBe(CSV_BOM + csvHeader(RENJA_COLUMNS_V3));
  });

  it("pulls a page only when the reader wants more, and cancelling ends the page source", async () => {
    let pulled = 0;
    let closed = false;
    async function* pages() {
      try {
        for (let i = 0; i < 100; i++) {
          pulled++;
          yield sorted;
        }
      } finally {
        closed = true;
      }
    }
    const reader = renjaCsvStream(pages()).getReader();
    await reader.read(); // header
    await reader.read(); // first page
    await new Promise((resolve) => setTimeout(resolve, 10));
    // At most one page read ahead: the stream never drains the source on its own.
    expect(pulled).toBeLessThanOrEqual(2);
    await reader.cancel("client went away");
    expect(closed).toBe(true);
  });

  it("fails the stream on a bad row and still closes the page source", async () => {
    let closed = false;
    async function* pages() {
      try {
        yield sorted.slice(0, 2);
        yield [{ ...sorted[2]!, pagu: 10.5 }];
        yield sorted.slice(3);
      } finally {
        closed = true;
      }
    }
    await expect(streamText(renjaCsvStream(pages()))).rejects.toThrow(/Pagu \(Rp\)/);
    expect(closed).toBe(true);
  });
});

describe("Renja CSV: order, BOM and chunks", () => {
  it("sorts rows that arrive in any order", () => {
    const unsorted = [...sorted].reverse();
    expect(unsorted).not.toEqual(sorted);
    expect(renjaCsv(unsorted)).toBe(renjaCsv(sorted));
    expect(parseCsvRecords(renjaCsv(unsorted)).map((r) => `${r["Kode OPD"]} ${r["Kode Sub Kegiatan"]}`)).toEqual(sorted.map((r) => `${r.agencyId} ${r.subActivityCode}`));
  });

  it("writes the BOM unless asked not to, in every CSV writer", async () => {
    const td4Rows = [...RENJA_ROWS].sort(compareTd4);
    expect(renjaCsv(sorted).startsWith(`${CSV_BOM}Kode OPD,`)).toBe(true);
    expect(renjaCsv(sorted, RENJA_COLUMNS_V1, { bom: false }).startsWith("Kode OPD,")).toBe(true);
    expect(td4Csv(RENJA_ROWS).startsWith(`${CSV_BOM}Kode Kecamatan,`)).toBe(true);
    expect(td4Csv(RENJA_ROWS, TD4_COLUMNS_V1, { bom: false }).startsWith("Kode Kecamatan,")).toBe(true);
    expect((await streamText(td4CsvStream(pagesOf(td4Rows, 3)))).startsWith(`${CSV_BOM}Kode Kecamatan,`)).toBe(true);
    expect(await streamText(td4CsvStream(pagesOf(td4Rows, 3), TD4_COLUMNS_V1, { bom: false }))).toBe(td4Csv(RENJA_ROWS, TD4_COLUMNS_V1, { bom: false }));
    expect(CSV_CONTENT_TYPE).toBe("text/csv; charset=utf-8");
  });

  it("never sends an empty chunk, even for empty pages", async () => {
    async function* pages() {
      yield [];
      yield sorted.slice(0, 2);
      yield [];
      yield [];
      yield sorted.slice(2);
    }
    const reader = renjaCsvStream(pages()).getReader();
    const sizes: number[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) sizes.push(next.value.length);
    expect(sizes).toHaveLength(3); // header, then the two pages that have rows
    expect(sizes.every((size) => size > 0)).toBe(true);
  });

  /** A page source that is a bare async iterator, without `return` (not every source is a generator). */
  function bareSource(pages: readonly (readonly RenjaRow[])[]) {
    let index = 0;
    const asked = { next: 0 };
    const iterable: AsyncIterable<readonly RenjaRow[]> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          asked.next++;
          return index < pages.length ? { done: false, value: pages[index++]! } : { done: true, value: undefined };
        },
      }),
    };
    return { iterable, asked };
  }

  it("reports a bad row of a source without return() as the row's error", async () => {
    const { iterable } = bareSource([sorted.slice(0, 1), [{ ...sorted[1]!, pagu: 10.5 }]]);
    await expect(streamText(renjaCsvStream(iterable))).rejects.toThrow(/Pagu \(Rp\)/);
  });

  it("cancels cleanly before any page is read, and with a source without return()", async () => {
    const early = bareSource([sorted]);
    const unread = renjaCsvStream(early.iterable).getReader();
    await new Promise((resolve) => setTimeout(resolve, 10)); // the header is queued; no page is asked for yet
    await expect(unread.cancel("client went away")).resolves.toBeUndefined();
    expect(early.asked.next).toBe(0);
    const late = renjaCsvStream(bareSource([sorted, sorted, sorted]).iterable).getReader();
    await late.read();
    await late.read();
    await expect(late.cancel("client went away")).resolves.toBeUndefined();
  });
});

describe("T-D.4 CSV", () => {
  it("streams the same bytes as the one-shot table from rows sorted for T-D.4", async () => {
    const rows = [...RENJA_ROWS].sort(compareTd4);
    const expected = td4Csv(RENJA_ROWS);
    for (const size of [1, 3, 500]) expect(await streamText(td4CsvStream(pagesOf(rows, size)))).toBe(expected);
    const records = parseCsvRecords(expected);
    expect(records.map((r) => [r["Kecamatan"], r["No"], r["Prioritas Kecamatan"]])).toEqual([
      ["Natar", "1", "1"],
      ["Natar", "2", "2"],
      ["Kalianda", "1", "1"],
      ["Kalianda", "2", "2"],
      ["Kalianda", "3", "3"],
      ["Kalianda", "4", "4"],
      ["Kalianda", "5", ""],
    ]);
    expect(records.reduce((sum, r) => sum + Number(r["Pagu (Rp)"]), 0)).toBe(paguSum(RENJA_ROWS));
  });

  it("fails rather than number rows that are not in T-D.4 order", async () => {
    await expect(streamText(td4CsvStream(pagesOf(sorted, 2)))).rejects.toThrow(/T-D.4: baris tidak berurutan/);
  });
});
