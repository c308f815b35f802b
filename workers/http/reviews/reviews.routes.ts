import * as v from "valibot";
import { AssignSchema, ClassificationSchema, DecisionResultSchema, DecisionSchema, QueueQuerySchema, TaskPageSchema, TaskSchema } from "../../../shared/schemas/reviews.ts";
import { defineRoute } from "../route.ts";

const tags = ["Telaah dan verifikasi"];

export const agencyQueue = defineRoute({
  method: "get",
  path: "/api/v1/agencies/:agency/reviews",
  tags,
  summary: "Antrean telaah satu OPD (jatuh tempo terlama dulu, paginasi kursor)",
  request: { query: QueueQuerySchema },
  responses: { 200: { description: "Satu halaman tugas", schema: TaskPageSchema } },
  refusals: [401, 404, 422],
});

export const districtQueue = defineRoute({
  method: "get",
  path: "/api/v1/districts/:district/verifications",
  tags,
  summary: "Antrean verifikasi satu kecamatan",
  request: { query: QueueQuerySchema },
  responses: { 200: { description: "Satu halaman tugas", schema: TaskPageSchema } },
  refusals: [401, 404, 422],
});

export const triageQueue = defineRoute({
  method: "get",
  path: "/api/v1/triage",
  tags,
  summary: "Antrean pemilahan Bappeda: usulan tanpa OPD pemilik",
  request: { query: QueueQuerySchema },
  responses: { 200: { description: "Satu halaman tugas", schema: TaskPageSchema } },
  refusals: [401, 403, 422],
});

export const escalations = defineRoute({
  method: "get",
  path: "/api/v1/escalations",
  tags,
  summary: "Tugas yang melewati batas waktu dan dieskalasi ke Bappeda",
  responses: { 200: { description: "Tugas tereskalasi", schema: v.object({ tasks: v.array(TaskSchema) }) } },
  refusals: [401, 403],
});

export const claim = defineRoute({
  method: "post",
  path: "/api/v1/reviews/:task/claim",
  tags,
  summary: "Ambil tugas untuk dikerjakan sendiri",
  responses: { 200: { description: "Tugas diambil", schema: TaskSchema } },
  refusals: [401, 403, 404, 409],
});

export const assign = defineRoute({
  method: "post",
  path: "/api/v1/reviews/:task/assign",
  tags,
  summary: "Tugaskan ke penelaah tertentu",
  request: { json: AssignSchema },
  responses: { 200: { description: "Tugas ditugaskan", schema: TaskSchema } },
  refusals: [401, 403, 404, 409, 422],
});

export const decide = defineRoute({
  method: "post",
  path: "/api/v1/reviews/:task/decision",
  tags,
  summary: "Putuskan tugas: verifikasi kecamatan, telaah OPD, atau pemilahan Bappeda",
  description:
    "Keputusan per jenis tugas: verifikasi `verified`/`returned` (catatan wajib); telaah OPD `accepted`, `accepted_with_changes` (perubahan wajib), `merged` (usulan tujuan wajib), `rejected` (alasan wajib), `carried_over`; pemilahan `route` (kode sub kegiatan) atau `rejected`. Keputusan yang sama diulang: 200 dengan keputusan tersimpan; keputusan lain: 409 dengan keputusan yang ada.",
  request: { json: DecisionSchema },
  responses: {
    201: { description: "Keputusan tercatat; siklus usulan dilanjutkan", schema: DecisionResultSchema },
    200: { description: "Keputusan yang sama sudah tercatat", schema: DecisionResultSchema },
  },
  refusals: [400, 401, 403, 404, 409, 422],
});

export const classify = defineRoute({
  method: "put",
  path: "/api/v1/proposals/:id/classification",
  tags,
  summary: "Koreksi kode sub kegiatan usulan sebelum diteruskan (kecamatan atau Bappeda)",
  request: { json: ClassificationSchema },
  responses: { 200: { description: "Klasifikasi tersimpan" } },
  refusals: [401, 403, 404, 409, 422],
});
