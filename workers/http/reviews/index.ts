import { RouteGroup } from "../route.ts";
import * as handlers from "./reviews.handlers.ts";
import * as routes from "./reviews.routes.ts";

export const reviewRoutes = new RouteGroup()
  .add(routes.agencyQueue, handlers.agencyQueue)
  .add(routes.districtQueue, handlers.districtQueue)
  .add(routes.triageQueue, handlers.triageQueue)
  .add(routes.escalations, handlers.escalations)
  .add(routes.claim, handlers.claim)
  .add(routes.assign, handlers.assign)
  .add(routes.decide, handlers.decide)
  .add(routes.classify, handlers.classify);
