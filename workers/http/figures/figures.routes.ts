import { DistrictFiguresSchema, EnvelopeFiguresSchema, OverlapFiguresSchema, StageFiguresSchema } from "../../../shared/schemas/figures.ts";
import { YearQuerySchema } from "../../../shared/schemas/forums.ts";
import { defineRoute } from "../route.ts";

const tags = ["Angka konsol Bappeda"];
const refusals = [401, 403, 422] as const;

export const envelopes = defineRoute({
  method: "get",
  path: "/api/v1/figures/envelopes",
  tags,
  summary: "Pagu indikatif per OPD dan per kecamatan: jumlah, terpakai, sisa (Bappeda)",
  request: { query: YearQuerySchema },
  responses: { 200: { description: "Pagu bernama", schema: EnvelopeFiguresSchema } },
  refusals: [...refusals],
});

export const stages = defineRoute({
  method: "get",
  path: "/api/v1/figures/stages",
  tags,
  summary: "Corong tahapan: berapa usulan sampai di tiap tahap, dari diajukan desa sampai Renja (Bappeda)",
  request: { query: YearQuerySchema },
  responses: { 200: { description: "Tahapan", schema: StageFiguresSchema } },
  refusals: [...refusals],
});

export const overlaps = defineRoute({
  method: "get",
  path: "/api/v1/figures/overlaps",
  tags,
  summary: "Klaster tumpang tindih terbuka menurut pagu yang dipertaruhkan (Bappeda)",
  request: { query: YearQuerySchema },
  responses: { 200: { description: "Klaster", schema: OverlapFiguresSchema } },
  refusals: [...refusals],
});

export const districts = defineRoute({
  method: "get",
  path: "/api/v1/figures/districts",
  tags,
  summary: "Per kecamatan: jumlah usulan, biaya yang diusulkan dan disepakati, pagu (Bappeda)",
  request: { query: YearQuerySchema },
  responses: { 200: { description: "Kecamatan", schema: DistrictFiguresSchema } },
  refusals: [...refusals],
});
