import { RouteGroup } from "../route.ts";
import * as handlers from "./accounts.handlers.ts";
import * as routes from "./accounts.routes.ts";

export const accountRoutes = new RouteGroup()
  .add(routes.listAccounts, handlers.listAccounts)
  .add(routes.createAccount, handlers.createAccount)
  .add(routes.disableAccount, handlers.disableAccount)
  .add(routes.listTokens, handlers.listTokens)
  .add(routes.createToken, handlers.createToken)
  .add(routes.revokeToken, handlers.revokeToken);
