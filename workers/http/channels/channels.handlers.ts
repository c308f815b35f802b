import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { pokirReportCsv } from "../../../shared/proposals/pokir-report.ts";
import { CSV_CONTENT_TYPE } from "../../../shared/renja/csv.ts";
import { PokirInputSchema, ThematicInputSchema } from "../../../shared/schemas/proposals.ts";
import { proposalView } from "../../storage/proposals.ts";
import * as channels from "../../usecases/channels/channels.ts";
import { contentDisposition } from "../content-disposition.ts";
import { caller, deps } from "../context.ts";
import { readSubmission, submitAnswer } from "../proposals/proposals.handlers.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./channels.routes.ts";

export const createPokir: RouteHandler<typeof routes.createPokir> = async (c) => {
  const { proposal, uploads } = await readSubmission(c, PokirInputSchema);
  return submitAnswer(c, { proposal: { channel: "pokir", ...proposal }, uploads });
};

export const createThematic: RouteHandler<typeof routes.createThematic> = async (c) => {
  const { proposal, uploads } = await readSubmission(c, ThematicInputSchema);
  return submitAnswer(c, { proposal: { channel: "tematik", ...proposal }, uploads });
};

export const withdrawPokir: RouteHandler<typeof routes.withdrawPokir> = async (c, { params, json }) =>
  c.json(proposalView(await channels.withdrawPokir(deps(c), caller(c), { id: params.id, reason: json.reason })), 200);

export const pokirReport: RouteHandler<typeof routes.pokirReport> = async (c, { query }) => {
  const year = query.year ?? planningYear(new Date());
  const { lines } = await channels.memberReport(deps(c), caller(c), { year, member: query.member });
  if (query.format === "csv") {
    c.header("Content-Type", CSV_CONTENT_TYPE);
    c.header("Content-Disposition", contentDisposition("attachment", `pokir-${year}${query.member ? `-${query.member}` : ""}.csv`));
    return c.body(pokirReportCsv(lines));
  }
  return c.json({ year, pokir: lines }, 200);
};

export const dprdMembers: RouteHandler<typeof routes.dprdMembers> = async (c) => {
  const { members } = await channels.dprdMembers(deps(c), caller(c));
  return c.json({ members: members.map(({ id, name, fraksi, dapil }) => ({ id, name, fraksi, dapil })) }, 200);
};

export const themeSummary: RouteHandler<typeof routes.themeSummary> = async (c, { query }) => {
  const year = query.year ?? planningYear(new Date());
  const { themes } = await channels.themeSummary(deps(c), caller(c), { year });
  return c.json({ year, themes }, 200);
};
