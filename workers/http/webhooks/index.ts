import { RouteGroup } from "../route.ts";
import * as handlers from "./webhooks.handlers.ts";
import * as routes from "./webhooks.routes.ts";

export const webhookRoutes = new RouteGroup()
  .add(routes.listEndpoints, handlers.listEndpoints)
  .add(routes.createEndpoint, handlers.createEndpoint)
  .add(routes.disableEndpoint, handlers.disableEndpoint)
  .add(routes.rotateSecret, handlers.rotateSecret)
  .add(routes.deliveries, handlers.deliveries)
  .add(routes.redeliver, handlers.redeliver)
  .add(routes.inboundDecision, handlers.inboundDecision);
