import { Hono } from "hono";
import { AccountCreateSchema, TokenCreateSchema } from "../../../shared/schemas/accounts.ts";
import type { AppEnv } from "../context.ts";
import { validate } from "../validation.ts";
import * as handlers from "./accounts.handlers.ts";
import * as routes from "./accounts.routes.ts";

export const accountRoutes = new Hono<AppEnv>()
  .get("/api/v1/accounts", routes.listAccountsRoute, handlers.listAccounts)
  .post("/api/v1/accounts", routes.createAccountRoute, validate("json", AccountCreateSchema), (c) =>
    handlers.createAccount(c, c.req.valid("json")),
  )
  .post("/api/v1/accounts/:id/disable", routes.disableAccountRoute, (c) => handlers.disableAccount(c, c.req.param("id")))
  .get("/api/v1/tokens", routes.listTokensRoute, handlers.listTokens)
  .post("/api/v1/tokens", routes.createTokenRoute, validate("json", TokenCreateSchema), (c) =>
    handlers.createToken(c, c.req.valid("json")),
  )
  .post("/api/v1/tokens/:id/revoke", routes.revokeTokenRoute, (c) => handlers.revokeToken(c, c.req.param("id")));
