import { RouteGroup } from "../route.ts";
import * as handlers from "./budget.handlers.ts";
import * as routes from "./budget.routes.ts";

export const budgetRoutes = new RouteGroup().add(routes.setEnvelope, handlers.setEnvelope).add(routes.listEnvelopes, handlers.listEnvelopes).add(routes.fit, handlers.fit);
