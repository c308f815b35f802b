/**
 * Measures what one proposal costs on Cloudflare, inside workerd with the real local D1, Queues and Workflows
 * (run by `npm run cost`, bench/cost.ts, which prices it): proposals go the typical way (village submits through
 * the API, the kecamatan verifies, routing opens the agency's task and its webhook, the agency decides, the
 * outcome is recorded), and every D1 query of the Worker, its queue consumers and its workflow is metered from
 * D1's own `meta.rows_read` / `meta.rows_written`; queue messages and workflow steps are counted where they are
 * sent and run. The rows a proposal leaves in D1 are handed over for the storage measurement.
 */
import { applyD1Migrations, introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { ProposalLifecycle } from "../../workers/workflows/proposal-lifecycle.ts";
import { call, ensureOtherKabupaten, json, tokenCaller, type Caller } from "../../test/support/principals.ts";
import { proposalInput } from "../../test/support/proposals.ts";
import { meterD1 } from "../../test/support/d1-meter.ts";

const PROPOSALS = 12;

interface Meter {
  requests: number;
  queries: number;
  rowsRead: number;
  rowsWritten: number;
  queueMessages: number;
  workflowSteps: number;
  workflowWaits: number;
}
const blank = (): Meter => ({ requests: 0, queries: 0, rowsRead: 0, rowsWritten: 0, queueMessages: 0, workflowSteps: 0, workflowWaits: 0 });
const meters = new Map<string, Meter>();
let phase = "harness";
const meter = () => meters.get(phase) ?? meters.set(phase, blank()).get(phase)!;

// Every D1 query of this isolate: the Worker's, its consumers' and its workflow steps'.
meterD1((result) => {
  const m = meter();
  m.queries++;
  m.rowsRead += result.meta?.rows_read ?? 0;
  m.rowsWritten += result.meta?.rows_written ?? 0;
});

type Send = (...args: unknown[]) => Promise<unknown>;

// Queue messages: every producer call of the Worker goes through these bindings' methods.
for (const queue of [env.PROPOSAL_ROUTING, env.WEBHOOK_DELIVERY] as unknown as { send: Send; sendBatch: Send }[]) {
  const [one, many] = [queue.send.bind(queue), queue.sendBatch.bind(queue)];
  queue.send = async (...args) => ((meter().queueMessages += 1), one(...args));
  queue.sendBatch = async (...args) => ((meter().queueMessages += (args[0] as unknown[]).length), many(...args));
}

// Workflow steps and waits, as the lifecycle runs them (sleeping and waiting cost nothing; steps are writes).
const run = ProposalLifecycle.prototype.run;
ProposalLifecycle.prototype.run = function (this: ProposalLifecycle, event, step) {
  const counted = Object.create(step) as typeof step;
  counted.do = ((...args: Parameters<typeof step.do>) => ((meter().workflowSteps += 1), (step.do as Send)(...args))) as typeof step.do;
  counted.waitForEvent = ((...args: Parameters<typeof step.waitForEvent>) => ((meter().workflowWaits += 1), step.waitForEvent(...args))) as typeof step.waitForEvent;
  return run.call(this, event, counted);
};

const request = async (path: string, init?: RequestInit) => {
  meter().requests++;
  return call(path, init);
};

/** Meters `work` as `name`; the test's own queries outside it count as "harness" and are not priced. */
async function within<T>(name: string, work: () => Promise<T>): Promise<T> {
  phase = name;
  try {
    return await work();
  } finally {
    phase = "harness";
  }
}

/** Webhook deliveries run after the request that made them: waits (in the phase) until the agency has `count`. */
async function deliveriesReceived(count: number): Promise<void> {
  for (let t = 0; t < 100; t++) {
    const log = (await (await fetch("https://opd.test/__log?path=/ok")).json()) as unknown[];
    if (log.length >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The delivery's own bookkeeping (attempt row, status) is written right after the agency answers.
  await new Promise((resolve) => setTimeout(resolve, 300));
}

const tasksOf = (proposalId: string) => env.DB.prepare("SELECT id, kind, status FROM review_tasks WHERE proposal_id = ?").bind(proposalId).all<{ id: string; kind: string; status: string }>();

it("meters the typical path of a proposal", { timeout: 600_000 }, async () => {
  await ensureOtherKabupaten();
  // Villages of the demo kabupaten, each with its operator; Kalianda's verifier; PUPR's reviewer and endpoint.
  const villages = (await env.DB.prepare("SELECT code, parent_code AS district FROM regions WHERE level = 'village' AND code LIKE '18.01.%' ORDER BY code LIMIT ?").bind(PROPOSALS).all<{ code: string; district: string }>()).results;
  const reviewer = await tokenCaller("agency_reviewer", "18.01", "18.01-pupr");
  const admin = await tokenCaller("planning_admin", "18.01", "18.01");
  const secret = ((await (await call("/api/v1/agencies/18.01-pupr/webhook-secrets", json({}, admin.headers))).json()) as { secret: string }).secret;
  expect((await call("/api/v1/agencies/18.01-pupr/webhooks", json({ url: `https://opd.test/ok?secret=${encodeURIComponent(secret)}`, eventTypes: ["review_task.created", "review_task.updated"] }, admin.headers))).status).toBe(201);
  const verifiers = new Map<string, Caller>();

  await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
  const ids: string[] = [];
  const codes: string[] = [];
  for (const [i, village] of villages.entries()) {
    const operator = await tokenCaller("village_operator", "18.01", village.code);
    const verifier = verifiers.get(village.district) ?? verifiers.set(village.district, await tokenCaller("district_verifier", "18.01", village.district)).get(village.district)!;
    const text = ["Pembangunan drainase lingkungan", "Rehabilitasi saluran drainase", "Normalisasi gorong-gorong jalan lingkungan"][i % 3]!;
    const body = proposalInput({ villageCode: village.code, activity: `${text} dusun ${i + 1}`, subActivityCode: "1.03.06.2.01.0012" });

    const created = await within("1 submit (API, with Idempotency-Key)", async () => {
      const response = await request("/api/v1/proposals", json(body, { ...operator.headers, "idempotency-key": `cost-${randomToken(12)}` }));
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; trackingCode: string };
    });
    ids.push(created.id);
    codes.push(created.trackingCode);
    const instance = (await introspector.get()).at(-1)!;
    await within("2 lifecycle start (first step)", () => instance.waitForStepResult({ name: "open verification 1" }));

    const verification = (await tasksOf(created.id)).results.find((t) => t.kind === "verification")!;
    await within("3 kecamatan verifies, routing, agency task + webhook", async () => {
      expect((await request(`/api/v1/reviews/${verification.id}/decision`, json({ decision: "verified" }, verifier.headers))).status).toBe(201);
      await instance.waitForStepResult({ name: "agency review: check 1" });
      await deliveriesReceived(2 * i + 1);
    });
    const review = (await tasksOf(created.id)).results.find((t) => t.kind === "agency_review")!;
    await within("4 agency decides, outcome, Renja line, webhook", async () => {
      expect((await request(`/api/v1/reviews/${review.id}/decision`, json({ decision: "accepted" }, reviewer.headers))).status).toBe(201);
      await instance.waitForStatus("complete");
      await deliveriesReceived(2 * i + 2);
    });
  }

  // What people read, one request each, with 3,000 more proposals elsewhere in the kabupaten (a tenth of a
  // season), so a read that grows with the kabupaten shows it.
  const elsewhere = (await env.DB.prepare("SELECT code, parent_code AS district FROM regions WHERE level = 'village' AND code LIKE '18.01.%' ORDER BY code DESC LIMIT 1").first<{ code: string; district: string }>())!;
  for (let part = 0; part < 30; part++) {
    await env.DB.batch(
      Array.from({ length: 100 }, (_, i) =>
        env.DB.prepare(
          `INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, volume, unit, estimated_cost, stage, status, created_by, updated_at)
           VALUES (?, ?, 2027, '18.01', ?, ?, 'Jalan rusak', 'Pengaspalan jalan', 1, 'paket', 100000000, 'desa', 'submitted', 'bench', '2026-02-01T00:00:00Z')`,
        ).bind(`bulk-${part}-${i}`, `USL-2027-B${String(part * 100 + i).padStart(5, "0")}`, elsewhere.district, elsewhere.code),
      ),
    );
  }
  const operator = await tokenCaller("village_operator", "18.01", villages[0]!.code);
  const reads: [string, string, Caller | null][] = [
    ["public tracking page (/lacak/{code})", `/lacak/${codes[0]}`, null],
    ["village list (GET /api/v1/proposals)", "/api/v1/proposals?limit=20", operator],
    ["kecamatan queue", `/api/v1/districts/${villages[0]!.district}/verifications`, verifiers.get(villages[0]!.district)!],
    ["agency queue", "/api/v1/agencies/18.01-pupr/reviews", reviewer],
  ];
  for (const [name, path, caller] of reads) {
    await within(`read: ${name}`, async () => expect((await request(path, { headers: caller?.headers ?? {} })).status).toBe(200));
  }
  const exportRows = await env.DB.prepare("SELECT count(*) AS n FROM renja_lines WHERE regency_code = '18.01' AND year = 2027").first<number>("n");
  await within("read: Renja export, per row (JSON, in-request)", async () => {
    const response = await request("/api/v1/exports/renja?year=2027&format=json", { method: "POST", headers: admin.headers });
    expect([200, 202]).toContain(response.status);
    await response.arrayBuffer();
  });

  // The reference data a deployment loads, each into an empty database: one kabupaten (npm run seed -- --remote
  // --kabupaten 18.01) and every region of the country (what the local demo loads).
  for (const [name, db, statements] of [
    ["seed: reference data of one kabupaten (18.01)", env.COST_DB_KABUPATEN, env.TEST_REMOTE_SEED],
    ["seed: reference data of the whole country", env.COST_DB_COUNTRY, env.COST_COUNTRY_SEED],
  ] as const) {
    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    await within(name, () => db.batch(statements.map((s) => db.prepare(s))));
  }

  // The rows these proposals left, table by table, for the storage measurement.
  const marks = ids.map(() => "?").join(", ");
  const tasks = (await env.DB.prepare(`SELECT id FROM review_tasks WHERE proposal_id IN (${marks})`).bind(...ids).all<{ id: string }>()).results.map((t) => t.id);
  const taskMarks = tasks.map(() => "?").join(", ");
  const dump = async (sql: string, ...params: unknown[]) => (await env.DB.prepare(sql).bind(...params).all()).results;
  const rows = {
    proposals: await dump(`SELECT * FROM proposals WHERE id IN (${marks})`, ...ids),
    review_tasks: await dump(`SELECT * FROM review_tasks WHERE proposal_id IN (${marks})`, ...ids),
    audit_events: await dump(`SELECT * FROM audit_events WHERE entity_id IN (${marks}, ${taskMarks})`, ...ids, ...tasks),
    proposal_classifications: await dump(`SELECT * FROM proposal_classifications WHERE proposal_id IN (${marks})`, ...ids),
    overlap_buckets: await dump(`SELECT * FROM overlap_buckets WHERE proposal_id IN (${marks})`, ...ids),
    overlap_flags: await dump(`SELECT * FROM overlap_flags WHERE proposal_a IN (${marks}) OR proposal_b IN (${marks})`, ...ids, ...ids),
    renja_lines: await dump(`SELECT * FROM renja_lines WHERE proposal_id IN (${marks})`, ...ids),
    idempotency_keys: await dump("SELECT * FROM idempotency_keys WHERE key LIKE 'cost-%'"),
    webhook_deliveries: await dump(`SELECT * FROM webhook_deliveries WHERE json_extract(payload, '$.data.taskId') IN (${taskMarks})`, ...tasks),
    webhook_attempts: await dump(`SELECT a.* FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE json_extract(d.payload, '$.data.taskId') IN (${taskMarks})`, ...tasks),
  };
  console.log(`COST_MEASUREMENT ${JSON.stringify({ proposals: PROPOSALS, exportRows, phases: Object.fromEntries(meters), rows, ids, taskIds: tasks })}`);
});
