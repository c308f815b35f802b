import * as v from "valibot";
import {
  ProposalDetailSchema,
  ProposalInputSchema,
  ProposalListQuerySchema,
  ProposalPageSchema,
  ProposalPatchSchema,
  ProposalSchema,
  RankSchema,
  TrackingSchema,
} from "../../../shared/schemas/proposals.ts";
import { CarryOverDroppedSchema, CarryOverOffersSchema, CarryOverQuerySchema } from "../../../shared/schemas/carry-over.ts";
import { BODY_LIMITS } from "../middleware/body-limit.ts";
import { defineRoute } from "../route.ts";

const tags = ["Usulan"];

export const createProposal = defineRoute({
  method: "post",
  path: "/api/v1/proposals",
  tags,
  summary: "Ajukan usulan desa (JSON, atau multipart: isian `proposal` berisi JSON dan berkas `attachments`)",
  description:
    "Header `Idempotency-Key` (disarankan): kunci yang sama dengan isi yang sama mengembalikan jawaban pertama; dengan isi berbeda, 409. " +
    "Isi usulan yang sama persis dari akun yang sama dalam 10 menit (tanpa kunci atau dengan kunci baru) tidak membuat usulan baru: jawabannya 200 dengan usulan yang sudah ada dan header `Duplicate-Of`.",
  request: {
    // Read by the handler: the same proposal comes as JSON or as multipart with files.
    manual: {
      json: ProposalInputSchema,
      multipart: {
        type: "object",
        properties: {
          proposal: { type: "string", description: "JSON dengan bentuk yang sama seperti application/json" },
          attachments: { type: "array", items: { type: "string", format: "binary" }, maxItems: 5 },
        },
      },
    },
    headers: [{ name: "Idempotency-Key", required: false, schema: { type: "string", minLength: 8, maxLength: 128 } }],
    maxBytes: BODY_LIMITS.submission,
  },
  responses: { 201: { description: "Usulan tersimpan", schema: ProposalSchema }, 200: { description: "Usulan yang sama sudah dikirim akun ini dalam 10 menit terakhir: usulan itu", schema: ProposalSchema } },
  refusals: [400, 401, 403, 409, 413, 415, 422],
});

export const listProposals = defineRoute({
  method: "get",
  path: "/api/v1/proposals",
  tags,
  summary: "Daftar usulan dalam cakupan pemanggil (terbaru dulu, paginasi kursor)",
  request: { query: ProposalListQuerySchema },
  responses: { 200: { description: "Satu halaman usulan", schema: ProposalPageSchema } },
  refusals: [401, 422],
});

export const getProposal = defineRoute({
  method: "get",
  path: "/api/v1/proposals/:id",
  tags,
  summary: "Satu usulan: isinya, lampirannya, rekomendasi per tingkat (desa, kecamatan, OPD, forum) dan riwayat lengkap (siapa, kapan, mengapa)",
  responses: { 200: { description: "Usulan dengan riwayatnya", schema: ProposalDetailSchema } },
  refusals: [401, 404],
});

export const patchProposal = defineRoute({
  method: "patch",
  path: "/api/v1/proposals/:id",
  tags,
  summary: "Ubah usulan (selama belum diverifikasi kecamatan)",
  request: { json: ProposalPatchSchema },
  responses: { 200: { description: "Usulan diubah", schema: ProposalSchema } },
  refusals: [400, 401, 403, 404, 409, 422],
});

export const withdrawProposal = defineRoute({
  method: "post",
  path: "/api/v1/proposals/:id/withdraw",
  tags,
  summary: "Batalkan usulan (selama belum diverifikasi kecamatan)",
  responses: { 200: { description: "Usulan dibatalkan", schema: ProposalSchema } },
  refusals: [401, 403, 404, 409],
});

export const rankProposal = defineRoute({
  method: "post",
  path: "/api/v1/proposals/:id/rank",
  tags,
  summary: "Pindahkan usulan ke peringkat prioritas tertentu di desanya",
  request: { json: RankSchema },
  responses: { 200: { description: "Urutan baru usulan desa", schema: v.object({ proposals: v.array(ProposalSchema) }) } },
  refusals: [400, 401, 403, 404, 409, 422],
});

export const addAttachments = defineRoute({
  method: "post",
  path: "/api/v1/proposals/:id/attachments",
  tags,
  summary: "Tambah foto atau PDF ke usulan (selama belum diverifikasi kecamatan; usulan yang dikembalikan terkirim kembali)",
  request: {
    manual: { multipart: { type: "object", properties: { attachments: { type: "array", items: { type: "string", format: "binary" }, maxItems: 5 } } } },
    maxBytes: BODY_LIMITS.submission,
  },
  responses: { 200: { description: "Usulan dengan lampirannya", schema: ProposalSchema } },
  refusals: [400, 401, 403, 404, 409, 413, 415, 422],
});

export const removeAttachment = defineRoute({
  method: "delete",
  path: "/api/v1/proposals/:id/attachments/:attachmentId",
  tags,
  summary: "Hapus lampiran usulan (selama belum diverifikasi kecamatan)",
  responses: { 200: { description: "Usulan dengan lampiran yang tersisa", schema: ProposalSchema } },
  refusals: [401, 403, 404, 409],
});

export const getAttachment = defineRoute({
  method: "get",
  path: "/api/v1/proposals/:id/attachments/:attachmentId",
  tags,
  summary: "Unduh lampiran usulan",
  responses: { 200: { description: "Berkas (foto atau PDF)" } },
  refusals: [401, 404],
});

export const tracking = defineRoute({
  method: "get",
  path: "/api/v1/tracking/:code",
  tags: ["Publik"],
  summary: "Lacak usulan dengan kode lacak, tanpa data pribadi (60 permintaan per menit per alamat)",
  access: "public",
  responses: { 200: { description: "Riwayat tahapan", schema: TrackingSchema } },
  refusals: [404, 429],
});

export const carryOverOffers = defineRoute({
  method: "get",
  path: "/api/v1/villages/:code/carry-over",
  tags,
  summary: "Usulan tahun lalu desa yang dapat diajukan lagi (dialihkan ke tahun berikutnya atau ditolak, belum dipilih desa)",
  description: "`year` adalah tahun rencana yang dibuka (bawaan: tahun rencana berjalan); yang ditawarkan adalah usulan tahun sebelumnya. Hanya operator desa itu sendiri.",
  request: { query: CarryOverQuerySchema },
  responses: { 200: { description: "Usulan yang ditawarkan", schema: CarryOverOffersSchema } },
  refusals: [401, 403, 404, 422],
});

export const keepCarryOver = defineRoute({
  method: "post",
  path: "/api/v1/proposals/:id/carry-over/keep",
  tags,
  summary: "Ajukan lagi usulan tahun lalu untuk tahun berikutnya dengan isi yang sama (usulan baru, `carriedFrom` menunjuk usulan lama)",
  responses: { 201: { description: "Usulan baru", schema: ProposalSchema }, 200: { description: "Dikirim dua kali bersamaan: usulan yang sudah dibuat", schema: ProposalSchema } },
  refusals: [401, 403, 404, 409],
});

export const dropCarryOver = defineRoute({
  method: "post",
  path: "/api/v1/proposals/:id/carry-over/drop",
  tags,
  summary: "Tidak mengajukan lagi usulan tahun lalu: dicatat dan tidak ditawarkan lagi",
  responses: { 200: { description: "Pilihan tercatat", schema: CarryOverDroppedSchema } },
  refusals: [401, 403, 404, 409],
});
