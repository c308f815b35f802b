import { CompareQuerySchema, OutcomePageQuerySchema, ScenarioCreateSchema, ScenarioEditSchema, ScenarioListQuerySchema, ScenarioVersionSchema, VillageTallyQuerySchema } from "../../../shared/schemas/budget-scenarios.ts";
import { defineRoute } from "../route.ts";

const tags = ["Skenario anggaran"];
const scenario = { description: "Skenario: perubahan pagu, aturan keadilan, status dan ringkasan hasil" };

export const createScenario = defineRoute({
  method: "post",
  path: "/api/v1/budget-scenarios",
  tags,
  summary: "Buat skenario: perubahan pagu (per OPD, per kecamatan, atau persentase untuk semua) dan aturan keadilan (lantai per kecamatan, kuota kelompok, bobot prioritas)",
  request: { json: ScenarioCreateSchema },
  responses: { 201: scenario },
  refusals: [400, 401, 403, 422],
});

export const listScenarios = defineRoute({ method: "get", path: "/api/v1/budget-scenarios", tags, summary: "Daftar skenario kabupaten (per tahun)", request: { query: ScenarioListQuerySchema }, responses: { 200: { description: "Skenario" } }, refusals: [401, 403, 422] });

export const compareScenarios = defineRoute({
  method: "get",
  path: "/api/v1/budget-scenarios/compare",
  tags,
  summary: "Bandingkan dua skenario tahun yang sama per kecamatan: didanai sekarang, menurut A, menurut B, dan selisihnya",
  request: { query: CompareQuerySchema },
  responses: { 200: { description: "Perbandingan per kecamatan" } },
  refusals: [401, 403, 404, 409, 422],
});

export const compareXlsx = defineRoute({
  method: "get",
  path: "/api/v1/budget-scenarios/compare.xlsx",
  tags,
  summary: "Perbandingan dua skenario sebagai XLSX",
  request: { query: CompareQuerySchema },
  responses: { 200: { description: "XLSX" } },
  refusals: [401, 403, 404, 409, 422],
});

export const getScenario = defineRoute({ method: "get", path: "/api/v1/budget-scenarios/:id", tags, summary: "Satu skenario dengan hasil per kecamatan (sebelum dan sesudah)", responses: { 200: scenario }, refusals: [401, 403, 404] });

export const editScenario = defineRoute({
  method: "put",
  path: "/api/v1/budget-scenarios/:id",
  tags,
  summary: "Ubah skenario (menyebut versi yang diubah); hasil lama tidak berlaku sampai dijalankan lagi",
  request: { json: ScenarioEditSchema },
  responses: { 200: scenario },
  refusals: [400, 401, 403, 404, 409, 422],
});

export const runScenario = defineRoute({
  method: "post",
  path: "/api/v1/budget-scenarios/:id/run",
  tags,
  summary: "Hitung skenario di latar belakang (semua pagu sekaligus); kemajuan terlihat di skenario",
  request: { json: ScenarioVersionSchema },
  responses: { 202: scenario },
  refusals: [400, 401, 403, 404, 409, 422],
});

export const scenarioOutcomes = defineRoute({
  method: "get",
  path: "/api/v1/budget-scenarios/:id/outcomes",
  tags,
  summary: "Hasil per usulan, satu halaman: yang tersisih (pagu mana habis dan kurang berapa), yang berubah, atau semua",
  request: { query: OutcomePageQuerySchema },
  responses: { 200: { description: "Halaman hasil dan penanda halaman berikutnya" } },
  refusals: [401, 403, 404, 409, 422],
});

export const scenarioVillages = defineRoute({
  method: "get",
  path: "/api/v1/budget-scenarios/:id/villages",
  tags,
  summary: "Per desa dalam satu kecamatan: jumlah dan rupiah didanai sebelum dan sesudah",
  request: { query: VillageTallyQuerySchema },
  responses: { 200: { description: "Desa" } },
  refusals: [401, 403, 404, 409, 422],
});

export const scenarioXlsx = defineRoute({ method: "get", path: "/api/v1/budget-scenarios/:id/export.xlsx", tags, summary: "Skenario sebagai XLSX: ringkasan, pagu, kecamatan, desa, usulan tersisih", responses: { 200: { description: "XLSX" } }, refusals: [401, 403, 404, 409] });

export const applyScenario = defineRoute({
  method: "post",
  path: "/api/v1/budget-scenarios/:id/apply",
  tags,
  summary: "Terapkan skenario ke pagu indikatif (versi yang sudah dihitung; ditolak bila pagu berubah sesudah dihitung)",
  request: { json: ScenarioVersionSchema },
  responses: { 200: scenario },
  refusals: [400, 401, 403, 404, 409, 422],
});
