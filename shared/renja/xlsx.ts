/**
 * The Renja export as an XLSX workbook built with write-excel-file: "Ringkasan" (per agency count and pagu, grand
 * total), one sheet per agency with the Renja columns, and "T-D.4". Numbers are stored as numbers and codes as
 * text (so "2.10" stays "2.10", not 2.1).
 *
 * It runs in workerd (write-excel-file/node needs nodejs_compat: node:stream, node:buffer, node:fs imported but
 * unused here), but it builds the whole workbook in memory and deflates in JavaScript: measured at several seconds
 * and hundreds of MB for 20k rows (bench/export-formats.ts). xlsx-stream.ts writes the same workbook streaming,
 * several times faster, with flat memory; this one stays as the reference the tests compare it with.
 */
import writeXlsxFile from "write-excel-file/node";
import type { Cell, Row as SheetRow, Sheet, SheetData } from "write-excel-file/node";
import type { CellValue, ExportColumn, RenjaRow } from "./row.ts";
import { RENJA_COLUMNS_V1, TD4_COLUMNS_V1, compareRenjaRows } from "./row.ts";
import { checkKind } from "./csv.ts";
import { td4Rows } from "./td4.ts";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const SUMMARY_SHEET = "Ringkasan";
export const TD4_SHEET = "T-D.4";

/** Rupiah shown with thousands separators; the value stays a plain whole number. */
const RUPIAH_FORMAT = "#,##0";
const SHEET_NAME_MAX = 31;

export interface RenjaXlsxOptions {
  /** Label/value lines under the summary table, e.g. [["Tahun", 2027], ["Dibuat oleh", "admin.bappeda"]]. */
  notes?: readonly (readonly [string, string | number])[];
}

export interface AgencySummary {
  agencyId: string;
  agencyShortName: string;
  agencyName: string;
  rowCount: number;
  paguTotal: number;
}

/** Per agency count and pagu, in agency order. */
export function agencySummaries(rows: readonly RenjaRow[]): AgencySummary[] {
  const byAgency = new Map<string, AgencySummary>();
  for (const row of rows) {
    let summary = byAgency.get(row.agencyId);
    if (!summary) {
      summary = { agencyId: row.agencyId, agencyShortName: row.agencyShortName, agencyName: row.agencyName, rowCount: 0, paguTotal: 0 };
      byAgency.set(row.agencyId, summary);
    }
    summary.rowCount++;
    summary.paguTotal += row.pagu;
  }
  return [...byAgency.values()].sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0));
}

/**
 * Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending with `'`, not
 * "History" (reserved by Excel), and unique ignoring case, also against the names already `taken`.
 */
export function sheetNames(wanted: readonly string[], taken: readonly string[] = []): string[] {
  return wanted.map(createSheetNamer(taken));
}

/** The same rules one name at a time, for a workbook whose sheets are only known as rows stream in. */
export function createSheetNamer(taken: readonly string[] = []): (wanted: string) => string {
  const used = new Set(taken.map((name) => name.toUpperCase()));
  return (raw) => {
    let base = raw.replace(/[[\]:*?/\\]/g, "-").replace(/\s+/g, " ").trim().replace(/^'+|'+$/g, "") || "OPD";
    if (base.toUpperCase() === "HISTORY") base = `${base} OPD`;
    base = base.slice(0, SHEET_NAME_MAX).trimEnd();
    let name = base;
    for (let n = 2; used.has(name.toUpperCase()); n++) {
      const suffix = ` (${n})`;
      name = base.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd() + suffix;
    }
    used.add(name.toUpperCase());
    return name;
  };
}

function cell<Row>(column: ExportColumn<Row>, value: CellValue): Cell {
  if (value === null) return null;
  switch (column.kind) {
    // Typed as String explicitly: write-excel-file would otherwise also store it as a string, but the explicit
    // type documents that a code must never become a number.
    case "code":
    case "text":
      return { value: value as string, type: String };
    case "integer":
      return column.key === "pagu" ? { value: value as number, type: Number, format: RUPIAH_FORMAT } : (value as number);
    case "number":
      return value as number;
  }
}

