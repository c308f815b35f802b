import { Refusal } from "../../usecases/errors.ts";
import { RouteGroup } from "../route.ts";
import * as handlers from "./exports.handlers.ts";
import * as routes from "./exports.routes.ts";

const createWithPost = new Refusal(405, "method_not_allowed", {
  id: "Ekspor Renja dibuat dengan POST ke alamat ini (isian yang sama di query string).",
  en: "A Renja export is created with POST to this address (the same fields in the query string).",
});

export const exportRoutes = new RouteGroup().add(routes.exportRenja, handlers.exportRenja);

// Creation used to be a GET; answered here, ahead of GET /api/v1/exports/:id, so the old call learns why.
exportRoutes.router.get(routes.exportRenja.path, (c) => {
  c.header("Allow", "POST");
  throw createWithPost;
});

exportRoutes.add(routes.exportStatus, handlers.exportStatus).add(routes.exportDownload, handlers.exportDownload);
