import { AgencyListInputSchema, AgencyListQuerySchema, AgencyListSchema, AgencyReplacementSchema } from "../../../shared/schemas/agencies.ts";
import { defineRoute } from "../route.ts";

const tags = ["OPD"];

export const listAgencies = defineRoute({
  method: "get",
  path: "/api/v1/agencies",
  tags,
  summary: "OPD kabupaten dan bidang/program yang dipegang masing-masing (format=csv untuk diunduh dan disunting)",
  request: { query: AgencyListQuerySchema },
  responses: { 200: { description: "Daftar OPD (JSON, atau CSV dengan kolom singkatan, nama, bidang_program)", schema: AgencyListSchema } },
  refusals: [401, 403, 422],
});

export const replaceAgencies = defineRoute({
  method: "put",
  path: "/api/v1/agencies",
  tags,
  summary: "Ganti daftar OPD kabupaten dari CSV (text/csv) atau JSON: semua baris diterima atau tidak sama sekali",
  description:
    "CSV: kolom `singkatan`, `nama`, `bidang_program` (kode bidang U.BB atau program U.BB.PP, dipisah spasi), " +
    "dipisah koma atau titik koma. Setiap kesalahan disebut dengan baris, kolom dan alasannya (`error.fields`). " +
    "OPD yang tidak lagi tercantum menjadi tidak aktif: tugas telaahnya tetap ada, usulan baru tidak lagi diarahkan kepadanya.",
  request: { manual: { json: AgencyListInputSchema, csv: "singkatan,nama,bidang_program" } },
  responses: { 200: { description: "Ringkasan: jumlah OPD dan kode, OPD baru, OPD yang dinonaktifkan beserta tugas terbukanya", schema: AgencyReplacementSchema } },
  refusals: [400, 401, 403, 413, 415, 422],
});
