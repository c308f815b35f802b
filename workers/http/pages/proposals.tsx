/** The village operator's screens: list and rank, submit, view, edit, withdraw; and the public tracking page. */
import { and, eq, like } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { randomToken } from "../../../shared/access/bytes.ts";
import { decide } from "../../../shared/access/policy.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { regions } from "../../../shared/db/schema.ts";
import { formValues, proposalInputFromForm, type ProposalFormFields } from "../../../shared/proposals/form.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { ProposalInputSchema, ProposalPatchSchema, type ProposalView } from "../../../shared/schemas/proposals.ts";
import { ProposalForm, type VillageOption } from "../../pages/proposal-form.tsx";
import { ProposalDetailPage, ProposalListPage, TrackingPage, TrackingSearchPage } from "../../pages/proposal-pages.tsx";
import { database, type Database } from "../../storage/database.ts";
import { proposalAttachments, proposalView, villagePlace, villageProposals } from "../../storage/proposals.ts";
import { trackingView } from "../../storage/tracking.ts";
import { authorizeInOwnScope } from "../access.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { ApiError } from "../errors.ts";
import { preferredLanguage, say } from "../messages.ts";
import { EDITABLE_STATUSES, editProposal, proposalFor, rankProposal, withdrawProposal } from "../proposals/changes.ts";
import { readUploads, submitProposal } from "../proposals/intake.ts";
import { submissionLimit } from "../proposals/index.ts";
import { submissionRateLimit } from "../middleware/rate-limit.ts";
import { formText, readForm } from "../form.ts";

/** Musrenbang in year N plans year N+1. */
export const planningYear = (now = new Date()) => now.getUTCFullYear() + 1;

const csrf = (c: AppContext) => c.get("session")?.csrfToken ?? "";

/** The villages a caller may submit for: its own desa, or every desa of the kabupaten for Bappeda. */
async function villageOptions(db: Database, principal: Principal): Promise<VillageOption[]> {
  const prefix = principal.role === "village_operator" ? principal.scopeCode : `${principal.regencyCode}.%`;
  const villages = await db.select().from(regions).where(and(eq(regions.level, "village"), like(regions.code, prefix)));
  const districts = new Map(
    (await db.select().from(regions).where(and(eq(regions.level, "district"), like(regions.code, `${principal.regencyCode}.%`)))).map((d) => [d.code, d.name]),
  );
  return villages
    .map((village) => ({ code: village.code, name: village.name, districtName: districts.get(village.parentCode ?? "") ?? "" }))
    .sort((a, b) => a.districtName.localeCompare(b.districtName) || a.name.localeCompare(b.name));
}

