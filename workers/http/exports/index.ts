import { Hono } from "hono";
import { ExportQuerySchema } from "../../../shared/schemas/exports.ts";
import type { AppEnv } from "../context.ts";
import { validate } from "../validation.ts";
import * as handlers from "./exports.handlers.ts";
import * as routes from "./exports.routes.ts";

export const exportRoutes = new Hono<AppEnv>()
  .get("/api/v1/exports/renja", routes.exportRenjaRoute, validate("query", ExportQuerySchema), (c) => handlers.exportRenja(c, c.req.valid("query")))
  .get("/api/v1/exports/:id", routes.exportStatusRoute, (c) => handlers.exportStatus(c, c.req.param("id")))
  .get("/api/v1/exports/:id/download", routes.exportDownloadRoute, (c) => handlers.exportDownload(c, c.req.param("id")));
