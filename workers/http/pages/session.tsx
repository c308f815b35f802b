/** Sign-in pages for people: the login form, logout, and the home page that points each role to its work. */
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import * as v from "valibot";
import { randomToken } from "../../../shared/access/bytes.ts";
import { LoginSchema } from "../../../shared/schemas/accounts.ts";
import { scopeLabel } from "../../usecases/accounts/scope.ts";
import { Refusal } from "../../usecases/errors.ts";
import { AnonymousHomePage, HomePage } from "../../views/home-page.tsx";
import { homeLinks } from "../../views/home-links.ts";
import { LoginPage } from "../../views/login-page.tsx";
import { signInWithCookie, signOutAndClearCookie } from "../auth/session-cookie.ts";
import { caller, csrf, deps, type AppEnv } from "../context.ts";
import { formText, readForm } from "../form.ts";
import { say } from "../messages.ts";
import { csrfFailed } from "../middleware/authenticate.ts";
import { BODY_LIMITS, limitBody } from "../middleware/body-limit.ts";
import { signInRateLimit } from "../middleware/rate-limit.ts";

const LOGIN_CSRF_COOKIE = "musrenbang_login_csrf";

/** Only paths on this site: an open redirect would hand a signed-in user to anyone's page. */
// Backslashes too: browsers read "/\\evil.example" as "//evil.example".
const safeNext = (next: unknown) => (typeof next === "string" && /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : "/");

export const sessionPages = new Hono<AppEnv>()
  .get("/", async (c) => {
    const principal = caller(c);
    if (!principal) return c.html(<AnonymousHomePage />);
    return c.html(<HomePage principal={principal} csrfToken={csrf(c)} scopeName={await scopeLabel(deps(c), principal)} links={homeLinks(principal.role)} />);
  })
  .get("/masuk", (c) => {
    if (caller(c)) return c.redirect("/", 303);
    const csrfToken = randomToken(24);
    setCookie(c, LOGIN_CSRF_COOKIE, csrfToken, { httpOnly: true, secure: true, sameSite: "Strict", path: "/masuk", maxAge: 3600 });
    return c.html(<LoginPage csrfToken={csrfToken} next={safeNext(c.req.query("next"))} />);
  })
  .post("/masuk", signInRateLimit, limitBody(BODY_LIMITS.signIn), async (c) => {
    const form = await readForm(c);
    const cookieToken = getCookie(c, LOGIN_CSRF_COOKIE);
    if (!cookieToken || formText(form, "_csrf") !== cookieToken) throw csrfFailed;
    const next = safeNext(formText(form, "next"));
    const username = formText(form, "username") ?? "";
    const parsed = v.safeParse(LoginSchema, { username, password: formText(form, "password") });
    const rerender = (status: 401 | 422 | 429, error: string) => c.html(<LoginPage csrfToken={cookieToken} username={username} next={next} error={error} />, status);
    if (!parsed.success) return rerender(422, say(c, { id: "Isi nama pengguna dan kata sandi.", en: "Fill in username and password." }));
    try {
      await signInWithCookie(c, parsed.output);
    } catch (error) {
      if (error instanceof Refusal && (error.status === 401 || error.status === 429)) {
        if (error.status === 429) c.header("Retry-After", String(error.details?.retryAfterSeconds ?? 60));
        return rerender(error.status, say(c, error.text));
      }
      throw error;
    }
    return c.redirect(next, 303);
  })
  .post("/keluar", async (c) => {
    await signOutAndClearCookie(c);
    return c.redirect("/masuk", 303);
  });
