import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { proposalIn } from "../access/cases/proposals.ts";
import { call, demoCallers, json, DEMO } from "../support/principals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
let secret: string;

beforeAll(async () => {
  callers = await demoCallers();
  const rotated = await call(`/api/v1/agencies/${DEMO.agency}/webhook-secrets`, json({}, callers.planning_admin.headers));
  expect(rotated.status).toBe(201);
  secret = ((await rotated.json()) as { secret: string }).secret;
});

async function openTask(agency: string = DEMO.agency) {
  const { id } = await proposalIn("in");
  if (agency !== DEMO.agency) await env.DB.prepare("UPDATE review_tasks SET agency_id = ?, queue_key = ? WHERE proposal_id = ?").bind(agency, agency, id).run();
  return (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ?").bind(id).first<string>("id"))!;
}

let counter = 0;
function signed(body: unknown, options: { secret?: string; id?: string; at?: Date; raw?: string } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const id = options.id ?? `msg_test_${++counter}`;
  const at = options.at ?? new Date();
  const signature = new Webhook(options.secret ?? secret).sign(id, at, raw);
  return {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature },
    body: raw,
  };
}

const post = (init: RequestInit, agency: string = DEMO.agency) => call(`/webhooks/agencies/${agency}/decisions`, init);
const codeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe("decisions from an agency's system", () => {
  it("accepts a decision signed by the reference library: 202, recorded with its delivery id", async () => {
    const taskId = await openTask();
    const response = await post(signed({ taskId, decision: "accepted", reviewerName: "Ir. Hendra" }, { id: "msg_first_1" }));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ taskId, decision: "accepted", decidedBy: "webhook:18.01-pupr (Ir. Hendra)", data: { deliveryId: "msg_first_1" } });
  });

  it("answers a replayed delivery with the first result and changes nothing", async () => {
    const taskId = await openTask();
    const init = signed({ taskId, decision: "rejected", reason: "Di luar kewenangan OPD." }, { id: "msg_replay_1" });
    const first = await post(init);
    const events = () => env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE entity_id = ?").bind(taskId).first("n");
    const before = await events();
    const again = await post(init);
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await events()).toBe(before);
  });

  it("refuses a wrong secret, a missing signature and a stale timestamp with 401", async () => {
    const taskId = await openTask();
    const other = new Webhook("whsec_" + btoa("x".repeat(32))).sign("msg_x", new Date(), "{}");
    expect(other).toMatch(/^v1,/);
    expect(await codeOf(await post(signed({ taskId, decision: "accepted" }, { secret: "whsec_" + btoa("y".repeat(32)) })))).toBe("invalid_webhook_signature");
    expect((await post({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ taskId, decision: "accepted" }) })).status).toBe(401);
    expect((await post(signed({ taskId, decision: "accepted" }, { at: new Date(Date.now() - 6 * 60_000) }))).status).toBe(401);
    expect((await post(signed({ taskId, decision: "accepted" }, { at: new Date(Date.now() + 6 * 60_000) }))).status).toBe(401);
    expect(await env.DB.prepare("SELECT status FROM review_tasks WHERE id = ?").bind(taskId).first("status")).toBe("open");
  });

  it("accepts the old and the new secret during a rotation window, and only the new one after it", async () => {
    const rotated = await call(`/api/v1/agencies/${DEMO.agency}/webhook-secrets`, json({ overlapHours: 24 }, callers.planning_admin.headers));
    const { secret: newer, previousValidUntil } = (await rotated.json()) as { secret: string; previousValidUntil: string };
    expect(Date.parse(previousValidUntil) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect((await post(signed({ taskId: await openTask(), decision: "accepted" }, { secret }))).status).toBe(202);
    expect((await post(signed({ taskId: await openTask(), decision: "accepted" }, { secret: newer }))).status).toBe(202);
    await env.DB.prepare("UPDATE webhook_secrets SET expires_at = '2020-01-01T00:00:00.000Z' WHERE secret = ?").bind(secret).run();
    expect((await post(signed({ taskId: await openTask(), decision: "accepted" }, { secret }))).status).toBe(401);
    secret = newer;
  });

  it("validates the payload: 400 for broken JSON, 422 naming the field", async () => {
    const taskId = await openTask();
    expect((await post(signed(null, { raw: "{taskId:" }))).status).toBe(400);
    const invalid = await post(signed({ taskId, decision: "rejected" }));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ error: { fields: [{ path: "reason", code: "required" }] } });
  });

  it("refuses a task of another agency with 403 and a conflicting second decision with 409", async () => {
    const dinkesTask = await openTask(DEMO.otherAgency);
    expect((await post(signed({ taskId: dinkesTask, decision: "accepted" }))).status).toBe(403);
    const taskId = await openTask();
    expect((await post(signed({ taskId, decision: "accepted" }))).status).toBe(202);
    const conflict = await post(signed({ taskId, decision: "rejected", reason: "Berubah pikiran sekali." }));
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: { code: "task_already_decided", existing: { decision: "accepted" } } });
  });
});
