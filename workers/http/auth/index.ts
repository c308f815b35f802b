import { signInRateLimit } from "../middleware/rate-limit.ts";
import { RouteGroup } from "../route.ts";
import * as handlers from "./auth.handlers.ts";
import * as routes from "./auth.routes.ts";

export const authRoutes = new RouteGroup().add(routes.login, handlers.login, signInRateLimit).add(routes.logout, handlers.logout).add(routes.me, handlers.me);
