import { PublicDocumentSchema } from "../../../shared/schemas/public.ts";
import { defineRoute } from "../route.ts";

const tags = ["Data terbuka"];

const description =
  "Tanpa masuk. Satu baris per usulan tahun itu di kabupaten/kota itu: kegiatan, desa dan kecamatan (tidak lebih rinci: tanpa alamat, RT/RW, titik lokasi, nama orang, berkas), volume dan biaya yang diusulkan, tahap dan status sekarang, hasil dengan alasannya (digabung ke kode lacak mana, ditolak mengapa, didanai di baris Renja mana dengan pagu berapa, dialihkan ke tahun berapa). Skema versi 1 (X-Schema-Version), kolom tetap: perubahan = versi baru (README \"Data terbuka\"). Lisensi CC BY 4.0 (header Link rel=license; di setiap baris CSV dan di objek licence JSON). Disimpan di cache tepi per tahun dan kabupaten selama PUBLIC_CACHE_SECONDS (60 detik): keputusan baru tampil paling lambat semenit kemudian. Tahun di luar 2000-2100 atau kode yang bukan kabupaten/kota yang dijalankan: 404.";

export const publicCsv = defineRoute({
  method: "get",
  path: "/api/v1/public/:year/:regency/proposals.csv",
  tags,
  summary: "Data terbuka usulan Musrenbang satu tahun dan kabupaten/kota, CSV (RFC 4180, UTF-8 dengan BOM)",
  description,
  access: "public",
  responses: { 200: { description: "CSV, kolom versi 1 (README \"Data terbuka\")" } },
  refusals: [404],
});

export const publicJson = defineRoute({
  method: "get",
  path: "/api/v1/public/:year/:regency/proposals.json",
  tags,
  summary: "Data terbuka usulan Musrenbang satu tahun dan kabupaten/kota, JSON dengan jumlah per tahap dan per hasil",
  description,
  access: "public",
  responses: { 200: { description: "Dokumen versi 1", schema: PublicDocumentSchema } },
  refusals: [404],
});
