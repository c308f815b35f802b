/**
 * Idempotent writes: the same key with the same request gets the original answer, the same key with a different
 * request is a conflict. The stored answer is written in the same batch as the change, so the key exists only
 * if the change does; a concurrent duplicate loses on the primary key and then reads the winner's answer.
 */
import { and, eq } from "drizzle-orm";
import { idempotencyKeys } from "../../shared/db/schema.ts";
import type { Database } from "../storage/database.ts";
import { ApiError } from "./errors.ts";

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export const keyReused = new ApiError(409, "idempotency_key_reused", {
  id: "Idempotency-Key ini sudah dipakai untuk permintaan lain.",
  en: "This Idempotency-Key was already used for a different request.",
});

export const invalidKey = new ApiError(400, "invalid_idempotency_key", {
  id: "Idempotency-Key harus 8-128 karakter huruf, angka, titik, garis bawah atau tanda hubung.",
  en: "Idempotency-Key must be 8-128 letters, digits, dots, underscores or hyphens.",
});

export function checkKeyFormat(key: string): string {
  if (!/^[A-Za-z0-9._-]{8,128}$/.test(key)) throw invalidKey;
  return key;
}

/** The earlier answer for this key, or null when the key is new; 409 when it served another request. */
export async function earlierAnswer(db: Database, principalId: string, key: string, requestHash: string): Promise<StoredAnswer | null> {
  const row = await db.query.idempotencyKeys.findFirst({
    where: and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key)),
  });
  if (!row) return null;
  if (row.requestHash !== requestHash) throw keyReused;
  return { status: row.status, body: JSON.parse(row.body) };
}

export function rememberAnswer(db: Database, principalId: string, key: string, requestHash: string, answer: StoredAnswer) {
  return db.insert(idempotencyKeys).values({ principalId, key, requestHash, status: answer.status, body: JSON.stringify(answer.body) });
}

export const isKeyConflict = (error: unknown) =>
  String((error as { message?: unknown })?.message ?? error).includes("idempotency_keys");
