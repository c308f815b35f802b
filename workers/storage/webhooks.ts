/**
 * Agencies' webhook endpoints, secrets and deliveries in D1. An event becomes one delivery row per subscribed
 * endpoint, written in the same batch as the change it announces; the queue message that carries it is sent
 * after, and the cron sweeper re-sends any delivery still pending, so an announced change is never lost.
 */
import { and, desc, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { sortableId } from "../../shared/proposals/ids.ts";
import { webhookEvent, type WebhookEventType } from "../../shared/webhooks/events.ts";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookSecrets } from "../../shared/db/schema.ts";
import type { Env } from "../env.ts";
import { nowIso, type Database } from "./database.ts";

export interface DeliveryMessage {
  deliveryId: string;
  regencyCode: string;
}

/** Secrets valid now: no expiry, or expiring later. Newest first. */
export async function validSecrets(db: Database, agencyId: string): Promise<string[]> {
  const rows = await db
    .select({ secret: webhookSecrets.secret })
    .from(webhookSecrets)
    .where(and(eq(webhookSecrets.agencyId, agencyId), or(isNull(webhookSecrets.expiresAt), gt(webhookSecrets.expiresAt, nowIso()))))
    .orderBy(desc(webhookSecrets.createdAt));
  return rows.map((r) => r.secret);
}

export interface PreparedEvent {
  statements: BatchItem<"sqlite">[];
  messages: DeliveryMessage[];
}

/** Delivery rows for every active endpoint of `agencyId` subscribed to `type`; send `messages` after commit. */
export async function prepareWebhookEvent(db: Database, agencyId: string, regencyCode: string, type: WebhookEventType, data: Record<string, unknown>): Promise<PreparedEvent> {
  const endpoints = (await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.agencyId, agencyId), eq(webhookEndpoints.active, true)))).filter((e) =>
    (JSON.parse(e.eventTypes) as string[]).includes(type),
  );
  const payload = JSON.stringify(webhookEvent(type, { agencyId, ...data }));
  const rows = endpoints.map((endpoint) => ({ id: sortableId("msg"), endpointId: endpoint.id, regencyCode, eventType: type, payload, status: "pending" as const }));
  return {
    statements: rows.map((row) => db.insert(webhookDeliveries).values(row)),
    messages: rows.map((row) => ({ deliveryId: row.id, regencyCode })),
  };
}

export async function enqueueDeliveries(env: Env, messages: readonly DeliveryMessage[]): Promise<void> {
  if (messages.length === 0) return;
  try {
    await env.WEBHOOK_DELIVERY.sendBatch(messages.map((body) => ({ body })));
  } catch (error) {
    // The rows are committed as pending; the sweeper sends them on its next run.
    console.error("webhook deliveries not enqueued; the sweeper will retry", error);
  }
}

/** Pending deliveries older than a minute whose message may have been lost: sent again (idempotent). */
export async function sweepPendingDeliveries(env: Env, db: Database): Promise<number> {
  const stale = await db
    .select({ deliveryId: webhookDeliveries.id, regencyCode: webhookDeliveries.regencyCode })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), eq(webhookDeliveries.attempts, 0), lt(webhookDeliveries.createdAt, new Date(Date.now() - 60_000).toISOString())))
    .limit(500);
  await enqueueDeliveries(env, stale);
  return stale.length;
}

export async function recordAttempt(
  db: Database,
  delivery: typeof webhookDeliveries.$inferSelect,
  outcome: { status: number | null; latencyMs: number; error: string | null; delivered: boolean },
): Promise<void> {
  const attempt = delivery.attempts + 1;
  await db.batch([
    db
      .insert(webhookAttempts)
      .values({ deliveryId: delivery.id, attempt, at: nowIso(), status: outcome.status, latencyMs: outcome.latencyMs, error: outcome.error })
      .onConflictDoNothing(),
    db
      .update(webhookDeliveries)
      .set({
        attempts: attempt,
        lastStatus: outcome.status,
        lastError: outcome.error,
        lastLatencyMs: outcome.latencyMs,
        status: outcome.delivered ? "delivered" : "failed",
        ...(outcome.delivered ? { deliveredAt: nowIso() } : {}),
      })
      .where(eq(webhookDeliveries.id, delivery.id)),
  ]);
}

export async function markDead(db: Database, deliveryIds: readonly string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db.update(webhookDeliveries).set({ status: "dead" }).where(and(inArray(webhookDeliveries.id, [...deliveryIds]), inArray(webhookDeliveries.status, ["pending", "failed"])));
}
