import { env } from "cloudflare:workers";
import { randomToken } from "../../../shared/access/bytes.ts";
import type { Caller } from "../../support/principals.ts";
import { adminOnly, type MatrixCase, placeFor, type Where } from "../matrix.ts";

/** A webhook endpoint, with one delivery, of the caller's agency (in), another agency of the kabupaten (near) or the other kabupaten's (out). */
async function endpointIn(where: Where, caller: Caller | null) {
  const endpoint = `whe_${randomToken(8)}`;
  const delivery = `msg_${randomToken(8)}`;
  const { regency, agency } = placeFor(where, caller);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO webhook_endpoints (id, agency_id, regency_code, url, event_types, created_by) VALUES (?, ?, ?, 'https://opd.example/hook', '[\"review_task.created\"]', 'test')").bind(endpoint, agency, regency),
    env.DB.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, regency_code, event_type, payload, status, attempts) VALUES (?, ?, ?, 'review_task.created', '{}', 'dead', 8)").bind(delivery, endpoint, regency),
  ]);
  return { endpoint, delivery };
}

export const webhookCases: MatrixCase[] = [
  {
    group: "webhooks",
    name: "POST /api/v1/agencies/{agency}/webhooks",
    request: async (where, caller) => ({
      path: `/api/v1/agencies/${placeFor(where, caller).agency}/webhooks`,
      method: "POST",
      body: { url: "https://opd.example/musrenbang", eventTypes: ["review_task.created"] },
    }),
    expect: adminOnly([201, 201, 404], [403, 403, 404]),
  },
  {
    group: "webhooks",
    name: "POST /api/v1/webhook-endpoints/{id}/disable",
    request: async (where, caller) => ({ path: `/api/v1/webhook-endpoints/${(await endpointIn(where, caller)).endpoint}/disable`, method: "POST" }),
    expect: adminOnly([200, 200, 404], [403, 403, 404]),
  },
  {
    group: "webhooks",
    name: "GET /api/v1/webhook-endpoints/{id}/deliveries",
    request: async (where, caller) => ({ path: `/api/v1/webhook-endpoints/${(await endpointIn(where, caller)).endpoint}/deliveries` }),
    expect: adminOnly([200, 200, 404], [403, 403, 404]),
  },
  {
    group: "webhooks",
    name: "POST /api/v1/webhook-deliveries/{id}/redeliver",
    request: async (where, caller) => ({ path: `/api/v1/webhook-deliveries/${(await endpointIn(where, caller)).delivery}/redeliver`, method: "POST" }),
    expect: adminOnly([202, 202, 404], [403, 403, 404]),
  },
];
