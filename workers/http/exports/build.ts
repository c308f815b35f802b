/**
 * Writing an export in a format, from pages of Renja rows. CSV and JSON stream page by page; XLSX needs all
 * rows at once (the sheets are zipped together), which is why large years go to the background job.
 */
import { renjaCsvStream, td4CsvStream } from "../../../shared/renja/csv.ts";
import { renjaJsonStream } from "../../../shared/renja/json.ts";
import type { RenjaRow } from "../../../shared/renja/row.ts";
import { renjaXlsx } from "../../../shared/renja/xlsx.ts";

export const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export type ExportFormat = keyof typeof CONTENT_TYPES;

/** Up to this many rows an export is made within the request (measured: see README, bench:export). */
export const SYNC_ROW_LIMIT = 20_000;

export function streamFor(format: "csv" | "json", view: "renja" | "td4", pages: AsyncIterable<RenjaRow[]>, meta: Record<string, unknown>): ReadableStream<Uint8Array> {
  if (format === "json") return renjaJsonStream(pages, meta);
  return view === "td4" ? td4CsvStream(pages) : renjaCsvStream(pages);
}

export async function xlsxFrom(pages: AsyncIterable<RenjaRow[]>, notes: readonly (readonly [string, string | number])[]): Promise<Uint8Array> {
  const rows: RenjaRow[] = [];
  for await (const page of pages) rows.push(...page);
  return renjaXlsx(rows, { notes });
}

export async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
