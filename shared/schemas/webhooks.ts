/** Shapes of agencies' webhook endpoints and deliveries as the API lists them. */
import * as v from "valibot";

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
