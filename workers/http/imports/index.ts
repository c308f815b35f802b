import { RouteGroup } from "../route.ts";
import * as handlers from "./imports.handlers.ts";
import * as routes from "./imports.routes.ts";

export const importRoutes = new RouteGroup()
  .add(routes.importTemplate, handlers.importTemplate)
  .add(routes.uploadImport, handlers.uploadImport)
  .add(routes.listImports, handlers.listImports)
  .add(routes.readImport, handlers.readImport)
  .add(routes.chooseImportPlaces, handlers.chooseImportPlaces)
  .add(routes.commitImport, handlers.commitImport);
