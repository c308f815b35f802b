/**
 * Answers remembered per caller and Idempotency-Key. The answer is written in the same batch as the change, so a
 * key exists only if its change does; a concurrent duplicate loses on the primary key.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { idempotencyKeys } from "../../shared/db/schema.ts";
import type { Database } from "./database.ts";

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export async function storedAnswer(db: Database, principalId: string, key: string): Promise<(StoredAnswer & { requestHash: string }) | null> {
  const row = await db.query.idempotencyKeys.findFirst({ where: and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key)) });
  return row ? { status: row.status, body: JSON.parse(row.body), requestHash: row.requestHash } : null;
}

/** `filled`: top-level fields of the body whose value is only known inside the batch (SQL evaluated there). */
export function rememberAnswer(db: Database, principalId: string, key: string, requestHash: string, answer: StoredAnswer, filled: Record<string, SQL> = {}) {
  const body = Object.entries(filled).reduce((json, [field, value]) => sql`json_set(${json}, ${`$.${field}`}, ${value})`, sql`${JSON.stringify(answer.body)}`);
  return db.insert(idempotencyKeys).values({ principalId, key, requestHash, status: answer.status, body });
}

/** Whether a failed batch failed on the idempotency key's primary key (a concurrent duplicate won). */
export const isKeyConflict = (error: unknown) => String((error as { message?: unknown })?.message ?? error).includes("idempotency_keys");
