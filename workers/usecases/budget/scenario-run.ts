/**
 * The body of a budget scenario's run (BudgetScenarioRun workflow, one step): read the year's proposals from D1 in
 * pages into columns (shared/budget/scenario.ts: 300,000 proposals in ~50 MB), fit them twice (today's envelopes by
 * plain priority: "before"; the scenario's envelopes and fairness rules: "after"), store every proposal's outcome
 * and the tallies per kecamatan and desa, and mark the scenario done. About 60 reads and 150 writes for a province
 * year, well under D1's 1,000 queries per invocation; every statement binds at most five parameters.
 */
import { applyChanges, envelopeKey, fitYear, ScenarioYearBuilder, type EnvelopeChange, type EnvelopeKey, type FairnessRules, type YearFit } from "../../../shared/budget/scenario.ts";
import type { BudgetScenarioRunParams } from "../../../shared/contracts.ts";
import { auditInsert } from "../../storage/audit.ts";
import { deleteRunPart, envelopesOfYear, insertOutcomes, insertTallies, scenarioById, updateRun, yearPage, type OutcomeCells, type TallyCells } from "../../storage/budget-scenarios.ts";
import { nowIso, runBatch } from "../../storage/database.ts";
import type { Deps } from "../deps.ts";
import type { ScenarioSummary } from "./scenarios.ts";

const PAGE = 5_000;
/** Outcomes per statement: ~60 bytes each as JSON, so a statement binds ~120 KB. */
const OUTCOMES_PER_STATEMENT = 2_000;
const STATEMENTS_PER_BATCH = 10;
const CLEAR_PART = 20_000;

export async function fitAndStore(deps: Deps, { scenarioId, runId }: BudgetScenarioRunParams): Promise<{ stored: boolean; proposals: number }> {
  const { db } = deps;
  const scenario = await scenarioById(db, scenarioId);
  // A newer run took over (or the scenario is gone): this one stores nothing.
  if (!scenario || scenario.runId !== runId || scenario.status !== "running") return { stored: false, proposals: 0 };
  // Envelopes read from here on: an envelope changed after this moment makes the result stale for applying.
  const ranAt = nowIso();
  const progress = (value: number) => updateRun(db, scenarioId, runId, { progress: Math.min(99, Math.round(value)) });

  const builder = new ScenarioYearBuilder(PAGE);
  let after = { createdAt: "", id: "" };
  for (let page = 1; ; page++) {
    const rows = await yearPage(db, scenario.regencyCode, scenario.year, after, PAGE);
    for (const [key, , cost, agencyId, districtCode, villageCode, districtRank, villageRank, beneficiaryCount, group] of rows) {
      builder.add({ key, cost, agencyId, districtCode, villageCode, districtRank, villageRank, beneficiaryCount, group });
    }
    if (rows.length < PAGE) break;
    const last = rows.at(-1)!;
    after = { createdAt: last[1], id: last[10] };
    if (page % 10 === 0) await progress(Math.min(40, page));
  }
  const year = builder.build();

  const today = new Map((await envelopesOfYear(db, scenario.regencyCode, scenario.year)).map((e) => [envelopeKey(e.kind, e.target), e.amount] as [EnvelopeKey, number]));
  const changed = applyChanges(today, JSON.parse(scenario.changes) as EnvelopeChange[]);
  const before = fitYear(year, today);
  const afterFit = fitYear(year, changed, JSON.parse(scenario.rules) as FairnessRules);
  await progress(45);

  const agencyOf = (i: number) => year.agencies[year.agency[i]!]!;
  const room = (value: number) => (value >= 0 ? value : null);
  const cells = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, k): OutcomeCells => {
      const position = from + k;
      const i = afterFit.order[position]!;
      return [year.keys[i]!, position, agencyOf(i), year.cost[i]!, before.status[i] ? 1 : 0, afterFit.status[i]!, room(afterFit.agencyRoom[i]!), room(afterFit.districtRoom[i]!)];
    });
  // A batch of statements at a time, built just before it is sent: the JSON of all 300,000 at once would hold ~20 MB.
  const perBatch = OUTCOMES_PER_STATEMENT * STATEMENTS_PER_BATCH;
  for (let start = 0; start < year.size; start += perBatch) {
    const statements = [];
    for (let from = start; from < Math.min(year.size, start + perBatch); from += OUTCOMES_PER_STATEMENT) statements.push(insertOutcomes(db, runId, cells(from, Math.min(year.size, from + OUTCOMES_PER_STATEMENT))));
    await db.$client.batch(statements);
    await progress(45 + (50 * (start + perBatch)) / Math.max(1, year.size));
  }
  await insertTallies(db, runId, tallies(year, before, afterFit)).run();

  const summary = summarise(year.size, today, changed, before, afterFit, year.cost);
  await runBatch(db, [
    updateRun(db, scenarioId, runId, { status: "done", progress: 100, summary: JSON.stringify(summary), ranAt }),
    auditInsert(db, { regencyCode: scenario.regencyCode, actor: "system", action: "budget.scenario_computed", entityType: "budget_scenario", entityId: scenarioId, data: { runId, proposals: year.size, fundedBefore: summary.before.count, fundedAfter: summary.after.count } }),
  ]);
  return { stored: true, proposals: year.size };
}

