import { submissionRateLimit } from "../middleware/rate-limit.ts";
import { RouteGroup } from "../route.ts";
import * as handlers from "./channels.handlers.ts";
import * as routes from "./channels.routes.ts";

/** The channels beside the village's: DPRD members' pokir and the thematic Musrenbang. */
export const channelRoutes = new RouteGroup()
  .add(routes.createPokir, handlers.createPokir, submissionRateLimit)
  .add(routes.withdrawPokir, handlers.withdrawPokir)
  .add(routes.pokirReport, handlers.pokirReport)
  .add(routes.dprdMembers, handlers.dprdMembers)
  .add(routes.createThematic, handlers.createThematic, submissionRateLimit)
  .add(routes.themeSummary, handlers.themeSummary);
