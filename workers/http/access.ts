/** Route-side face of the access policy (shared/access/policy.ts): who is calling, and may they. */
import { decide, ownScope, type Action, type Target } from "../../shared/access/policy.ts";
import type { Principal } from "../../shared/access/roles.ts";
import type { AppContext } from "./context.ts";
import { ApiError, notFound } from "./errors.ts";

export const unauthenticated = new ApiError(401, "unauthenticated", {
  id: "Silakan masuk terlebih dahulu.",
  en: "Please sign in first.",
});

export const forbidden = new ApiError(403, "forbidden", {
  id: "Anda tidak berwenang melakukan tindakan ini.",
  en: "You are not allowed to do this.",
});

export function requirePrincipal(c: AppContext): Principal {
  const principal = c.get("principal");
  if (!principal) throw unauthenticated;
  return principal;
}

/** The caller, when allowed to do `action` on `target`; otherwise 401, 404 (hidden) or 403. */
export function authorize(c: AppContext, action: Action, target: Target): Principal {
  const principal = requirePrincipal(c);
  const decision = decide(principal, action, target);
  if (decision === "hidden") throw notFound;
  if (decision === "forbidden") throw forbidden;
  return principal;
}

/**
 * For routes over the caller's own scope (lists, creation, forms): the collection plainly exists, so a caller
 * whose role may not use it is told 403 rather than 404.
 */
export function authorizeInOwnScope(c: AppContext, action: Action): Principal {
  const principal = requirePrincipal(c);
  if (decide(principal, action, ownScope(principal)) !== "allow") throw forbidden;
  return principal;
}
