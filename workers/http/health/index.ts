import { RouteGroup } from "../route.ts";
import * as handlers from "./health.handlers.ts";
import * as routes from "./health.routes.ts";

export const healthRoutes = new RouteGroup().add(routes.getHealth, handlers.getHealth);
