/**
 * What every use case runs with: the Worker's bindings, the planning database over them, and the language the
 * caller reads. HTTP handlers, queue consumers and workflow steps build it the same way.
 */
import type { Language } from "../../shared/i18n.ts";
import type { Env } from "../env.ts";
import { database, type Database } from "../storage/database.ts";

export interface Deps {
  env: Env;
  db: Database;
  lang: Language;
}

export function depsOf(env: Env, lang: Language = "id"): Deps {
  return { env, db: database(env.DB), lang };
}
