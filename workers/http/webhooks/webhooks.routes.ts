import { describeRoute, resolver } from "hono-openapi";
import * as v from "valibot";
import { EndpointCreateSchema, InboundDecisionSchema, SecretRotateSchema } from "../../../shared/webhooks/events.ts";
import { DecisionResultSchema } from "../../../shared/schemas/reviews.ts";
import { bearerSecurity, jsonContent, refusals } from "../openapi-helpers.ts";

const tags = ["Webhook OPD"];
const security = bearerSecurity;

export const EndpointSchema = v.object({
  id: v.string(),
  agencyId: v.string(),
  url: v.string(),
  eventTypes: v.array(v.string()),
  active: v.boolean(),
  createdAt: v.string(),
});

export const DeliverySchema = v.object({
  id: v.string(),
  eventType: v.string(),
  status: v.string(),
  attempts: v.number(),
  lastStatus: v.nullable(v.number()),
  lastError: v.nullable(v.string()),
  lastLatencyMs: v.nullable(v.number()),
  createdAt: v.string(),
  deliveredAt: v.nullable(v.string()),
  log: v.array(v.object({ attempt: v.number(), at: v.string(), status: v.nullable(v.number()), latencyMs: v.number(), error: v.nullable(v.string()) })),
});

export const listEndpointsRoute = describeRoute({
  tags,
  security,
  summary: "Endpoint webhook satu OPD",
  responses: { 200: { description: "Endpoint", content: jsonContent(v.object({ endpoints: v.array(EndpointSchema) })) }, ...refusals(401, 403, 404) },
});

export const createEndpointRoute = describeRoute({
  tags,
  security,
  summary: "Daftarkan endpoint webhook OPD (Bappeda)",
  requestBody: { required: true, content: { "application/json": { schema: resolver(EndpointCreateSchema) } } },
  responses: { 201: { description: "Endpoint terdaftar", content: jsonContent(EndpointSchema) }, ...refusals(400, 401, 403, 404, 422) },
});

export const disableEndpointRoute = describeRoute({
  tags,
  security,
  summary: "Nonaktifkan endpoint webhook",
  responses: { 200: { description: "Nonaktif", content: jsonContent(EndpointSchema) }, ...refusals(401, 403, 404) },
});

export const rotateSecretRoute = describeRoute({
  tags,
  security,
  summary: "Buat atau rotasi rahasia webhook OPD; rahasia lama tetap sah selama masa tumpang-tindih",
  requestBody: { required: false, content: { "application/json": { schema: resolver(SecretRotateSchema) } } },
  responses: {
    201: { description: "Rahasia baru (hanya ditampilkan sekali)", content: jsonContent(v.object({ secret: v.string(), previousValidUntil: v.nullable(v.string()) })) },
    ...refusals(401, 403, 404, 422),
  },
});

export const deliveriesRoute = describeRoute({
  tags,
  security,
  summary: "Log pengiriman satu endpoint: percobaan, status, latensi",
  responses: { 200: { description: "Pengiriman terbaru", content: jsonContent(v.object({ deliveries: v.array(DeliverySchema) })) }, ...refusals(401, 403, 404) },
});

export const redeliverRoute = describeRoute({
  tags,
  security,
  summary: "Kirim ulang satu pengiriman webhook (Bappeda)",
  responses: { 202: { description: "Dijadwalkan ulang" }, ...refusals(401, 403, 404) },
});

export const inboundDecisionRoute = describeRoute({
  tags,
  summary: "Keputusan dari sistem OPD, ditandatangani Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)",
  description:
    "Tanda tangan `v1,<base64 HMAC-SHA256>` atas `id.timestamp.body` dengan rahasia OPD yang masih sah. Cap waktu di luar 5 menit atau tanda tangan salah: 401. `webhook-id` adalah kunci idempoten: pengiriman ulang mendapat jawaban pertama.",
  requestBody: { required: true, content: { "application/json": { schema: resolver(InboundDecisionSchema) } } },
  responses: {
    202: { description: "Keputusan tercatat; siklus usulan dilanjutkan", content: jsonContent(DecisionResultSchema) },
    ...refusals(400, 401, 403, 404, 409, 422),
  },
});
