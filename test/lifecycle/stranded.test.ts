/** State that never strands: what a withdrawal, a forum merge or a failed start leave behind is cleaned up or recovered. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { depsOf } from "../../workers/usecases/deps.ts";
import { checkTasks, recordOutcome } from "../../workers/usecases/lifecycle/stages.ts";
import { reconcileLifecycles } from "../../workers/usecases/operations/lifecycles.ts";
import { sweepPendingDeliveries } from "../../workers/usecases/webhooks/deliver.ts";
import { call, demoCallers, json } from "../support/principals.ts";
import { proposalInput } from "../support/proposals.ts";
import { route, verifiedProposal } from "../support/routing.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

/** A queue binding as Cloudflare's: refuses a batch of more than 100 messages, records what it was sent. */
function platformQueue() {
  const batches: number[] = [];
  return {
    batches,
    binding: {
      async send() {
        batches.push(1);
      },
      async sendBatch(messages: readonly unknown[]) {
        if (messages.length > 100) throw new Error("sendBatch takes at most 100 messages");
        batches.push(messages.length);
      },
    },
  };
}

describe("a withdrawn proposal", () => {
  it("leaves the kecamatan's queue and cannot be verified any more", async () => {
    const created = await call("/api/v1/proposals", json(proposalInput({ activity: "Pembangunan pos ronda RT 07" }), callers.village_operator.headers));
    const { id } = (await created.json()) as { id: string };
    expect((await call(`/api/v1/proposals/${id}/withdraw`, { method: "POST", headers: callers.village_operator.headers })).status).toBe(200);
    const task = (await env.DB.prepare("SELECT id, status FROM review_tasks WHERE proposal_id = ? AND kind = 'verification'").bind(id).first<{ id: string; status: string }>())!;
    expect(task.status).toBe("cancelled");
    const queue = (await (await call("/api/v1/districts/18.01.06/verifications", { headers: callers.district_verifier.headers })).json()) as { tasks: { id: string }[] };
    expect(queue.tasks.map((t) => t.id)).not.toContain(task.id);
    expect((await call(`/api/v1/reviews/${task.id}/decision`, json({ decision: "verified" }, callers.district_verifier.headers))).status).toBe(409);
  });
});

describe("a proposal the forum gives to another agency", () => {
  it("ends merged into that agency's proposal, and its tracking says into which", async () => {
    const school = await verifiedProposal("Rehabilitasi ruang kelas SDN 12 Way Urang", "1.01.02.2.01.0051", { cost: 300_000_000 });
    const works = await verifiedProposal("Perbaikan gedung SD Negeri 12 Way Urang yang rusak berat", "1.03.08.2.01.0017", { cost: 150_000_000 });
    await route(school, works);
    const forum = (await (await call("/api/v1/forums", json({ year: 2027, title: "Forum Lintas PD uji", heldAt: "2027-03-10T02:00:00.000Z", place: "Aula Bappeda", scopeKind: "kabupaten" }, callers.planning_admin.headers))).json()) as {
      id: string;
      agenda: { id: string; proposals: { id: string }[] }[];
    };
    const item = forum.agenda.find((i) => i.proposals.some((p) => p.id === school))!;
    const decided = await call(`/api/v1/forums/${forum.id}/agenda/${item.id}/decision`, json({ decision: "lead_agency", leadAgencyId: "18.01-pupr", reason: "Pekerjaan fisik gedung oleh PUPR" }, callers.planning_admin.headers));
    expect(decided.status).toBe(200);
    const row = (await env.DB.prepare("SELECT status, tracking_code FROM proposals WHERE id = ?").bind(school).first<{ status: string; tracking_code: string }>())!;
    expect(row.status).toBe("merged");
    const target = (await env.DB.prepare("SELECT tracking_code FROM proposals WHERE id = ?").bind(works).first<{ tracking_code: string }>())!;
    const tracking = (await (await call(`/api/v1/tracking/${row.tracking_code}`)).json()) as { status: string; mergedInto: string };
    expect(tracking).toMatchObject({ status: "Digabungkan", mergedInto: target.tracking_code });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM proposal_sources WHERE proposal_id = ? AND source_proposal_id = ?").bind(works, school).first("n")).toBe(1);
  });

  it("takes merged as its outcome when every part of it was closed as merged", async () => {
    const id = await verifiedProposal("Pembangunan saluran RT 09", "1.03.06.2.01.0012");
    const into = await verifiedProposal("Normalisasi saluran RT 09", "1.03.06.2.01.0012");
    await env.DB.batch([
      env.DB.prepare("UPDATE proposals SET status = 'in_review' WHERE id = ?").bind(id),
      env.DB.prepare(
        `INSERT INTO review_tasks (id, proposal_id, kind, agency_id, regency_code, queue_key, status, due_at, decision, decision_data, decided_by, decided_at)
         VALUES (?, ?, 'agency_review', '18.01-pupr', '18.01', '18.01-pupr', 'cancelled', '2027-02-01T00:00:00.000Z', 'merged', ?, 'forum', '2027-01-20T00:00:00.000Z')`,
      ).bind(`tgs_${id}`, id, JSON.stringify({ mergedIntoId: into })),
    ]);
    // What the lifecycle does after the agencies' wait: the tasks as its check sees them, then the outcome.
    const checked = await checkTasks(depsOf(env), id, [`tgs_${id}`], `${id}:agency review`, Date.now());
    expect(checked.kind).toBe("done");
    const outcome = await recordOutcome(depsOf(env), id, "18.01", checked.kind === "done" ? checked.tasks : []);
    expect(outcome).toEqual({ status: "merged" });
    expect(await env.DB.prepare("SELECT status FROM proposals WHERE id = ?").bind(id).first("status")).toBe("merged");
  });
});

