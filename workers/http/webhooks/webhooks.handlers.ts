/** Bappeda manages agencies' webhooks; agencies' systems send decisions back through signed webhooks. */
import { and, desc, eq, inArray } from "drizzle-orm";
import * as v from "valibot";
import { sha256Hex } from "../../../shared/access/bytes.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { agencies, webhookAttempts, webhookDeliveries, webhookEndpoints, webhookSecrets } from "../../../shared/db/schema.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { generateWebhookSecret, verifyWebhook } from "../../../shared/webhooks/signature.ts";
import { InboundDecisionSchema, type EndpointCreate } from "../../../shared/webhooks/events.ts";
import { auditInsert } from "../../storage/audit.ts";
import { database, nowIso } from "../../storage/database.ts";
import { findTask } from "../../storage/reviews.ts";
import { enqueueDeliveries, validSecrets } from "../../storage/webhooks.ts";
import { authorize } from "../access.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { earlierAnswer, rememberAnswer } from "../idempotency.ts";
import { preferredLanguage } from "../messages.ts";
import { invalidInput } from "../validation.ts";
import { decideTask } from "../reviews/decide.ts";

type EndpointRow = typeof webhookEndpoints.$inferSelect;
const endpointView = (row: EndpointRow) => ({ id: row.id, agencyId: row.agencyId, url: row.url, eventTypes: JSON.parse(row.eventTypes) as string[], active: row.active, createdAt: row.createdAt });

/** The agency, with the caller allowed to manage its integration (Bappeda of its kabupaten). */
async function managedAgency(c: AppContext, agencyId: string) {
  const agency = await database(c.env.DB).query.agencies.findFirst({ where: eq(agencies.id, agencyId) });
  if (!agency) throw notFound;
  const admin = authorize(c, "agency.manage", { regencyCode: agency.regencyCode, agencyIds: [agency.id] });
  return { agency, admin };
}

async function managedEndpoint(c: AppContext, endpointId: string) {
  const endpoint = await database(c.env.DB).query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, endpointId) });
  if (!endpoint) throw notFound;
  const admin = authorize(c, "agency.manage", { regencyCode: endpoint.regencyCode, agencyIds: [endpoint.agencyId] });
  return { endpoint, admin };
}

export async function listEndpoints(c: AppContext, agencyId: string) {
  await managedAgency(c, agencyId);
  const rows = await database(c.env.DB).select().from(webhookEndpoints).where(eq(webhookEndpoints.agencyId, agencyId)).orderBy(desc(webhookEndpoints.createdAt));
  return c.json({ endpoints: rows.map(endpointView) }, 200);
}

export async function createEndpoint(c: AppContext, agencyId: string, body: EndpointCreate) {
  const { agency, admin } = await managedAgency(c, agencyId);
  const db = database(c.env.DB);
  const row = { id: sortableId("whe"), agencyId, regencyCode: agency.regencyCode, url: body.url, eventTypes: JSON.stringify(body.eventTypes), createdBy: admin.id };
  const [inserted] = await db.batch([
    db.insert(webhookEndpoints).values(row).returning(),
    auditInsert(db, { regencyCode: agency.regencyCode, actor: admin.id, action: "webhook.endpoint_created", entityType: "webhook_endpoint", entityId: row.id, data: { agencyId, url: body.url, eventTypes: body.eventTypes } }),
  ]);
  return c.json(endpointView(inserted[0]!), 201);
}

export async function disableEndpoint(c: AppContext, endpointId: string) {
  const { endpoint, admin } = await managedEndpoint(c, endpointId);
  const db = database(c.env.DB);
  const [updated] = await db.batch([
    db.update(webhookEndpoints).set({ active: false }).where(eq(webhookEndpoints.id, endpointId)).returning(),
    auditInsert(db, { regencyCode: endpoint.regencyCode, actor: admin.id, action: "webhook.endpoint_disabled", entityType: "webhook_endpoint", entityId: endpointId }),
  ]);
  return c.json(endpointView(updated[0]!), 200);
}

/** A new secret; the ones before it stay valid for `overlapHours` so the agency can switch without a gap. */
export async function rotateSecret(c: AppContext, agencyId: string, overlapHours: number) {
  const { agency, admin } = await managedAgency(c, agencyId);
  const db = database(c.env.DB);
  const secret = generateWebhookSecret();
  const previousValidUntil = new Date(Date.now() + overlapHours * 3_600_000).toISOString();
  const current = await db.select({ id: webhookSecrets.id, expiresAt: webhookSecrets.expiresAt }).from(webhookSecrets).where(eq(webhookSecrets.agencyId, agencyId));
  const toExpire = current.filter((s) => !s.expiresAt || s.expiresAt > previousValidUntil).map((s) => s.id);
  const id = sortableId("whs");
  await db.batch([
    db.insert(webhookSecrets).values({ id, agencyId, secret }),
    db.update(webhookSecrets).set({ expiresAt: previousValidUntil }).where(and(eq(webhookSecrets.agencyId, agencyId), inArray(webhookSecrets.id, toExpire.length ? toExpire : [""]))),
    auditInsert(db, { regencyCode: agency.regencyCode, actor: admin.id, action: "webhook.secret_rotated", entityType: "agency", entityId: agencyId, data: { secretId: id, previousValidUntil: toExpire.length ? previousValidUntil : null } }),
  ]);
  return c.json({ secret, previousValidUntil: toExpire.length ? previousValidUntil : null }, 201);
}

