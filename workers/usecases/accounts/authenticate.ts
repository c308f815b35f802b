/** Who is calling: an API token's principal, or a signed-in session's principal with its CSRF token. */
import type { Principal } from "../../../shared/access/roles.ts";
import { sessionPrincipal, tokenPrincipal, touchToken } from "../../storage/credentials.ts";
import type { Deps } from "../deps.ts";
import { Refusal } from "../errors.ts";

export const invalidToken = new Refusal(401, "invalid_token", { id: "Token API tidak sah, kedaluwarsa atau sudah dicabut.", en: "The API token is invalid, expired or revoked." });

/** A token's last use is written at most this often: enough to tell a live token from a forgotten one. */
export const TOKEN_USE_RESOLUTION_MS = 60_000;

/**
 * The token's principal; a token that is unknown, expired or revoked is refused. `recordUse` is the write of its
 * last use when the stored one is older than TOKEN_USE_RESOLUTION_MS (otherwise null): the caller need not wait for it.
 */
export async function callerFromToken(deps: Deps, bearer: string | undefined, now = Date.now()): Promise<{ principal: Principal; recordUse: Promise<void> | null }> {
  const found = bearer ? await tokenPrincipal(deps.db, bearer) : null;
  if (!found) throw invalidToken;
  const staleBefore = new Date(now - TOKEN_USE_RESOLUTION_MS).toISOString();
  const stale = found.lastUsedAt === null || found.lastUsedAt < staleBefore;
  const recordUse = stale
    ? touchToken(deps.db, found.principal.id, new Date(now).toISOString(), staleBefore)
        .run()
        .then(
          () => undefined,
          // A lost mark is not worth failing anything for: the next use writes it.
          (error: unknown) => console.error("token last use not recorded", error),
        )
    : null;
  return { principal: found.principal, recordUse };
}

/** The session's principal, or null when the cookie names no live session (the caller is then anonymous). */
export async function callerFromSession(deps: Deps, cookie: string): Promise<{ principal: Principal; session: { tokenHash: string; csrfToken: string } } | null> {
  return sessionPrincipal(deps.db, cookie);
}
