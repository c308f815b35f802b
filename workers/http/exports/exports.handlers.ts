/** Bappeda pulls the consolidated Renja: small years at once, large ones in the background; every export kept. */
import { eq } from "drizzle-orm";
import { renjaExports } from "../../../shared/db/schema.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import type { ExportQuery } from "../../../shared/schemas/exports.ts";
import { auditInsert } from "../../storage/audit.ts";
import { database, nowIso, type Database } from "../../storage/database.ts";
import { downloadLink, exportFilename, linkValid, type ExportRow } from "../../storage/exports.ts";
import { renjaLineCount, renjaPages, type RenjaFilters } from "../../storage/renja.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { AppContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { bytesOf, CONTENT_TYPES, streamFor, SYNC_ROW_LIMIT, xlsxStream, type ExportFormat } from "./build.ts";

async function snapshotView(db: Database, row: ExportRow) {
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

export async function exportRenja(c: AppContext, query: ExportQuery) {
  const admin = authorizeInOwnScope(c, "export.read");
  const db = database(c.env.DB);
  const filters: RenjaFilters = { agency: query.agency, kecamatan: query.kecamatan, status: query.status, stage: query.stage };
  const rows = await renjaLineCount(db, admin.regencyCode, query.year, filters);
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
  if (rows > Number(c.env.EXPORT_SYNC_ROW_LIMIT ?? SYNC_ROW_LIMIT)) {
    await db.batch([
      db.insert(renjaExports).values(row),
      auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "export.requested", entityType: "renja_export", entityId: row.id, data: { ...query, rows } }),
    ]);
    await c.env.RENJA_EXPORT.create({ id: row.id, params: { exportId: row.id } });
    c.header("Location", `/api/v1/exports/${row.id}`);
    return c.json(await snapshotView(db, row), 202);
  }
  const pages = (view: "renja" | "td4") => renjaPages(db, admin.regencyCode, query.year, filters, view);
  const bytes = await bytesOf(
    query.format === "xlsx"
      ? xlsxStream(pages("renja"), pages("td4"), [["Tahun", query.year], ["Dibuat oleh", admin.name], ["Dibuat", row.createdAt]])
      : streamFor(query.format, query.view, pages(query.view), { year: query.year, generatedAt: row.createdAt, generatedBy: admin.name }),
  );
  const key = `exports/${admin.regencyCode}/${row.id}.${query.format}`;
  await c.env.EXPORTS.put(key, bytes, { httpMetadata: { contentType: CONTENT_TYPES[query.format] } });
  const ready = { ...row, status: "ready" as const, r2Key: key, completedAt: nowIso() };
  await db.batch([
    db.insert(renjaExports).values(ready),
    auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "export.ready", entityType: "renja_export", entityId: row.id, data: { ...query, rows } }),
  ]);
  return c.body(bytes.slice().buffer, 200, {
    "content-type": CONTENT_TYPES[query.format],
    "content-disposition": `attachment; filename="${exportFilename(ready)}"`,
    "x-export-id": row.id,
    "x-export-rows": String(rows),
  });
}

export async function exportStatus(c: AppContext, id: string) {
  const db = database(c.env.DB);
  const row = await db.query.renjaExports.findFirst({ where: eq(renjaExports.id, id) });
  if (!row) throw notFound;
  authorize(c, "export.read", { regencyCode: row.regencyCode });
  return c.json(await snapshotView(db, row), 200);
}

/** A signed, unexpired link needs no sign-in (it can be handed on); without one, Bappeda's session or token. */
export async function exportDownload(c: AppContext, id: string) {
  const db = database(c.env.DB);
  const row = await db.query.renjaExports.findFirst({ where: eq(renjaExports.id, id) });
  if (!row || row.status !== "ready" || !row.r2Key) throw notFound;
  if (!(await linkValid(db, id, c.req.query("expires"), c.req.query("signature")))) authorize(c, "export.read", { regencyCode: row.regencyCode });
  const object = await c.env.EXPORTS.get(row.r2Key);
  if (!object) throw notFound;
  return c.body(object.body, 200, {
    "content-type": CONTENT_TYPES[row.format as ExportFormat],
    "content-disposition": `attachment; filename="${exportFilename(row)}"`,
  });
}
