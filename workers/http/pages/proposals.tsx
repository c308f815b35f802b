/** The village operator's screens: list and rank, submit, view, edit, withdraw; and the public tracking page. */
import { Hono } from "hono";
import * as v from "valibot";
import { randomToken } from "../../../shared/access/bytes.ts";
import { proposalTarget } from "../../../shared/proposals/channels.ts";
import { decide } from "../../../shared/access/policy.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { isEditable, planningYear, STATUSES, type Status } from "../../../shared/proposals/lifecycle.ts";
import { formFieldsOf, formValues, proposalInputFromForm, type ProposalFormFields } from "../../../shared/proposals/form.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { ProposalInputSchema, ProposalPatchSchema, type ProposalView } from "../../../shared/schemas/proposals.ts";
import { proposalView, type ProposalRow } from "../../storage/proposals.ts";
import { Refusal } from "../../usecases/errors.ts";
import { editProposal, notEditable, rankProposal, withdrawProposal } from "../../usecases/proposals/change.ts";
import { attachmentsOf, proposalFor, scopeList, villageList, villageOptions } from "../../usecases/proposals/read.ts";
import { scopeLabel } from "../../usecases/accounts/scope.ts";
import { proposalDetail, trackProposal } from "../../usecases/proposals/story.ts";
import { readUploads, submitProposal } from "../../usecases/proposals/submit.ts";
import { carriedInput, carryOver, carryOverOffer, carryOverOffers, dropCarryOver } from "../../usecases/proposals/carry-over.ts";
import { CarryOverSection, DropCarryOverPage } from "../../views/carry-over.tsx";
import { authorizeInOwnScope, requirePrincipal } from "../../usecases/access.ts";
import { ProposalForm } from "../../views/proposal-form.tsx";
import { ProposalDetailPage, ProposalListPage, ScopeListPage, TrackingPage, TrackingSearchPage, WithdrawConfirmPage, type DetailNotice } from "../../views/proposal-pages.tsx";
import { caller, csrf, deps, type AppContext, type AppEnv } from "../context.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { formText, readForm } from "../form.ts";
import { language, say } from "../messages.ts";
import { BODY_LIMITS, limitBody } from "../middleware/body-limit.ts";
import { submissionRateLimit, trackingRateLimit } from "../middleware/rate-limit.ts";

