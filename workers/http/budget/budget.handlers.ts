import * as envelopes from "../../usecases/budget/envelopes.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./budget.routes.ts";

export const setEnvelope: RouteHandler<typeof routes.setEnvelope> = async (c, { json }) => c.json(await envelopes.setEnvelope(deps(c), caller(c), json), 200);

export const listEnvelopes: RouteHandler<typeof routes.listEnvelopes> = async (c, { query }) => c.json({ envelopes: await envelopes.listEnvelopes(deps(c), caller(c), query) }, 200);

export const fit: RouteHandler<typeof routes.fit> = async (c, { query }) => c.json(await envelopes.fitIntoEnvelope(deps(c), caller(c), query), 200);
