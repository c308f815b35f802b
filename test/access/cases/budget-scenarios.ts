import { env } from "cloudflare:workers";
import { randomToken } from "../../../shared/access/bytes.ts";
import { adminOnly, type MatrixCase, placeFor, type Where } from "../matrix.ts";

/**
 * A scenario in the demo kabupaten ("in" and "near": scenarios are the kabupaten's, only Bappeda's) or the other
 * one, already computed (one kecamatan tallied), in a year no other test sets envelopes for.
 */
export async function scenarioIn(where: Where) {
  const id = `skn_${randomToken(8)}`;
  const runId = `run_${randomToken(8)}`;
  const { regency, district } = placeFor(where, null);
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO budget_scenarios (id, regency_code, year, name, changes, rules, version, status, run_id, run_version, progress, summary, ran_at, created_by, updated_by, updated_at) VALUES (?, ?, 2031, 'Skenario uji', ?, '{}', 1, 'done', ?, 1, 100, ?, ?, 'test', 'test', ?)").bind(
      id,
      regency,
      JSON.stringify([{ kind: "all", percent: -10 }]),
      runId,
      JSON.stringify({ proposals: 0, before: { count: 0, rupiah: 0 }, after: { count: 0, rupiah: 0 }, fundedBy: { floor: 0, quota: 0, priority: 0 }, envelopes: [] }),
      now,
      now,
    ),
    env.DB.prepare("INSERT INTO budget_scenario_tallies (run_id, level, code, district_code, before_count, before_rupiah, after_count, after_rupiah) VALUES (?, 'district', ?, ?, 1, 100, 0, 0)").bind(runId, district, district),
  ]);
  return { id, district };
}

const admin = (statuses: readonly [number, number, number]) => adminOnly(statuses, [403, 403, 404]);

export const budgetScenarioCases: MatrixCase[] = [
  {
    group: "budget-scenarios",
    name: "POST /api/v1/budget-scenarios",
    request: async () => ({ path: "/api/v1/budget-scenarios", method: "POST", body: { year: 2031, name: "Skenario matriks", changes: [{ kind: "all", percent: -20 }] } }),
    expect: adminOnly([201, 201, 201], [403, 403, 403]),
  },
  {
    group: "budget-scenarios",
    name: "GET /api/v1/budget-scenarios",
    request: async () => ({ path: "/api/v1/budget-scenarios?year=2031" }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  { group: "budget-scenarios", name: "GET /api/v1/budget-scenarios/{id}", request: async (where) => ({ path: `/api/v1/budget-scenarios/${(await scenarioIn(where)).id}` }), expect: admin([200, 200, 404]) },
  {
    group: "budget-scenarios",
    name: "PUT /api/v1/budget-scenarios/{id}",
    request: async (where) => ({ path: `/api/v1/budget-scenarios/${(await scenarioIn(where)).id}`, method: "PUT", body: { version: 1, name: "Skenario diubah", changes: [{ kind: "all", percent: -30 }] } }),
    expect: admin([200, 200, 404]),
  },
  {
    group: "budget-scenarios",
    name: "POST /api/v1/budget-scenarios/{id}/run",
    request: async (where) => ({ path: `/api/v1/budget-scenarios/${(await scenarioIn(where)).id}/run`, method: "POST", body: { version: 1 } }),
    expect: admin([202, 202, 404]),
  },
  {
    group: "budget-scenarios",
    name: "GET /api/v1/budget-scenarios/{id}/outcomes",
    request: async (where) => ({ path: `/api/v1/budget-scenarios/${(await scenarioIn(where)).id}/outcomes?show=excluded` }),
    expect: admin([200, 200, 404]),
  },
  {
    group: "budget-scenarios",
    name: "GET /api/v1/budget-scenarios/{id}/villages",
    request: async (where) => {
      const { id, district } = await scenarioIn(where);
      return { path: `/api/v1/budget-scenarios/${id}/villages?kecamatan=${district}` };
    },
    expect: admin([200, 200, 404]),
  },
  { group: "budget-scenarios", name: "GET /api/v1/budget-scenarios/{id}/export.xlsx", request: async (where) => ({ path: `/api/v1/budget-scenarios/${(await scenarioIn(where)).id}/export.xlsx` }), expect: admin([200, 200, 404]) },
  {
    group: "budget-scenarios",
    name: "GET /api/v1/budget-scenarios/compare",
    request: async (where) => ({ path: `/api/v1/budget-scenarios/compare?a=${(await scenarioIn(where)).id}&b=${(await scenarioIn(where)).id}` }),
    expect: admin([200, 200, 404]),
  },
  {
    group: "budget-scenarios",
    name: "GET /api/v1/budget-scenarios/compare.xlsx",
    request: async (where) => ({ path: `/api/v1/budget-scenarios/compare.xlsx?a=${(await scenarioIn(where)).id}&b=${(await scenarioIn(where)).id}` }),
    expect: admin([200, 200, 404]),
  },
  {
    group: "budget-scenarios",
    name: "POST /api/v1/budget-scenarios/{id}/apply",
    request: async (where) => ({ path: `/api/v1/budget-scenarios/${(await scenarioIn(where)).id}/apply`, method: "POST", body: { version: 1 } }),
    expect: admin([200, 200, 404]),
  },
];
