/** Bappeda's budget scenario console (/konsol/skenario): the same use cases as the API, driven by plain forms. */
import { Hono } from "hono";
import * as v from "valibot";
import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { parseIndonesianNumber } from "../../../shared/proposals/form.ts";
import { OutcomePageQuerySchema, ScenarioCreateSchema, ScenarioEditSchema, ScenarioVersionSchema } from "../../../shared/schemas/budget-scenarios.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import * as scenarios from "../../usecases/budget/scenarios.ts";
import { invalidInput, notFound, Refusal } from "../../usecases/errors.ts";
import { ScenarioComparePage, ScenarioDistrictPage, ScenarioListPage, ScenarioPage } from "../../views/scenario-pages.tsx";
import { caller, csrf, deps, type AppContext, type AppEnv } from "../context.ts";
import { readForm } from "../form.ts";
import { language, say } from "../messages.ts";

const refusalText = (c: AppContext, error: Refusal) => [say(c, error.text), ...(error.fields ?? []).map((f) => f.message)].join(" ");

function parsed<S extends v.GenericSchema>(c: AppContext, schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw invalidInput(fieldIssues(result.issues, language(c)));
  return result.output;
}

const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === "string" && (form[name] as string).trim() !== "" ? (form[name] as string).trim() : undefined);
const number = (form: Record<string, unknown>, name: string) => {
  const text = field(form, name);
  return text === undefined ? undefined : parseIndonesianNumber(text);
};

/** The form's fields as the scenario schema's input (what is not a number stays for the schema to refuse). */
function scenarioFromForm(form: Record<string, unknown>) {
  const changes: unknown[] = [];
  const all = number(form, "allPercent");
  if (all !== undefined) changes.push({ kind: "all", percent: all });
  for (let i = 0; ; i++) {
    if (!(`target${i}` in form)) break;
    const target = field(form, `target${i}`);
    if (!target) continue;
    const [kind, id] = target.split(/:(.*)/);
    changes.push({ kind, target: id, percent: number(form, `percent${i}`), amount: number(form, `amount${i}`) });
  }
  const floorCount = number(form, "floorCount");
  const floorRupiah = number(form, "floorRupiah");
  const quotaGroup = field(form, "quotaGroup");
  const weights = ["wDistrict", "wVillage", "wCost"].map((name) => number(form, name));
  return {
    name: field(form, "name"),
    note: field(form, "note"),
    changes,
    rules: {
      ...(floorCount || floorRupiah ? { floors: [{ minCount: floorCount, minRupiah: floorRupiah }] } : {}),
      ...(quotaGroup ? { quotas: [{ group: quotaGroup, minCount: number(form, "quotaCount") }] } : {}),
      ...(weights.some((w) => w !== undefined) ? { weights: { districtRank: weights[0] ?? 0, villageRank: weights[1] ?? 0, costPerBeneficiary: weights[2] ?? 0 } } : {}),
    },
  };
}

async function renderScenario(c: AppContext, id: string, extra: { error?: string; message?: string } = {}, status: 200 | 409 | 422 = 200) {
  const [scenario, choices] = await Promise.all([scenarios.readScenario(deps(c), caller(c), { id }), scenarios.scenarioChoices(deps(c), caller(c))]);
  const changed = scenario.resultCurrent ? await scenarios.scenarioOutcomes(deps(c), caller(c), { id, query: { show: "changed", limit: 50 } }) : null;
  return c.html(<ScenarioPage principal={choices.admin} csrfToken={csrf(c)} scenario={scenario} choices={choices} changed={changed} {...extra} />, status);
}

/** Runs a write and returns to the scenario, showing a refusal (409/422) on it instead of an error page. */
async function thenBack(c: AppContext, id: string, write: () => Promise<unknown>) {
  try {
    await write();
  } catch (error) {
    if (error instanceof Refusal && (error.status === 409 || error.status === 422)) return renderScenario(c, id, { error: refusalText(c, error) }, error.status);
    throw error;
  }
  return c.redirect(`/konsol/skenario/${id}`, 303);
}

