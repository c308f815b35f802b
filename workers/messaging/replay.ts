/** A dead-lettered message, sent again onto the queue it came from. */
import type { DeliveryMessage, RoutingMessage } from "../../shared/contracts.ts";
import type { Env } from "../env.ts";

/** The queue a dead-letter queue collects for. */
export const ORIGINAL_QUEUE: Record<string, ReplayableQueue> = {
  "proposal-routing-dlq": "proposal-routing",
  "webhook-delivery-dlq": "webhook-delivery",
};

export type ReplayableQueue = "proposal-routing" | "webhook-delivery";

export const isReplayable = (queue: string): queue is ReplayableQueue => queue === "proposal-routing" || queue === "webhook-delivery";

export async function replayMessage(env: Env, queue: ReplayableQueue, body: unknown): Promise<void> {
  if (queue === "proposal-routing") await env.PROPOSAL_ROUTING.send(body as RoutingMessage);
  else await env.WEBHOOK_DELIVERY.send(body as DeliveryMessage);
}
