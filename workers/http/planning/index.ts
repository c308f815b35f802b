import { RouteGroup } from "../route.ts";
import * as handlers from "./planning.handlers.ts";
import * as routes from "./planning.routes.ts";

export const planningRoutes = new RouteGroup()
  .add(routes.listPriorities, handlers.listPriorities)
  .add(routes.setPriorities, handlers.setPriorities)
  .add(routes.readLetterhead, handlers.readLetterhead)
  .add(routes.setLetterhead, handlers.setLetterhead);
