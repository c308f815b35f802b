/**
 * The printed layout of the Renja workbook, as rows of cells both XLSX writers (and the T-D.4 PDF) draw: title
 * rows, the header rows the printer repeats, headings, items and subtotals, each row with a style.
 *
 * The agency sheet follows Permendagri 86/2017's Renja Perangkat Daerah form: Kode, Urusan/Bidang Urusan/Program/
 * Kegiatan/Sub Kegiatan, Indikator Kinerja, then "Rencana Tahun n" (Lokasi, Target, Satuan, Pagu Indikatif, Sumber
 * Dana), Catatan Penting and "Prakiraan Maju Tahun n+1" (Target, Pagu). One row per sub-kegiatan with its
 * locations beneath, and a subtotal after each kegiatan, program and bidang urusan and for the agency. The
 * layouts take rows one at a time in export order and hold at most one sub-kegiatan's locations.
 */
import type { RenjaRow, Td4Row } from "./row.ts";
import { LIST_SEPARATOR } from "./row.ts";

export type CellKind = "text" | "code" | "number" | "rupiah";
export type RowStyle = "title" | "subtitle" | "header" | "heading" | "item" | "normal" | "subtotal" | "note";

export interface LayoutCell {
  value: string | number | null;
  kind?: CellKind;
  /** Columns this cell spans (merged): title and header rows, and T-D.4's kecamatan headings. */
  span?: number;
  /**
   * Text of one row alone (its notes, its proposed volume): the XLSX writes it in place instead of in the shared-
   * string table, which has a ceiling and is better spent on text that repeats (names, codes, places).
   */
  unique?: true;
}

export interface LayoutRow {
  style: RowStyle;
  cells: LayoutCell[];
}

export interface SheetMeta {
  regencyName: string;
  year: number;
}

export interface SheetLayout<Row> {
  /** Column widths in characters. */
  widths: readonly number[];
  /** The 1-based rows the printer repeats on every page (the table's header). */
  printTitles: readonly [number, number];
  /** Title and header rows. */
  head: LayoutRow[];
  push(row: Row): LayoutRow[];
  end(): LayoutRow[];
}

const text = (value: string | null): LayoutCell => ({ value: value || null, kind: "text" });
const uniqueText = (value: string | null): LayoutCell => ({ value: value || null, kind: "text", unique: true });
const code = (value: string | null): LayoutCell => ({ value: value || null, kind: "code" });
const num = (value: number | null): LayoutCell => ({ value, kind: "number" });
const rupiah = (value: number | null): LayoutCell => ({ value, kind: "rupiah" });
const empty: LayoutCell = { value: null };
const blank = (n: number) => Array.from({ length: n }, () => empty);

/** Sum of values when every one is known, else null (a sum of some would read as the whole). */
function sumKnown(values: readonly (number | null)[]): number | null {
  if (values.length === 0 || values.some((v) => v === null)) return null;
  return Math.round(values.reduce((s: number, v) => s + v!, 0) * 1e6) / 1e6;
}

const AGENCY_WIDTHS = [19, 46, 34, 26, 10, 12, 17, 16, 34, 10, 17] as const;

