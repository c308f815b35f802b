import { RouteGroup } from "../route.ts";
import * as handlers from "./districts.handlers.ts";
import * as routes from "./districts.routes.ts";

export const districtRoutes = new RouteGroup()
  .add(routes.districtList, handlers.districtList)
  .add(routes.closeDistrictList, handlers.closeDistrictList)
  .add(routes.rankInDistrict, handlers.rankInDistrict)
  .add(routes.recommendInDistrict, handlers.recommendInDistrict);