export function errorsByField(issues: readonly { path: string; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}

/** A refusal from the shared intake turned into messages next to the fields (or at the top of the form). */
export function formErrors(c: AppContext, error: unknown): { status: 413 | 415 | 422; errors: Record<string, string> } | null {
  if (!(error instanceof Refusal) || ![413, 415, 422].includes(error.status)) return null;
  const errors = error.fields ? errorsByField(error.fields) : { attachments: say(c, error.text) };
  return { status: error.status as 413 | 415 | 422, errors };
}

type CarriedFrom = { id: string; trackingCode: string; year: number };

async function renderForm(c: AppContext, principal: Principal, values: ProposalFormFields, errors: Record<string, string> = {}, status: 200 | 413 | 415 | 422 = 200, submission = randomToken(18), carriedFrom?: CarriedFrom) {
  const villages = await villageOptions(deps(c), principal);
  return c.html(<ProposalForm principal={principal} csrfToken={csrf(c)} submissionToken={submission} action="/usulan" title="Ajukan usulan" values={values} errors={errors} villages={villages} carriedFrom={carriedFrom} />, status);
}

const LIST_SIZE = 25;

async function renderScopeList(c: AppContext, year: number) {
  const kecamatan = c.req.query("kecamatan") || undefined;
  // A desa outside the chosen kecamatan (the kecamatan changed, its old desa still in the form) is dropped.
  const desa = (c.req.query("desa") || undefined) && (!kecamatan || c.req.query("desa")!.startsWith(`${kecamatan}.`)) ? c.req.query("desa") : undefined;
  const status = (Object.keys(STATUSES) as Status[]).find((s) => s === c.req.query("status"));
  const cursor = c.req.query("setelah");
  const after = cursor ? decodeCursor(cursor) : undefined;
  const page = await scopeList(deps(c), caller(c), { filters: { year, ...(kecamatan ? { kecamatan } : {}), ...(desa ? { desa } : {}), ...(status ? { status } : {}) }, limit: LIST_SIZE, cursor: after ? { createdAt: after[0], id: after[1] } : undefined });
  const rows = page.rows.map((r) => ({
    ...r,
    villageName: page.names.get(r.villageCode) ?? r.villageCode,
    districtName: page.districts.length ? (page.names.get(r.districtCode) ?? r.districtCode) : undefined,
  }));
  return c.html(
    <ScopeListPage
      principal={page.principal}
      csrfToken={csrf(c)}
      lang={language(c)}
      scopeName={await scopeLabel(deps(c), page.principal)}
      year={year}
      rows={rows}
      villages={page.villages}
      districts={page.districts}
      filters={{ kecamatan, desa, status }}
      next={page.next ? `setelah=${encodeURIComponent(encodeCursor(page.next.createdAt, page.next.id))}` : null}
      paged={!!cursor}
    />,
  );
}

const DETAIL_NOTICES: readonly DetailNotice[] = ["baru", "sama", "tersimpan", "terkirim"];

/** The edit form of a proposal, with its files to keep or remove; a returned one shows the kecamatan's note. */
async function renderEdit(c: AppContext, principal: Principal, row: ProposalRow, values: ProposalFormFields, errors: Record<string, string>, status: 200 | 409 | 413 | 415 | 422) {
  const files = await attachmentsOf(deps(c), row.id);
  const returnNote = row.status === "returned" ? ((await proposalDetail(deps(c), principal, row.id)).detail.history.findLast((s) => s.kind === "returned")?.reason ?? null) : undefined;
  return c.html(
    <ProposalForm
      principal={principal}
      csrfToken={csrf(c)}
      lang={language(c)}
      submissionToken={randomToken(18)}
      action={`/usulan/${row.id}`}
      title={say(c, { id: "Ubah usulan", en: "Edit proposal" })}
      values={values}
      errors={errors}
      villages={[]}
      editing
      attachments={files.map((f) => ({ ...f, url: `/api/v1/proposals/${row.id}/attachments/${f.id}` }))}
      returnNote={returnNote}
    />,
    status,
  );
}

export const proposalPages = new Hono<AppEnv>()
  .get("/usulan", async (c) => {
    const year = Number(c.req.query("tahun")) || planningYear(new Date());
    const who = requirePrincipal(caller(c));
    // A village works its ranked list, and so does Bappeda sent to one village's list (`?desa=` alone, as after a
    // submission on its behalf); a kecamatan, an agency or Bappeda filtering the table (`kecamatan=` sent) reads a table.
    const oneVillage = who.role === "planning_admin" && c.req.query("desa") && c.req.query("kecamatan") === undefined;
    if (who.role !== "village_operator" && !oneVillage) return renderScopeList(c, year);
    const list = await villageList(deps(c), caller(c), { villageCode: c.req.query("desa"), year });
    if (!list) return who.role === "planning_admin" ? renderScopeList(c, year) : c.redirect("/usulan/baru", 303);
    // Last year's proposals to submit again are the village's own choice, offered on its own list.
    const offers = who.role === "village_operator" ? (await carryOverOffers(deps(c), who, { villageCode: list.place.villageCode, year })).offers : [];
    return c.html(
      <ProposalListPage
        principal={list.principal}
        csrfToken={csrf(c)}
        lang={language(c)}
        villageName={list.place.villageName}
        year={year}
        proposals={list.rows.map((row) => proposalView(row))}
        editable={(p: ProposalView) => isEditable(p.status)}
      >
        <CarryOverSection offers={offers} year={year} csrfToken={csrf(c)} lang={language(c)} dropped={c.req.query("tidak-diajukan") === "1"} />
      </ProposalListPage>,
    );
  })
  .get("/usulan/baru", async (c) => {
    const principal = authorizeInOwnScope(caller(c), "proposal.submit", { channel: "desa" });
    const own = principal.role === "village_operator" ? principal.scopeCode : "";
    const from = c.req.query("lanjutan");
    if (!from) return renderForm(c, principal, { year: String(planningYear(new Date())), villageCode: own });
    // Change first: last year's proposal prefilled for the next year, to be submitted through the same intake.
    const { row } = await carryOverOffer(deps(c), principal, from);
    const { villageRank: _rank, ...values } = formFieldsOf(carriedInput(row));
    return renderForm(c, principal, values, {}, 200, randomToken(18), row);
  })
  .post("/usulan", submissionRateLimit, limitBody(BODY_LIMITS.submission), async (c) => {
    const principal = authorizeInOwnScope(caller(c), "proposal.submit", { channel: "desa" });
    const form = await readForm(c);
    const given = formText(form, "_submission");
    const submission = given && given.length >= 8 ? given : randomToken(18);
    const values = formValues(form);
    const parsed = v.safeParse(ProposalInputSchema, proposalInputFromForm(form));
    const lang = language(c);
    const from = formText(form, "carriedFrom");
    const carriedFrom = from ? (await carryOverOffer(deps(c), principal, from)).row : undefined;
    // A refused post keeps its one-time token, so fixing the form and sending it again still creates one proposal.
    if (!parsed.success) return renderForm(c, principal, values, errorsByField(fieldIssues(parsed.issues, lang)), 422, submission, carriedFrom);
    try {
      const files = [form.attachments ?? []].flat().filter((f): f is File => f instanceof File);
      const uploads = await readUploads(files, lang);
      const submitted = { proposal: parsed.output, uploads, idempotencyKey: `form-${submission}` };
      const result = carriedFrom ? await carryOver(deps(c), principal, carriedFrom.id, submitted) : await submitProposal(deps(c), principal, submitted);
      // The same proposal sent again (back and "Kirim" once more): show the one that exists, say so.
      return c.redirect(`/usulan/${result.proposal.id}?${result.duplicate ? "sama" : "baru"}=1`, 303);
    } catch (error) {
      const refused = formErrors(c, error);
      if (!refused) throw error;
      return renderForm(c, principal, values, refused.errors, refused.status, submission, carriedFrom);
    }
  })
  .get("/usulan/:id", async (c) => {
    const { row, principal, memberId, detail } = await proposalDetail(deps(c), caller(c), c.req.param("id"));
    const editable = isEditable(row.status) && decide(principal, "proposal.edit", proposalTarget(row, { memberId })) === "allow";
    const notice = DETAIL_NOTICES.find((n) => c.req.query(n) === "1");
    return c.html(<ProposalDetailPage principal={principal} csrfToken={csrf(c)} lang={language(c)} detail={detail} editable={editable} notice={notice} />);
  })
  .get("/usulan/:id/ubah", async (c) => {
    const { row, principal } = await proposalFor(deps(c), caller(c), c.req.param("id"), "proposal.edit");
    return renderEdit(c, principal, row, formFieldsOf(row), {}, 200);
  })
  .post("/usulan/:id", limitBody(BODY_LIMITS.submission), async (c) => {
    const { row, principal } = await proposalFor(deps(c), caller(c), c.req.param("id"), "proposal.edit");
    const form = await readForm(c);
    const editableFields = Object.keys(ProposalPatchSchema.pipe[0].entries);
    const parsed = v.safeParse(ProposalPatchSchema, proposalInputFromForm(form, editableFields));
    const rerender = (status: 409 | 413 | 415 | 422, errors: Record<string, string>) => renderEdit(c, principal, row, formValues(form), errors, status);
    if (!parsed.success) return rerender(422, errorsByField(fieldIssues(parsed.issues, language(c))));
    const removeAttachmentIds = [form.removeAttachment ?? []].flat().filter((id): id is string => typeof id === "string");
    try {
      const files = [form.attachments ?? []].flat().filter((f): f is File => f instanceof File);
      const uploads = await readUploads(files, language(c));
      await editProposal(deps(c), principal, { id: row.id, patch: parsed.output, uploads, removeAttachmentIds });
    } catch (error) {
      if (error instanceof Refusal && error.status === 409) return rerender(409, { "": say(c, error.text) });
      const refused = formErrors(c, error);
      if (!refused) throw error;
      return rerender(refused.status, refused.errors);
    }
    return c.redirect(`/usulan/${row.id}?${row.status === "returned" ? "terkirim" : "tersimpan"}=1`, 303);
  })
  .post("/usulan/lanjutan/:id/ajukan", async (c) => {
    const result = await carryOver(deps(c), caller(c), c.req.param("id"));
    return c.redirect(`/usulan/${result.proposal.id}?baru=1`, 303);
  })
  .get("/usulan/lanjutan/:id/tidak", async (c) => {
    const { principal, offer } = await carryOverOffer(deps(c), caller(c), c.req.param("id"));
    return c.html(<DropCarryOverPage principal={principal} csrfToken={csrf(c)} lang={language(c)} offer={offer} />);
  })
  .post("/usulan/lanjutan/:id/tidak", async (c) => {
    // Only the confirmation page's form drops; anything else is asked first.
    if (formText(await readForm(c), "konfirmasi") !== "ya") return c.redirect(`/usulan/lanjutan/${c.req.param("id")}/tidak`, 303);
    const dropped = await dropCarryOver(deps(c), caller(c), c.req.param("id"));
    return c.redirect(`/usulan?tahun=${dropped.year}&tidak-diajukan=1`, 303);
  })
  .get("/usulan/:id/batal", async (c) => {
    const { row, principal } = await proposalFor(deps(c), caller(c), c.req.param("id"), "proposal.edit");
    if (!isEditable(row.status)) throw notEditable;
    return c.html(<WithdrawConfirmPage principal={principal} csrfToken={csrf(c)} lang={language(c)} proposal={row} />);
  })
  .post("/usulan/:id/batal", async (c) => {
    const form = await readForm(c);
    // Only the confirmation page's form withdraws; anything else is asked first.
    if (formText(form, "konfirmasi") !== "ya") return c.redirect(`/usulan/${c.req.param("id")}/batal`, 303);
    const reason = formText(form, "reason")?.trim().slice(0, 500);
    const row = await withdrawProposal(deps(c), caller(c), { id: c.req.param("id"), ...(reason ? { reason } : {}) });
    return c.redirect(`/usulan/${row.id}`, 303);
  })
  .post("/usulan/:id/peringkat", async (c) => {
    const { row, principal } = await proposalFor(deps(c), caller(c), c.req.param("id"), "proposal.edit");
    const rank = Number(formText(await readForm(c), "rank"));
    if (Number.isInteger(rank) && rank >= 1) await rankProposal(deps(c), principal, { id: row.id, rank });
    return c.redirect(`/usulan?tahun=${row.year}${principal.role === "village_operator" ? "" : `&desa=${row.villageCode}`}`, 303);
  })
  .get("/lacak", (c) => {
    const code = c.req.query("kode")?.trim().toUpperCase();
    return code ? c.redirect(`/lacak/${encodeURIComponent(code)}`, 303) : c.html(<TrackingSearchPage lang={language(c)} />);
  })
  .get("/lacak/:code", trackingRateLimit, async (c) => {
    const code = c.req.param("code").toUpperCase();
    try {
      return c.html(<TrackingPage view={await trackProposal(deps(c), code)} lang={language(c)} principal={caller(c)} csrfToken={csrf(c)} />);
    } catch (error) {
      if (error instanceof Refusal && error.status === 404) return c.html(<TrackingSearchPage lang={language(c)} code={c.req.param("code")} notFound />, 404);
      throw error;
    }
  });
