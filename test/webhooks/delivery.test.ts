import { createMessageBatch, createExecutionContext, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../workers/index.ts";
import { database } from "../../workers/storage/database.ts";
import { prepareWebhookEvent } from "../../workers/storage/webhooks.ts";
import { call, demoCallers, json, DEMO } from "../support/principals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
let secret: string;

beforeAll(async () => {
  callers = await demoCallers();
  secret = ((await (await call(`/api/v1/agencies/${DEMO.agency}/webhook-secrets`, json({}, callers.planning_admin.headers))).json()) as { secret: string }).secret;
});

async function endpoint(path: string) {
  const response = await call(`/api/v1/agencies/${DEMO.agency}/webhooks`, json({ url: `https://opd.test${path}${path.includes("?") ? "&" : "?"}secret=${encodeURIComponent(secret)}`, eventTypes: ["review_task.created"] }, callers.planning_admin.headers));
  expect(response.status).toBe(201);
  const created = (await response.json()) as { id: string };
  // Only this endpoint should receive what the test emits.
  await env.DB.prepare("UPDATE webhook_endpoints SET active = 0 WHERE agency_id = ? AND id != ?").bind(DEMO.agency, created.id).run();
  return created.id;
}

/** A delivery row written as an event would write it, without its queue message (the test delivers by hand). */
async function pendingDelivery() {
  const db = database(env.DB);
  const event = await prepareWebhookEvent(db, DEMO.agency, DEMO.regency, "review_task.created", { taskId: "tgs_test" });
  await db.batch(event.statements as [never]);
  return event.messages[0]!;
}

async function deliver(queue: string, body: unknown, attempts: number) {
  const batch = createMessageBatch(queue, [{ id: `q-${attempts}-${Math.random()}`, timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

const deliveries = async (endpointId: string) =>
  ((await (await call(`/api/v1/webhook-endpoints/${endpointId}/deliveries`, { headers: callers.planning_admin.headers })).json()) as {
    deliveries: { id: string; status: string; attempts: number; log: { attempt: number; status: number | null; error: string | null; latencyMs: number }[] }[];
  }).deliveries;

const receiverLog = async (path: string) => (await (await fetch(`https://opd.test/__log?path=${encodeURIComponent(path)}`)).json()) as { id: string; verified: boolean; body: string }[];

describe("outbound webhooks to agencies' systems", () => {
  it("signs each event so the reference library verifies it, and logs the delivery", async () => {
    const endpointId = await endpoint("/ok");
    const message = await pendingDelivery();
    const result = await deliver("webhook-delivery", message, 1);
    expect(result.explicitAcks).toHaveLength(1);
    const [delivery] = await deliveries(endpointId);
    expect(delivery).toMatchObject({ id: message.deliveryId, status: "delivered", attempts: 1 });
    expect(delivery!.log[0]).toMatchObject({ attempt: 1, status: 200, error: null });
    const arrived = (await receiverLog("/ok")).find((r) => r.id === message.deliveryId)!;
    expect(arrived.verified).toBe(true);
    expect(JSON.parse(arrived.body)).toMatchObject({ type: "review_task.created", data: { agencyId: DEMO.agency, taskId: "tgs_test" } });
  });

  it("retries an endpoint that fails, and delivers once it recovers, every attempt logged", async () => {
    const endpointId = await endpoint("/flaky/pupr?fail=2");
    const message = await pendingDelivery();
    expect((await deliver("webhook-delivery", message, 1)).retryMessages).toHaveLength(1);
    expect((await deliver("webhook-delivery", message, 2)).retryMessages).toHaveLength(1);
    expect((await deliver("webhook-delivery", message, 3)).explicitAcks).toHaveLength(1);
    const [delivery] = await deliveries(endpointId);
    expect(delivery!.status).toBe("delivered");
    expect(delivery!.log.map((a) => a.status)).toEqual([503, 503, 200]);
    // Delivered means done: a late duplicate message sends nothing more.
    expect((await deliver("webhook-delivery", message, 4)).explicitAcks).toHaveLength(1);
    expect((await deliveries(endpointId))[0]!.attempts).toBe(3);
  });

  it("treats a slow endpoint as a timeout and retries", async () => {
    const endpointId = await endpoint("/slow");
    const message = await pendingDelivery();
    expect((await deliver("webhook-delivery", message, 1)).retryMessages).toHaveLength(1);
    expect((await deliveries(endpointId))[0]!.log[0]).toMatchObject({ status: null, error: "timeout" });
  });

  it("dead-letters an endpoint that never recovers, where Bappeda sees it and can redeliver", async () => {
    const endpointId = await endpoint("/down");
    const message = await pendingDelivery();
    expect((await deliver("webhook-delivery", message, 8)).retryMessages).toHaveLength(1);
    await deliver("webhook-delivery-dlq", message, 9);
    expect((await deliveries(endpointId))[0]!.status).toBe("dead");
    const letters = (await (await call("/api/v1/dead-letters", { headers: callers.planning_admin.headers })).json()) as { deadLetters: { queue: string; body: { deliveryId: string } }[] };
    expect(letters.deadLetters.some((d) => d.queue === "webhook-delivery" && d.body.deliveryId === message.deliveryId)).toBe(true);

    const redelivered = await call(`/api/v1/webhook-deliveries/${message.deliveryId}/redeliver`, { method: "POST", headers: callers.planning_admin.headers });
    expect(redelivered.status).toBe(202);
    expect(["pending", "failed"]).toContain((await deliveries(endpointId))[0]!.status);
    expect((await call(`/api/v1/webhook-deliveries/${message.deliveryId}/redeliver`, { method: "POST", headers: callers.agency_reviewer.headers })).status).toBe(403);
  });

  it("announces a task to the agency's endpoint when routing opens it", async () => {
    await endpoint("/ok");
    const before = (await receiverLog("/ok")).length;
    const id = await env.DB.prepare("SELECT id FROM proposals WHERE regency_code = '18.01' AND sub_activity_code LIKE '1.03.%' LIMIT 1").first<string>("id");
    await env.DB.prepare("UPDATE proposals SET status = 'verified' WHERE id = ?").bind(id).run();
    await deliver("proposal-routing", { proposalId: id }, 1);
    // The real queue carries the delivery message to the consumer.
    for (let i = 0; i < 50 && (await receiverLog("/ok")).length === before; i++) await new Promise((r) => setTimeout(r, 100));
    const latest = (await receiverLog("/ok")).at(-1)!;
    expect(latest.verified).toBe(true);
    expect(JSON.parse(latest.body)).toMatchObject({ type: "review_task.created", data: { proposal: { id } } });
  });

  it("refuses a plain-http endpoint that is not local, naming the field", async () => {
    const response = await call(`/api/v1/agencies/${DEMO.agency}/webhooks`, json({ url: "http://opd.example/hook", eventTypes: ["review_task.created"] }, callers.planning_admin.headers));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { fields: [{ path: "url", code: "webhook_url_https" }] } });
  });
});
