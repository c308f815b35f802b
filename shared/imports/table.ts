/**
 * What every spreadsheet import shares, whatever its channel: a layout of named columns (the documented template),
 * the header row matched to it, each row read into a draft or skipped or refused with its row, column and reason,
 * and the template itself as CSV and XLSX. A channel (the village's DU-RKPDesa today, a DPRD secretariat's pokir
 * list later) brings its own columns and its own row reader; the rest is the same.
 */
import type { Text } from "../i18n.ts";
import type { TextSheet } from "../files/xlsx-write.ts";

export interface ImportColumn {
  key: string;
  /** Other header spellings found in real files, normalised like the header (see headerKey). */
  aliases?: readonly string[];
  required: boolean;
  description: Text;
  example: string;
}

/** One problem: the row and column the person sees in the file (row 1 is the header), and why. */
export interface RowProblem {
  row: number;
  column: string;
  code: string;
  message: Text;
}

export type RowDraft<Draft> =
  | { row: number; outcome: "create"; draft: Draft }
  | { row: number; outcome: "skip"; code: string; message: Text }
  | { row: number; outcome: "error"; problems: RowProblem[] };

export interface ImportLayout<Draft> {
  channel: string;
  title: Text;
  columns: readonly ImportColumn[];
  /** Which column a field of the proposal comes from, to report the schema's refusals where the person typed. */
  fieldColumns: Readonly<Record<string, string>>;
  readRow(cells: Readonly<Record<string, string>>, row: number): RowDraft<Draft>;
}

/** "Biaya (Rp)" → "biaya_rp", "Volume/Satuan" → "volume_satuan". */
export const headerKey = (header: string) =>
  header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");

export interface ReadTable {
  /** Rows with something in them, keyed by column. */
  records: { row: number; cells: Record<string, string> }[];
  /** Problems of the file as a whole (a missing column): nothing can be imported until they are fixed. */
  problems: RowProblem[];
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === "");

/** Matches the first non-empty row as the header against the layout; unknown columns are ignored. */
export function readTable(rows: readonly (readonly string[])[], layout: ImportLayout<unknown>): ReadTable {
  const headerIndex = rows.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) return { records: [], problems: [{ row: 1, column: "", code: "file_empty", message: { id: "Berkas kosong: tidak ada baris judul kolom maupun isi.", en: "The file is empty: no header row and no rows." } }] };
  const positions = new Map<string, number>();
  rows[headerIndex]!.forEach((header, index) => {
    const key = headerKey(header);
    const column = layout.columns.find((c) => c.key === key || c.aliases?.includes(key));
    if (column && !positions.has(column.key)) positions.set(column.key, index);
  });
  const problems: RowProblem[] = layout.columns
    .filter((c) => c.required && !positions.has(c.key))
    .map((c) => ({
      row: headerIndex + 1,
      column: c.key,
      code: "column_missing",
      message: { id: `Kolom "${c.key}" tidak ada di baris judul. Gunakan templat.`, en: `Column "${c.key}" is missing from the header row. Use the template.` },
    }));
  // Without a required column every row would be wrong for the same reason: the column is the one problem to fix.
  if (problems.length) return { records: [], problems };
  const records = rows.slice(headerIndex + 1).flatMap((cells, i) =>
    isBlank(cells) ? [] : [{ row: headerIndex + i + 2, cells: Object.fromEntries(layout.columns.map((c) => [c.key, (cells[positions.get(c.key) ?? -1] ?? "").trim()])) }],
  );
  return { records, problems };
}

/** Comma or semicolon, whichever the header line uses (spreadsheets in Indonesia save either). */
export const csvDelimiter = (text: string): "," | ";" => {
  const first = text.slice(0, text.search(/\r?\n|$/));
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ";" : ",";
};

const csvCell = (value: string) => (/[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The template as CSV: header and one example row, UTF-8 with BOM so spreadsheets read the accents. */
export const templateCsv = (layout: ImportLayout<unknown>) =>
  `\uFEFF${[layout.columns.map((c) => c.key), layout.columns.map((c) => c.example)].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;

/** The template as workbook sheets: the table to fill in (header and example row), then what each column means. */
export function templateSheets(layout: ImportLayout<unknown>): TextSheet[] {
  return [
    { name: "Usulan", rows: [layout.columns.map((c) => c.key), layout.columns.map((c) => c.example)], widths: layout.columns.map((c) => Math.min(40, Math.max(12, c.example.length + 2))) },
    {
      name: "Petunjuk",
      rows: [["kolom", "wajib", "isi"], ...layout.columns.map((c) => [c.key, c.required ? "ya" : "tidak", c.description.id])],
      widths: [18, 8, 100],
    },
  ];
}
