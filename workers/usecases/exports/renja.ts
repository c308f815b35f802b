/**
 * Bappeda pulls the consolidated Renja: small years within the request, large ones in the background (the
 * RENJA_EXPORT workflow); every export is kept as a snapshot fetched again through an expiring link. The file is
 * assembled here once, for both paths: the same request gives the same bytes whichever path made it.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { fromBase64, toBase64 } from "../../../shared/access/bytes.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import { CSV_BOM, csvHeader, csvRecord, renjaCsvStream, td4CsvStream } from "../../../shared/renja/csv.ts";
import { renjaJsonStream } from "../../../shared/renja/json.ts";
import { RENJA_COLUMNS_V3 } from "../../../shared/renja/row.ts";
import { renjaXlsxStream } from "../../../shared/renja/xlsx-stream.ts";
import type { ExportQuery } from "../../../shared/schemas/exports.ts";
import { auditInsert } from "../../storage/audit.ts";
import { principalName } from "../../storage/credentials.ts";
import { nowIso, type Database } from "../../storage/database.ts";
import { downloadLink, exportsOf, findExport, insertExport, linkValid, markExportFailed, markExportReady, type ExportRow } from "../../storage/exports.ts";
import { renjaLineCount, renjaPage, renjaPages, type RenjaFilters } from "../../storage/renja.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound } from "../errors.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { formatDateTime, regionZone } from "../../../shared/time/indonesian.ts";
import { td4Pdf } from "../../../shared/documents/td4-pdf.ts";
import type { Letterhead } from "../../../shared/documents/pdf.ts";
import { findRegion } from "../../storage/regions.ts";
import { letterheadFor, letterheadView } from "../planning/planning.ts";

export const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const;

export type ExportFormat = keyof typeof CONTENT_TYPES;

/**
 * Up to this many rows an export is made within the request. Measured (bench:export): 20k rows take about 0.9 s
 * of CPU as XLSX and 0.15 s as CSV with flat memory, well inside a Worker request; above it, the background job.
 */
export const SYNC_ROW_LIMIT = 20_000;

/** The most rows a T-D.4 PDF is made of: a kecamatan's list, not the whole kabupaten's at once. */
export const PDF_ROW_LIMIT = 2_000;

const filtersOf = (job: ExportRow) => JSON.parse(job.filters) as RenjaFilters;

/** What the printed files say about where and for whom they were made. */
export interface DocumentContext {
  requesterName: string;
  regencyName: string;
  letterhead: Letterhead;
}

/** The export file of a snapshot, streamed page by page: CSV, JSON (nested by agency), XLSX, or T-D.4 as PDF. */
export function renjaExportStream(db: Database, job: ExportRow, context: DocumentContext): ReadableStream<Uint8Array> {
  const pages = (view: "renja" | "td4") => renjaPages(db, job.regencyCode, job.year, filtersOf(job), view);
  const made = formatDateTime(job.createdAt, regionZone(job.regencyCode));
  if (job.format === "xlsx") {
    return renjaXlsxStream(pages("renja"), pages("td4"), { notes: [["Tahun", job.year], ["Dibuat oleh", context.requesterName], ["Dibuat", made]], modifiedAt: new Date(job.createdAt), regencyName: context.regencyName, year: job.year });
  }
  if (job.format === "pdf") {
    const at = new Date(job.createdAt);
    return singleChunk(td4Pdf(pages("td4"), { regencyName: context.regencyName, year: job.year, letterhead: context.letterhead, at, madeLine: `Dibuat ${made} oleh ${context.requesterName}` }));
  }
  if (job.format === "json") return renjaJsonStream(pages(job.view), { year: job.year, generatedAt: job.createdAt, generatedBy: context.requesterName });
  return job.view === "td4" ? td4CsvStream(pages("td4")) : renjaCsvStream(pages("renja"));
}

