/**
 * Dead-letter consumers: a message that exhausted its retries is kept in D1, where Bappeda sees it and can
 * replay it onto its original queue. Recording is idempotent by message id.
 */
import { deadLetters } from "../../shared/db/schema.ts";
import type { Env } from "../env.ts";
import { database } from "../storage/database.ts";
import { findProposal } from "../storage/proposals.ts";
import { markDead } from "../storage/webhooks.ts";

/** The queue a dead-letter queue collects for. */
export const ORIGINAL_QUEUE: Record<string, "proposal-routing" | "webhook-delivery"> = {
  "proposal-routing-dlq": "proposal-routing",
  "webhook-delivery-dlq": "webhook-delivery",
};

export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  const queue = ORIGINAL_QUEUE[batch.queue] ?? batch.queue;
  for (const message of batch.messages) {
    try {
      const body = message.body as { proposalId?: string; regencyCode?: string };
      const regencyCode = body.regencyCode ?? (body.proposalId ? (await findProposal(db, body.proposalId))?.regencyCode : undefined) ?? null;
      await db
        .insert(deadLetters)
        .values({ id: message.id, queue, regencyCode, body: JSON.stringify(message.body), attempts: message.attempts })
        .onConflictDoNothing();
      if (queue === "webhook-delivery" && typeof (message.body as { deliveryId?: unknown }).deliveryId === "string") {
        await markDead(db, [(message.body as { deliveryId: string }).deliveryId]);
      }
      console.error(`dead letter on ${queue}: ${message.id}`);
      message.ack();
    } catch (error) {
      console.error(`dead letter ${message.id} not recorded`, error);
      message.retry();
    }
  }
}

/** The binding that sends to a queue by its name, for replays. */
export function queueBinding(env: Env, queue: string): Queue | null {
  if (queue === "proposal-routing") return env.PROPOSAL_ROUTING;
  if (queue === "webhook-delivery") return env.WEBHOOK_DELIVERY;
  return null;
}
