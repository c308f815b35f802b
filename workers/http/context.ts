import type { Context } from "hono";
import type { Principal } from "../../shared/access/roles.ts";
import type { Env } from "../env.ts";
import { depsOf, type Deps } from "../usecases/deps.ts";
import { language } from "./messages.ts";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The authenticated caller, when there is one (set by the authenticate middleware). */
    principal?: Principal;
    /** How the caller authenticated: cookie sessions must echo the CSRF token on writes. */
    session?: { tokenHash: string; csrfToken: string };
  };
}

export type AppContext = Context<AppEnv>;

/** What a use case runs with, for this request: bindings, database, the caller's language. */
export const deps = (c: AppContext): Deps => depsOf(c.env, language(c));

/** The caller, or undefined for an anonymous request (the use case decides whether that is enough). */
export const caller = (c: AppContext): Principal | undefined => c.get("principal");

/** The session's CSRF token, for forms on pages. */
export const csrf = (c: AppContext): string => c.get("session")?.csrfToken ?? "";

/**
 * The client's address as Cloudflare reports it: CF-Connecting-IP, which Cloudflare sets on every request it
 * forwards. Never X-Forwarded-For (the client writes that); without the header (locally, in tests) every request
 * is the one address "unknown".
 */
export const clientAddress = (c: AppContext): string => c.req.header("cf-connecting-ip") ?? "unknown";
