import { LetterheadSchema, PrioritiesQuerySchema, PrioritiesSchema } from "../../../shared/schemas/planning.ts";
import { defineRoute } from "../route.ts";

const tags = ["Perencanaan kabupaten"];

export const listPriorities = defineRoute({
  method: "get",
  path: "/api/v1/regional-priorities",
  tags,
  summary: "Prioritas dan sasaran pembangunan daerah tahun itu (untuk menandai kegiatan dan T-D.4)",
  request: { query: PrioritiesQuerySchema },
  responses: { 200: { description: "Daftar prioritas daerah berurutan" } },
  refusals: [401, 403, 422],
});

export const setPriorities = defineRoute({
  method: "put",
  path: "/api/v1/regional-priorities",
  tags,
  summary: "Bappeda menetapkan daftar prioritas dan sasaran daerah tahun itu (seluruh daftar, berurutan)",
  request: { json: PrioritiesSchema },
  responses: { 200: { description: "Daftar prioritas daerah" } },
  refusals: [400, 401, 403, 409, 422],
});

export const readLetterhead = defineRoute({ method: "get", path: "/api/v1/letterhead", tags, summary: "Kop surat dokumen kabupaten", responses: { 200: { description: "Kop surat" } }, refusals: [401, 403] });

export const setLetterhead = defineRoute({
  method: "put",
  path: "/api/v1/letterhead",
  tags,
  summary: "Bappeda menetapkan kop surat: baris teks, tempat penandatanganan, pola nomor berita acara, logo PNG/JPEG",
  request: { json: LetterheadSchema },
  responses: { 200: { description: "Kop surat" } },
  refusals: [400, 401, 403, 413, 422],
});