function errorsByField(issues: readonly { path: string; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}

/** A refusal from the shared intake turned into messages next to the fields (or at the top of the form). */
function formErrors(c: AppContext, error: unknown): { status: 413 | 415 | 422; errors: Record<string, string> } | null {
  if (!(error instanceof ApiError) || ![413, 415, 422].includes(error.status)) return null;
  const errors = error.fields ? errorsByField(error.fields) : { attachments: say(c, error.text) };
  return { status: error.status as 413 | 415 | 422, errors };
}

async function renderForm(
  c: AppContext,
  principal: Principal,
  values: ProposalFormFields,
  errors: Record<string, string> = {},
  status: 200 | 413 | 415 | 422 = 200,
  submission = randomToken(18),
) {
  const villages = await villageOptions(database(c.env.DB), principal);
  return c.html(
    <ProposalForm
      principal={principal}
      csrfToken={csrf(c)}
      submissionToken={submission}
      action="/usulan"
      title="Ajukan usulan"
      values={values}
      errors={errors}
      villages={villages}
    />,
    status,
  );
}

export const proposalPages = new Hono<AppEnv>()
  .get("/usulan", async (c) => {
    const principal = authorizeInOwnScope(c, "proposal.submit");
    const db = database(c.env.DB);
    const villageCode = principal.role === "village_operator" ? principal.scopeCode : c.req.query("desa") ?? "";
    const place = await villagePlace(db, villageCode);
    if (!place) return c.redirect("/usulan/baru", 303);
    const year = Number(c.req.query("tahun")) || planningYear();
    const rows = (await villageProposals(db, villageCode, year)).map((row) => proposalView(row));
    return c.html(
      <ProposalListPage principal={principal} csrfToken={csrf(c)} villageName={place.villageName} year={year} proposals={rows} editable={(p: ProposalView) => EDITABLE_STATUSES.has(p.status)} />,
    );
  })
  .get("/usulan/baru", async (c) => {
    const principal = authorizeInOwnScope(c, "proposal.submit");
    const own = principal.role === "village_operator" ? principal.scopeCode : "";
    return renderForm(c, principal, { year: String(planningYear()), villageCode: own });
  })
  .post("/usulan", submissionRateLimit, submissionLimit, async (c) => {
    const principal = authorizeInOwnScope(c, "proposal.submit");
    const form = await readForm(c);
    const given = formText(form, "_submission");
    const submission = given && given.length >= 8 ? given : randomToken(18);
    const values = formValues(form);
    const parsed = v.safeParse(ProposalInputSchema, proposalInputFromForm(form));
    const lang = preferredLanguage(c.req.header("accept-language"));
    // A refused post keeps its one-time token, so fixing the form and sending it again still creates one proposal.
    if (!parsed.success) return renderForm(c, principal, values, errorsByField(fieldIssues(parsed.issues, lang)), 422, submission);
    try {
      const files = [form.attachments ?? []].flat().filter((f): f is File => f instanceof File);
      const uploads = await readUploads(files, lang);
      const result = await submitProposal(c, principal, parsed.output, uploads, `form-${submission}`);
      return c.redirect(`/usulan/${result.proposal.id}?baru=1`, 303);
    } catch (error) {
      const refused = formErrors(c, error);
      if (!refused) throw error;
      return renderForm(c, principal, values, refused.errors, refused.status, submission);
    }
  })
  .get("/usulan/:id", async (c) => {
    const { row, principal } = await proposalFor(c, c.req.param("id"), "proposal.read");
    const db = database(c.env.DB);
    const place = await villagePlace(db, row.villageCode);
    const editable = EDITABLE_STATUSES.has(row.status) && decide(principal, "proposal.edit", row) === "allow";
    return c.html(
      <ProposalDetailPage
        principal={principal}
        csrfToken={csrf(c)}
        proposal={proposalView(row, await proposalAttachments(db, row.id))}
        villageName={place?.villageName ?? row.villageCode}
        districtName={place?.districtName ?? row.districtCode}
        editable={editable}
        justSubmitted={c.req.query("baru") === "1"}
      />,
    );
  })
  .get("/usulan/:id/ubah", async (c) => {
    const { row, principal } = await proposalFor(c, c.req.param("id"), "proposal.edit");
    const values = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null).map(([key, value]) => [key, String(value)])) as ProposalFormFields;
    return c.html(<ProposalForm principal={principal} csrfToken={csrf(c)} submissionToken={randomToken(18)} action={`/usulan/${row.id}`} title="Ubah usulan" values={values} errors={{}} villages={[]} editing />);
  })
  .post("/usulan/:id", async (c) => {
    const { row, principal } = await proposalFor(c, c.req.param("id"), "proposal.edit");
    const form = await readForm(c);
    const editableFields = Object.keys(ProposalPatchSchema.pipe[0].entries);
    const parsed = v.safeParse(ProposalPatchSchema, proposalInputFromForm(form, editableFields));
    const rerender = (status: 409 | 422, errors: Record<string, string>) =>
      c.html(<ProposalForm principal={principal} csrfToken={csrf(c)} submissionToken={randomToken(18)} action={`/usulan/${row.id}`} title="Ubah usulan" values={formValues(form)} errors={errors} villages={[]} editing />, status);
    if (!parsed.success) return rerender(422, errorsByField(fieldIssues(parsed.issues, preferredLanguage(c.req.header("accept-language")))));
    try {
      await editProposal(c, principal, row, parsed.output);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return rerender(409, { "": say(c, error.text) });
      const refused = formErrors(c, error);
      if (!refused) throw error;
      return rerender(422, refused.errors);
    }
    return c.redirect(`/usulan/${row.id}`, 303);
  })
  .post("/usulan/:id/batal", async (c) => {
    const { row, principal } = await proposalFor(c, c.req.param("id"), "proposal.edit");
    await withdrawProposal(c, principal, row);
    return c.redirect(`/usulan/${row.id}`, 303);
  })
  .post("/usulan/:id/peringkat", async (c) => {
    const { row, principal } = await proposalFor(c, c.req.param("id"), "proposal.edit");
    const rank = Number(formText(await readForm(c), "rank"));
    if (Number.isInteger(rank) && rank >= 1) await rankProposal(c, principal, row, rank);
    return c.redirect(`/usulan?tahun=${row.year}${principal.role === "village_operator" ? "" : `&desa=${row.villageCode}`}`, 303);
  })
  .get("/lacak", (c) => {
    const code = c.req.query("kode")?.trim().toUpperCase();
    return code ? c.redirect(`/lacak/${encodeURIComponent(code)}`, 303) : c.html(<TrackingSearchPage />);
  })
  .get("/lacak/:code", async (c) => {
    const view = await trackingView(database(c.env.DB), c.req.param("code").toUpperCase());
    return view ? c.html(<TrackingPage view={view} />) : c.html(<TrackingSearchPage code={c.req.param("code")} notFound />, 404);
  });
