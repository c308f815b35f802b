/** Who is calling: an API token's principal, or a signed-in session's principal with its CSRF token. */
import type { Principal } from "../../../shared/access/roles.ts";
import { sessionPrincipal, tokenPrincipal } from "../../storage/credentials.ts";
import type { Deps } from "../deps.ts";
import { Refusal } from "../errors.ts";

export const invalidToken = new Refusal(401, "invalid_token", { id: "Token API tidak sah, kedaluwarsa atau sudah dicabut.", en: "The API token is invalid, expired or revoked." });

/** The token's principal; a token that is unknown, expired or revoked is refused. */
export async function callerFromToken(deps: Deps, bearer: string | undefined): Promise<Principal> {
  const principal = bearer ? await tokenPrincipal(deps.db, bearer) : null;
  if (!principal) throw invalidToken;
  return principal;
}

/** The session's principal, or null when the cookie names no live session (the caller is then anonymous). */
export async function callerFromSession(deps: Deps, cookie: string): Promise<{ principal: Principal; session: { tokenHash: string; csrfToken: string } } | null> {
  return sessionPrincipal(deps.db, cookie);
}