describe("the cron", () => {
  it("starts every lifecycle that never ran, however old the proposal and however many were changed since", async () => {
    const orphan = await verifiedProposal("Pembangunan jembatan gantung Dusun III", "1.03.06.2.01.0012");
    await env.DB.prepare("UPDATE proposals SET created_at = '2026-01-02T00:00:00.000Z', updated_at = '2026-01-02T00:00:00.000Z' WHERE id = ?").bind(orphan).run();
    // 520 proposals changed more recently, all with running lifecycles.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 520)
       INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, volume, unit, estimated_cost, stage, status, created_by, created_at, updated_at, lifecycle_started_at)
       SELECT 'usl_busy_' || i, 'USL-2027-B' || printf('%05d', i), 2027, '18.01', '18.01.06', '18.01.06.1008', 'Masalah warga yang sudah lama.', 'Kegiatan ' || i, 1, 'paket', 1000000, 'kecamatan', 'verified', 'test', '2026-06-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z' FROM n`,
    ).run();
    const created: string[] = [];
    const lifecycles = {
      async get(id: string) {
        if (id.startsWith("usl_busy_")) return {};
        throw new Error("instance.not_found");
      },
      async createBatch({ instances }: { instances: { id: string }[] }) {
        created.push(...instances.map((i) => i.id));
        return { created: instances, errors: [] };
      },
    };
    await reconcileLifecycles({ ...depsOf(env), env: { ...env, PROPOSAL_LIFECYCLE: lifecycles } as never });
    expect(created).toContain(orphan);
    expect(created.filter((id) => id.startsWith("usl_busy_"))).toEqual([]);
    await env.DB.prepare("DELETE FROM proposals WHERE id LIKE 'usl_busy_%'").run();
  });

  it("re-sends more than a hundred lost webhook deliveries in batches the platform takes", async () => {
    await env.DB.batch([
      env.DB.prepare("INSERT OR IGNORE INTO webhook_endpoints (id, agency_id, regency_code, url, event_types, created_by) VALUES ('whe_sweep', '18.01-pupr', '18.01', 'https://opd.test/ok', '[]', 'test')"),
      env.DB.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150)
         INSERT INTO webhook_deliveries (id, endpoint_id, regency_code, event_type, payload, status, attempts, created_at)
         SELECT 'msg_sweep_' || i, 'whe_sweep', '18.01', 'review_task.created', '{}', 'pending', 0, '2026-01-01T00:00:00.000Z' FROM n`,
      ),
    ]);
    const queue = platformQueue();
    const swept = await sweepPendingDeliveries({ ...depsOf(env), env: { ...env, WEBHOOK_DELIVERY: queue.binding } as never });
    expect(swept).toBeGreaterThanOrEqual(150);
    expect(queue.batches.reduce((a, b) => a + b, 0)).toBe(swept);
    expect(Math.max(...queue.batches)).toBeLessThanOrEqual(100);
    await env.DB.prepare("DELETE FROM webhook_deliveries WHERE id LIKE 'msg_sweep_%'").run();
  });
});
