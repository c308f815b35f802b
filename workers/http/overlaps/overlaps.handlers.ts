import * as overlaps from "../../usecases/overlaps/overlaps.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./overlaps.routes.ts";

export const proposalOverlaps: RouteHandler<typeof routes.proposalOverlaps> = async (c, { params }) =>
  c.json({ flags: await overlaps.proposalOverlaps(deps(c), caller(c), { proposalId: params.id }) }, 200);

export const listOverlaps: RouteHandler<typeof routes.listOverlaps> = async (c, { query }) => c.json({ clusters: await overlaps.overlapClusters(deps(c), caller(c), query) }, 200);

export const recheck: RouteHandler<typeof routes.recheck> = async (c, { json }) => c.json(await overlaps.recheckOverlaps(deps(c), caller(c), json), 202);

export const dismiss: RouteHandler<typeof routes.dismiss> = async (c, { params, json }) => c.json(await overlaps.dismissOverlap(deps(c), caller(c), { flagId: params.id, reason: json.reason }), 200);
