/**
 * The retention job: what goes after its period, what stays, that nothing still referenced goes, that audit events
 * reach R2 before they leave D1, and that a run stays within its statement budget and the next one carries on.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { proposalBandKeys } from "../../shared/overlap/subject.ts";
import { trackingCode } from "../../shared/proposals/ids.ts";
import worker from "../../workers/index.ts";
import { depsOf } from "../../workers/usecases/deps.ts";
import { applyRetention, auditArchiveKey, DEFAULT_LIMITS, RETENTION_CRON } from "../../workers/usecases/operations/retention.ts";
import { DEMO } from "../support/principals.ts";

const NOW = new Date("2026-12-03T03:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const run = (limits = DEFAULT_LIMITS) => applyRetention(depsOf(env), NOW, limits);
const count = (sql: string, ...params: unknown[]) => env.DB.prepare(sql).bind(...params).first<number>("n");
const id = (prefix: string) => `${prefix}_${randomToken(8)}`;

async function proposal(status: string, year = 2027) {
  const pid = id("ret");
  await env.DB.prepare(
    `INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, volume, unit, estimated_cost, stage, status, created_by, updated_at)
     VALUES (?, ?, ?, '18.01', ?, ?, 'Jalan desa rusak berat dan berlubang', 'Pengaspalan jalan desa dusun dua', 1, 'paket', 100000000, 'desa', ?, 'test', ?)`,
  )
    .bind(pid, trackingCode(year), year, DEMO.district, DEMO.village, status, daysAgo(900))
    .run();
  return pid;
}

async function task(proposalId: string, status: string) {
  const tid = id("tgs");
  await env.DB.prepare("INSERT INTO review_tasks (id, proposal_id, kind, agency_id, regency_code, queue_key, status, due_at) VALUES (?, ?, 'agency_review', ?, '18.01', ?, ?, ?)")
    .bind(tid, proposalId, DEMO.agency, DEMO.agency, status, daysAgo(800))
    .run();
  return tid;
}

let written = 0;
/** An event written `days` ago. Ids grow with time, so an old one gets an id below the seed's (and below newer ones). */
async function auditEvent(entityType: string, entityId: string, days: number, regencyCode: string | null = "18.01") {
  const eventId = -days * 1000 + written++;
  // A real action: the public story reads proposal events by their action (a proposal's "proposal.verified").
  await env.DB.prepare("INSERT INTO audit_events (id, created_at, regency_code, actor, action, entity_type, entity_id, data) VALUES (?, ?, ?, 'test', ?, ?, ?, ?)")
    .bind(eventId, daysAgo(days), regencyCode, `${entityType}.verified`, entityType, entityId, JSON.stringify({ status: "verified", marker: entityId }))
    .run();
  return eventId;
}

let endpoint: string;
async function delivery(status: string, days: number, taskId?: string) {
  const did = id("msg");
  await env.DB.batch([
    env.DB.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, regency_code, event_type, payload, status, attempts, created_at) VALUES (?, ?, '18.01', 'review_task.created', ?, ?, 1, ?)").bind(
      did,
      endpoint,
      JSON.stringify({ type: "review_task.created", data: taskId ? { taskId } : { forumId: "frm_x" } }),
      status,
      daysAgo(days),
    ),
    env.DB.prepare("INSERT INTO webhook_attempts (delivery_id, attempt, at, status, latency_ms) VALUES (?, 1, ?, 200, 40)").bind(did, daysAgo(days)),
  ]);
  return did;
}

