import * as figures from "../../usecases/figures/figures.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./figures.routes.ts";

export const envelopes: RouteHandler<typeof routes.envelopes> = async (c, { query }) => c.json(await figures.envelopeFigures(deps(c), caller(c), query), 200);

export const stages: RouteHandler<typeof routes.stages> = async (c, { query }) => c.json(await figures.stageFigures(deps(c), caller(c), query), 200);

export const overlaps: RouteHandler<typeof routes.overlaps> = async (c, { query }) => c.json(await figures.overlapFigures(deps(c), caller(c), query), 200);

export const districts: RouteHandler<typeof routes.districts> = async (c, { query }) => c.json(await figures.districtFigures(deps(c), caller(c), query), 200);
