import * as scenarios from "../../usecases/budget/scenarios.ts";
import * as exports from "../../usecases/budget/scenario-export.ts";
import { contentDisposition } from "../content-disposition.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./budget-scenarios.routes.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const file = (bytes: Uint8Array, filename: string) => ({ body: bytes.slice().buffer, headers: { "content-type": XLSX, "content-disposition": contentDisposition("attachment", filename) } });

export const createScenario: RouteHandler<typeof routes.createScenario> = async (c, { json }) => c.json(await scenarios.createScenario(deps(c), caller(c), json), 201);

export const listScenarios: RouteHandler<typeof routes.listScenarios> = async (c, { query }) => c.json({ scenarios: await scenarios.listScenarios(deps(c), caller(c), query) }, 200);

export const getScenario: RouteHandler<typeof routes.getScenario> = async (c, { params }) => c.json(await scenarios.readScenario(deps(c), caller(c), { id: params.id }), 200);

export const editScenario: RouteHandler<typeof routes.editScenario> = async (c, { params, json }) => c.json(await scenarios.editScenario(deps(c), caller(c), { id: params.id, body: json }), 200);

export const runScenario: RouteHandler<typeof routes.runScenario> = async (c, { params, json }) => c.json(await scenarios.runScenarioInBackground(deps(c), caller(c), { id: params.id, version: json.version }), 202);

export const scenarioOutcomes: RouteHandler<typeof routes.scenarioOutcomes> = async (c, { params, query }) => c.json(await scenarios.scenarioOutcomes(deps(c), caller(c), { id: params.id, query: { ...query, limit: Number(query.limit) } }), 200);

export const scenarioVillages: RouteHandler<typeof routes.scenarioVillages> = async (c, { params, query }) => c.json({ villages: await scenarios.scenarioVillages(deps(c), caller(c), { id: params.id, kecamatan: query.kecamatan }) }, 200);

export const compareScenarios: RouteHandler<typeof routes.compareScenarios> = async (c, { query }) => c.json(await scenarios.compareScenarios(deps(c), caller(c), query), 200);

export const applyScenario: RouteHandler<typeof routes.applyScenario> = async (c, { params, json }) => c.json(await scenarios.applyScenario(deps(c), caller(c), { id: params.id, version: json.version }), 200);

export const scenarioXlsx: RouteHandler<typeof routes.scenarioXlsx> = async (c, { params }) => {
  const out = file(...(Object.values(await exports.scenarioWorkbook(deps(c), caller(c), { id: params.id })) as [Uint8Array, string]));
  return c.body(out.body, 200, out.headers);
};

export const compareXlsx: RouteHandler<typeof routes.compareXlsx> = async (c, { query }) => {
  const out = file(...(Object.values(await exports.comparisonWorkbook(deps(c), caller(c), query)) as [Uint8Array, string]));
  return c.body(out.body, 200, out.headers);
};
