import { describe, expect, it } from "vitest";
import type { RenjaRow } from "../../shared/renja/row.ts";
import { compareRenjaRows } from "../../shared/renja/row.ts";
import { compareTd4 } from "../../shared/renja/td4.ts";
import { renjaXlsx } from "../../shared/renja/xlsx.ts";
import { sheetNames } from "../../shared/renja/workbook.ts";
import { rowLines, type LayoutRow } from "../../shared/renja/layout.ts";
import { renjaXlsxFromRows, renjaXlsxStream } from "../../shared/renja/xlsx-stream.ts";
import { RENJA_ROWS, pagesOf, paguSum, streamBytes } from "./fixtures.ts";
import { text, unzip } from "./zip.ts";

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[name]!);

type Value = string | number;

/** Sheets by name, each as rows of cell values: shared strings resolved, numbers as numbers. */
async function readWorkbook(bytes: Uint8Array): Promise<Map<string, Value[][]>> {
  const files = await unzip(bytes);
  const shared = [...text(files.get("xl/sharedStrings.xml") ?? new Uint8Array()).matchAll(/<si>(.*?)<\/si>/gs)].map((m) => unescapeXml(m[1]!.replace(/<[^>]+>/g, "")));
  const rels = new Map(
    [...text(files.get("xl/_rels/workbook.xml.rels")).matchAll(/<Relationship [^>]*?Id="(\w+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  const sheets = new Map<string, Value[][]>();
  for (const m of text(files.get("xl/workbook.xml")).matchAll(/<sheet ([^>]*)\/>/g)) {
    const name = unescapeXml(/name="([^"]*)"/.exec(m[1]!)![1]!);
    const target = rels.get(/r:id="(\w+)"/.exec(m[1]!)![1]!)!;
    const xml = text(files.get(`xl/${target.replace(/^\/?xl\//, "")}`));
    const rows: Value[][] = [];
    for (const row of xml.matchAll(/<row ([^>]*?)(?:\/>|>(.*?)<\/row>)/gs)) {
      const cells: Value[] = [];
      // A cell's `r` is optional: without it, a cell sits in the column after the previous one.
      let column = -1;
      for (const c of (row[2] ?? "").matchAll(/<c(?=[\s/>])([^>]*?)(?:\/>|>(.*?)<\/c>)/g)) {
        const attributes = c[1]!;
        const ref = /\br="([A-Z]+)\d+"/.exec(attributes)?.[1];
        column = ref ? [...ref].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : column + 1;
        const inner = c[2] ?? "";
        const v = /<v>(.*?)<\/v>/.exec(inner)?.[1];
        if (/t="inlineStr"/.test(attributes)) cells[column] = unescapeXml(/<t[^>]*>(.*?)<\/t>/s.exec(inner)![1]!);
        else if (v !== undefined) cells[column] = /t="s"/.test(attributes) ? shared[Number(v)]! : Number(v);
      }
      // A writer may leave an empty row out: its number says where a row belongs.
      const number = /\br="(\d+)"/.exec(row[1]!)?.[1];
      if (number) while (rows.length < Number(number) - 1) rows.push([]);
      rows.push(cells);
    }
    sheets.set(name, rows);
  }
  return sheets;
}

/** Both writers must produce the same workbook content: write-excel-file (in memory) and the streaming one. */
const WRITERS: [string, typeof renjaXlsx][] = [
  ["write-excel-file", renjaXlsx],
  ["streaming writer", renjaXlsxFromRows],
];

const OPTIONS = { regencyName: "Kabupaten Lampung Selatan", year: 2027 };
const PAGU = 6; // Pagu Indikatif column of the agency sheet
const isSubCode = (v: Value | undefined) => typeof v === "string" && /^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$/.test(v);

describe.each(WRITERS)("Renja XLSX (%s)", (_, renjaXlsx) => {
  it("is a zip holding the summary, one sheet per agency and T-D.4", async () => {
    const bytes = await renjaXlsx(RENJA_ROWS, { ...OPTIONS, notes: [["Tahun", 2027], ["Dibuat oleh", "admin.bappeda"]] });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe("PK");
    const files = await unzip(bytes);
    expect(files.has("[Content_Types].xml")).toBe(true);
    const sheets = await readWorkbook(bytes);
    expect([...sheets.keys()]).toEqual(["Ringkasan", "DINKES", "PUPR", "T-D.4"]);
    expect(sheets.get("Ringkasan")!.slice(-2)).toEqual([
      [undefined, undefined, "Tahun", 2027],
      [undefined, undefined, "Dibuat oleh", "admin.bappeda"],
    ]);
  });

  it("sums per agency in the summary, numbers as numbers and codes as text", async () => {
    const summary = (await readWorkbook(await renjaXlsx(RENJA_ROWS, OPTIONS))).get("Ringkasan")!;
    expect(summary[0]).toEqual(["REKAPITULASI RENJA PERANGKAT DAERAH TAHUN 2027"]);
    expect(summary[1]).toEqual(["KABUPATEN LAMPUNG SELATAN"]);
    expect(summary[3]).toEqual(["No", "Kode OPD", "Perangkat Daerah", "Lembar", "Jumlah Kegiatan", "Pagu (Rp)"]);
    expect(summary[4]).toEqual([1, "18.01-dinkes", "Dinas Kesehatan", "DINKES", 1, 450_000_000]);
    expect(summary[5]!.slice(4)).toEqual([6, paguSum(RENJA_ROWS) - 450_000_000]);
    expect(summary[6]!.slice(2)).toEqual(["Jumlah", undefined, 7, paguSum(RENJA_ROWS)]);
  });

  it("lays each agency out as the Renja form: one row per sub-kegiatan with its locations beneath, subtotals adding up at every level", async () => {
    const pupr = (await readWorkbook(await renjaXlsx(RENJA_ROWS, OPTIONS))).get("PUPR")!;
    expect(pupr[0]![0]).toBe("RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN 2027 DAN PRAKIRAAN MAJU TAHUN 2028");
    expect(pupr[2]![0]).toBe("Perangkat Daerah: Dinas Pekerjaan Umum dan Penataan Ruang");
    expect(pupr[4]!.slice(0, 4)).toEqual(["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Rencana Tahun 2027"]);
    expect(pupr[5]!.slice(3, 8)).toEqual(["Lokasi", "Target", "Satuan", "Pagu Indikatif (Rp)", "Sumber Dana"]);
    const body = pupr.slice(6);
    const puprRows = RENJA_ROWS.filter((r) => r.agencyId === "18.01-pupr");
    const items = body.filter((r) => isSubCode(r[0]));
    expect(items.map((r) => r[0])).toEqual([...new Set([...puprRows].sort(compareRenjaRows).map((r) => r.subActivityCode))]);
    const locations = body.filter((r) => r[0] === undefined && typeof r[1] === "string" && r[1].startsWith("Volume usulan"));
    expect(locations).toHaveLength(puprRows.length);
    const total = paguSum(puprRows);
    expect(items.reduce((s, r) => s + Number(r[PAGU]), 0)).toBe(total);
    expect(locations.reduce((s, r) => s + Number(r[PAGU]), 0)).toBe(total);
    for (const level of ["Program", "Kegiatan", "Bidang Urusan"]) {
      const subtotals = body.filter((r) => typeof r[1] === "string" && r[1].startsWith(`Jumlah ${level} `));
      expect(subtotals.length).toBeGreaterThan(0);
      expect(subtotals.reduce((s, r) => s + Number(r[PAGU]), 0)).toBe(total);
    }
    expect(body.at(-1)!.slice(1, 7)).toEqual(["Jumlah Perangkat Daerah Dinas Pekerjaan Umum dan Penataan Ruang", undefined, undefined, undefined, undefined, total]);
    // The target is in the indicator's unit and the village's volume is shown as asked, never mixed.
    const road = puprRows.find((r) => r.target !== null && r.volumeUnit !== r.unit)!;
    const row = locations.find((r) => r[PAGU] === road.pagu)!;
    expect([row[1], row[4], row[5]]).toEqual([`Volume usulan: ${road.volume.toLocaleString("id-ID")} ${road.volumeUnit}`, road.target, road.unit]);
  });

  it("groups T-D.4 per kecamatan in priority order, with a heading and a total each", async () => {
    const td4 = (await readWorkbook(await renjaXlsx(RENJA_ROWS, OPTIONS))).get("T-D.4")!;
    expect(td4[0]).toEqual(["Tabel T-D.4. Daftar Urutan Kegiatan Prioritas Kecamatan berdasar Perangkat Daerah"]);
    expect(td4[3]).toEqual(["No", "Prioritas Daerah", "Sasaran Daerah", "Program Prioritas", "Kegiatan Prioritas", "Sasaran Kegiatan", "Lokasi (Desa/Kel)", "Volume", undefined, "Pagu (Rp)", "Perangkat Daerah Penanggung Jawab"]);
    const body = td4.slice(5);
    const shape = body.map((r) => (typeof r[0] === "number" ? r[0] : (r[0] ?? r[1])));
    expect(shape).toEqual(["Kecamatan Natar (18.01.04)", 1, 2, "Jumlah Kecamatan Natar", "Kecamatan Kalianda (18.01.06)", 1, 2, 3, 4, 5, "Jumlah Kecamatan Kalianda", "Jumlah Seluruh Kecamatan"]);
    const sum = (district: string) => paguSum(RENJA_ROWS.filter((r) => r.districtName === district));
    expect(body[3]![9]).toBe(sum("Natar"));
    expect(body[10]![9]).toBe(sum("Kalianda"));
    expect(body[11]![9]).toBe(paguSum(RENJA_ROWS));
  });

  it("keeps formula-looking text as text: an XLSX string cell is never a formula", async () => {
    const bytes = await renjaXlsx([{ ...RENJA_ROWS[0]!, indicator: "=SUM(A1)", fundingSource: "+62 812" }]);
    const files = await unzip(bytes);
    const sheet = [...files.entries()].filter(([name]) => name.startsWith("xl/worksheets/sheet")).map(([, b]) => text(b)).join("");
    expect(sheet).not.toContain("<f>");
    const sheets = await readWorkbook(bytes);
    expect(sheets.get("PUPR")!.flat()).toContain("=SUM(A1)");
  });

  it("writes a workbook for no rows", async () => {
    const sheets = await readWorkbook(await renjaXlsx([]));
    expect([...sheets.keys()]).toEqual(["Ringkasan", "T-D.4"]);
  });
});

describe("printing the streamed XLSX", () => {
  it("prints A4 landscape one page wide, repeats the header rows, and borders and formats its cells", async () => {
    const files = await unzip(await renjaXlsxFromRows(RENJA_ROWS, OPTIONS));
    const sheet = text(files.get("xl/worksheets/sheet2.xml"));
    expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(sheet).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(text(files.get("xl/workbook.xml"))).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'DINKES'!$5:$6</definedName>`);
    const styles = text(files.get("xl/styles.xml"));
    expect(styles).toContain('formatCode="#,##0"');
    expect(styles).toContain('<left style="thin">');
  });
});

describe("row heights for wrapped text", () => {
  const item = (...values: string[]): LayoutRow => ({ style: "item", cells: values.map((value) => ({ value, kind: "text" as const })) });
  it("counts the lines the longest text of a row wraps to in its column, words whole, capitals wider", () => {
    expect(rowLines(item("Dinas Kesehatan"), [46])).toBe(1);
    expect(rowLines(item("URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG"), [46])).toBe(2);
    expect(rowLines(item("Pembangunan Sistem Drainase Lingkungan", "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM DRAINASE"), [46, 20])).toBe(6);
    expect(rowLines(item("x".repeat(100)), [26])).toBe(5);
  });
  it("leaves titles, notes, codes and numbers on one line, and a spanned header uses every column it spans", () => {
    expect(rowLines({ style: "title", cells: [{ value: "R".repeat(300), kind: "text", span: 11 }] }, [10])).toBe(1);
    expect(rowLines({ style: "item", cells: [{ value: "1.03.06.2.01.0012", kind: "code" }, { value: 90_000_000, kind: "rupiah" }] }, [5, 5])).toBe(1);
    expect(rowLines({ style: "header", cells: [{ value: "Rencana Tahun 2027", kind: "text", span: 2 }, { value: null }] }, [12, 12])).toBe(1);
  });
  it("gives the sheet's rows their height, so LibreOffice does not print long names over the row below", async () => {
    const files = await unzip(await renjaXlsxFromRows(RENJA_ROWS, OPTIONS));
    const sheet = text(files.get("xl/worksheets/sheet2.xml"));
    expect(sheet).toMatch(/<row r="\d+" ht="(27.5|40.25|53)" customHeight="1">/);
  });
  it("writes T-D.4's kecamatan headings across the table, not wrapped in the narrow No column", async () => {
    const files = await unzip(await renjaXlsxFromRows(RENJA_ROWS, OPTIONS));
    // T-D.4 is the last sheet.
    const sheets = [...files.keys()].filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    const td4 = text(files.get(`xl/worksheets/sheet${sheets.length}.xml`));
    const headings = [...td4.matchAll(/<mergeCell ref="A(\d+):K\1"\/>/g)].map((m) => Number(m[1])).filter((row) => row > 5);
    expect(headings.length).toBeGreaterThan(0);
  });
});

describe("streamed XLSX", () => {
  it("keeps a row's own text (notes, proposed volume, T-D.4 target) out of the shared-string table, which is for text that repeats", async () => {
    // A full table of one-off notes pushed every later repeat inline: T-D.4 at 100k rows was 75 MB of XML, 3.6 s.
    const files = await unzip(await renjaXlsxFromRows(RENJA_ROWS, OPTIONS));
    const shared = text(files.get("xl/sharedStrings.xml"));
    expect(shared).not.toContain("USL-2027-");
    expect(shared).not.toContain("Volume usulan");
    expect(shared).toContain(RENJA_ROWS[0]!.agencyName);
    const sheets = await readWorkbook(await renjaXlsxFromRows(RENJA_ROWS, OPTIONS));
    expect([...sheets.values()].flat(2).some((v) => typeof v === "string" && v.includes("Usulan USL-2027-7K3QX9"))).toBe(true);
  });

  it("writes the same cells whatever the page size, and the zip entries check out (CRC, sizes)", async () => {
    const byAgency = [...RENJA_ROWS].sort(compareRenjaRows);
    const byTd4 = [...RENJA_ROWS].sort(compareTd4);
    const at = new Date("2026-11-23T02:00:00Z");
    const reference = await readWorkbook(await renjaXlsxFromRows(RENJA_ROWS, { ...OPTIONS, modifiedAt: at }));
    for (const size of [1, 2, 5]) {
      const bytes = await streamBytes(renjaXlsxStream(pagesOf(byAgency, size), pagesOf(byTd4, size), { ...OPTIONS, modifiedAt: at }));
      expect(await readWorkbook(bytes)).toEqual(reference);
      expect(await zipEntriesCheck(bytes)).toBe(true);
    }
  });

  it("stops reading pages when the reader cancels mid-file", async () => {
    const row = [...RENJA_ROWS].sort(compareRenjaRows)[1]!;
    let pulled = 0;
    let closed = false;
    async function* endless() {
      try {
        // One agency forever, each page different (deflate only emits output every few kilobytes) and a sub-kegiatan
        // of its own: the Renja form writes a sub-kegiatan's row after its last location, so one endless
        // sub-kegiatan would never give the reader a byte.
        for (;;) {
          pulled++;
          const subActivityCode = `${row.subActivityCode.slice(0, -4)}${String(pulled % 10_000).padStart(4, "0")}`;
          yield Array.from({ length: 50 }, (_, i) => ({ ...row, subActivityCode, pagu: pulled * 1000 + i, proposalTrackingCodes: [`USL-${pulled}-${i}-${Math.random()}`] }));
        }
      } finally {
        closed = true;
      }
    }
    const reader = renjaXlsxStream(endless(), pagesOf([], 1)).getReader();
    // Past the small parts that come first, into the agency sheet.
    while (pulled < 3) await reader.read();
    await reader.read();
    await reader.cancel("client went away");
    expect(closed).toBe(true);
    const atCancel = pulled;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulled).toBe(atCancel);
  });

  it("fails when an agency's rows come back after another agency started", async () => {
    const byAgency = [...RENJA_ROWS].sort(compareRenjaRows);
    const broken: RenjaRow[] = [...byAgency.slice(1, 3), byAgency[0]!, ...byAgency.slice(3)];
    await expect(streamBytes(renjaXlsxStream(pagesOf(broken, 2), pagesOf([], 1)))).rejects.toThrow(/tidak berurutan/);
  });
});

/** Every entry's CRC-32 and size in the central directory match its inflated bytes. */
async function zipEntriesCheck(bytes: Uint8Array): Promise<boolean> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = await unzip(bytes);
  let offset = view.getUint32(bytes.length - 22 + 16, true);
  for (let i = 0; i < files.size; i++) {
    const crc = view.getUint32(offset + 16, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const data = files.get(name)!;
    if (data.length !== size || crc32(data) !== crc) return false;
    offset += 46 + nameLength;
  }
  return true;
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

describe("sheet names", () => {
  it("fits Excel's rules: 31 characters, no []:*?/\\, no edge apostrophes, unique ignoring case, not History", () => {
    expect(
      sheetNames(
        ["PUPR", "pupr", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DKP/PERIKANAN", "[BPBD]*?:", "'SATPOL'", "History", "ringkasan", "", "T-D.4"],
        ["Ringkasan", "T-D.4"],
      ),
    ).toEqual([
      "PUPR",
      "pupr (2)",
      "Dinas Pemberdayaan Perempuan da",
      "DKP-PERIKANAN",
      "-BPBD----",
      "SATPOL",
      "History OPD",
      "ringkasan (2)",
      "OPD",
      "T-D.4 (2)",
    ]);
    const long = sheetNames(Array(12).fill("Dinas Pemberdayaan Masyarakat dan Desa"));
    expect(new Set(long).size).toBe(12);
    expect(long.every((name) => name.length <= 31)).toBe(true);
    expect(long[11]).toBe("Dinas Pemberdayaan Masyara (12)");
  });
});
