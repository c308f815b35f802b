/**
 * Finds the caller: an API token (Authorization: Bearer) or a session cookie. Writes made with a cookie must
 * carry the session's CSRF token (form field `_csrf` or header `X-CSRF-Token`); token callers need none.
 */
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { callerFromSession, callerFromToken } from "../../usecases/accounts/authenticate.ts";
import { Refusal } from "../../usecases/errors.ts";
import { SESSION_COOKIE } from "../auth/session-cookie.ts";
import { deps, type AppContext, type AppEnv } from "../context.ts";
import { formText, readForm } from "../form.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const csrfFailed = new Refusal(403, "csrf_failed", {
  id: "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.",
  en: "The form expired or is not valid. Reload the page and try again.",
});

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const authorization = c.req.header("authorization");
  if (authorization) {
    const found = await callerFromToken(deps(c), /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]);
    c.set("principal", found.principal);
    if (found.recordUse) c.executionCtx.waitUntil(found.recordUse);
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    const found = cookie ? await callerFromSession(deps(c), cookie) : null;
    if (found) {
      c.set("principal", found.principal);
      c.set("session", found.session);
      if (!SAFE_METHODS.has(c.req.method) && (await sentCsrfToken(c)) !== found.session.csrfToken) throw csrfFailed;
    }
  }
  await next();
});

async function sentCsrfToken(c: AppContext) {
  const header = c.req.header("x-csrf-token");
  if (header) return header;
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return undefined;
  // Hono caches the parsed body, so the handler reads the same form again for free.
  // A body that cannot be read carries no token: the refusal is the CSRF one (403), not a parse error.
  return formText(await readForm(c).catch(() => ({})), "_csrf");
}