/** One agency's Renja sheet. */
export function agencySheetLayout(meta: SheetMeta & { agencyName: string }): SheetLayout<RenjaRow> {
  const n = meta.year;
  const head: LayoutRow[] = [
    { style: "title", cells: [{ value: `RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN ${n} DAN PRAKIRAAN MAJU TAHUN ${n + 1}`, kind: "text", span: 11 }] },
    { style: "subtitle", cells: [{ value: meta.regencyName.toUpperCase(), kind: "text", span: 11 }] },
    { style: "subtitle", cells: [{ value: `Perangkat Daerah: ${meta.agencyName}`, kind: "text", span: 11 }] },
    { style: "note", cells: [] },
    {
      style: "header",
      cells: [text("Kode"), text("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan"), text("Indikator Kinerja"), { value: `Rencana Tahun ${n}`, kind: "text", span: 5 }, ...blank(4), text("Catatan Penting"), { value: `Prakiraan Maju Rencana Tahun ${n + 1}`, kind: "text", span: 2 }, empty],
    },
    { style: "header", cells: [empty, empty, empty, text("Lokasi"), text("Target"), text("Satuan"), text("Pagu Indikatif (Rp)"), text("Sumber Dana"), empty, text("Target"), text("Pagu Indikatif (Rp)")] },
  ];
  type Totals = { key: string; code: string; name: string; pagu: number; nextPagu: number | null };
  const open: Totals[] = [];
  const levels: { label: string; key: (r: RenjaRow) => string; code: (r: RenjaRow) => string; name: (r: RenjaRow) => string }[] = [
    { label: "Bidang Urusan", key: (r) => r.bidangCode, code: (r) => r.bidangCode, name: (r) => r.bidangName },
    { label: "Program", key: (r) => r.programCode, code: (r) => r.programCode, name: (r) => r.programName },
    { label: "Kegiatan", key: (r) => r.kegiatanCode, code: (r) => r.kegiatanCode, name: (r) => r.kegiatanName },
  ];
  const agency: Totals = { key: "", code: "", name: meta.agencyName, pagu: 0, nextPagu: null };
  let sub: RenjaRow[] = [];

  const addNext = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
  const subtotal = (label: string, t: Totals): LayoutRow => ({ style: "subtotal", cells: [code(t.code), text(`Jumlah ${label} ${t.name}`), ...blank(4), rupiah(t.pagu), ...blank(3), rupiah(t.nextPagu)] });

  function flushSub(): LayoutRow[] {
    if (sub.length === 0) return [];
    const first = sub[0]!;
    const pagu = sub.reduce((s, r) => s + r.pagu, 0);
    const nextPagu = sub.reduce<number | null>((s, r) => addNext(s, r.nextYearPagu), null);
    for (const t of [agency, ...open]) {
      t.pagu += pagu;
      t.nextPagu = addNext(t.nextPagu, nextPagu);
    }
    const sources = [...new Set(sub.map((r) => r.fundingSource).filter((s): s is string => !!s))].join(", ");
    const place = sub.length === 1 ? location(first) : `${sub.length} lokasi`;
    const rows: LayoutRow[] = [
      {
        style: "item",
        cells: [code(first.subActivityCode), text(first.subActivityName), text(first.indicator), text(place), num(sumKnown(sub.map((r) => r.target))), text(first.unit), rupiah(pagu), text(sources), empty, num(sub.some((r) => r.nextYearTarget !== null) ? sub.reduce((s, r) => s + (r.nextYearTarget ?? 0), 0) : null), rupiah(nextPagu)],
      },
      ...sub.map((r): LayoutRow => ({
        style: "normal",
        cells: [empty, uniqueText(r.volumeUnit ? `Volume usulan: ${formatAmount(r.volume)} ${r.volumeUnit}` : `Volume usulan: ${formatAmount(r.volume)}`), empty, text(location(r)), num(r.target), text(r.unit), rupiah(r.pagu), text(r.fundingSource), uniqueText(notesOf(r)), num(r.nextYearTarget), rupiah(r.nextYearPagu)],
      })),
    ];
    sub = [];
    return rows;
  }

  return {
    widths: AGENCY_WIDTHS,
    printTitles: [5, 6],
    head,
    push(row) {
      const out: LayoutRow[] = [];
      if (sub.length > 0 && sub[0]!.subActivityCode !== row.subActivityCode) out.push(...flushSub());
      let depth = 0;
      while (depth < open.length && open[depth]!.key === levels[depth]!.key(row)) depth++;
      if (depth < levels.length) {
        out.push(...flushSub());
        while (open.length > depth) out.push(subtotal(levels[open.length - 1]!.label, open.pop()!));
        for (let level = depth; level < levels.length; level++) {
          const l = levels[level]!;
          open.push({ key: l.key(row), code: l.code(row), name: l.name(row), pagu: 0, nextPagu: null });
          out.push({ style: "heading", cells: [code(l.code(row)), text(l.name(row)), ...blank(9)] });
        }
      }
      sub.push(row);
      return out;
    },
    end() {
      const out = flushSub();
      while (open.length > 0) out.push(subtotal(levels[open.length - 1]!.label, open.pop()!));
      out.push({ style: "subtotal", cells: [empty, text(`Jumlah Perangkat Daerah ${meta.agencyName}`), ...blank(4), rupiah(agency.pagu), ...blank(3), rupiah(agency.nextPagu)] });
      return out;
    },
  };
}

