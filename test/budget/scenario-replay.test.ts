/**
 * The BudgetScenarioRun workflow replayed after hibernation: the fit step's result is cached, so a replay at any
 * later time asks for the same next step and fits and stores nothing again (one "computed" audit event, the same rows).
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { DAY_MS } from "../../shared/lifecycle/deadlines.ts";
import { SCENARIO_STEPS } from "../../shared/lifecycle/steps.ts";
import { BudgetScenarioRun } from "../../workers/index.ts";
import { workflowOf } from "../support/lifecycle-scenarios.ts";
import { SimulatedInstance } from "../support/workflow-harness.ts";

const T0 = Date.parse("2027-01-04T01:00:00.000Z");

it("asks for the same next step at any later time and stores the run once", async () => {
  const id = `skn_${randomToken(8)}`;
  const runId = `run_${randomToken(8)}`;
  const previousRunId = `run_${randomToken(8)}`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO budget_scenarios (id, regency_code, year, name, changes, rules, version, status, run_id, run_version, created_by, updated_by, updated_at) VALUES (?, '18.01', 2027, 'Replay', ?, '{}', 1, 'running', ?, 1, 'test', 'test', '2027-01-04T00:00:00Z')").bind(id, JSON.stringify([{ kind: "all", percent: -50 }]), runId),
    env.DB.prepare("INSERT INTO budget_scenario_tallies (run_id, level, code, district_code, before_count, before_rupiah, after_count, after_rupiah) VALUES (?, 'district', '18.01.06', '18.01.06', 1, 1, 1, 1)").bind(previousRunId),
  ]);
  const payload = { scenarioId: id, runId, previousRunId };
  const instance = new SimulatedInstance(T0, { stopAt: SCENARIO_STEPS.clearPrevious });
  const run = (event: Parameters<BudgetScenarioRun["run"]>[0], step: Parameters<BudgetScenarioRun["run"]>[1]) => workflowOf(BudgetScenarioRun, instance.env).run(event, step);
  expect(await instance.record(run, payload)).toMatchObject({ step: SCENARIO_STEPS.clearPrevious });
  const stored = () => env.DB.prepare("SELECT (SELECT count(*) FROM budget_scenario_outcomes WHERE run_id = ?1) AS outcomes, (SELECT count(*) FROM audit_events WHERE action = 'budget.scenario_computed' AND entity_id = ?2) AS audited").bind(runId, id).first<{ outcomes: number; audited: number }>();
  const once = await stored();
  expect(once!.outcomes).toBeGreaterThan(250);
  expect(once!.audited).toBe(1);
  for (const later of [DAY_MS, 10 * DAY_MS]) expect(await instance.replay(run, payload, instance.clock + later)).toBe(SCENARIO_STEPS.clearPrevious);
  expect(await stored()).toEqual(once);
  // The previous run is still there until the clearing step runs.
  expect(await env.DB.prepare("SELECT count(*) AS n FROM budget_scenario_tallies WHERE run_id = ?").bind(previousRunId).first<number>("n")).toBe(1);
});
