/**
 * Budget scenarios (issue 22), Bappeda's what-if over the year's envelopes: create, edit, run in the background,
 * read the result a page at a time, compare two, apply one. Only Bappeda reads and writes them ("budget.manage"):
 * a scenario is a draft of the kabupaten's budget that names every proposal it would drop, so agencies and
 * kecamatan see envelopes only once one is applied (GET /api/v1/budget/envelopes, /api/v1/budget/fit).
 * Nothing here changes a real envelope or a decision until `applyScenario`.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { applyChanges, envelopeKey, type EnvelopeChange, type EnvelopeKey, type FairnessRules } from "../../../shared/budget/scenario.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import type { OutcomeFilter } from "../../storage/budget-scenarios.ts";
import type { ScenarioCreate, ScenarioEdit } from "../../../shared/schemas/budget-scenarios.ts";
import { customIssue, type FieldIssue } from "../../../shared/schemas/issues.ts";
import { agencyList } from "../../storage/agencies.ts";
import { auditInsert } from "../../storage/audit.ts";
import { upsertEnvelope } from "../../storage/budget.ts";
import {
  envelopesOfYear,
  guardEnvelopesUnchangedSince,
  guardScenario,
  insertScenario,
  outcomePage,
  scenarioById,
  scenariosOf,
  talliesOf,
  updateScenario,
  type ScenarioRow,
} from "../../storage/budget-scenarios.ts";
import { nowIso, tryBatch } from "../../storage/database.ts";
import { districtsOf } from "../../storage/regions.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound, Refusal } from "../errors.ts";

/** Totals and every envelope before and after, written by the run (workers/usecases/budget/scenario-run.ts). */
export interface ScenarioSummary {
  proposals: number;
  before: { count: number; rupiah: number };
  after: { count: number; rupiah: number };
  fundedBy: { floor: number; quota: number; priority: number };
  envelopes: { kind: "agency" | "district"; target: string; before: number; after: number; usedBefore: number; usedAfter: number }[];
}

const changed = (details: Record<string, unknown> = {}) =>
  new Refusal(409, "scenario_changed", { id: "Skenario ini baru saja diubah, dijalankan atau diterapkan orang lain. Muat ulang lalu coba lagi.", en: "Someone else just changed, ran or applied this scenario. Reload and try again." }, { details });
const running = new Refusal(409, "scenario_running", { id: "Skenario sedang dihitung. Tunggu sampai selesai.", en: "The scenario is being computed. Wait until it is done." });
const applied = new Refusal(409, "scenario_applied", { id: "Skenario ini sudah diterapkan ke pagu dan tidak dapat diubah lagi.", en: "This scenario was already applied to the envelopes and can no longer change." });
const noResult = new Refusal(409, "scenario_not_run", { id: "Skenario ini belum dihitung untuk versi terakhirnya. Jalankan dulu.", en: "This scenario has not been computed for its latest version. Run it first." });
const envelopesMoved = new Refusal(409, "envelopes_changed", {
  id: "Pagu tahun ini berubah sesudah skenario dihitung (pagu ditetapkan atau skenario lain diterapkan). Jalankan skenario lagi sebelum menerapkannya.",
  en: "The year's envelopes changed after the scenario was computed (an envelope was set or another scenario applied). Run the scenario again before applying it.",
});

/** The scenario, when the caller is Bappeda of its kabupaten (another kabupaten's is 404, another role 403). */
async function scenarioFor(deps: Deps, caller: Principal | undefined, id: string) {
  const scenario = await scenarioById(deps.db, id);
  if (!scenario) {
    authorizeInOwnScope(caller, "budget.manage");
    throw notFound;
  }
  const principal = authorize(caller, "budget.manage", { regencyCode: scenario.regencyCode });
  return { scenario, principal };
}

