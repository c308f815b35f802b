/** The session cookie: HttpOnly, Secure, SameSite=Lax, as long as the session lives. */
import { deleteCookie, setCookie } from "hono/cookie";
import { SESSION_HOURS } from "../../storage/credentials.ts";
import { signIn, signOut } from "../../usecases/accounts/sign-in.ts";
import { caller, clientAddress, deps, type AppContext } from "../context.ts";

export const SESSION_COOKIE = "musrenbang_session";

/** Signs in with the request's address and sets the session cookie; the API answers and the form redirects. */
export async function signInWithCookie(c: AppContext, credentials: { username: string; password: string }) {
  const signedIn = await signIn(deps(c), { ...credentials, address: clientAddress(c) });
  setCookie(c, SESSION_COOKIE, signedIn.sessionToken, { httpOnly: true, secure: true, sameSite: "Lax", path: "/", maxAge: SESSION_HOURS * 3600 });
  return { principal: signedIn.principal, csrfToken: signedIn.csrfToken };
}

export async function signOutAndClearCookie(c: AppContext): Promise<void> {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
  await signOut(deps(c), caller(c), c.get("session"));
}
