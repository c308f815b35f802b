import * as accounts from "../../usecases/accounts/accounts.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./accounts.routes.ts";

export const listAccounts: RouteHandler<typeof routes.listAccounts> = async (c) => c.json({ accounts: await accounts.listAccounts(deps(c), caller(c)) }, 200);

export const createAccount: RouteHandler<typeof routes.createAccount> = async (c, { json }) => c.json(await accounts.createAccount(deps(c), caller(c), json), 201);

export const disableAccount: RouteHandler<typeof routes.disableAccount> = async (c, { params }) => c.json(await accounts.disableAccount(deps(c), caller(c), params), 200);

export const listTokens: RouteHandler<typeof routes.listTokens> = async (c) => c.json({ tokens: await accounts.listTokens(deps(c), caller(c)) }, 200);

export const createToken: RouteHandler<typeof routes.createToken> = async (c, { json }) => c.json(await accounts.createToken(deps(c), caller(c), json), 201);

export const revokeToken: RouteHandler<typeof routes.revokeToken> = async (c, { params }) => c.json(await accounts.revokeToken(deps(c), caller(c), params), 200);
