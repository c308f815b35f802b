/**
 * RFC 4180 CSV writing for the Renja export: CRLF line ends, fields quoted only when they hold `"`, `,`, CR or LF,
 * text cells neutralised against formula injection, and a stream that encodes one D1 page at a time so memory
 * stays flat however many rows the year has.
 */
import type { CellValue, ExportColumn, RenjaRow, Td4Row } from "./row.ts";
import { RENJA_COLUMNS_V3, TD4_COLUMNS_V2, compareRenjaRows } from "./row.ts";
import { createTd4Numberer, td4Rows } from "./td4.ts";

/** Written first so Excel reads the file as UTF-8 rather than the local code page, which garbles non-ASCII names. */
export const CSV_BOM = "\uFEFF";

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

const NEEDS_QUOTES = /[",\r\n]/;
/** OWASP's list: a spreadsheet treats a cell starting with these as a formula (tab and CR via DDE tricks). */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * A text cell a spreadsheet would run as a formula gets a leading `'`, which Excel and LibreOffice show as text.
 * Only text goes through this: numbers are written as numbers, so a negative number stays a number.
 */
export function neutraliseFormula(text: string): string {
  // A character test, not a regex: this runs for every text cell of the export.
  return FORMULA_START.has(text.charAt(0)) ? `'${text}` : text;
}

/** One field: null is empty, numbers as JavaScript writes them (`.` decimal point), text neutralised and quoted. */
export function csvField(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`CSV: angka tidak sah: ${value}`);
    return String(value);
  }
  const text = neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF line end. */
export function csvLine(values: readonly CellValue[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

export function csvHeader<Row>(columns: readonly ExportColumn<Row>[]): string {
  return csvLine(columns.map((column) => column.header));
}

/**
 * A row's cells in column order, checked against each column's kind: a pagu that is not a whole number or a code
 * that is a number is a bug upstream and must not reach Bappeda's spreadsheet silently.
 */
export function cellValues<Row>(row: Row, columns: readonly ExportColumn<Row>[]): CellValue[] {
  return columns.map((column) => checkKind(column, column.value(row)));
}

export function checkKind<Row>(column: ExportColumn<Row>, value: CellValue): CellValue {
  if (value === null) return null;
  const numeric = column.kind === "integer" || column.kind === "number";
  if (numeric !== (typeof value === "number") || (column.kind === "integer" && !Number.isSafeInteger(value))) {
    throw new Error(`Kolom "${column.header}": nilai ${JSON.stringify(value)} bukan ${column.kind}`);
  }
  return value;
}

export function csvRecord<Row>(row: Row, columns: readonly ExportColumn<Row>[]): string {
  return csvLine(cellValues(row, columns));
}

export interface CsvStreamOptions {
  /** Default true: Excel needs it; a machine reader may ask for plain UTF-8. */
  bom?: boolean;
}

/**
 * The whole file in one string from rows in any order (sorted here by `compareRenjaRows`): byte for byte what
 * `renjaCsvStream` writes for the same rows arriving sorted. For small exports and tests.
 */
export function renjaCsv(rows: readonly RenjaRow[], columns: readonly ExportColumn<RenjaRow>[] = RENJA_COLUMNS_V3, options: CsvStreamOptions = {}): string {
  const sorted = [...rows].sort(compareRenjaRows);
  return (options.bom === false ? "" : CSV_BOM) + csvHeader(columns) + sorted.map((row) => csvRecord(row, columns)).join("");
}

/**
 * The Renja CSV as a byte stream: the header first, then one chunk per page as the caller's pages arrive. It pulls
 * the next page only when the reader wants more, so a slow client never makes pages pile up in memory; cancelling
 * the stream ends the page iterator (its `finally` closes the D1 cursor side).
 */
export function renjaCsvStream(
  pages: AsyncIterable<readonly RenjaRow[]>,
  columns: readonly ExportColumn<RenjaRow>[] = RENJA_COLUMNS_V3,
  options: CsvStreamOptions = {},
): ReadableStream<Uint8Array> {
  return linesStream(pages, (page) => page.map((row) => csvRecord(row, columns)).join(""), (options.bom === false ? "" : CSV_BOM) + csvHeader(columns));
}

/**
 * T-D.4 as CSV from Renja rows sorted for T-D.4 (kecamatan, then priority: see `compareTd4`); the numbering per
 * kecamatan runs across pages, and rows out of that order fail the stream rather than number wrongly.
 */
export function td4CsvStream(
  pages: AsyncIterable<readonly RenjaRow[]>,
  columns: readonly ExportColumn<Td4Row>[] = TD4_COLUMNS_V2,
  options: CsvStreamOptions = {},
): ReadableStream<Uint8Array> {
  const numberer = createTd4Numberer();
  return linesStream(pages, (page) => page.map((row) => csvRecord(numberer(row), columns)).join(""), (options.bom === false ? "" : CSV_BOM) + csvHeader(columns));
}

/** A pull stream of text: `head` first, then `encodePage` of each page, UTF-8 encoded. Shared by CSV and JSON. */
export function linesStream<Page>(pages: AsyncIterable<Page>, encodePage: (page: Page) => string, head: string, tail?: () => string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<Page> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (head) controller.enqueue(encoder.encode(head));
      },
      async pull(controller) {
        iterator ??= pages[Symbol.asyncIterator]();
        // Skip empty pages and pages that encode to nothing, so every pull either enqueues or closes.
        try {
          for (;;) {
            const next = await iterator.next();
            if (next.done) {
              const last = tail?.();
              if (last) controller.enqueue(encoder.encode(last));
              controller.close();
              return;
            }
            const text = encodePage(next.value);
            if (text) {
              controller.enqueue(encoder.encode(text));
              return;
            }
          }
        } catch (error) {
          // A bad row errors the stream; the page source still gets to release what it holds.
          await iterator.return?.().catch(() => undefined);
          throw error;
        }
      },
      async cancel(reason) {
        await iterator?.return?.(reason);
      },
    },
    // One chunk (one page) ahead at most: memory is bounded by a page, not by the export.
    { highWaterMark: 1 },
  );
}

/** T-D.4 in one string from rows in any order: byte for byte what `td4CsvStream` writes for them sorted. */
export function td4Csv(rows: readonly RenjaRow[], columns: readonly ExportColumn<Td4Row>[] = TD4_COLUMNS_V2, options: CsvStreamOptions = {}): string {
  return (options.bom === false ? "" : CSV_BOM) + csvHeader(columns) + td4Rows(rows).map((row) => csvRecord(row, columns)).join("");
}
