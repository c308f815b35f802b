import { ImportChoicesSchema, ImportListSchema, ImportSchema, ImportTemplateQuerySchema } from "../../../shared/schemas/imports.ts";
import { defineRoute } from "../route.ts";

const tags = ["Impor usulan"];

export const importTemplate = defineRoute({
  method: "get",
  path: "/api/v1/imports/template",
  tags,
  summary: "Templat Daftar Usulan RKP Desa (DU-RKPDesa) untuk diisi: CSV atau XLSX (lembar Petunjuk menjelaskan setiap kolom)",
  request: { query: ImportTemplateQuerySchema },
  responses: { 200: { description: "Berkas templat" } },
  refusals: [401, 422],
});

export const uploadImport = defineRoute({
  method: "post",
  path: "/api/v1/imports",
  tags,
  summary: "Unggah DU-RKPDesa (multipart: berkas `file` CSV atau XLSX, `year`, `desa`) untuk diperiksa baris demi baris; belum ada usulan yang dibuat",
  description:
    "`file` berkas CSV (UTF-8, koma atau titik koma) atau XLSX sesuai templat; `year` tahun rencana; `desa` untuk Bappeda (operator desa: desanya sendiri). " +
    "Jawaban: setiap baris (dibuat, dilewati dengan alasan, salah dengan baris, kolom dan alasan, atau lokasi yang harus dipilih). " +
    "Berkas yang sama untuk desa dan tahun yang sama adalah impor yang sama (200).",
  request: {
    manual: { multipart: { type: "object", required: ["file", "year"], properties: { file: { type: "string", format: "binary" }, year: { type: "string", pattern: "^\\d{4}$" }, desa: { type: "string" } } } },
    maxBytes: 5 * 1024 * 1024 + 64 * 1024,
  },
  responses: { 201: { description: "Diperiksa", schema: ImportSchema }, 200: { description: "Berkas yang sama sudah diunggah: impor itu", schema: ImportSchema } },
  refusals: [400, 401, 403, 404, 413, 415, 422],
});

export const listImports = defineRoute({
  method: "get",
  path: "/api/v1/imports",
  tags,
  summary: "Impor desa pemanggil (atau kabupaten, untuk Bappeda), terbaru dahulu",
  responses: { 200: { description: "Impor", schema: ImportListSchema } },
  refusals: [401, 403],
});

export const readImport = defineRoute({
  method: "get",
  path: "/api/v1/imports/:id",
  tags,
  summary: "Pratinjau impor baris demi baris, atau hasilnya setelah disimpan (kemajuan untuk berkas besar)",
  responses: { 200: { description: "Impor", schema: ImportSchema } },
  refusals: [401, 404],
});

export const chooseImportPlaces = defineRoute({
  method: "put",
  path: "/api/v1/imports/:id/places",
  tags,
  summary: "Pilih desa untuk lokasi yang namanya dipakai lebih dari satu desa",
  request: { json: ImportChoicesSchema },
  responses: { 200: { description: "Pratinjau dengan pilihan itu", schema: ImportSchema } },
  refusals: [400, 401, 403, 404, 409, 422],
});

export const commitImport = defineRoute({
  method: "post",
  path: "/api/v1/imports/:id/commit",
  tags,
  summary: "Simpan semua usulan impor sekaligus, atau tidak sama sekali; berkas besar dikerjakan di latar belakang (202)",
  responses: { 200: { description: "Tersimpan (juga bila sudah disimpan sebelumnya)", schema: ImportSchema }, 202: { description: "Sedang disimpan di latar belakang", schema: ImportSchema } },
  refusals: [401, 403, 404, 409, 422],
});