export async function listDeliveries(c: AppContext, endpointId: string) {
  await managedEndpoint(c, endpointId);
  const db = database(c.env.DB);
  const deliveries = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(desc(webhookDeliveries.createdAt)).limit(100);
  const attempts = deliveries.length
    ? await db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, deliveries.map((d) => d.id)))
    : [];
  return c.json(
    {
      deliveries: deliveries.map(({ payload: _payload, endpointId: _endpoint, regencyCode: _regency, ...d }) => ({
        ...d,
        log: attempts.filter((a) => a.deliveryId === d.id).sort((a, b) => a.attempt - b.attempt).map(({ deliveryId: _id, ...a }) => a),
      })),
    },
    200,
  );
}

export async function redeliver(c: AppContext, deliveryId: string) {
  const db = database(c.env.DB);
  const delivery = await db.query.webhookDeliveries.findFirst({ where: eq(webhookDeliveries.id, deliveryId) });
  if (!delivery) throw notFound;
  const endpoint = (await db.query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, delivery.endpointId) }))!;
  const admin = authorize(c, "agency.manage", { regencyCode: delivery.regencyCode, agencyIds: [endpoint.agencyId] });
  await db.batch([
    db.update(webhookDeliveries).set({ status: "pending" }).where(eq(webhookDeliveries.id, deliveryId)),
    auditInsert(db, { regencyCode: delivery.regencyCode, actor: admin.id, action: "webhook.redelivered", entityType: "webhook_delivery", entityId: deliveryId }),
  ]);
  await enqueueDeliveries(c.env, [{ deliveryId, regencyCode: delivery.regencyCode }]);
  return c.json({ deliveryId, status: "pending" }, 202);
}

const badSignature = (reason: string) =>
  new ApiError(401, "invalid_webhook_signature", { id: "Tanda tangan webhook tidak sah atau kedaluwarsa.", en: "The webhook signature is invalid or expired." }, { details: { reason } });

/**
 * An agency's system decides a task. Verified over the raw body against any of the agency's valid secrets;
 * the `webhook-id` is the idempotency key, so a replayed delivery gets the first answer and changes nothing.
 */
export async function inboundDecision(c: AppContext, agencyId: string) {
  const db = database(c.env.DB);
  const raw = await c.req.text();
  const agency = await db.query.agencies.findFirst({ where: eq(agencies.id, agencyId) });
  if (!agency) throw notFound;
  const verified = await verifyWebhook(await validSecrets(db, agencyId), c.req.raw.headers, raw);
  if (!verified.ok) throw badSignature(verified.reason);

  const caller = `webhook:${agencyId}`;
  const hash = await sha256Hex(raw);
  const earlier = await earlierAnswer(db, caller, verified.id, hash);
  if (earlier) {
    c.header("Idempotent-Replayed", "true");
    return c.json(earlier.body as object, earlier.status as 202);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new ApiError(400, "malformed_json", { id: "Isi permintaan bukan JSON yang sah.", en: "The request body is not valid JSON." });
  }
  const parsed = v.safeParse(InboundDecisionSchema, body);
  if (!parsed.success) throw invalidInput(fieldIssues(parsed.issues, preferredLanguage(c.req.header("accept-language"))));
  const { taskId, ...decision } = parsed.output;
  const task = await findTask(db, taskId);
  if (!task || task.regencyCode !== agency.regencyCode) throw notFound;
  if (task.agencyId !== agencyId) {
    throw new ApiError(403, "task_not_for_agency", { id: "Tugas ini bukan milik OPD ini.", en: "This task does not belong to this agency." });
  }
  const principal: Principal = { kind: "token", id: caller, name: agency.name, role: "integration", regencyCode: agency.regencyCode, scopeCode: agencyId };
  const result = await decideTask(c, principal, task, decision as Parameters<typeof decideTask>[3], verified.id);
  // Remember the answer so the same delivery, sent again, gets it back unchanged.
  await db.batch([rememberAnswer(db, caller, verified.id, hash, { status: 202, body: result.task })]).catch(() => undefined);
  return c.json(result.task, 202);
}

