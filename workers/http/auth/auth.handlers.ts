import type { Login } from "../../../shared/schemas/accounts.ts";
import { requirePrincipal } from "../access.ts";
import type { AppContext } from "../context.ts";
import { signIn, signOut } from "./sign-in.ts";

export async function login(c: AppContext, body: Login) {
  return c.json(await signIn(c, body), 200);
}

export async function logout(c: AppContext) {
  requirePrincipal(c);
  await signOut(c);
  return c.body(null, 204);
}

export function me(c: AppContext) {
  return c.json({ principal: requirePrincipal(c) }, 200);
}
