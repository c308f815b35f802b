/** Bappeda manages each agency's webhook endpoints, signing secrets and deliveries. */
import type { Principal } from "../../../shared/access/roles.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import type { EndpointCreate } from "../../../shared/webhooks/events.ts";
import { generateWebhookSecret } from "../../../shared/webhooks/signature.ts";
import { enqueueDeliveries } from "../../messaging/webhooks.ts";
import { findAgency } from "../../storage/agencies.ts";
import { auditInsert } from "../../storage/audit.ts";
import {
  deliveriesOf,
  disableEndpointStatement,
  endpointsOf,
  findDelivery,
  findEndpoint,
  insertEndpoint,
  markPending,
  rotateSecretStatements,
  type EndpointRow,
} from "../../storage/webhooks.ts";
import { authorize } from "../access.ts";
import type { Deps } from "../deps.ts";
import { notFound } from "../errors.ts";

export const endpointView = (row: EndpointRow) => ({ id: row.id, agencyId: row.agencyId, url: row.url, eventTypes: JSON.parse(row.eventTypes) as string[], active: row.active, createdAt: row.createdAt });

/** The agency, with the caller allowed to manage its integration (Bappeda of its kabupaten). */
async function managedAgency(deps: Deps, caller: Principal | undefined, agencyId: string) {
  const agency = await findAgency(deps.db, agencyId);
  if (!agency) throw notFound;
  const admin = authorize(caller, "agency.manage", { regencyCode: agency.regencyCode, agencyIds: [agency.id] });
  return { agency, admin };
}

async function managedEndpoint(deps: Deps, caller: Principal | undefined, endpointId: string) {
  const endpoint = await findEndpoint(deps.db, endpointId);
  if (!endpoint) throw notFound;
  const admin = authorize(caller, "agency.manage", { regencyCode: endpoint.regencyCode, agencyIds: [endpoint.agencyId] });
  return { endpoint, admin };
}

export async function listEndpoints(deps: Deps, caller: Principal | undefined, { agencyId }: { agencyId: string }) {
  await managedAgency(deps, caller, agencyId);
  return (await endpointsOf(deps.db, agencyId)).map(endpointView);
}

export async function createEndpoint(deps: Deps, caller: Principal | undefined, { agencyId, endpoint }: { agencyId: string; endpoint: EndpointCreate }) {
  const { agency, admin } = await managedAgency(deps, caller, agencyId);
  const { db } = deps;
  const row = { id: sortableId("whe"), agencyId, regencyCode: agency.regencyCode, url: endpoint.url, eventTypes: JSON.stringify(endpoint.eventTypes), createdBy: admin.id };
  const [inserted] = await db.batch([
    insertEndpoint(db, row),
    auditInsert(db, { regencyCode: agency.regencyCode, actor: admin.id, action: "webhook.endpoint_created", entityType: "webhook_endpoint", entityId: row.id, data: { agencyId, url: endpoint.url, eventTypes: endpoint.eventTypes } }),
  ]);
  return endpointView(inserted[0]!);
}

export async function disableEndpoint(deps: Deps, caller: Principal | undefined, { endpointId }: { endpointId: string }) {
  const { endpoint, admin } = await managedEndpoint(deps, caller, endpointId);
  const { db } = deps;
  const [updated] = await db.batch([
    disableEndpointStatement(db, endpointId),
    auditInsert(db, { regencyCode: endpoint.regencyCode, actor: admin.id, action: "webhook.endpoint_disabled", entityType: "webhook_endpoint", entityId: endpointId }),
  ]);
  return endpointView(updated[0]!);
}

/** A new secret; the ones before it stay valid for `overlapHours` so the agency can switch without a gap. */
export async function rotateSecret(deps: Deps, caller: Principal | undefined, { agencyId, overlapHours }: { agencyId: string; overlapHours: number }) {
  const { agency, admin } = await managedAgency(deps, caller, agencyId);
  const { db } = deps;
  const secret = generateWebhookSecret();
  const previousValidUntil = new Date(Date.now() + overlapHours * 3_600_000).toISOString();
  const id = sortableId("whs");
  const [, shortened] = await db.batch([
    ...rotateSecretStatements(db, agencyId, id, secret, previousValidUntil),
    auditInsert(db, { regencyCode: agency.regencyCode, actor: admin.id, action: "webhook.secret_rotated", entityType: "agency", entityId: agencyId, data: { secretId: id, previousValidUntil } }),
  ]);
  return { secret, previousValidUntil: shortened.length > 0 ? previousValidUntil : null };
}

export async function listDeliveries(deps: Deps, caller: Principal | undefined, { endpointId }: { endpointId: string }) {
  await managedEndpoint(deps, caller, endpointId);
  return (await deliveriesOf(deps.db, endpointId)).map(({ delivery: { payload: _payload, endpointId: _endpoint, regencyCode: _regency, ...d }, attempts }) => ({
    ...d,
    log: attempts.map(({ deliveryId: _id, ...a }) => a),
  }));
}

export async function redeliver(deps: Deps, caller: Principal | undefined, { deliveryId }: { deliveryId: string }) {
  const { db } = deps;
  const delivery = await findDelivery(db, deliveryId);
  if (!delivery) throw notFound;
  const endpoint = (await findEndpoint(db, delivery.endpointId))!;
  const admin = authorize(caller, "agency.manage", { regencyCode: delivery.regencyCode, agencyIds: [endpoint.agencyId] });
  await db.batch([
    markPending(db, deliveryId),
    auditInsert(db, { regencyCode: delivery.regencyCode, actor: admin.id, action: "webhook.redelivered", entityType: "webhook_delivery", entityId: deliveryId }),
  ]);
  await enqueueDeliveries(deps.env, [{ deliveryId, regencyCode: delivery.regencyCode }]);
  return { deliveryId, status: "pending" as const };
}
