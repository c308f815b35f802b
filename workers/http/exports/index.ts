import { RouteGroup } from "../route.ts";
import * as handlers from "./exports.handlers.ts";
import * as routes from "./exports.routes.ts";

export const exportRoutes = new RouteGroup().add(routes.exportRenja, handlers.exportRenja).add(routes.exportStatus, handlers.exportStatus).add(routes.exportDownload, handlers.exportDownload);
