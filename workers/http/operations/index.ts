import { RouteGroup } from "../route.ts";
import * as handlers from "./operations.handlers.ts";
import * as routes from "./operations.routes.ts";

export const operationRoutes = new RouteGroup()
  .add(routes.deadLetters, handlers.deadLetters)
  .add(routes.replay, handlers.replay)
  .add(routes.failedLifecycles, handlers.failedLifecycles)
  .add(routes.retryLifecycle, handlers.retryLifecycle);
