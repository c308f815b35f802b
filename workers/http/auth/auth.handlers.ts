import { requirePrincipal } from "../../usecases/access.ts";
import { Refusal } from "../../usecases/errors.ts";
import { caller } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./auth.routes.ts";
import { signInWithCookie, signOutAndClearCookie } from "./session-cookie.ts";

export const login: RouteHandler<typeof routes.login> = async (c, { json }) => {
  try {
    return c.json(await signInWithCookie(c, json), 200);
  } catch (error) {
    if (error instanceof Refusal && error.status === 429) c.header("Retry-After", String(error.details?.retryAfterSeconds ?? 60));
    throw error;
  }
};

export const logout: RouteHandler<typeof routes.logout> = async (c) => {
  requirePrincipal(caller(c));
  await signOutAndClearCookie(c);
  return c.body(null, 204);
};

export const me: RouteHandler<typeof routes.me> = (c) => c.json({ principal: requirePrincipal(caller(c)) }, 200);
