import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../shared/db/schema.ts";

/** Drizzle over the planning database; cheap to create per request. */
export function database(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Database = ReturnType<typeof database>;

export const nowIso = () => new Date().toISOString();