/** A stream of one chunk: a document whose bytes exist only once it is whole (a PDF's cross-reference table). */
function singleChunk(bytes: Promise<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      controller.enqueue(await bytes);
      controller.close();
    },
  });
}

/** A large CSV goes to R2 in parts; each part continues where the previous one stopped. */
export interface CsvPartState {
  number: number;
  /** The sort key of the last row written. */
  after: string;
  /** Bytes of the previous pages beyond the previous part's size, base64. */
  carry: string;
}

/**
 * The next part of a renja-view CSV of exactly `size` bytes (R2 wants every part but the last the same size),
 * byte for byte what `renjaExportStream` writes at that offset; the rest of its last page carries over.
 */
export async function csvPart(db: Database, job: ExportRow, state: CsvPartState, size: number, pageRows = 500): Promise<{ body: Uint8Array; done: boolean; next: CsvPartState }> {
  const encoder = new TextEncoder();
  const chunks = [state.number === 1 ? encoder.encode(CSV_BOM + csvHeader(RENJA_COLUMNS_V3)) : fromBase64(state.carry)];
  let length = chunks[0]!.length;
  let cursor = state.after;
  let done = false;
  while (length < size) {
    const page = await renjaPage(db, job.regencyCode, job.year, filtersOf(job), cursor, pageRows);
    if (!page.last) {
      done = true;
      break;
    }
    cursor = page.last;
    const encoded = encoder.encode(page.rows.map((row) => csvRecord(row, RENJA_COLUMNS_V3)).join(""));
    chunks.push(encoded);
    length += encoded.length;
  }
  // Joined once: concatenating per page would copy the growing part again for every page.
  const buffer = concat(chunks);
  return {
    body: done ? buffer : buffer.subarray(0, size),
    done,
    next: { number: state.number + 1, after: cursor, carry: done ? "" : toBase64(buffer.subarray(size)) },
  };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export const exportKey = (job: Pick<ExportRow, "regencyCode" | "id" | "format">) => `exports/${job.regencyCode}/${job.id}.${job.format}`;

export async function snapshotView(db: Database, row: ExportRow) {
  const link = row.status === "ready" ? await downloadLink(db, row.id) : null;
  return {
    id: row.id,
    year: row.year,
    format: row.format,
    view: row.view,
    filters: JSON.parse(row.filters) as Record<string, unknown>,
    requestedBy: row.requestedBy,
    status: row.status,
    rowCount: row.rowCount,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    downloadUrl: link?.url ?? null,
    downloadExpiresAt: link?.expiresAt ?? null,
  };
}

export type RenjaExportResult = { kind: "file"; snapshot: ExportRow; bytes: Uint8Array } | { kind: "background"; snapshot: Awaited<ReturnType<typeof snapshotView>> };

export async function exportRenja(deps: Deps, caller: Principal | undefined, query: ExportQuery): Promise<RenjaExportResult> {
  const admin = authorizeInOwnScope(caller, "export.read");
  if (query.format === "pdf" && query.view !== "td4") throw invalidInput([customIssue("view", "pdf_td4_only", deps.lang)]);
  const { db, env } = deps;
  const filters: RenjaFilters = { agency: query.agency, kecamatan: query.kecamatan, status: query.status, stage: query.stage };
  const rows = await renjaLineCount(db, admin.regencyCode, query.year, filters);
  // pdf-lib keeps the whole document in memory (bench: 20,000 rows take 50 s and 1.8 GB); T-D.4 is per kecamatan.
  if (query.format === "pdf" && rows > PDF_ROW_LIMIT) throw invalidInput([customIssue("kecamatan", "pdf_too_many_rows", deps.lang)]);
  const row: ExportRow = {
    id: sortableId("eks"),
    regencyCode: admin.regencyCode,
    year: query.year,
    format: query.format,
    view: query.view,
    filters: JSON.stringify(filters), // undefined filters drop out
    requestedBy: admin.id,
    status: "running",
    rowCount: rows,
    r2Key: null,
    error: null,
    createdAt: nowIso(),
    completedAt: null,
  };
  if (rows > Number(env.EXPORT_SYNC_ROW_LIMIT ?? SYNC_ROW_LIMIT)) {
    await db.batch([
      insertExport(db, row),
      auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "export.requested", entityType: "renja_export", entityId: row.id, data: { ...query, rows } }),
    ]);
    await env.RENJA_EXPORT.create({ id: row.id, params: { exportId: row.id } });
    return { kind: "background", snapshot: await snapshotView(db, row) };
  }
  const bytes = new Uint8Array(await new Response(renjaExportStream(db, row, await documentContext(deps, row, admin.name))).arrayBuffer());
  const key = exportKey(row);
  await env.EXPORTS.put(key, bytes, { httpMetadata: { contentType: CONTENT_TYPES[query.format] } });
  const ready = { ...row, status: "ready" as const, r2Key: key, completedAt: nowIso() };
  await db.batch([
    insertExport(db, ready),
    auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "export.ready", entityType: "renja_export", entityId: row.id, data: { ...query, rows } }),
  ]);
  return { kind: "file", snapshot: ready, bytes };
}

