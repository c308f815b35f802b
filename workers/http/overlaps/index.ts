import { Hono } from "hono";
import { DismissSchema, OverlapListQuerySchema, RecheckSchema } from "../../../shared/schemas/overlaps.ts";
import type { AppEnv } from "../context.ts";
import { validate } from "../validation.ts";
import * as handlers from "./overlaps.handlers.ts";
import * as routes from "./overlaps.routes.ts";

export const overlapRoutes = new Hono<AppEnv>()
  .get("/api/v1/proposals/:id/overlaps", routes.proposalOverlapsRoute, (c) => handlers.proposalOverlaps(c, c.req.param("id")))
  .get("/api/v1/overlaps", routes.listOverlapsRoute, validate("query", OverlapListQuerySchema), (c) => handlers.listOverlaps(c, c.req.valid("query")))
  .post("/api/v1/overlaps/recheck", routes.recheckRoute, validate("json", RecheckSchema), (c) => handlers.recheck(c, c.req.valid("json").year))
  .post("/api/v1/overlaps/:id/dismiss", routes.dismissRoute, validate("json", DismissSchema), (c) => handlers.dismiss(c, c.req.param("id"), c.req.valid("json").reason));
