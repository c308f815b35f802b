import * as planning from "../../usecases/planning/planning.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./planning.routes.ts";

export const listPriorities: RouteHandler<typeof routes.listPriorities> = async (c, { query }) => c.json(await planning.listPriorities(deps(c), caller(c), query), 200);

export const setPriorities: RouteHandler<typeof routes.setPriorities> = async (c, { json }) => c.json(await planning.setPriorities(deps(c), caller(c), json), 200);

export const readLetterhead: RouteHandler<typeof routes.readLetterhead> = async (c) => c.json(await planning.readLetterhead(deps(c), caller(c)), 200);

export const setLetterhead: RouteHandler<typeof routes.setLetterhead> = async (c, { json }) => c.json(await planning.setLetterhead(deps(c), caller(c), json), 200);
