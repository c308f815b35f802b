/**
 * Dead-letter consumers: a message that exhausted its retries is kept in D1 (workers/usecases/operations/), where
 * Bappeda sees it and can replay it onto its original queue.
 */
import type { Env } from "../env.ts";
import { ORIGINAL_QUEUE } from "../messaging/replay.ts";
import { depsOf } from "../usecases/deps.ts";
import { keepDeadLetter } from "../usecases/operations/dead-letters.ts";

export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const deps = depsOf(env);
  const queue = ORIGINAL_QUEUE[batch.queue] ?? batch.queue;
  for (const message of batch.messages) {
    try {
      await keepDeadLetter(deps, { id: message.id, queue, body: message.body, attempts: message.attempts });
      console.error(`dead letter on ${queue}: ${message.id}`);
      message.ack();
    } catch (error) {
      console.error(`dead letter ${message.id} not recorded`, error);
      message.retry();
    }
  }
}
