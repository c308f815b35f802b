import { describeRoute, resolver } from "hono-openapi";
import * as v from "valibot";
import {
  ProposalInputSchema,
  ProposalPageSchema,
  ProposalPatchSchema,
  ProposalSchema,
  RankSchema,
  TrackingSchema,
} from "../../../shared/schemas/proposals.ts";
import { bearerSecurity, jsonContent, refusals } from "../openapi-helpers.ts";

const tags = ["Usulan"];
const security = bearerSecurity;

export const createProposalRoute = describeRoute({
  tags,
  security,
  summary: "Ajukan usulan desa (JSON, atau multipart: isian `proposal` berisi JSON dan berkas `attachments`)",
  description:
    "Header `Idempotency-Key` (disarankan): kunci yang sama dengan isi yang sama mengembalikan jawaban pertama; dengan isi berbeda, 409.",
  parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", minLength: 8, maxLength: 128 } }],
  requestBody: {
    required: true,
    content: {
      "application/json": { schema: resolver(ProposalInputSchema) },
      "multipart/form-data": {
        schema: {
          type: "object",
          properties: {
            proposal: { type: "string", description: "JSON dengan bentuk yang sama seperti application/json" },
            attachments: { type: "array", items: { type: "string", format: "binary" }, maxItems: 5 },
          },
        },
      },
    },
  },
  responses: {
    201: { description: "Usulan tersimpan", content: jsonContent(ProposalSchema) },
    ...refusals(400, 401, 403, 409, 413, 415, 422),
  },
});

export const listProposalsRoute = describeRoute({
  tags,
  security,
  summary: "Daftar usulan dalam cakupan pemanggil (terbaru dulu, paginasi kursor)",
  responses: { 200: { description: "Satu halaman usulan", content: jsonContent(ProposalPageSchema) }, ...refusals(401, 422) },
});

export const getProposalRoute = describeRoute({
  tags,
  security,
  summary: "Satu usulan beserta lampirannya",
  responses: { 200: { description: "Usulan", content: jsonContent(ProposalSchema) }, ...refusals(401, 404) },
});

export const patchProposalRoute = describeRoute({
  tags,
  security,
  summary: "Ubah usulan (selama belum diverifikasi kecamatan)",
  requestBody: { required: true, content: { "application/json": { schema: resolver(ProposalPatchSchema) } } },
  responses: { 200: { description: "Usulan diubah", content: jsonContent(ProposalSchema) }, ...refusals(400, 401, 403, 404, 409, 422) },
});

export const withdrawProposalRoute = describeRoute({
  tags,
  security,
  summary: "Batalkan usulan (selama belum diverifikasi kecamatan)",
  responses: { 200: { description: "Usulan dibatalkan", content: jsonContent(ProposalSchema) }, ...refusals(401, 403, 404, 409) },
});

export const rankProposalRoute = describeRoute({
  tags,
  security,
  summary: "Pindahkan usulan ke peringkat prioritas tertentu di desanya",
  requestBody: { required: true, content: { "application/json": { schema: resolver(RankSchema) } } },
  responses: {
    200: { description: "Urutan baru usulan desa", content: jsonContent(v.object({ proposals: v.array(ProposalSchema) })) },
    ...refusals(400, 401, 403, 404, 409, 422),
  },
});

export const getAttachmentRoute = describeRoute({
  tags,
  security,
  summary: "Unduh lampiran usulan",
  responses: { 200: { description: "Berkas (foto atau PDF)" }, ...refusals(401, 404) },
});

export const trackingRoute = describeRoute({
  tags: ["Publik"],
  summary: "Lacak usulan dengan kode lacak, tanpa data pribadi",
  responses: { 200: { description: "Riwayat tahapan", content: jsonContent(TrackingSchema) }, ...refusals(404) },
});
