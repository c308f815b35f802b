import { RouteGroup } from "../route.ts";
import * as handlers from "./figures.handlers.ts";
import * as routes from "./figures.routes.ts";

export const figureRoutes = new RouteGroup()
  .add(routes.envelopes, handlers.envelopes)
  .add(routes.stages, handlers.stages)
  .add(routes.overlaps, handlers.overlaps)
  .add(routes.districts, handlers.districts);
