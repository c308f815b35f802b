/**
 * Cloudflare's batch limits: `sendBatch` takes at most 100 messages and 256 KB, `createBatch` at most 100
 * instances. Anything longer goes in parts.
 */
export const BATCH_LIMIT = 100;
const BATCH_BYTES = 250_000;

/** Consecutive parts of at most 100 items and, measured as JSON, about 250 KB. */
export function batches<T>(items: readonly T[]): T[][] {
  const parts: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length;
    if (current.length === BATCH_LIMIT || (current.length > 0 && bytes + size > BATCH_BYTES)) {
      parts.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

export async function sendInParts<T>(queue: Queue<T>, bodies: readonly T[]): Promise<void> {
  for (const part of batches(bodies)) await queue.sendBatch(part.map((body) => ({ body })));
}
