import * as v from "valibot";
import { DecisionResultSchema } from "../../../shared/schemas/reviews.ts";
import { DeliverySchema, EndpointSchema } from "../../../shared/schemas/webhooks.ts";
import { EndpointCreateSchema, InboundDecisionSchema, SecretRotateSchema } from "../../../shared/webhooks/events.ts";
import { BODY_LIMITS } from "../middleware/body-limit.ts";
import { defineRoute } from "../route.ts";

const tags = ["Webhook OPD"];

export const listEndpoints = defineRoute({
  method: "get",
  path: "/api/v1/agencies/:agency/webhooks",
  tags,
  summary: "Endpoint webhook satu OPD",
  responses: { 200: { description: "Endpoint", schema: v.object({ endpoints: v.array(EndpointSchema) }) } },
  refusals: [401, 403, 404],
});

export const createEndpoint = defineRoute({
  method: "post",
  path: "/api/v1/agencies/:agency/webhooks",
  tags,
  summary: "Daftarkan endpoint webhook OPD (Bappeda)",
  request: { json: EndpointCreateSchema },
  responses: { 201: { description: "Endpoint terdaftar", schema: EndpointSchema } },
  refusals: [400, 401, 403, 404, 422],
});

export const disableEndpoint = defineRoute({
  method: "post",
  path: "/api/v1/webhook-endpoints/:id/disable",
  tags,
  summary: "Nonaktifkan endpoint webhook",
  responses: { 200: { description: "Nonaktif", schema: EndpointSchema } },
  refusals: [401, 403, 404],
});

export const rotateSecret = defineRoute({
  method: "post",
  path: "/api/v1/agencies/:agency/webhook-secrets",
  tags,
  summary: "Buat atau rotasi rahasia webhook OPD; rahasia lama tetap sah selama masa tumpang-tindih",
  request: { json: SecretRotateSchema },
  responses: { 201: { description: "Rahasia baru (hanya ditampilkan sekali)", schema: v.object({ secret: v.string(), previousValidUntil: v.nullable(v.string()) }) } },
  refusals: [401, 403, 404, 422],
});

export const deliveries = defineRoute({
  method: "get",
  path: "/api/v1/webhook-endpoints/:id/deliveries",
  tags,
  summary: "Log pengiriman satu endpoint: percobaan, status, latensi",
  responses: { 200: { description: "Pengiriman terbaru", schema: v.object({ deliveries: v.array(DeliverySchema) }) } },
  refusals: [401, 403, 404],
});

export const redeliver = defineRoute({
  method: "post",
  path: "/api/v1/webhook-deliveries/:id/redeliver",
  tags,
  summary: "Kirim ulang satu pengiriman webhook (Bappeda)",
  responses: { 202: { description: "Dijadwalkan ulang" } },
  refusals: [401, 403, 404],
});

export const inboundDecision = defineRoute({
  method: "post",
  path: "/webhooks/agencies/:agency/decisions",
  tags,
  summary: "Keputusan dari sistem OPD, ditandatangani Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)",
  description:
    "Tanda tangan `v1,<base64 HMAC-SHA256>` atas `id.timestamp.body` dengan rahasia OPD yang masih sah. Cap waktu di luar 5 menit atau tanda tangan salah: 401. `webhook-id` adalah kunci idempoten: pengiriman ulang mendapat jawaban pertama.",
  access: "public",
  // The signature covers the raw body, so the handler reads it itself.
  request: { manual: { json: InboundDecisionSchema }, maxBytes: BODY_LIMITS.webhook },
  responses: { 202: { description: "Keputusan tercatat; siklus usulan dilanjutkan", schema: DecisionResultSchema } },
  refusals: [400, 401, 403, 404, 409, 422],
});
