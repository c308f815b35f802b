import * as v from "valibot";
import { ExportQuerySchema, ExportSnapshotSchema } from "../../../shared/schemas/exports.ts";
import { defineRoute } from "../route.ts";

const tags = ["Ekspor Renja"];

export const exportRenja = defineRoute({
  // A POST: an export writes a snapshot, an R2 object and an audit event, and may start a workflow.
  method: "post",
  path: "/api/v1/exports/renja",
  tags,
  summary: "Ekspor Renja gabungan (CSV, XLSX, JSON; tampilan Renja atau T-D.4); besar: 202 dan dibuat di latar belakang",
  description:
    "Membuat ekspor baru, maka POST (isian di query string; pemanggil dengan cookie menyertakan X-CSRF-Token); GET ke alamat ini dijawab 405. Kolom tetap dan berversi (RENJA_COLUMNS_V3, TD4_COLUMNS_V2: kolom versi sebelumnya tetap di tempatnya, ditambah di belakang; lihat README). CSV: RFC 4180, UTF-8 dengan BOM, sel yang diawali = + - @ dinetralkan. Sampai SYNC_ROW_LIMIT baris berkas langsung dikirim; di atasnya 202 dengan alamat status. Setiap ekspor disimpan sebagai cuplikan yang dapat diunduh lagi.",
  request: { query: ExportQuerySchema },
  responses: {
    200: { description: "Berkas ekspor (header X-Export-Id menunjuk cuplikannya)" },
    202: { description: "Dibuat di latar belakang", schema: ExportSnapshotSchema },
  },
  refusals: [401, 403, 422],
});

export const exportStatus = defineRoute({
  method: "get",
  path: "/api/v1/exports/:id",
  tags,
  summary: "Status satu ekspor dan tautan unduh yang kedaluwarsa",
  responses: { 200: { description: "Cuplikan ekspor", schema: ExportSnapshotSchema } },
  refusals: [401, 404],
});

export const exportDownload = defineRoute({
  method: "get",
  path: "/api/v1/exports/:id/download",
  tags,
  summary: "Unduh ekspor dengan tautan bertanda tangan (berlaku satu jam) atau sebagai Bappeda yang masuk",
  access: "public",
  request: { query: v.object({ expires: v.optional(v.string()), signature: v.optional(v.string()) }) },
  responses: { 200: { description: "Berkas" } },
  refusals: [401, 404],
});