/** Decimals as Indonesian writes them: 0,3; 1.250. By hand: toLocaleString costs more than the rest of a row. */
export function formatAmount(n: number): string {
  const [whole, fraction] = String(Math.abs(Math.round(n * 1e6) / 1e6)).split(".");
  const grouped = whole!.length > 3 ? whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ".") : whole!;
  return `${n < 0 ? "-" : ""}${grouped}${fraction ? `,${fraction}` : ""}`;
}

const location = (r: RenjaRow) => (r.villageName ? `${r.villageName}, Kec. ${r.districtName}` : `Kec. ${r.districtName}`);

/** Catatan penting: the note, then the village proposals and the forum decisions it came from. */
function notesOf(r: RenjaRow): string | null {
  const parts = [r.notes, r.proposalTrackingCodes.length ? `Usulan ${r.proposalTrackingCodes.join(LIST_SEPARATOR)}` : null, ...r.forumDecisionRefs];
  return parts.filter((p) => !!p).join(LIST_SEPARATOR) || null;
}

const TD4_WIDTHS = [6, 26, 28, 34, 34, 34, 24, 10, 12, 17, 34] as const;

export const TD4_TITLE = "Tabel T-D.4. Daftar Urutan Kegiatan Prioritas Kecamatan berdasar Perangkat Daerah";

/** Permendagri 86/2017 table T-D.4: per kecamatan a heading, its activities in priority order, its total. */
export function td4SheetLayout(meta: SheetMeta): SheetLayout<Td4Row> {
  const head: LayoutRow[] = [
    { style: "title", cells: [{ value: TD4_TITLE, kind: "text", span: 11 }] },
    { style: "subtitle", cells: [{ value: `${meta.regencyName.toUpperCase()} TAHUN ${meta.year}`, kind: "text", span: 11 }] },
    { style: "note", cells: [] },
    { style: "header", cells: [text("No"), text("Prioritas Daerah"), text("Sasaran Daerah"), text("Program Prioritas"), text("Kegiatan Prioritas"), text("Sasaran Kegiatan"), text("Lokasi (Desa/Kel)"), { value: "Volume", kind: "text", span: 2 }, empty, text("Pagu (Rp)"), text("Perangkat Daerah Penanggung Jawab")] },
    { style: "header", cells: ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "", "(9)", "(10)"].map((v) => text(v)) },
  ];
  let district: { code: string; name: string; pagu: number } | undefined;
  let total = 0;
  const close = (): LayoutRow[] => (district ? [{ style: "subtotal", cells: [empty, text(`Jumlah Kecamatan ${district.name}`), ...blank(7), rupiah(district.pagu), empty] }] : []);
  return {
    widths: TD4_WIDTHS,
    printTitles: [4, 5],
    head,
    push(row) {
      const out: LayoutRow[] = [];
      if (district?.code !== row.districtCode) {
        out.push(...close());
        district = { code: row.districtCode, name: row.districtName, pagu: 0 };
        // Across the table: in the narrow "No" column the name would wrap a letter group a line.
        out.push({ style: "heading", cells: [{ value: `Kecamatan ${row.districtName} (${row.districtCode})`, kind: "text", span: 11 }, ...blank(10)] });
      }
      district.pagu += row.pagu;
      total += row.pagu;
      const p = row.regionalPriority;
      out.push({
        style: "normal",
        cells: [num(row.number), text(p ? `${p.code}. ${p.name}` : "-"), text(p?.target ?? "-"), text(`${row.programCode} ${row.programName}`), text(`${row.subActivityCode} ${row.subActivityName}`), uniqueText(row.activityTarget), text(row.location), num(row.volume), text(row.volumeUnit), rupiah(row.pagu), text(row.agencyName)],
      });
      return out;
    },
    end() {
      return [...close(), { style: "subtotal", cells: [empty, text("Jumlah Seluruh Kecamatan"), ...blank(7), rupiah(total), empty] }];
    },
  };
}

