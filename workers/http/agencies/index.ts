import { bodyLimit } from "hono/body-limit";
import { Refusal } from "../../usecases/errors.ts";
import { RouteGroup } from "../route.ts";
import * as handlers from "./agencies.handlers.ts";
import * as routes from "./agencies.routes.ts";

/** A kabupaten's list of a few dozen OPD is a few KB; 256 KB leaves room for long names and many codes. */
const listLimit = bodyLimit({
  maxSize: 256 * 1024,
  onError: () => {
    throw new Refusal(413, "request_too_large", { id: "Kiriman terlalu besar.", en: "The request is too large." });
  },
});

export const agencyRoutes = new RouteGroup().add(routes.listAgencies, handlers.listAgencies).add(routes.replaceAgencies, handlers.replaceAgencies, listLimit);
