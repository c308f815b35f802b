import type { Context } from "hono";
import type { Principal } from "../../shared/access/roles.ts";
import type { Env } from "../env.ts";

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
