import type { BatchItem } from "drizzle-orm/batch";
import { exists, notExists, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
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

/** One atomic D1 batch from a list built at run time (drizzle's batch wants a non-empty tuple); each statement's result. */
export async function runBatch(db: Database, statements: BatchItem<"sqlite">[]): Promise<unknown[]> {
  if (statements.length === 0) return [];
  return db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

const GUARD_PREFIX = "guard:";

/**
 * A batch statement that rolls the whole batch back unless `holds` is true when D1 reaches it: how a batch is
 * guarded on state read before it (D1 has no interactive transactions, and RAISE only exists in triggers). The
 * error is an invalid JSON path carrying `guard`, so `failedGuard` can tell which guard stopped the batch.
 */
export function abortUnless(db: Database, guard: string, holds: SQL) {
  // A prepared select, not db.run(): drizzle cannot batch raw statements that bind parameters.
  return db
    .select({ guard: sql`json_extract('{}', ${GUARD_PREFIX + guard})` })
    .from(sql`(SELECT 1)`)
    .where(sql`NOT coalesce((${holds}), 0)`);
}

/** `abortUnless` a row of `table` matches `where` when D1 reaches the statement. */
export const abortUnlessRow = (db: Database, guard: string, table: SQLiteTable, where: SQL | undefined) => abortUnless(db, guard, exists(db.select({ one: sql`1` }).from(table).where(where)));

/** `abortUnless` no row of `table` matches `where` when D1 reaches the statement. */
export const abortIfRow = (db: Database, guard: string, table: SQLiteTable, where: SQL | undefined) => abortUnless(db, guard, notExists(db.select({ one: sql`1` }).from(table).where(where)));

/** The guard that rolled a batch back, or null when the batch failed for another reason. */
export function failedGuard(error: unknown): string | null {
  const message = String((error as { message?: unknown })?.message ?? error);
  return new RegExp(`'${GUARD_PREFIX}([\\w.:-]+)'`).exec(message)?.[1] ?? null;
}

export type BatchOutcome = { ok: true; results: unknown[] } | { ok: false; guard: string };

/** Runs a guarded batch: its results, or the guard that rolled it back (other failures are thrown). */
export async function tryBatch(db: Database, statements: BatchItem<"sqlite">[]): Promise<BatchOutcome> {
  try {
    return { ok: true, results: await runBatch(db, statements) };
  } catch (error) {
    const guard = failedGuard(error);
    if (!guard) throw error;
    return { ok: false, guard };
  }
}
