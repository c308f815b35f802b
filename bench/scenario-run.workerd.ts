/**
 * A province-sized budget scenario through the real path in workerd (`npm run bench:scenario-run`): synthetic
 * kabupaten with 200 kecamatan (10 desa each) and 40 agencies, 30,000 and 300,000 proposals in local D1, envelopes at
 * 60% of what is asked; Bappeda creates a scenario (all envelopes -65%, a floor of one proposal per kecamatan, a
 * quota) over the API and runs it; the BudgetScenarioRun workflow fits and stores it. Prints the time from the
 * run request to "done", and the D1 queries, rows read and rows written the run made (meterD1).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../shared/random.ts";
import { meterD1 } from "../test/support/d1-meter.ts";
import { call, json, tokenCaller } from "../test/support/principals.ts";

const meter = { queries: 0, read: 0, written: 0 };
meterD1((r) => {
  meter.queries++;
  meter.read += r.meta?.rows_read ?? 0;
  meter.written += r.meta?.rows_written ?? 0;
});

const YEAR = 2027;
const CHUNK = 5_000;

async function province(regency: string, size: number) {
  const rng = mulberry32(size);
  const districts = Array.from({ length: 200 }, (_, d) => `${regency}.${String(d).padStart(3, "0")}`);
  const codes = (await env.DB.prepare("SELECT bidang_code AS b, min(code) AS code FROM sub_activities GROUP BY bidang_code ORDER BY bidang_code LIMIT 40").all<{ b: string; code: string }>()).results;
  expect(codes.length).toBe(40);
  const regions = [[regency, "regency", regency.slice(0, 2), `Kabupaten Uji ${regency}`], ...districts.flatMap((d, i) => [[d, "district", regency, `Kecamatan ${i}`], ...Array.from({ length: 10 }, (_, j) => [`${d}.${2001 + j}`, "village", d, `Desa ${i}-${j}`])])];
  const agencies = codes.map((c, k) => ({ id: `${regency}-opd${k}`, prefix: c.b, code: c.code }));
  await env.DB.batch([
    env.DB.prepare("INSERT INTO regions (code, level, parent_code, name) SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)").bind(JSON.stringify(regions)),
    env.DB.prepare("INSERT INTO agencies (id, regency_code, short_name, name) SELECT value, ?, 'OPD' || key, 'Dinas Uji ' || key FROM json_each(?)").bind(regency, JSON.stringify(agencies.map((a) => a.id))),
    env.DB.prepare("INSERT INTO agency_responsibilities (regency_code, code_prefix, agency_id) SELECT ?, value ->> 1, value ->> 0 FROM json_each(?)").bind(regency, JSON.stringify(agencies.map((a) => [a.id, a.prefix]))),
  ]);
  const asked = new Map<string, number>();
  const statements: D1PreparedStatement[] = [];
  for (let start = 0; start < size; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, size - start) }, (_, j) => {
      const i = start + j;
      const d = Math.floor(rng() * 200);
      const a = agencies[Math.floor(rng() * 40)]!;
      const cost = Math.round(10 + rng() ** 2 * 990) * 1_000_000;
      asked.set(`agency:${a.id}`, (asked.get(`agency:${a.id}`) ?? 0) + cost);
      asked.set(`district:${districts[d]}`, (asked.get(`district:${districts[d]}`) ?? 0) + cost);
      return [`bench_${regency}_${String(i).padStart(7, "0")}`, districts[d], `${districts[d]}.${2001 + Math.floor(rng() * 10)}`, a.code, cost, rng() < 0.8 ? 1 + Math.floor(rng() * 60) : null, 1 + Math.floor(rng() * 15), rng() < 0.7 ? 10 + Math.floor(rng() * 2000) : null, rng() < 0.05 ? "perempuan" : "umum"];
    });
    statements.push(
      env.DB.prepare(
        `INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, volume, unit, estimated_cost, beneficiary_count, beneficiary_group, sub_activity_code, village_rank, district_rank, stage, status, created_by, updated_at)
         SELECT value ->> 0, 'B-' || (value ->> 0), ?, ?, value ->> 1, value ->> 2, 'Masalah uji', 'Kegiatan uji', 1, 'paket', value ->> 4, value ->> 7, value ->> 8, value ->> 3, value ->> 6, value ->> 5, 'kecamatan', 'verified', 'bench', '2026-12-01T00:00:00Z' FROM json_each(?)`,
      ).bind(YEAR, regency, JSON.stringify(rows)),
    );
  }
  for (let i = 0; i < statements.length; i += 10) await env.DB.batch(statements.slice(i, i + 10));
  await env.DB.prepare(
    "INSERT INTO budget_envelopes (id, regency_code, year, kind, target, amount, updated_by, updated_at) SELECT 'pagu_' || ? || key, ?, ?, substr(value ->> 0, 1, instr(value ->> 0, ':') - 1), substr(value ->> 0, instr(value ->> 0, ':') + 1), value ->> 1, 'bench', '2026-12-01T00:00:00Z' FROM json_each(?)",
  )
    .bind(regency, regency, YEAR, JSON.stringify([...asked].map(([key, amount]) => [key, Math.round(amount * 0.6)])))
    .run();
}

describe("a province-sized budget scenario, run in the background", () => {
  it.each([
    ["99.01", 30_000],
    ["99.02", 300_000],
  ] as const)("%s: %i proposals", async (regency, size) => {
    const seeding = performance.now();
    await province(regency, size);
    const seeded = performance.now() - seeding;
    const admin = (await tokenCaller("planning_admin", regency, regency)).headers;
    const created = (await (await call("/api/v1/budget-scenarios", json({ year: YEAR, name: "Pagu dipotong 65%", changes: [{ kind: "all", percent: -65 }], rules: { floors: [{ minCount: 1 }], quotas: [{ group: "perempuan", minCount: 200 }] } }, admin))).json()) as { id: string };
    const before = { ...meter };
    const started = performance.now();
    expect((await call(`/api/v1/budget-scenarios/${created.id}/run`, json({ version: 1 }, admin))).status).toBe(202);
    const progress: number[] = [];
    let view: { status: string; progress: number; summary: { proposals: number; before: { count: number }; after: { count: number } } | null } | undefined;
    for (;;) {
      // Polling costs one query per 100 ms; it is counted in the meter with the run's own (a few dozen of the total).
      const row = (await env.DB.prepare("SELECT status, progress, summary FROM budget_scenarios WHERE id = ?").bind(created.id).first<{ status: string; progress: number; summary: string | null }>())!;
      view = { status: row.status, progress: row.progress, summary: row.summary ? JSON.parse(row.summary) : null };
      if (progress.at(-1) !== row.progress) progress.push(row.progress);
      if (row.status !== "running") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ms = performance.now() - started;
    expect(view.status).toBe("done");
    expect(view.summary!.proposals).toBe(size);
    console.log(
      `SCENARIO ${JSON.stringify({ proposals: size, seedMs: Math.round(seeded), runMs: Math.round(ms), fundedBefore: view.summary!.before.count, fundedAfter: view.summary!.after.count, queries: meter.queries - before.queries, rowsRead: meter.read - before.read, rowsWritten: meter.written - before.written, progress })}`,
    );
  }, 900_000);
});
