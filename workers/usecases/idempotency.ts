/**
 * Idempotent writes: the same key with the same request gets the original answer, the same key with a different
 * request is a conflict.
 */
import { storedAnswer, type StoredAnswer } from "../storage/idempotency.ts";
import type { Database } from "../storage/database.ts";
import { Refusal } from "./errors.ts";

export const keyReused = new Refusal(409, "idempotency_key_reused", {
  id: "Idempotency-Key ini sudah dipakai untuk permintaan lain.",
  en: "This Idempotency-Key was already used for a different request.",
});

/** The earlier answer for this key, or null when the key is new; 409 when it served another request. */
export async function earlierAnswer(db: Database, principalId: string, key: string, requestHash: string): Promise<StoredAnswer | null> {
  const stored = await storedAnswer(db, principalId, key);
  if (!stored) return null;
  if (stored.requestHash !== requestHash) throw keyReused;
  return { status: stored.status, body: stored.body };
}
