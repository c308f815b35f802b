import { describeRoute } from "hono-openapi";
import { ExportSnapshotSchema } from "../../../shared/schemas/exports.ts";
import { bearerSecurity, jsonContent, refusals } from "../openapi-helpers.ts";

const tags = ["Ekspor Renja"];

export const exportRenjaRoute = describeRoute({
  tags,
  security: bearerSecurity,
  summary: "Ekspor Renja gabungan (CSV, XLSX, JSON; tampilan Renja atau T-D.4); besar: 202 dan dibuat di latar belakang",
  description:
    "Kolom tetap dan berversi (RENJA_COLUMNS_V1, TD4_COLUMNS_V1; lihat README). CSV: RFC 4180, UTF-8 dengan BOM, sel yang diawali = + - @ dinetralkan. Sampai SYNC_ROW_LIMIT baris berkas langsung dikirim; di atasnya 202 dengan alamat status. Setiap ekspor disimpan sebagai cuplikan yang dapat diunduh lagi.",
  responses: {
    200: { description: "Berkas ekspor (header X-Export-Id menunjuk cuplikannya)" },
    202: { description: "Dibuat di latar belakang", content: jsonContent(ExportSnapshotSchema) },
    ...refusals(401, 403, 422),
  },
});

export const exportStatusRoute = describeRoute({
  tags,
  security: bearerSecurity,
  summary: "Status satu ekspor dan tautan unduh yang kedaluwarsa",
  responses: { 200: { description: "Cuplikan ekspor", content: jsonContent(ExportSnapshotSchema) }, ...refusals(401, 404) },
});

export const exportDownloadRoute = describeRoute({
  tags,
  summary: "Unduh ekspor dengan tautan bertanda tangan (berlaku satu jam) atau sebagai Bappeda yang masuk",
  responses: { 200: { description: "Berkas" }, ...refusals(401, 404) },
});
