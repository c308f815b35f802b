import type { BatchItem } from "drizzle-orm/batch";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../shared/db/schema.ts";

/** Drizzle over the planning database; cheap to create per request. */
export function database(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Database = ReturnType<typeof database>;

export const nowIso = () => new Date().toISOString();

/** D1 binds at most 100 parameters per statement: a long IN list goes in parts of 90, leaving room for the rest. */
export const IN_LIST_PART = 90;

export function parts<T>(items: readonly T[], size = IN_LIST_PART): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}

/** Runs `query` once per part of `items` and joins the rows. */
export async function chunked<T, R>(items: readonly T[], query: (part: T[]) => Promise<R[]>): Promise<R[]> {
  return (await Promise.all(parts(items).map(query))).flat();
}

/** One atomic D1 batch from a list built at run time (drizzle's batch wants a non-empty tuple). */
export async function runBatch(db: Database, statements: BatchItem<"sqlite">[]): Promise<void> {
  if (statements.length === 0) return;
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}
