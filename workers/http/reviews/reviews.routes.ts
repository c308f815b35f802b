import { describeRoute, resolver } from "hono-openapi";
import * as v from "valibot";
import { AssignSchema, ClassificationSchema, DeadLetterSchema, DecisionResultSchema, DecisionSchema, TaskPageSchema, TaskSchema } from "../../../shared/schemas/reviews.ts";
import { bearerSecurity, jsonContent, refusals } from "../openapi-helpers.ts";

const tags = ["Telaah dan verifikasi"];
const security = bearerSecurity;

export const agencyQueueRoute = describeRoute({
  tags,
  security,
  summary: "Antrean telaah satu OPD (jatuh tempo terlama dulu, paginasi kursor)",
  responses: { 200: { description: "Satu halaman tugas", content: jsonContent(TaskPageSchema) }, ...refusals(401, 404, 422) },
});

export const districtQueueRoute = describeRoute({
  tags,
  security,
  summary: "Antrean verifikasi satu kecamatan",
  responses: { 200: { description: "Satu halaman tugas", content: jsonContent(TaskPageSchema) }, ...refusals(401, 404, 422) },
});

export const triageQueueRoute = describeRoute({
  tags,
  security,
  summary: "Antrean pemilahan Bappeda: usulan tanpa OPD pemilik",
  responses: { 200: { description: "Satu halaman tugas", content: jsonContent(TaskPageSchema) }, ...refusals(401, 403, 422) },
});

export const escalationsRoute = describeRoute({
  tags,
  security,
  summary: "Tugas yang melewati batas waktu dan dieskalasi ke Bappeda",
  responses: { 200: { description: "Tugas tereskalasi", content: jsonContent(v.object({ tasks: v.array(TaskSchema) })) }, ...refusals(401, 403) },
});

export const claimRoute = describeRoute({
  tags,
  security,
  summary: "Ambil tugas untuk dikerjakan sendiri",
  responses: { 200: { description: "Tugas diambil", content: jsonContent(TaskSchema) }, ...refusals(401, 403, 404, 409) },
});

export const assignRoute = describeRoute({
  tags,
  security,
  summary: "Tugaskan ke penelaah tertentu",
  requestBody: { required: true, content: { "application/json": { schema: resolver(AssignSchema) } } },
  responses: { 200: { description: "Tugas ditugaskan", content: jsonContent(TaskSchema) }, ...refusals(401, 403, 404, 409, 422) },
});

export const decisionRoute = describeRoute({
  tags,
  security,
  summary: "Putuskan tugas: verifikasi kecamatan, telaah OPD, atau pemilahan Bappeda",
  description:
    "Keputusan per jenis tugas: verifikasi `verified`/`returned` (catatan wajib); telaah OPD `accepted`, `accepted_with_changes` (perubahan wajib), `merged` (usulan tujuan wajib), `rejected` (alasan wajib), `carried_over`; pemilahan `route` (kode sub kegiatan) atau `rejected`. Keputusan yang sama diulang: 200 dengan keputusan tersimpan; keputusan lain: 409 dengan keputusan yang ada.",
  requestBody: { required: true, content: { "application/json": { schema: resolver(DecisionSchema) } } },
  responses: {
    201: { description: "Keputusan tercatat; siklus usulan dilanjutkan", content: jsonContent(DecisionResultSchema) },
    200: { description: "Keputusan yang sama sudah tercatat", content: jsonContent(DecisionResultSchema) },
    ...refusals(400, 401, 403, 404, 409, 422),
  },
});

export const classificationRoute = describeRoute({
  tags,
  security,
  summary: "Koreksi kode sub kegiatan usulan sebelum diteruskan (kecamatan atau Bappeda)",
  requestBody: { required: true, content: { "application/json": { schema: resolver(ClassificationSchema) } } },
  responses: { 200: { description: "Klasifikasi tersimpan" }, ...refusals(401, 403, 404, 409, 422) },
});

export const deadLettersRoute = describeRoute({
  tags: ["Operasional"],
  security,
  summary: "Pesan antrean yang gagal diproses (dead-letter), untuk Bappeda",
  responses: { 200: { description: "Pesan", content: jsonContent(v.object({ deadLetters: v.array(DeadLetterSchema) })) }, ...refusals(401, 403) },
});

export const replayRoute = describeRoute({
  tags: ["Operasional"],
  security,
  summary: "Kirim ulang pesan dead-letter ke antrean asalnya",
  responses: { 200: { description: "Dikirim ulang", content: jsonContent(DeadLetterSchema) }, ...refusals(401, 403, 404, 409) },
});

export const failedLifecyclesRoute = describeRoute({
  tags: ["Operasional"],
  security,
  summary: "Usulan yang siklusnya gagal permanen (untuk Bappeda)",
  responses: { 200: { description: "Usulan dengan galat siklus" }, ...refusals(401, 403) },
});

export const retryLifecycleRoute = describeRoute({
  tags: ["Operasional"],
  security,
  summary: "Jalankan ulang siklus usulan yang gagal",
  responses: { 202: { description: "Dijalankan ulang" }, ...refusals(401, 403, 404, 409) },
});
