import { EnvelopeSetSchema, FitQuerySchema, YearQuerySchema } from "../../../shared/schemas/forums.ts";
import { defineRoute } from "../route.ts";

const tags = ["Pagu indikatif"];

export const setEnvelope = defineRoute({
  method: "put",
  path: "/api/v1/budget/envelopes",
  tags,
  summary: "Tetapkan pagu indikatif per OPD atau per kecamatan",
  request: { json: EnvelopeSetSchema },
  responses: { 200: { description: "Pagu dengan sisa ruang" } },
  refusals: [401, 403, 422],
});

export const listEnvelopes = defineRoute({
  method: "get",
  path: "/api/v1/budget/envelopes",
  tags,
  summary: "Pagu tahun ini: jumlah, terpakai, sisa",
  request: { query: YearQuerySchema },
  responses: { 200: { description: "Pagu" } },
  refusals: [401, 403, 422],
});

export const fit = defineRoute({
  method: "get",
  path: "/api/v1/budget/fit",
  tags,
  summary: "Muat usulan ke dalam pagu menurut prioritas (peringkat kecamatan, lalu peringkat desa, lalu yang lebih murah); biaya yang dihitung: yang diterima, atau rekomendasi kecamatan, atau yang diminta desa; yang tidak muat beserta alasannya",
  request: { query: FitQuerySchema },
  responses: { 200: { description: "Terpilih dan tersisih" } },
  refusals: [401, 403, 404, 422],
});
