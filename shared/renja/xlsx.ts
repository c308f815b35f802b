/**
 * The Renja workbook built with write-excel-file, from the same layouts (layout.ts) as the streaming writer
 * (xlsx-stream.ts): the reference the tests compare that writer with, and a row of the export bench. It builds the
 * whole workbook in memory and deflates in JavaScript, so the Worker never uses it (write-excel-file is a
 * devDependency).
 */
import writeXlsxFile from "write-excel-file/node";
import type { Cell, Sheet, SheetData } from "write-excel-file/node";
import type { RenjaRow } from "./row.ts";
import { compareRenjaRows } from "./row.ts";
import { agencySheetLayout, summaryRows, td4SheetLayout, type LayoutRow, type SheetLayout } from "./layout.ts";
import { td4Rows } from "./td4.ts";
import { SUMMARY_SHEET, TD4_SHEET, agencySummaries, sheetNames, type RenjaXlsxOptions } from "./workbook.ts";

function cell(c: LayoutRow["cells"][number], bold: boolean): Cell {
  if (c.value === null) return null;
  const weight = bold ? { fontWeight: "bold" as const } : {};
  if (typeof c.value === "number") return { value: c.value, type: Number, ...(c.kind === "rupiah" ? { format: "#,##0" } : {}), ...weight };
  return { value: c.value, type: String, ...weight, ...(c.span ? { columnSpan: c.span } : {}) };
}

const data = (rows: readonly LayoutRow[]): SheetData => rows.map((row) => row.cells.map((c) => cell(c, row.style !== "normal" && row.style !== "note")));

function layoutSheet<Row>(name: string, layout: SheetLayout<Row>, rows: readonly Row[]): Sheet<never> {
  const all = [...layout.head, ...rows.flatMap((r) => layout.push(r)), ...layout.end()];
  return { sheet: name, data: data(all), columns: layout.widths.map((width) => ({ width })), stickyRowsCount: layout.printTitles[1] };
}

/** The workbook as sheets, before zipping: exposed so tests and the bench can look at the layout. */
export function renjaWorkbookSheets(rows: readonly RenjaRow[], options: RenjaXlsxOptions = {}): Sheet<never>[] {
  const meta = { regencyName: options.regencyName ?? "", year: options.year ?? 0 };
  const sorted = [...rows].sort(compareRenjaRows);
  const summaries = agencySummaries(sorted);
  const names = sheetNames(summaries.map((s) => s.agencyShortName || s.agencyName), [SUMMARY_SHEET, TD4_SHEET]);
  const sheetByAgency = new Map(summaries.map((s, i) => [s.agencyId, names[i]!]));
  const agencySheets = summaries.map((s) => layoutSheet(sheetByAgency.get(s.agencyId)!, agencySheetLayout({ ...meta, agencyName: s.agencyName }), sorted.filter((r) => r.agencyId === s.agencyId)));
  const summary = summaryRows(meta, summaries, sheetByAgency, options.notes ?? []);
  return [
    { sheet: SUMMARY_SHEET, data: data(summary.rows), columns: summary.widths.map((width) => ({ width })), stickyRowsCount: summary.printTitles[1] },
    ...agencySheets,
    layoutSheet(TD4_SHEET, td4SheetLayout(meta), td4Rows(sorted)),
  ];
}

/** The XLSX file's bytes. */
export async function renjaXlsx(rows: readonly RenjaRow[], options: RenjaXlsxOptions = {}): Promise<Uint8Array> {
  const buffer = await writeXlsxFile(renjaWorkbookSheets(rows, options)).toBuffer();
  // A plain Uint8Array view: callers need no Node Buffer type.
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
