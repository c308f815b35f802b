/**
 * The webhook-delivery consumer: each message delivers one signed webhook (workers/usecases/webhooks/deliver.ts);
 * a timeout or a non-2xx answer is retried with exponential backoff; a delivery that exhausts its retries lands in
 * the dead-letter queue, is marked dead and can be redelivered by Bappeda.
 */
import type { DeliveryMessage } from "../../shared/contracts.ts";
import { retryDelaySeconds } from "../../shared/webhooks/backoff.ts";
import type { Env } from "../env.ts";
import { depsOf } from "../usecases/deps.ts";
import { deliverWebhook } from "../usecases/webhooks/deliver.ts";

export async function consumeWebhookDeliveries(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const deps = depsOf(env);
  for (const message of batch.messages) {
    try {
      if ((await deliverWebhook(deps, message.body.deliveryId)) === "done") message.ack();
      else message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    } catch (error) {
      console.error(`webhook delivery ${message.body.deliveryId} failed to run`, error);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
