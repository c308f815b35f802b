import { RouteGroup } from "../route.ts";
import * as handlers from "./reference.handlers.ts";
import * as routes from "./reference.routes.ts";

export const referenceRoutes = new RouteGroup().add(routes.searchSubActivities, handlers.searchSubActivities);
