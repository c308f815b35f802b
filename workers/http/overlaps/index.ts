import { RouteGroup } from "../route.ts";
import * as handlers from "./overlaps.handlers.ts";
import * as routes from "./overlaps.routes.ts";

export const overlapRoutes = new RouteGroup()
  .add(routes.proposalOverlaps, handlers.proposalOverlaps)
  .add(routes.listOverlaps, handlers.listOverlaps)
  .add(routes.recheck, handlers.recheck)
  .add(routes.dismiss, handlers.dismiss);
