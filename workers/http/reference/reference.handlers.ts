import { findSubActivities } from "../../usecases/reference/nomenclature.ts";
import { deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./reference.routes.ts";

export const searchSubActivities: RouteHandler<typeof routes.searchSubActivities> = async (c, { query }) => c.json({ subActivities: await findSubActivities(deps(c), { query: query.q }) }, 200);