const exists = async (table: string, column: string, value: unknown) => (await count(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`, value)) === 1;

beforeEach(async () => {
  endpoint = id("whe");
  await env.DB.prepare("INSERT INTO webhook_endpoints (id, agency_id, regency_code, url, event_types, created_by) VALUES (?, ?, '18.01', 'https://opd.example/hook', '[]', 'test')").bind(endpoint, DEMO.agency).run();
  // Only this file's rows: the seed's demo data is recent and must not disturb the counts.
  await env.DB.batch(["sessions", "login_throttle", "idempotency_keys"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
});

describe("retention", () => {
  it("deletes sessions, sign-in throttles and idempotency keys past their period, and keeps the rest", async () => {
    const account = "acc_demo_bappeda";
    await env.DB.batch([
      env.DB.prepare("INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at) VALUES ('expired-2d', ?, 'c', ?), ('expired-1h', ?, 'c', ?), ('valid', ?, 'c', ?)").bind(
        account, daysAgo(2), account, daysAgo(1 / 24), account, daysAgo(-0.5),
      ),
      env.DB.prepare("INSERT INTO login_throttle (key, failures, window_started_at) VALUES ('old', 3, ?), ('recent', 2, ?)").bind(daysAgo(2), daysAgo(0.01)),
      env.DB.prepare("INSERT INTO idempotency_keys (principal_id, key, request_hash, status, body, created_at) VALUES ('p', 'old-key', 'h', 201, '{}', ?), ('p', 'new-key', 'h', 201, '{}', ?)").bind(daysAgo(8), daysAgo(6)),
    ]);
    const report = await run();
    expect(report).toMatchObject({ sessions: 1, loginThrottle: 1, idempotencyKeys: 1, unfinished: false });
    expect((await env.DB.prepare("SELECT token_hash FROM sessions ORDER BY token_hash").all()).results).toEqual([{ token_hash: "expired-1h" }, { token_hash: "valid" }]);
    expect(await exists("login_throttle", "key", "recent")).toBe(true);
    expect(await exists("idempotency_keys", "key", "new-key")).toBe(true);
    expect(await exists("idempotency_keys", "key", "old-key")).toBe(false);
  });

  it("deletes finished webhook deliveries with their attempts after 90 days, unless their task is still open", async () => {
    const [openTask, decidedTask] = [await task(await proposal("in_review"), "open"), await task(await proposal("in_review"), "decided")];
    const gone = [await delivery("delivered", 100, decidedTask), await delivery("dead", 100)];
    const kept = [await delivery("delivered", 100, openTask), await delivery("pending", 100, decidedTask), await delivery("failed", 100), await delivery("delivered", 80, decidedTask)];
    expect((await run()).webhookDeliveries).toBe(2);
    for (const did of gone) expect([did, await exists("webhook_deliveries", "id", did), await exists("webhook_attempts", "delivery_id", did)]).toEqual([did, false, false]);
    for (const did of kept) expect([did, await exists("webhook_deliveries", "id", did), await exists("webhook_attempts", "delivery_id", did)]).toEqual([did, true, true]);
  });

  it("archives audit events older than two years to R2 as JSON lines per kabupaten and month, then deletes them; keeps those of open proposals and tasks", async () => {
    const [done, underway] = [await proposal("accepted"), await proposal("in_review")];
    const openTask = await task(underway, "open");
    const archived = [await auditEvent("proposal", done, 800), await auditEvent("account", "acc_x", 760, null)];
    const kept = [await auditEvent("proposal", underway, 800), await auditEvent("review_task", openTask, 800), await auditEvent("proposal", done, 700)];

    expect((await run()).auditEventsArchived).toBe(2);
    for (const eid of archived) expect(await exists("audit_events", "id", eid)).toBe(false);
    for (const eid of kept) expect(await exists("audit_events", "id", eid)).toBe(true);

    const month = daysAgo(800).slice(0, 7);
    const objects = (await env.ARCHIVE.list({ prefix: "audit/" })).objects.map((o) => o.key);
    // <first id>-<last id>, zero-padded (the ids here are negative, to sit below the seed's).
    expect(objects).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^audit/18\\.01/${month}/[-\\d]+-[-\\d]+\\.jsonl$`)), expect.stringMatching(/^audit\/_\/\d{4}-\d{2}\/[-\d]+-[-\d]+\.jsonl$/)]));
    expect(auditArchiveKey("18.01", "2024-09", 1234, 1733)).toBe("audit/18.01/2024-09/000000001234-000000001733.jsonl");
    const lines = (await Promise.all(objects.map(async (key) => (await (await env.ARCHIVE.get(key))!.text()).trim().split("\n")))).flat().map((l) => JSON.parse(l) as { id: number; entityId: string; data: { marker: string } });
    expect(lines.filter((l) => archived.includes(l.id)).map((l) => [l.entityId, l.data.marker])).toEqual([
      [done, done],
      ["acc_x", "acc_x"],
    ]);

    // The public tracking page of the proposal still under way keeps its history.
    const tracking = await env.DB.prepare("SELECT tracking_code AS code FROM proposals WHERE id = ?").bind(underway).first<string>("code");
    const page = await (await worker.fetch(new Request(`https://musrenbang.test/api/v1/tracking/${tracking}`), env, createExecutionContext())).text();
    expect(page).toContain("Diverifikasi kecamatan");
  });

  it("drops the overlap index of years whose planning is over, through its primary key, and remembers where it got to", async () => {
    const [old, current] = [await proposal("accepted", 2026), await proposal("submitted", 2027)];
    for (const pid of [old, current]) {
      const row = await env.DB.prepare("SELECT activity, problem, description, village_code AS villageCode, year FROM proposals WHERE id = ?").bind(pid).first<{ activity: string; problem: string; description: string | null; villageCode: string; year: number }>();
      const keys = proposalBandKeys(row!);
      await env.DB.batch(keys.map((k) => env.DB.prepare("INSERT OR IGNORE INTO overlap_buckets (band_key, proposal_id) VALUES (?, ?)").bind(k, pid)));
    }
    const buckets = (pid: string) => count("SELECT count(*) AS n FROM overlap_buckets WHERE proposal_id = ?", pid);
    const before = await buckets(current);
    expect(before).toBeGreaterThan(10);
    expect((await run()).overlapBuckets).toBeGreaterThan(10);
    expect(await buckets(old)).toBe(0);
    expect(await buckets(current)).toBe(before);
    expect(await (await env.ARCHIVE.get("retention/overlap-buckets-cursor"))?.text()).toBeTruthy();
    expect((await run()).overlapBuckets).toBe(0);
  });

  it("stays within its statement budget and carries on in the next run", async () => {
    const account = "acc_demo_bappeda";
    await env.DB.batch(Array.from({ length: 7 }, (_, i) => env.DB.prepare("INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at) VALUES (?, ?, 'c', ?)").bind(`old-${i}`, account, daysAgo(3))));
    const limits = { maxStatements: 3, rowsPerStatement: 2, proposalsPerBatch: 2 };
    const first = await run(limits);
    expect(first).toMatchObject({ sessions: 6, statements: 3, unfinished: true });
    const second = await run(limits);
    expect(second.sessions).toBe(1);
    expect(await count("SELECT count(*) AS n FROM sessions")).toBe(0);
  });

  it("never deletes a proposal, task, agency or account, and leaves no attempt without its delivery, however late it runs", async () => {
    const tables = ["proposals", "review_tasks", "agencies", "accounts", "api_tokens", "renja_lines", "forums", "overlap_flags"];
    const counts = () => Promise.all(tables.map((t) => count(`SELECT count(*) AS n FROM ${t}`)));
    await delivery("delivered", 10);
    const before = await counts();
    await applyRetention(depsOf(env), new Date("2040-01-01T00:00:00Z"), { ...DEFAULT_LIMITS, maxStatements: 1_000 });
    expect(await counts()).toEqual(before);
    expect(await count("SELECT count(*) AS n FROM webhook_attempts a WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = a.delivery_id)")).toBe(0);
  });

  it("runs on its own cron trigger, which wrangler.toml declares", async () => {
    expect(env.TEST_CRONS).toContain(RETENTION_CRON);
    const account = "acc_demo_bappeda";
    await env.DB.prepare("INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at) VALUES ('cron-old', ?, 'c', '2020-01-01T00:00:00.000Z')").bind(account).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: RETENTION_CRON, scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await exists("sessions", "token_hash", "cron-old")).toBe(false);
  });
});