/** Per kecamatan and per desa, every one with a proposal: count and rupiah before and after. */
function tallies(year: ReturnType<ScenarioYearBuilder["build"]>, before: YearFit, after: YearFit): TallyCells[] {
  const districtOfVillage = new Uint16Array(year.villages.length);
  for (let i = 0; i < year.size; i++) districtOfVillage[year.village[i]!] = year.district[i]!;
  return [
    ...year.districts.map((code, d): TallyCells => ["district", code, code, before.districtCount[d]!, before.districtRupiah[d]!, after.districtCount[d]!, after.districtRupiah[d]!]),
    ...year.villages.map((code, v): TallyCells => ["village", code, year.districts[districtOfVillage[v]!]!, before.villageCount[v]!, before.villageRupiah[v]!, after.villageCount[v]!, after.villageRupiah[v]!]),
  ];
}

function summarise(size: number, today: ReadonlyMap<EnvelopeKey, number>, changed: ReadonlyMap<EnvelopeKey, number>, before: YearFit, after: YearFit, cost: Float64Array): ScenarioSummary {
  const total = (fit: YearFit) => {
    let count = 0;
    let rupiah = 0;
    for (let i = 0; i < size; i++) if (fit.status[i]) (count++, (rupiah += cost[i]!));
    return { count, rupiah };
  };
  const why = [0, 0, 0, 0];
  for (let i = 0; i < size; i++) why[after.status[i]!]!++;
  return {
    proposals: size,
    before: total(before),
    after: total(after),
    fundedBy: { floor: why[1]!, quota: why[2]!, priority: why[3]! },
    envelopes: [...changed.keys()].sort().map((key) => {
      const [kind, target] = key.split(/:(.*)/) as ["agency" | "district", string];
      return { kind, target, before: today.get(key) ?? 0, after: changed.get(key)!, usedBefore: before.envelopes[key]?.used ?? 0, usedAfter: after.envelopes[key]!.used };
    }),
  };
}

/** Deletes the outcomes of the run this one replaced, a part per query. */
export async function clearRun(deps: Deps, runId: string): Promise<number> {
  let queries = 0;
  while (!(await deleteRunPart(deps.db, runId, CLEAR_PART))) queries++;
  return queries + 1;
}

export async function failRun(deps: Deps, { scenarioId, runId }: BudgetScenarioRunParams, error: unknown): Promise<void> {
  await updateRun(deps.db, scenarioId, runId, { status: "failed", error: String((error as Error)?.message ?? error).slice(0, 500) });
}