async function renderList(c: AppContext, error?: string) {
  const choices = await scenarios.scenarioChoices(deps(c), caller(c));
  const year = planningYear(new Date());
  const list = await scenarios.listScenarios(deps(c), caller(c), { year });
  return c.html(<ScenarioListPage principal={choices.admin} csrfToken={csrf(c)} year={year} scenarios={list} choices={choices} error={error} />, error ? 422 : 200);
}

export const scenarioPages = new Hono<AppEnv>()
  .get("/konsol/skenario", (c) => renderList(c))
  .post("/konsol/skenario", async (c) => {
    const form = await readForm(c);
    try {
      const created = await scenarios.createScenario(deps(c), caller(c), parsed(c, ScenarioCreateSchema, { year: Number(field(form, "year")), ...scenarioFromForm(form) }));
      return c.redirect(`/konsol/skenario/${created.id}`, 303);
    } catch (error) {
      if (error instanceof Refusal && error.status === 422) return renderList(c, refusalText(c, error));
      throw error;
    }
  })
  .get("/konsol/skenario/banding", async (c) => {
    const a = c.req.query("a");
    const b = c.req.query("b");
    if (!a || !b) throw notFound;
    const comparison = await scenarios.compareScenarios(deps(c), caller(c), { a, b });
    const { admin } = await scenarios.scenarioChoices(deps(c), caller(c));
    return c.html(<ScenarioComparePage principal={admin} csrfToken={csrf(c)} comparison={comparison} />);
  })
  .get("/konsol/skenario/:id", (c) => renderScenario(c, c.req.param("id")))
  .post("/konsol/skenario/:id", async (c) => {
    const form = await readForm(c);
    const id = c.req.param("id");
    return thenBack(c, id, () => scenarios.editScenario(deps(c), caller(c), { id, body: parsed(c, ScenarioEditSchema, { version: Number(field(form, "version")), ...scenarioFromForm(form) }) }));
  })
  .post("/konsol/skenario/:id/jalankan", async (c) => {
    const form = await readForm(c);
    const id = c.req.param("id");
    return thenBack(c, id, () => scenarios.runScenarioInBackground(deps(c), caller(c), { id, ...parsed(c, ScenarioVersionSchema, { version: Number(field(form, "version")) }) }));
  })
  .post("/konsol/skenario/:id/terapkan", async (c) => {
    const form = await readForm(c);
    const id = c.req.param("id");
    try {
      const applied = await scenarios.applyScenario(deps(c), caller(c), { id, ...parsed(c, ScenarioVersionSchema, { version: Number(field(form, "version")) }) });
      return renderScenario(c, id, { message: `Skenario diterapkan: ${applied.envelopesChanged} pagu indikatif diubah.` });
    } catch (error) {
      if (error instanceof Refusal && (error.status === 409 || error.status === 422)) return renderScenario(c, id, { error: refusalText(c, error) }, error.status);
      throw error;
    }
  })
  .get("/konsol/skenario/:id/kecamatan/:code", async (c) => {
    const id = c.req.param("id");
    const code = c.req.param("code");
    const query = parsed(c, OutcomePageQuerySchema, { kecamatan: code, show: c.req.query("tampil") ?? "excluded", after: c.req.query("setelah"), limit: "50" });
    const [scenario, choices, villages, outcomes] = await Promise.all([
      scenarios.readScenario(deps(c), caller(c), { id }),
      scenarios.scenarioChoices(deps(c), caller(c)),
      scenarios.scenarioVillages(deps(c), caller(c), { id, kecamatan: code }),
      scenarios.scenarioOutcomes(deps(c), caller(c), { id, query: { ...query, limit: 50 } }),
    ]);
    return c.html(<ScenarioDistrictPage principal={choices.admin} csrfToken={csrf(c)} scenario={scenario} districtName={choices.names.get(code) ?? code} districtCode={code} villages={villages} outcomes={outcomes} show={query.show} />);
  });
