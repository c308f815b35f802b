import * as v from "valibot";
import { DistrictCloseSchema, DistrictListQuerySchema, DistrictListSchema, DistrictRankSchema, DistrictRecommendationSchema } from "../../../shared/schemas/districts.ts";
import { ProposalSchema, RecommendationSchema } from "../../../shared/schemas/proposals.ts";
import { defineRoute } from "../route.ts";

const tags = ["Musrenbang kecamatan"];

export const districtList = defineRoute({
  method: "get",
  path: "/api/v1/districts/:district/musrenbang",
  tags,
  summary: "Daftar Musrenbang kecamatan untuk satu tahun: usulan terverifikasi menurut peringkat kecamatan, dengan rekomendasi kecamatan",
  request: { query: DistrictListQuerySchema },
  responses: { 200: { description: "Daftar kecamatan", schema: DistrictListSchema } },
  refusals: [401, 404, 422],
});

export const closeDistrictList = defineRoute({
  method: "post",
  path: "/api/v1/districts/:district/musrenbang/close",
  tags,
  summary: "Tutup daftar Musrenbang kecamatan untuk satu tahun (setelah itu hanya Bappeda yang dapat mengubah peringkat dan rekomendasi)",
  request: { json: DistrictCloseSchema },
  responses: {
    201: { description: "Daftar ditutup; setiap usulan mendapat nomor akhirnya", schema: v.object({ closedAt: v.string() }) },
    200: { description: "Daftar sudah ditutup sebelumnya", schema: v.object({ closedAt: v.string() }) },
  },
  refusals: [400, 401, 403, 404, 409, 422],
});

export const rankInDistrict = defineRoute({
  method: "post",
  path: "/api/v1/proposals/:id/district-rank",
  tags,
  summary: "Pindahkan usulan ke peringkat tertentu di daftar kecamatannya",
  request: { json: DistrictRankSchema },
  responses: { 200: { description: "Urutan baru daftar kecamatan", schema: v.object({ proposals: v.array(ProposalSchema) }) } },
  refusals: [400, 401, 403, 404, 409, 422],
});

export const recommendInDistrict = defineRoute({
  method: "put",
  path: "/api/v1/proposals/:id/district-recommendation",
  tags,
  summary: "Catat rekomendasi kecamatan untuk satu usulan: volume, biaya dan catatan",
  request: { json: DistrictRecommendationSchema },
  responses: { 200: { description: "Rekomendasi tersimpan", schema: RecommendationSchema } },
  refusals: [400, 401, 403, 404, 409, 422],
});
