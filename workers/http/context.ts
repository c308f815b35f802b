import type { Context } from "hono";
import type { Env } from "../env.ts";

/** Hono's environment for every route: the Worker bindings. Later issues add per-request variables here. */
export interface AppEnv {
  Bindings: Env;
}

export type AppContext = Context<AppEnv>;
