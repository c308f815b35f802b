import { RouteGroup } from "../route.ts";
import * as handlers from "./follow-ups.handlers.ts";
import * as routes from "./follow-ups.routes.ts";

export const followUpRoutes = new RouteGroup().add(routes.addFollowUp, handlers.addFollowUp).add(routes.updateFollowUp, handlers.updateFollowUp).add(routes.listFollowUps, handlers.listFollowUps);
