import { Hono } from "hono";
import { EndpointCreateSchema, SecretRotateSchema } from "../../../shared/webhooks/events.ts";
import type { AppEnv } from "../context.ts";
import { validate } from "../validation.ts";
import * as handlers from "./webhooks.handlers.ts";
import * as routes from "./webhooks.routes.ts";

export const webhookRoutes = new Hono<AppEnv>()
  .get("/api/v1/agencies/:agency/webhooks", routes.listEndpointsRoute, (c) => handlers.listEndpoints(c, c.req.param("agency")))
  .post("/api/v1/agencies/:agency/webhooks", routes.createEndpointRoute, validate("json", EndpointCreateSchema), (c) =>
    handlers.createEndpoint(c, c.req.param("agency"), c.req.valid("json")),
  )
  .post("/api/v1/webhook-endpoints/:id/disable", routes.disableEndpointRoute, (c) => handlers.disableEndpoint(c, c.req.param("id")))
  .post("/api/v1/agencies/:agency/webhook-secrets", routes.rotateSecretRoute, validate("json", SecretRotateSchema), (c) =>
    handlers.rotateSecret(c, c.req.param("agency"), c.req.valid("json").overlapHours),
  )
  .get("/api/v1/webhook-endpoints/:id/deliveries", routes.deliveriesRoute, (c) => handlers.listDeliveries(c, c.req.param("id")))
  .post("/api/v1/webhook-deliveries/:id/redeliver", routes.redeliverRoute, (c) => handlers.redeliver(c, c.req.param("id")))
  .post("/webhooks/agencies/:agency/decisions", routes.inboundDecisionRoute, (c) => handlers.inboundDecision(c, c.req.param("agency")));
