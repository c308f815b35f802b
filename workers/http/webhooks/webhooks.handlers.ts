import * as endpoints from "../../usecases/webhooks/endpoints.ts";
import { decideFromAgencySystem } from "../../usecases/webhooks/inbound.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./webhooks.routes.ts";

export const listEndpoints: RouteHandler<typeof routes.listEndpoints> = async (c, { params }) =>
  c.json({ endpoints: await endpoints.listEndpoints(deps(c), caller(c), { agencyId: params.agency }) }, 200);

export const createEndpoint: RouteHandler<typeof routes.createEndpoint> = async (c, { params, json }) =>
  c.json(await endpoints.createEndpoint(deps(c), caller(c), { agencyId: params.agency, endpoint: json }), 201);

export const disableEndpoint: RouteHandler<typeof routes.disableEndpoint> = async (c, { params }) => c.json(await endpoints.disableEndpoint(deps(c), caller(c), { endpointId: params.id }), 200);

export const rotateSecret: RouteHandler<typeof routes.rotateSecret> = async (c, { params, json }) =>
  c.json(await endpoints.rotateSecret(deps(c), caller(c), { agencyId: params.agency, overlapHours: json.overlapHours }), 201);

export const deliveries: RouteHandler<typeof routes.deliveries> = async (c, { params }) => c.json({ deliveries: await endpoints.listDeliveries(deps(c), caller(c), { endpointId: params.id }) }, 200);

export const redeliver: RouteHandler<typeof routes.redeliver> = async (c, { params }) => c.json(await endpoints.redeliver(deps(c), caller(c), { deliveryId: params.id }), 202);

export const inboundDecision: RouteHandler<typeof routes.inboundDecision> = async (c, { params }) => {
  const result = await decideFromAgencySystem(deps(c), { agencyId: params.agency, headers: c.req.raw.headers, body: await c.req.text() });
  if (result.replayed) c.header("Idempotent-Replayed", "true");
  return c.json(result.task, 202);
};