/** Every agency and kecamatan a change or a floor names must be the kabupaten's own. */
async function checkTargets(deps: Deps, regencyCode: string, body: { changes: readonly EnvelopeChange[]; rules: FairnessRules }) {
  const agencies = new Set((await agencyList(deps.db, regencyCode)).map((a) => a.id));
  const districts = new Set((await districtsOf(deps.db, regencyCode)).map((d) => d.code));
  const issues: FieldIssue[] = [];
  body.changes.forEach((c, i) => {
    if (c.kind === "all" || c.target === undefined) return;
    if (!(c.kind === "agency" ? agencies : districts).has(c.target)) issues.push(customIssue(`changes.${i}.target`, c.kind === "agency" ? "agency_unknown" : "region_unknown", deps.lang));
  });
  (body.rules.floors ?? []).forEach((f, i) => {
    if (f.districtCode !== undefined && !districts.has(f.districtCode)) issues.push(customIssue(`rules.floors.${i}.districtCode`, "region_unknown", deps.lang));
  });
  if (issues.length) throw invalidInput(issues);
}

export function scenarioView(row: ScenarioRow) {
  return {
    id: row.id,
    year: row.year,
    name: row.name,
    note: row.note,
    changes: JSON.parse(row.changes) as EnvelopeChange[],
    rules: JSON.parse(row.rules) as FairnessRules,
    version: row.version,
    status: row.status,
    progress: row.progress,
    /** The stored result belongs to the version shown (an edit after a run makes it stale). */
    resultCurrent: row.runId !== null && row.runVersion === row.version && (row.status === "done" || row.status === "applied"),
    summary: row.summary ? (JSON.parse(row.summary) as ScenarioSummary) : null,
    error: row.error,
    ranAt: row.ranAt,
    appliedAt: row.appliedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function createScenario(deps: Deps, caller: Principal | undefined, body: ScenarioCreate) {
  const admin = authorizeInOwnScope(caller, "budget.manage");
  await checkTargets(deps, admin.regencyCode, body);
  const now = nowIso();
  const row = {
    id: sortableId("skn"),
    regencyCode: admin.regencyCode,
    year: body.year,
    name: body.name,
    note: body.note || null,
    changes: JSON.stringify(body.changes),
    rules: JSON.stringify(body.rules),
    version: 1,
    status: "draft" as const,
    createdBy: admin.id,
    updatedBy: admin.id,
    updatedAt: now,
  };
  await deps.db.batch([insertScenario(deps.db, row), auditInsert(deps.db, { regencyCode: admin.regencyCode, actor: admin.id, action: "budget.scenario_created", entityType: "budget_scenario", entityId: row.id, data: { name: row.name, year: row.year } })]);
  return scenarioView((await scenarioById(deps.db, row.id))!);
}

export async function listScenarios(deps: Deps, caller: Principal | undefined, { year }: { year?: number | undefined }) {
  const admin = authorizeInOwnScope(caller, "budget.manage");
  return (await scenariosOf(deps.db, admin.regencyCode, year)).map(scenarioView);
}

/** A scenario with its result per kecamatan (when it has one for its current version). */
export async function readScenario(deps: Deps, caller: Principal | undefined, { id }: { id: string }) {
  const { scenario } = await scenarioFor(deps, caller, id);
  const view = scenarioView(scenario);
  const districts = view.resultCurrent ? await talliesOf(deps.db, scenario.runId!, "district") : [];
  return { ...view, districts };
}

/** Refuses a write on a scenario that is running or applied, before any batch (the batch's guard catches a race). */
function writable(scenario: ScenarioRow, version: number) {
  if (scenario.status === "applied") throw applied;
  if (scenario.status === "running") throw running;
  if (scenario.version !== version) throw changed({ version: scenario.version });
}

export async function editScenario(deps: Deps, caller: Principal | undefined, { id, body }: { id: string; body: ScenarioEdit }) {
  const { scenario, principal } = await scenarioFor(deps, caller, id);
  writable(scenario, body.version);
  await checkTargets(deps, scenario.regencyCode, body);
  const { db } = deps;
  const outcome = await tryBatch(db, [
    guardScenario(db, id, body.version, "scenario_changed", ["draft", "done", "failed"]),
    updateScenario(db, id, body.version, { name: body.name, note: body.note || null, changes: JSON.stringify(body.changes), rules: JSON.stringify(body.rules), version: body.version + 1, status: "draft", progress: 0, updatedBy: principal.id, updatedAt: nowIso() }),
    auditInsert(db, { regencyCode: scenario.regencyCode, actor: principal.id, action: "budget.scenario_edited", entityType: "budget_scenario", entityId: id, data: { version: body.version + 1, changes: body.changes, rules: body.rules } }),
  ]);
  if (!outcome.ok) throw changed();
  return scenarioView((await scenarioById(db, id))!);
}

/** Starts a run of the version Bappeda looked at; the BudgetScenarioRun workflow fits and stores it. */
export async function runScenarioInBackground(deps: Deps, caller: Principal | undefined, { id, version }: { id: string; version: number }) {
  const { scenario, principal } = await scenarioFor(deps, caller, id);
  writable(scenario, version);
  const { db, env } = deps;
  const runId = sortableId("run");
  const outcome = await tryBatch(db, [
    guardScenario(db, id, version, "scenario_changed", ["draft", "done", "failed"]),
    updateScenario(db, id, version, { status: "running", runId, runVersion: version, progress: 0, error: null }),
    auditInsert(db, { regencyCode: scenario.regencyCode, actor: principal.id, action: "budget.scenario_run", entityType: "budget_scenario", entityId: id, data: { version, runId } }),
  ]);
  if (!outcome.ok) throw changed();
  await env.BUDGET_SCENARIO_RUN.create({ id: runId, params: { scenarioId: id, runId, previousRunId: scenario.runId } });
  return scenarioView((await scenarioById(db, id))!);
}

/** The scenario's current result, or a refusal saying it has none. */
export async function resultOf(deps: Deps, caller: Principal | undefined, id: string) {
  const found = await scenarioFor(deps, caller, id);
  if (!scenarioView(found.scenario).resultCurrent) throw noResult;
  return found;
}

/** A page of what the run decided, in the scenario's priority order: what falls out and why, what changed, or all. */
export async function scenarioOutcomes(deps: Deps, caller: Principal | undefined, { id, query }: { id: string; query: { kecamatan?: string | undefined; show: OutcomeFilter; after?: number | undefined; limit: number } }) {
  const { scenario } = await resultOf(deps, caller, id);
  const rows = await outcomePage(deps.db, scenario.runId!, { districtCode: query.kecamatan, show: query.show, after: query.after, limit: query.limit });
  return { outcomes: rows, next: rows.length === query.limit ? rows.at(-1)!.position : null };
}

/** Per desa of one kecamatan: count and rupiah funded before and after. */
export async function scenarioVillages(deps: Deps, caller: Principal | undefined, { id, kecamatan }: { id: string; kecamatan: string }) {
  const { scenario } = await resultOf(deps, caller, id);
  return talliesOf(deps.db, scenario.runId!, "village", kecamatan);
}

/** Two scenarios of one year side by side, per kecamatan: funded today, under A, under B, and B minus A. */
export async function compareScenarios(deps: Deps, caller: Principal | undefined, { a, b }: { a: string; b: string }) {
  const left = await resultOf(deps, caller, a);
  const right = await resultOf(deps, caller, b);
  if (left.scenario.year !== right.scenario.year || left.scenario.regencyCode !== right.scenario.regencyCode) {
    throw new Refusal(422, "scenarios_not_comparable", { id: "Hanya skenario dari tahun yang sama yang dapat dibandingkan.", en: "Only scenarios of the same year can be compared." });
  }
  const [ta, tb] = await Promise.all([talliesOf(deps.db, left.scenario.runId!, "district"), talliesOf(deps.db, right.scenario.runId!, "district")]);
  const byCode = new Map(tb.map((t) => [t.code, t]));
  const zero = { afterCount: 0, afterRupiah: 0 };
  const codes = [...new Set([...ta.map((t) => t.code), ...tb.map((t) => t.code)])].sort();
  const ofA = new Map(ta.map((t) => [t.code, t]));
  const districts = codes.map((code) => {
    const x = ofA.get(code);
    const y = byCode.get(code);
    const base = x ?? y!;
    return {
      code,
      name: base.name,
      before: { count: base.beforeCount, rupiah: base.beforeRupiah },
      a: { count: (x ?? zero).afterCount, rupiah: (x ?? zero).afterRupiah },
      b: { count: (y ?? zero).afterCount, rupiah: (y ?? zero).afterRupiah },
      difference: { count: (y ?? zero).afterCount - (x ?? zero).afterCount, rupiah: (y ?? zero).afterRupiah - (x ?? zero).afterRupiah },
    };
  });
  return { a: scenarioView(left.scenario), b: scenarioView(right.scenario), districts };
}

/**
 * Applies the scenario's envelope changes to the real envelopes, in one batch guarded twice: the scenario is still
 * the version that ran (no edit, run or apply came in between) and no envelope of the year changed since it ran
 * (another scenario applied, an envelope set by hand). Decisions stay as they are: envelopes only bound later ones.
 */
export async function applyScenario(deps: Deps, caller: Principal | undefined, { id, version }: { id: string; version: number }) {
  const { scenario, principal } = await scenarioFor(deps, caller, id);
  if (scenario.status === "applied") throw applied;
  if (scenario.version !== version) throw changed({ version: scenario.version });
  if (!scenarioView(scenario).resultCurrent) throw noResult;
  const { db } = deps;
  const current = await envelopesOfYear(db, scenario.regencyCode, scenario.year);
  const before = new Map(current.map((e) => [envelopeKey(e.kind, e.target), e.amount] as [EnvelopeKey, number]));
  const after = applyChanges(before, JSON.parse(scenario.changes) as EnvelopeChange[]);
  const now = nowIso();
  const moved = [...after].filter(([key, amount]) => before.get(key) !== amount);
  const outcome = await tryBatch(db, [
    guardScenario(db, id, version, "scenario_changed", ["done"]),
    guardEnvelopesUnchangedSince(db, scenario.regencyCode, scenario.year, scenario.ranAt!),
    ...moved.map(([key, amount]) => {
      const [kind, target] = key.split(/:(.*)/) as ["agency" | "district", string];
      return upsertEnvelope(db, { id: sortableId("pagu"), regencyCode: scenario.regencyCode, year: scenario.year, kind, target, amount, updatedBy: principal.id, updatedAt: now });
    }),
    updateScenario(db, id, version, { status: "applied", appliedAt: now, appliedBy: principal.id, updatedBy: principal.id, updatedAt: now }),
    auditInsert(db, {
      regencyCode: scenario.regencyCode,
      actor: principal.id,
      action: "budget.scenario_applied",
      entityType: "budget_scenario",
      entityId: id,
      data: { version, envelopes: moved.map(([key, amount]) => ({ envelope: key, from: before.get(key) ?? null, to: amount })) },
    }),
  ]);
  if (!outcome.ok) throw outcome.guard === "envelopes_changed" ? envelopesMoved : changed();
  return { ...scenarioView((await scenarioById(db, id))!), envelopesChanged: moved.length };
}

/** What a scenario form offers: the kabupaten's agencies and kecamatan, and names for both. */
export async function scenarioChoices(deps: Deps, caller: Principal | undefined) {
  const admin = authorizeInOwnScope(caller, "budget.manage");
  const [agencies, districts] = await Promise.all([agencyList(deps.db, admin.regencyCode), districtsOf(deps.db, admin.regencyCode)]);
  const sortedDistricts = districts.map((d) => ({ code: d.code, name: d.name })).sort((a, b) => a.name.localeCompare(b.name, "id"));
  return { admin, agencies, districts: sortedDistricts, names: new Map<string, string>([...agencies.map((a) => [a.id, a.name] as const), ...sortedDistricts.map((d) => [d.code, d.name] as const)]) };
}
