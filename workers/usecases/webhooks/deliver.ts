/**
 * Delivering one signed webhook to an agency's system (called by the webhook-delivery queue consumer). Each
 * attempt is logged; a timeout or a non-2xx answer asks for a retry; a delivery already delivered, dead, or whose
 * endpoint was disabled is done. The cron's sweep re-sends deliveries whose message was lost.
 */
import { webhookHeaders } from "../../../shared/webhooks/signature.ts";
import { enqueueDeliveries } from "../../messaging/webhooks.ts";
import { findDelivery, findEndpoint, recordAttempt, stalePendingDeliveries, validSecrets } from "../../storage/webhooks.ts";
import type { Deps } from "../deps.ts";

const DEFAULT_TIMEOUT_MS = 10_000;

export async function deliverWebhook(deps: Deps, deliveryId: string): Promise<"done" | "retry"> {
  const { db, env } = deps;
  const delivery = await findDelivery(db, deliveryId);
  if (!delivery || delivery.status === "delivered" || delivery.status === "dead") return "done";
  const endpoint = await findEndpoint(db, delivery.endpointId);
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

/** Pending deliveries older than a minute whose message may have been lost: sent again (idempotent). */
export async function sweepPendingDeliveries(deps: Deps): Promise<number> {
  const stale = await stalePendingDeliveries(deps.db, new Date(Date.now() - 60_000).toISOString(), 500);
  await enqueueDeliveries(deps.env, stale);
  return stale.length;
}