/** The background job's end: the snapshot ready with its file, or failed with the reason. */
export async function finishExport(deps: Deps, job: ExportRow, key: string): Promise<void> {
  const { db } = deps;
  await db.batch([
    markExportReady(db, job.id, key),
    auditInsert(db, { regencyCode: job.regencyCode, actor: job.requestedBy, action: "export.ready", entityType: "renja_export", entityId: job.id, data: { rows: job.rowCount } }),
  ]);
}

export async function failExport(deps: Deps, exportId: string, error: unknown): Promise<void> {
  await deps.db.batch([markExportFailed(deps.db, exportId, String(error).slice(0, 500))]);
}

/** Who asked for an export (by name), the kabupaten's name and letterhead: what the printed files show. */
export async function documentContext(deps: Deps, job: ExportRow, requester?: string): Promise<DocumentContext> {
  const [name, region, head] = await Promise.all([requester ?? principalName(deps.db, job.requestedBy), findRegion(deps.db, job.regencyCode), letterheadFor(deps, job.regencyCode)]);
  const view = letterheadView(head);
  return {
    requesterName: name,
    regencyName: region?.name ?? job.regencyCode,
    letterhead: { lines: view.lines, logo: view.logo ? { contentType: view.logo.contentType, bytes: fromBase64(view.logo.base64) } : null },
  };
}

/** Bappeda's earlier snapshots, newest first, each ready one with a fresh download link. */
export async function listExports(deps: Deps, caller: Principal | undefined, { limit }: { limit: number }) {
  const admin = authorizeInOwnScope(caller, "export.read");
  return Promise.all((await exportsOf(deps.db, admin.regencyCode, limit)).map((row) => snapshotView(deps.db, row)));
}

export async function exportStatus(deps: Deps, caller: Principal | undefined, { id }: { id: string }) {
  const row = await findExport(deps.db, id);
  if (!row) throw notFound;
  authorize(caller, "export.read", { regencyCode: row.regencyCode });
  return snapshotView(deps.db, row);
}

/** A signed, unexpired link needs no sign-in (it can be handed on); without one, Bappeda's session or token. */
export async function downloadExport(deps: Deps, caller: Principal | undefined, { id, expires, signature }: { id: string; expires?: string | undefined; signature?: string | undefined }) {
  const row = await findExport(deps.db, id);
  if (!row || row.status !== "ready" || !row.r2Key) throw notFound;
  if (!(await linkValid(deps.db, id, expires, signature))) authorize(caller, "export.read", { regencyCode: row.regencyCode });
  const object = await deps.env.EXPORTS.get(row.r2Key);
  if (!object) throw notFound;
  return { row, body: object.body, contentType: CONTENT_TYPES[row.format] };
}
