import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../workers/index.ts";
import { randomToken } from "../../shared/access/bytes.ts";
import { call, demoCallers, json, DEMO } from "../support/principals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

/** A verified proposal of Way Urang, as the routing consumer receives it. */
async function verified(activity: string, code: string, problem = `Usulan warga: ${activity.toLowerCase()}.`, village: string = DEMO.village) {
  const id = `usl_${randomToken(10)}`;
  await env.DB.prepare(
    `INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, volume, unit,
      estimated_cost, village_rank, sub_activity_code, stage, status, created_by, updated_at)
     VALUES (?, ?, 2027, '18.01', ?, ?, ?, ?, 1, 'paket', 250000000, 1, ?, 'kecamatan', 'verified', 'test', '2026-01-10T00:00:00Z')`,
  )
    .bind(id, `USL-2027-${randomToken(6).toUpperCase().replace(/[^A-Z2-9]/g, "X").replace(/[IO01L]/g, "X")}`, village.split(".").slice(0, 3).join("."), village, problem, activity, code)
    .run();
  return id;
}

async function route(...ids: string[]) {
  const batch = createMessageBatch("proposal-routing", ids.map((proposalId, i) => ({ id: `m-${proposalId}-${i}`, timestamp: new Date(), attempts: 1, body: { proposalId } })));
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  expect(result.retryMessages).toEqual([]);
}

const flags = async (proposalId: string) =>
  ((await (await call(`/api/v1/proposals/${proposalId}/overlaps`, { headers: callers.planning_admin.headers })).json()) as {
    flags: { id: string; kind: string; score: number; reasons: string[]; status: string; clusterId: string; proposals: { id: string; agencyIds: string[] }[] }[];
  }).flags;

describe("overlap detection on routing", () => {
  it("flags the same school rebuilt by two agencies as one cross-agency overlap, with reasons", async () => {
    const school = await verified("Rehabilitasi ruang kelas SDN 1 Way Urang", "1.01.02.2.01.0051");
    const works = await verified("Perbaikan gedung SD Negeri 1 Way Urang yang rusak berat", "1.03.08.2.01.0017");
    await route(school, works);
    const [flag, ...rest] = await flags(works);
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({ kind: "cross_agency", status: "open" });
    expect(flag!.proposals.map((p) => p.agencyIds[0]).sort()).toEqual(["18.01-disdikbud", "18.01-pupr"]);
    expect(flag!.reasons.join("; ")).toMatch(/desa sama: Way Urang/);
    expect(flag!.score).toBeGreaterThanOrEqual(0.45);
  });

  it("does not flag routine office lines or different needs in the same village", async () => {
    const a = await verified("Penyediaan Alat Tulis Kantor", "X.XX.01.2.06.0004", "Penyediaan alat tulis kantor.");
    const b = await verified("Penyediaan Alat Tulis Kantor", "X.XX.01.2.06.0004", "Penyediaan alat tulis kantor.");
    const c = await verified("Pembangunan posyandu Lingkungan II", "1.02.02.2.01.0009", "Balita ditimbang di teras rumah kader karena belum ada gedung posyandu.");
    const d = await verified("Pembangunan jalan lingkungan rabat beton", "1.03.10.2.01.0053", "Jalan tanah becek dan licin saat hujan, anak sekolah sering jatuh.");
    await route(a, b, c, d);
    for (const id of [a, b, c, d]) expect(await flags(id)).toEqual([]);
  });

  it("keeps a dismissed flag dismissed when the pair is checked again, and merges clusters through shared proposals", async () => {
    const x = await verified("Pembangunan drainase lingkungan RT 03 Way Urang", "1.03.06.2.01.0012");
    const y = await verified("Pembuatan saluran air (drainase) RT 03 Lingkungan II Way Urang", "1.04.03.2.03.0002");
    await route(x, y);
    const [flag] = await flags(x);
    expect(flag).toBeDefined();
    const dismissed = await call(`/api/v1/overlaps/${flag!.id}/dismiss`, json({ reason: "Ruas berbeda: PUPR di gang utama, Perkim di perumahan." }, callers.planning_admin.headers));
    expect(await dismissed.json()).toMatchObject({ status: "dismissed", dismissedReason: "Ruas berbeda: PUPR di gang utama, Perkim di perumahan." });
    const recheck = createMessageBatch("proposal-routing", [{ id: "re-1", timestamp: new Date(), attempts: 1, body: { proposalId: x, kind: "overlap_check" } }]);
    await worker.queue(recheck, env);
    expect((await flags(x))[0]).toMatchObject({ id: flag!.id, status: "dismissed" });

    // A ~ B and B ~ C form one cluster even though A and C were compared apart.
    const a = await verified("Rehab gedung Polindes Way Urang", "1.02.02.2.01.0009");
    const b = await verified("Rehabilitasi bangunan Poskesdes Way Urang", "1.03.08.2.01.0017");
    await route(a, b);
    const c = await verified("Perbaikan atap poskesdes Way Urang yang bocor", "2.13.02.2.01.0006");
    await route(c);
    const clusterIds = new Set([...(await flags(a)), ...(await flags(b)), ...(await flags(c))].map((f) => f.clusterId));
    expect(clusterIds.size).toBe(1);
    const list = await call("/api/v1/overlaps?year=2027", { headers: callers.planning_admin.headers });
    const { clusters } = (await list.json()) as { clusters: { id: string; flags: unknown[]; pagu: number }[] };
    expect(clusters.find((cl) => clusterIds.has(cl.id))!.flags.length).toBeGreaterThanOrEqual(2);
  });

  it("looks up candidates through the band index, not a scan", async () => {
    const id = await verified("Pembangunan sumur bor air bersih Way Urang", "1.03.03.2.01.0022");
    await route(id);
    const buckets = await env.DB.prepare("SELECT count(*) AS n FROM overlap_buckets WHERE proposal_id = ?").bind(id).first<number>("n");
    // 48 band keys at its desa and 48 "inside its kecamatan", where kecamatan-wide pokir and thematic lines look.
    expect(buckets).toBe(96);
  });
});
