/**
 * Agencies' webhook endpoints, secrets and deliveries in D1. An event becomes one delivery row per subscribed
 * endpoint, written in the same batch as the change it announces; the queue message that carries it is sent
 * after, and the cron sweeper re-sends any delivery still pending, so an announced change is never lost.
 */
import { and, desc, eq, gt, inArray, isNull, lt, ne, or } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { sortableId } from "../../shared/proposals/ids.ts";
import type { DeliveryMessage } from "../../shared/contracts.ts";
import { webhookEvent, type WebhookEventType } from "../../shared/webhooks/events.ts";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookSecrets } from "../../shared/db/schema.ts";
import { nowIso, type Database } from "./database.ts";

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

/** Pending deliveries created before `cutoff` and never attempted: their message may have been lost. */
export async function stalePendingDeliveries(db: Database, cutoff: string, limit: number): Promise<DeliveryMessage[]> {
  return db
    .select({ deliveryId: webhookDeliveries.id, regencyCode: webhookDeliveries.regencyCode })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), eq(webhookDeliveries.attempts, 0), lt(webhookDeliveries.createdAt, cutoff)))
    .limit(limit);
}

export async function findDelivery(db: Database, id: string) {
  return db.query.webhookDeliveries.findFirst({ where: eq(webhookDeliveries.id, id) });
}

export async function findEndpoint(db: Database, id: string) {
  return db.query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, id) });
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

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

export async function endpointsOf(db: Database, agencyId: string) {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.agencyId, agencyId)).orderBy(desc(webhookEndpoints.createdAt));
}

export const insertEndpoint = (db: Database, row: typeof webhookEndpoints.$inferInsert) => db.insert(webhookEndpoints).values(row).returning();

export const disableEndpointStatement = (db: Database, endpointId: string) => db.update(webhookEndpoints).set({ active: false }).where(eq(webhookEndpoints.id, endpointId)).returning();

/**
 * A new secret, and the agency's other ones that expire later or never set to expire at `previousValidUntil`, so
 * the agency can switch without a gap. Which ones is decided inside the UPDATE, so of two rotations at once the
 * later one also shortens the earlier one's secret. The UPDATE returns the secrets it shortened.
 */
export function rotateSecretStatements(db: Database, agencyId: string, secretId: string, secret: string, previousValidUntil: string) {
  return [
    db.insert(webhookSecrets).values({ id: secretId, agencyId, secret }),
    db
      .update(webhookSecrets)
      .set({ expiresAt: previousValidUntil })
      .where(and(eq(webhookSecrets.agencyId, agencyId), ne(webhookSecrets.id, secretId), or(isNull(webhookSecrets.expiresAt), gt(webhookSecrets.expiresAt, previousValidUntil))))
      .returning({ id: webhookSecrets.id }),
  ] as const;
}

/** An endpoint's latest deliveries, each with its attempt log. */
export async function deliveriesOf(db: Database, endpointId: string) {
  const deliveries = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(desc(webhookDeliveries.createdAt)).limit(100);
  const attempts = deliveries.length ? await db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, deliveries.map((d) => d.id))) : [];
  return deliveries.map((delivery) => ({ delivery, attempts: attempts.filter((a) => a.deliveryId === delivery.id).sort((a, b) => a.attempt - b.attempt) }));
}

export const markPending = (db: Database, deliveryId: string) => db.update(webhookDeliveries).set({ status: "pending" }).where(eq(webhookDeliveries.id, deliveryId));