const headerRow = <Row>(columns: readonly ExportColumn<Row>[]): SheetRow => columns.map((column) => ({ value: column.header, fontWeight: "bold" as const }));

function tableData<Row>(rows: readonly Row[], columns: readonly ExportColumn<Row>[]): SheetData {
  const data: SheetData = [headerRow(columns)];
  for (const row of rows) data.push(columns.map((column) => cell(column, checkKind(column, column.value(row)))));
  return data;
}

function tableSheet<Row>(name: string, rows: readonly Row[], columns: readonly ExportColumn<Row>[]): Sheet<never> {
  return {
    sheet: name,
    data: tableData(rows, columns),
    columns: columns.map((column) => ({ width: column.width })),
    stickyRowsCount: 1,
  };
}

function summarySheet(summaries: readonly AgencySummary[], sheetByAgency: ReadonlyMap<string, string>, notes: RenjaXlsxOptions["notes"]): Sheet<never> {
  const bold = (value: string | number): Cell => ({ value, fontWeight: "bold" });
  const data: SheetData = [[bold("No"), bold("Kode OPD"), bold("Perangkat Daerah"), bold("Lembar"), bold("Jumlah Kegiatan"), bold("Pagu (Rp)")]];
  let rowCount = 0;
  let paguTotal = 0;
  summaries.forEach((summary, index) => {
    data.push([
      index + 1,
      { value: summary.agencyId, type: String },
      summary.agencyName,
      sheetByAgency.get(summary.agencyId) ?? null,
      summary.rowCount,
      { value: summary.paguTotal, type: Number, format: RUPIAH_FORMAT },
    ]);
    rowCount += summary.rowCount;
    paguTotal += summary.paguTotal;
  });
  data.push([null, null, bold("Jumlah"), null, bold(rowCount), { value: paguTotal, type: Number, format: RUPIAH_FORMAT, fontWeight: "bold" }]);
  if (notes?.length) {
    data.push([]);
    for (const [label, value] of notes) data.push([null, null, label, typeof value === "number" ? value : { value, type: String }]);
  }
  return { sheet: SUMMARY_SHEET, data, columns: [{ width: 5 }, { width: 16 }, { width: 48 }, { width: 16 }, { width: 16 }, { width: 20 }], stickyRowsCount: 1 };
}

/** The workbook as sheets, before zipping: exposed so tests and the bench can look at the layout. */
export function renjaWorkbookSheets(rows: readonly RenjaRow[], options: RenjaXlsxOptions = {}): Sheet<never>[] {
  const sorted = [...rows].sort(compareRenjaRows);
  const summaries = agencySummaries(sorted);
  const names = sheetNames(
    summaries.map((summary) => summary.agencyShortName || summary.agencyName),
    [SUMMARY_SHEET, TD4_SHEET],
  );
  const sheetByAgency = new Map(summaries.map((summary, index) => [summary.agencyId, names[index]!]));
  const agencySheets: Sheet<never>[] = [];
  // Rows are sorted by agency, so each agency's rows are one contiguous slice.
  let start = 0;
  for (const summary of summaries) {
    const end = start + summary.rowCount;
    agencySheets.push(tableSheet(sheetByAgency.get(summary.agencyId)!, sorted.slice(start, end), RENJA_COLUMNS_V1));
    start = end;
  }
  return [summarySheet(summaries, sheetByAgency, options.notes), ...agencySheets, tableSheet(TD4_SHEET, td4Rows(sorted), TD4_COLUMNS_V1)];
}

/** The XLSX file's bytes. */
export async function renjaXlsx(rows: readonly RenjaRow[], options: RenjaXlsxOptions = {}): Promise<Uint8Array> {
  // No global font option: with one, write-excel-file looks up a style (a JSON.stringify) for every cell, ~25% slower.
  const buffer = await writeXlsxFile(renjaWorkbookSheets(rows, options)).toBuffer();
  // A plain Uint8Array view: callers need no Node Buffer type (R2 put, Response body).
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
