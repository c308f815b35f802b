import { checkHealth } from "../../usecases/operations/health.ts";
import { deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./health.routes.ts";

export const getHealth: RouteHandler<typeof routes.getHealth> = async (c) => {
  const health = await checkHealth(deps(c));
  return c.json(health, health.status === "ok" ? 200 : 503);
};
