import * as v from "valibot";
import { agenciesCsv } from "../../../shared/agencies/agencies.ts";
import { AgencyListInputSchema } from "../../../shared/schemas/agencies.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import * as agencies from "../../usecases/agencies/agencies.ts";
import { invalidInput, malformedJson, Refusal } from "../../usecases/errors.ts";
import { caller, deps, type AppContext } from "../context.ts";
import { language } from "../messages.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./agencies.routes.ts";

const unsupportedBody = new Refusal(415, "unsupported_content_type", { id: "Kirim text/csv atau application/json.", en: "Send text/csv or application/json." });

/** The list as Bappeda sent it: a CSV file, or the same rows as JSON. */
async function readAgencyList(c: AppContext): Promise<agencies.AgencyListSource> {
  const type = c.req.header("content-type") ?? "";
  if (/^text\/(csv|plain)\b/i.test(type)) return { csv: await c.req.text() };
  if (!/^application\/json\b/i.test(type)) throw unsupportedBody;
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw malformedJson;
  }
  const parsed = v.safeParse(AgencyListInputSchema, raw);
  if (!parsed.success) throw invalidInput(fieldIssues(parsed.issues, language(c)));
  return { list: parsed.output.agencies };
}

export const listAgencies: RouteHandler<typeof routes.listAgencies> = async (c, { query }) => {
  const list = await agencies.listAgencies(deps(c), caller(c));
  if (query.format === "csv") {
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", 'attachment; filename="opd.csv"');
    return c.body(agenciesCsv(list.filter((a) => a.active)));
  }
  return c.json({ agencies: list }, 200);
};

export const replaceAgencies: RouteHandler<typeof routes.replaceAgencies> = async (c) => c.json(await agencies.setAgencies(deps(c), caller(c), await readAgencyList(c)), 200);
