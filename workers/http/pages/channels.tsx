/** The pokir DPRD and thematic Musrenbang screens: submit (with evidence), each member's report, the tally per theme. */
import { Hono } from "hono";
import * as v from "valibot";
import { randomToken } from "../../../shared/access/bytes.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { proposalInputFromForm } from "../../../shared/proposals/form.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { PokirInputSchema, ThematicInputSchema } from "../../../shared/schemas/proposals.ts";
import { authorizeInOwnScope } from "../../usecases/access.ts";
import { channelFormOptions, dprdMembers, memberReport, themeSummary } from "../../usecases/channels/channels.ts";
import { readUploads, submitProposal } from "../../usecases/proposals/submit.ts";
import { ChannelForm, PokirReportPage, ThemeSummaryPage, type ChannelKind } from "../../views/channel-pages.tsx";
import { caller, csrf, deps, type AppContext, type AppEnv } from "../context.ts";
import { formText, readForm } from "../form.ts";
import { language } from "../messages.ts";
import { BODY_LIMITS, limitBody } from "../middleware/body-limit.ts";
import { submissionRateLimit } from "../middleware/rate-limit.ts";
import { errorsByField, formErrors } from "./proposals.tsx";

const CHANNEL_FIELDS = { pokir: ["memberId", "villageCode", "districtCode", "resesDate", "resesPlace"], tematik: ["districtCode", "theme"] } as const;
const COMMON_FIELDS = ["year", "activity", "problem", "volume", "unit", "estimatedCost"];

const yearOf = (c: AppContext) => Number(c.req.query("tahun")) || planningYear(new Date());

async function renderForm(c: AppContext, principal: Principal, kind: ChannelKind, values: Record<string, string>, errors: Record<string, string> = {}, status: 200 | 413 | 415 | 422 = 200, submission = randomToken(18)) {
  const options = await channelFormOptions(deps(c), principal);
  return c.html(<ChannelForm principal={principal} csrfToken={csrf(c)} submissionToken={submission} kind={kind} values={values} errors={errors} {...options} />, status);
}

/** A channel's form post: the same intake as the API, a refused field's message under it, then the proposal's page. */
async function submitForm(c: AppContext, kind: ChannelKind) {
  const principal = authorizeInOwnScope(caller(c), "proposal.submit", { channel: kind });
  const form = await readForm(c);
  const given = formText(form, "_submission");
  const submission = given && given.length >= 8 ? given : randomToken(18);
  const names = [...COMMON_FIELDS, ...CHANNEL_FIELDS[kind]];
  const values = Object.fromEntries(names.map((name) => [name, formText(form, name) ?? ""]));
  const input = { ...proposalInputFromForm(form, COMMON_FIELDS), ...Object.fromEntries(CHANNEL_FIELDS[kind].flatMap((name) => (values[name] ? [[name, values[name]]] : []))) };
  const lang = language(c);
  const parsed = kind === "pokir" ? v.safeParse(PokirInputSchema, input) : v.safeParse(ThematicInputSchema, input);
  if (!parsed.success) return renderForm(c, principal, kind, values, errorsByField(fieldIssues(parsed.issues, lang)), 422, submission);
  try {
    const uploads = await readUploads([form.attachments ?? []].flat().filter((f): f is File => f instanceof File), lang);
    const proposal = kind === "pokir" ? { channel: "pokir" as const, ...(parsed.output as v.InferOutput<typeof PokirInputSchema>) } : { channel: "tematik" as const, ...(parsed.output as v.InferOutput<typeof ThematicInputSchema>) };
    const result = await submitProposal(deps(c), principal, { proposal, uploads, idempotencyKey: `form-${submission}` });
    return c.redirect(`/usulan/${result.proposal.id}?${result.duplicate ? "sama" : "baru"}=1`, 303);
  } catch (error) {
    const refused = formErrors(c, error);
    if (!refused) throw error;
    return renderForm(c, principal, kind, values, refused.errors, refused.status, submission);
  }
}

export const channelPages = new Hono<AppEnv>()
  .get("/pokir", async (c) => {
    const year = yearOf(c);
    const member = c.req.query("anggota") || undefined;
    const report = await memberReport(deps(c), caller(c), { year, member });
    const { members } = await dprdMembers(deps(c), report.principal);
    return c.html(<PokirReportPage principal={report.principal} csrfToken={csrf(c)} year={year} lines={report.lines} member={member} members={members} />);
  })
  .get("/pokir/baru", async (c) => renderForm(c, authorizeInOwnScope(caller(c), "proposal.submit", { channel: "pokir" }), "pokir", { year: String(planningYear(new Date())) }))
  .post("/pokir", submissionRateLimit, limitBody(BODY_LIMITS.submission), (c) => submitForm(c, "pokir"))
  .get("/tematik", async (c) => {
    const year = yearOf(c);
    const { principal, themes } = await themeSummary(deps(c), caller(c), { year });
    return c.html(<ThemeSummaryPage principal={principal} csrfToken={csrf(c)} year={year} themes={themes} />);
  })
  .get("/tematik/baru", async (c) => renderForm(c, authorizeInOwnScope(caller(c), "proposal.submit", { channel: "tematik" }), "tematik", { year: String(planningYear(new Date())) }))
  .post("/tematik", submissionRateLimit, limitBody(BODY_LIMITS.submission), (c) => submitForm(c, "tematik"));