export interface AgencySummary {
  agencyId: string;
  agencyShortName: string;
  agencyName: string;
  rowCount: number;
  paguTotal: number;
}

/** The summary sheet: per agency its sheet, activity count and pagu, the total, and the export's notes. */
export function summaryRows(meta: SheetMeta, summaries: readonly AgencySummary[], sheetByAgency: ReadonlyMap<string, string>, notes: readonly (readonly [string, string | number])[] = []): { widths: number[]; printTitles: [number, number]; rows: LayoutRow[] } {
  const rows: LayoutRow[] = [
    { style: "title", cells: [{ value: `REKAPITULASI RENJA PERANGKAT DAERAH TAHUN ${meta.year}`, kind: "text", span: 6 }] },
    { style: "subtitle", cells: [{ value: meta.regencyName.toUpperCase(), kind: "text", span: 6 }] },
    { style: "note", cells: [] },
    { style: "header", cells: ["No", "Kode OPD", "Perangkat Daerah", "Lembar", "Jumlah Kegiatan", "Pagu (Rp)"].map((v) => text(v)) },
  ];
  let count = 0;
  let pagu = 0;
  summaries.forEach((s, i) => {
    rows.push({ style: "normal", cells: [num(i + 1), code(s.agencyId), text(s.agencyName), text(sheetByAgency.get(s.agencyId) ?? null), num(s.rowCount), rupiah(s.paguTotal)] });
    count += s.rowCount;
    pagu += s.paguTotal;
  });
  rows.push({ style: "subtotal", cells: [empty, empty, text("Jumlah"), empty, num(count), rupiah(pagu)] });
  if (notes.length) {
    rows.push({ style: "note", cells: [] });
    for (const [label, value] of notes) rows.push({ style: "note", cells: [empty, empty, text(label), typeof value === "number" ? num(value) : text(value)] });
  }
  return { widths: [5, 16, 48, 16, 16, 20], printTitles: [4, 4], rows };
}

/** Points per line of Arial 10 and the cell's padding: what a spreadsheet gives one line of the body font. */
export const LINE_HEIGHT_PT = 12.75;

/**
 * The lines a row needs when its text wraps in its columns. LibreOffice does not size rows to wrapped text when it
 * opens a workbook (Excel does), so without a height a long program name runs over the row below it. Column widths
 * are in widths of "0"; capitals are wider and bold wider still, and words wrap whole. Errs long: a row a line too
 * tall prints fine, one too short hides text.
 */
export function rowLines(row: LayoutRow, widths: readonly number[]): number {
  if (row.style === "title" || row.style === "subtitle" || row.style === "note") return 1;
  const bold = row.style !== "normal";
  let lines = 1;
  for (let column = 0; column < row.cells.length; column++) {
    const cell = row.cells[column]!;
    if (typeof cell.value !== "string" || (cell.kind !== undefined && cell.kind !== "text")) continue;
    let room = -1;
    for (let i = column; i < column + (cell.span ?? 1); i++) room += widths[i] ?? 0;
    // Short text fits even in capitals.
    if (cell.value.length * 1.4 > room) lines = Math.max(lines, wrappedLines(cell.value, Math.max(1, room), bold));
  }
  return lines;
}

/** Greedy word wrap in one pass over the characters (the export writes 100k rows: no splitting, no allocation). */
function wrappedLines(text: string, room: number, bold: boolean): number {
  const scale = bold ? 1.1 : 1;
  const space = 0.95 * scale;
  let lines = 1;
  let used = 0; // width of the line so far, with the space after its last word
  let word = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c !== 32 && c !== 10 && c !== 9) {
      word += (c >= 65 && c <= 90 ? 1.25 : 0.95) * scale;
      continue;
    }
    if (word === 0) continue;
    if (used > 0 && used + word > room) {
      lines++;
      used = 0;
    }
    // A word longer than the column breaks across lines.
    while (word > room) {
      lines++;
      word -= room;
    }
    used += word + space;
    word = 0;
  }
  return lines;
}
