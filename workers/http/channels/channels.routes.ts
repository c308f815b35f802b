import { DprdMemberListSchema, PokirReportQuerySchema, PokirReportSchema, ThemeSummarySchema, WithdrawPokirSchema, YearQuerySchema } from "../../../shared/schemas/channels.ts";
import { PokirInputSchema, ProposalSchema, ThematicInputSchema } from "../../../shared/schemas/proposals.ts";
import { BODY_LIMITS } from "../middleware/body-limit.ts";
import { defineRoute } from "../route.ts";

const tags = ["Pokir DPRD dan Musrenbang tematik"];

const multipart = {
  type: "object",
  properties: {
    proposal: { type: "string", description: "JSON dengan bentuk yang sama seperti application/json" },
    attachments: { type: "array", items: { type: "string", format: "binary" }, maxItems: 5, description: "Bukti: foto lokasi, notulen reses (JPG, PNG, WebP, PDF)" },
  },
} as const;

const idempotency = [{ name: "Idempotency-Key", required: false, schema: { type: "string", minLength: 8, maxLength: 128 } }] as const;

export const createPokir = defineRoute({
  method: "post",
  path: "/api/v1/pokir",
  tags,
  summary: "Ajukan pokir DPRD (anggota DPRD untuk dirinya, Setwan untuk anggota mana pun): JSON, atau multipart dengan bukti",
  description:
    "Lokasi: `villageCode` (desa/kelurahan) atau `districtCode` (sekecamatan), salah satu. Pokir tidak melalui verifikasi kecamatan: " +
    "langsung diarahkan ke OPD (Permendagri 86/2017). Pokir yang sudah diajukan tidak pernah dihapus; pembatalan dengan alasan.",
  request: { manual: { json: PokirInputSchema, multipart }, headers: [...idempotency], maxBytes: BODY_LIMITS.submission },
  responses: { 201: { description: "Pokir tersimpan", schema: ProposalSchema }, 200: { description: "Pokir yang sama sudah dikirim akun ini dalam 10 menit terakhir", schema: ProposalSchema } },
  refusals: [400, 401, 403, 409, 413, 415, 422],
});

export const withdrawPokir = defineRoute({
  method: "post",
  path: "/api/v1/pokir/:id/withdraw",
  tags,
  summary: "Batalkan pokir dengan alasannya (selama belum diputuskan OPD atau forum); pokir tetap tersimpan",
  request: { json: WithdrawPokirSchema },
  responses: { 200: { description: "Pokir dibatalkan", schema: ProposalSchema } },
  refusals: [400, 401, 403, 404, 409, 422],
});

export const pokirReport = defineRoute({
  method: "get",
  path: "/api/v1/pokir",
  tags,
  summary: "Laporan pokir per anggota DPRD: status, OPD, alasan, baris Renja (format=csv untuk diunduh)",
  request: { query: PokirReportQuerySchema },
  responses: { 200: { description: "Pokir tahun itu dan nasibnya", schema: PokirReportSchema } },
  refusals: [401, 403, 404, 422],
});

export const dprdMembers = defineRoute({
  method: "get",
  path: "/api/v1/dprd-members",
  tags,
  summary: "Anggota DPRD kabupaten (fraksi, dapil), untuk Setwan yang mengentri pokir",
  responses: { 200: { description: "Anggota DPRD", schema: DprdMemberListSchema } },
  refusals: [401, 403],
});

export const createThematic = defineRoute({
  method: "post",
  path: "/api/v1/thematic-proposals",
  tags,
  summary: "Ajukan usulan Musrenbang tematik (perempuan, anak, disabilitas, lansia, pemuda) untuk satu kecamatan atau sekabupaten",
  description: "Tanpa `districtCode`: usulan untuk seluruh kabupaten. Usulan tematik langsung diarahkan ke OPD, tanpa verifikasi kecamatan.",
  request: { manual: { json: ThematicInputSchema, multipart }, headers: [...idempotency], maxBytes: BODY_LIMITS.submission },
  responses: { 201: { description: "Usulan tersimpan", schema: ProposalSchema }, 200: { description: "Usulan yang sama sudah dikirim akun ini dalam 10 menit terakhir", schema: ProposalSchema } },
  refusals: [400, 401, 403, 409, 413, 415, 422],
});

export const themeSummary = defineRoute({
  method: "get",
  path: "/api/v1/themes",
  tags,
  summary: "Ringkasan Musrenbang tematik per tema: berapa diajukan, diteruskan ke OPD, didanai",
  request: { query: YearQuerySchema },
  responses: { 200: { description: "Per tema", schema: ThemeSummarySchema } },
  refusals: [401, 403, 422],
});
