/**
 * Delivers signed webhooks to agencies' systems. Each attempt is logged; a timeout or a non-2xx answer is
 * retried with exponential backoff; a delivery that exhausts its retries lands in the dead-letter queue, is
 * marked dead and can be redelivered by Bappeda. A delivery already delivered is not sent again.
 */
import { eq } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "../../shared/db/schema.ts";
import { retryDelaySeconds } from "../../shared/webhooks/backoff.ts";
import { webhookHeaders } from "../../shared/webhooks/signature.ts";
import type { Env } from "../env.ts";
import { database } from "../storage/database.ts";
import { recordAttempt, validSecrets, type DeliveryMessage } from "../storage/webhooks.ts";

const DEFAULT_TIMEOUT_MS = 10_000;

async function deliver(env: Env, deliveryId: string): Promise<"done" | "retry"> {
  const db = database(env.DB);
  const delivery = await db.query.webhookDeliveries.findFirst({ where: eq(webhookDeliveries.id, deliveryId) });
  if (!delivery || delivery.status === "delivered" || delivery.status === "dead") return "done";
  const endpoint = await db.query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, delivery.endpointId) });
  if (!endpoint?.active) return "done";
  const secrets = await validSecrets(db, endpoint.agencyId);
  if (secrets.length === 0) {
    await recordAttempt(db, delivery, { status: null, latencyMs: 0, error: "no valid secret for this agency", delivered: false });
    return "retry";
  }
  const headers = await webhookHeaders(secrets, delivery.id, Math.floor(Date.now() / 1000), delivery.payload);
  const started = Date.now();
  try {
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", "user-agent": "musrenbang-sync-webhooks/1" },
      body: delivery.payload,
      signal: AbortSignal.timeout(Number(env.WEBHOOK_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS)),
    });
    // Drain the body so the connection is released; its content is not ours to keep.
    await response.arrayBuffer().catch(() => undefined);
    const delivered = response.status >= 200 && response.status < 300;
    await recordAttempt(db, delivery, { status: response.status, latencyMs: Date.now() - started, error: delivered ? null : `HTTP ${response.status}`, delivered });
    return delivered ? "done" : "retry";
  } catch (error) {
    const message = error instanceof Error && error.name === "TimeoutError" ? "timeout" : String(error).slice(0, 300);
    await recordAttempt(db, delivery, { status: null, latencyMs: Date.now() - started, error: message, delivered: false });
    return "retry";
  }
}

export async function consumeWebhookDeliveries(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      if ((await deliver(env, message.body.deliveryId)) === "done") message.ack();
      else message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    } catch (error) {
      console.error(`webhook delivery ${message.body.deliveryId} failed to run`, error);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
