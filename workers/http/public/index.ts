import { RouteGroup } from "../route.ts";
import * as handlers from "./public.handlers.ts";
import * as routes from "./public.routes.ts";

export const publicRoutes = new RouteGroup().add(routes.publicCsv, handlers.publicCsv).add(routes.publicJson, handlers.publicJson);
