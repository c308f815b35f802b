/** The access policy (shared/access/policy.ts) as use cases apply it: allowed, or a refusal (401, 404, 403). */
import { decide, ownScope, type Action, type Target } from "../../shared/access/policy.ts";
import type { Principal } from "../../shared/access/roles.ts";
import { forbidden, notFound, unauthenticated } from "./errors.ts";

export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw unauthenticated;
  return principal;
}

/** The caller, when allowed to do `action` on `target`; otherwise 401, 404 (hidden) or 403. */
export function authorize(principal: Principal | undefined, action: Action, target: Target): Principal {
  const caller = requirePrincipal(principal);
  const decision = decide(caller, action, target);
  if (decision === "hidden") throw notFound;
  if (decision === "forbidden") throw forbidden;
  return caller;
}

/**
 * For use cases over the caller's own scope (lists, creation, forms): the collection plainly exists, so a caller
 * whose role may not use it is told 403 rather than 404. `narrow` names what the collection holds, e.g. a channel: a
 * village's operator may submit, but not a pokir.
 */
export function authorizeInOwnScope(principal: Principal | undefined, action: Action, narrow: Partial<Target> = {}): Principal {
  const caller = requirePrincipal(principal);
  if (decide(caller, action, { ...ownScope(caller), ...narrow }) !== "allow") throw forbidden;
  return caller;
}
