import * as v from "valibot";
import { DeadLetterSchema } from "../../../shared/schemas/reviews.ts";
import { defineRoute } from "../route.ts";

const tags = ["Operasional"];

export const deadLetters = defineRoute({
  method: "get",
  path: "/api/v1/dead-letters",
  tags,
  summary: "Pesan antrean yang gagal diproses (dead-letter), untuk Bappeda",
  request: { query: v.object({ semua: v.optional(v.string()) }) },
  responses: { 200: { description: "Pesan", schema: v.object({ deadLetters: v.array(DeadLetterSchema) }) } },
  refusals: [401, 403],
});

export const replay = defineRoute({
  method: "post",
  path: "/api/v1/dead-letters/:id/replay",
  tags,
  summary: "Kirim ulang pesan dead-letter ke antrean asalnya",
  responses: { 200: { description: "Dikirim ulang", schema: DeadLetterSchema } },
  refusals: [401, 403, 404, 409],
});

export const failedLifecycles = defineRoute({
  method: "get",
  path: "/api/v1/lifecycles/failed",
  tags,
  summary: "Usulan yang siklusnya gagal permanen (untuk Bappeda)",
  responses: { 200: { description: "Usulan dengan galat siklus" } },
  refusals: [401, 403],
});

export const retryLifecycle = defineRoute({
  method: "post",
  path: "/api/v1/proposals/:id/lifecycle/retry",
  tags,
  summary: "Jalankan ulang siklus usulan yang gagal",
  responses: { 202: { description: "Dijalankan ulang" } },
  refusals: [401, 403, 404, 409],
});
