/**
 * Signed webhooks to agencies' systems go out through the webhook-delivery queue. The delivery rows are written in
 * the same batch as the change they announce; the message that carries one is sent after, and the cron sweeper
 * re-sends any delivery still pending, so an announced change is never lost.
 */
import type { DeliveryMessage } from "../../shared/contracts.ts";
import type { Env } from "../env.ts";
import { sendInParts } from "./parts.ts";

export async function enqueueDeliveries(env: Env, messages: readonly DeliveryMessage[]): Promise<void> {
  try {
    await sendInParts(env.WEBHOOK_DELIVERY, messages);
  } catch (error) {
    // The rows are committed as pending; the sweeper sends them on its next run.
    console.error("webhook deliveries not enqueued; the sweeper will retry", error);
  }
}
