/**
 * Budget scenarios end to end in workerd: created, run by the BudgetScenarioRun workflow against the demo year,
 * read back a page at a time, compared, exported, applied to the real envelopes (audited), never before.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { envelopeKey, fitYear, ScenarioYearBuilder } from "../../shared/budget/scenario.ts";
import { call, demoCallers, DEMO, json } from "../support/principals.ts";
import { waitFor } from "../support/wait.ts";

let admin: Record<string, string>;
beforeAll(async () => {
  admin = (await demoCallers()).planning_admin.headers;
});

const YEAR = 2027;
const M = 1_000_000;

type View = { id: string; version: number; status: string; progress: number; resultCurrent: boolean; summary: { proposals: number; before: { count: number; rupiah: number }; after: { count: number; rupiah: number }; fundedBy: Record<string, number> } | null; districts: { code: string; name: string; beforeRupiah: number; afterRupiah: number }[] };

async function create(body: Record<string, unknown>) {
  const response = await call("/api/v1/budget-scenarios", json({ year: YEAR, ...body }, admin));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as View;
}

async function read(id: string) {
  return (await (await call(`/api/v1/budget-scenarios/${id}`, { headers: admin })).json()) as View;
}

async function runToEnd(id: string, version: number) {
  const started = await call(`/api/v1/budget-scenarios/${id}/run`, json({ version }, admin));
  expect(started.status, await started.clone().text()).toBe(202);
  return waitFor(() => read(id), (s) => s.status === "done" || s.status === "failed", "scenario run", 300);
}

const envelopes = async () => (await env.DB.prepare("SELECT kind, target, amount FROM budget_envelopes WHERE regency_code = '18.01' AND year = ? ORDER BY kind, target").bind(YEAR).all<{ kind: string; target: string; amount: number }>()).results;

describe("a budget scenario over the demo year", () => {
  it("runs in the background, tells what falls out and why, per kecamatan and desa, and changes nothing until applied", async () => {
    // Today's envelopes: Kalianda and PUPR generous enough for all of their proposals.
    for (const [kind, target, amount] of [["district", DEMO.district, 5_000 * M], ["agency", DEMO.agency, 20_000 * M]] as const) {
      expect((await call("/api/v1/budget/envelopes", { method: "PUT", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify({ year: YEAR, kind, target, amount }) })).status).toBe(200);
    }
    const before = await envelopes();
    const cut = await create({ name: "Pagu dipotong 65%", changes: [{ kind: "all", percent: -65 }], rules: { floors: [{ minCount: 1 }] } });
    expect(cut.status).toBe("draft");
    const done = await runToEnd(cut.id, cut.version);
    expect(done.status).toBe("done");
    expect(done.resultCurrent).toBe(true);
    const competing = await env.DB.prepare("SELECT count(*) AS n FROM proposals WHERE regency_code = '18.01' AND year = ? AND status NOT IN ('merged','rejected','withdrawn','carried_over')").bind(YEAR).first<number>("n");
    expect(done.summary!.proposals).toBe(competing);
    expect(competing).toBeGreaterThan(250);
    expect(done.summary!.after.rupiah).toBeLessThan(done.summary!.before.rupiah);
    // Envelopes are untouched by a run.
    expect(await envelopes()).toEqual(before);

    // Per kecamatan: Kalianda's envelope now 35% of what it was, and every kecamatan with a proposal kept one (the floor).
    const kalianda = done.districts.find((d) => d.code === DEMO.district)!;
    expect(kalianda.name).toBe("Kalianda");
    expect(kalianda.afterRupiah).toBeLessThanOrEqual(0.35 * 5_000 * M);
    const storedCount = await env.DB.prepare("SELECT count(*) AS n FROM budget_scenario_outcomes o JOIN budget_scenarios s ON s.run_id = o.run_id WHERE s.id = ?").bind(cut.id).first<number>("n");
    expect(storedCount).toBe(competing);

    // What falls out, a page at a time, each with the envelope that ran out.
    const first = (await (await call(`/api/v1/budget-scenarios/${cut.id}/outcomes?show=excluded&limit=5&kecamatan=${DEMO.district}`, { headers: admin })).json()) as { outcomes: { position: number; after: string; cost: number; districtRoom: number | null; districtCode: string; trackingCode: string }[]; next: number | null };
    expect(first.outcomes.length).toBe(5);
    for (const o of first.outcomes) {
      expect(o.after).toBe("excluded");
      expect(o.districtCode).toBe(DEMO.district);
      expect(o.districtRoom).not.toBeNull();
      expect(o.districtRoom!).toBeLessThan(o.cost);
      expect(o.trackingCode).toMatch(/^USL-/);
    }
    const second = (await (await call(`/api/v1/budget-scenarios/${cut.id}/outcomes?show=excluded&limit=5&kecamatan=${DEMO.district}&after=${first.next}`, { headers: admin })).json()) as { outcomes: { position: number }[] };
    expect(second.outcomes[0]!.position).toBeGreaterThan(first.outcomes.at(-1)!.position);

    // Per desa of Kalianda, before and after, adding up to the kecamatan.
    const villages = (await (await call(`/api/v1/budget-scenarios/${cut.id}/villages?kecamatan=${DEMO.district}`, { headers: admin })).json()) as { villages: { afterRupiah: number; beforeRupiah: number }[] };
    expect(villages.villages.reduce((s, v) => s + v.afterRupiah, 0)).toBe(kalianda.afterRupiah);
    expect(villages.villages.reduce((s, v) => s + v.beforeRupiah, 0)).toBe(kalianda.beforeRupiah);

    // The same numbers as the engine gives on the same rows.
    const rows = (await env.DB.prepare("SELECT p.rowid AS k, o.cost, o.agency_id, p.district_code, p.village_code, p.district_rank, p.village_rank, p.beneficiary_count, p.beneficiary_group FROM budget_scenario_outcomes o JOIN budget_scenarios s ON s.run_id = o.run_id JOIN proposals p ON p.id = o.proposal_id WHERE s.id = ? ORDER BY p.created_at, p.id").bind(cut.id).all<{ k: number; cost: number; agency_id: string; district_code: string; village_code: string; district_rank: number | null; village_rank: number | null; beneficiary_count: number | null; beneficiary_group: string | null }>()).results;
    const builder = new ScenarioYearBuilder();
    for (const r of rows) builder.add({ key: r.k, cost: r.cost, agencyId: r.agency_id, districtCode: r.district_code, villageCode: r.village_code, districtRank: r.district_rank, villageRank: r.village_rank, beneficiaryCount: r.beneficiary_count, group: r.beneficiary_group });
    const envs = new Map(before.map((e) => [envelopeKey(e.kind as "agency" | "district", e.target), Math.round(e.amount * 0.35)]));
    const fit = fitYear(builder.build(), envs, { floors: [{ minCount: 1 }] });
    expect(fit.status.filter((s) => s > 0).length).toBe(done.summary!.after.count);

    // A second scenario, compared side by side.
    const raise = await create({ name: "Kalianda dinaikkan", changes: [{ kind: "district", target: DEMO.district, percent: 20 }] });
    await runToEnd(raise.id, raise.version);
    const comparison = (await (await call(`/api/v1/budget-scenarios/compare?a=${cut.id}&b=${raise.id}`, { headers: admin })).json()) as { districts: { code: string; a: { rupiah: number }; b: { rupiah: number }; difference: { rupiah: number } }[] };
    const row = comparison.districts.find((d) => d.code === DEMO.district)!;
    expect(row.difference.rupiah).toBe(row.b.rupiah - row.a.rupiah);
    expect(row.b.rupiah).toBeGreaterThan(row.a.rupiah);

    // XLSX of the scenario and of the comparison: a zip with the sheets.
    for (const path of [`/api/v1/budget-scenarios/${cut.id}/export.xlsx`, `/api/v1/budget-scenarios/compare.xlsx?a=${cut.id}&b=${raise.id}`]) {
      const file = await call(path, { headers: admin });
      expect(file.status).toBe(200);
      const bytes = new Uint8Array(await file.arrayBuffer());
      expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    }

    // Applying changes the real envelopes, audited; applying again is refused.
    const applied = await call(`/api/v1/budget-scenarios/${cut.id}/apply`, json({ version: done.version }, admin));
    expect(applied.status, await applied.clone().text()).toBe(200);
    expect(await envelopes()).toEqual(before.map((e) => ({ ...e, amount: Math.round(e.amount * 0.35) })));
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'budget.scenario_applied' AND entity_id = ?").bind(cut.id).first<number>("n")).toBe(1);
    const again = await call(`/api/v1/budget-scenarios/${cut.id}/apply`, json({ version: done.version }, admin));
    expect(again.status).toBe(409);

    // The other scenario ran against envelopes that have changed since: refused until run again.
    const stale = await call(`/api/v1/budget-scenarios/${raise.id}/apply`, json({ version: raise.version }, admin));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe("envelopes_changed");
  }, 120_000);

  it("refuses bad input with the field and writes nothing", async () => {
    const count = () => env.DB.prepare("SELECT count(*) AS n FROM budget_scenarios").first<number>("n");
    const n = await count();
    const response = await call("/api/v1/budget-scenarios", json({ year: YEAR, name: "Salah", changes: [{ kind: "agency", target: "18.01-tidak-ada", percent: -10 }, { kind: "all", percent: -10, amount: 5 }] }, admin));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { fields: { path: string; code: string }[] } };
    expect(body.error.fields.map((f) => f.code)).toContain("change_amount_or_percent");
    expect(await count()).toBe(n);
    const unknown = await call("/api/v1/budget-scenarios", json({ year: YEAR, name: "Salah", changes: [{ kind: "agency", target: "18.01-tidak-ada", percent: -10 }] }, admin));
    expect(((await unknown.json()) as { error: { fields: { path: string; code: string }[] } }).error.fields).toEqual([expect.objectContaining({ path: "changes.0.target", code: "agency_unknown" })]);
  });
});
