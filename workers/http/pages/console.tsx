/**
 * Bappeda's console in the web UI (/konsol...): the overview's pictures, overlaps, envelopes and the budget fit,
 * driven by plain forms over the same use cases as the API. Refusals come back next to the field they concern.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { funnel, horizontalBars, pairedBars, usedRemainingBars } from "../../../shared/charts/bars.ts";
import { rupiah } from "../../../shared/format.ts";
import { parseIndonesianNumber } from "../../../shared/proposals/form.ts";
import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { DecisionSchema } from "../../../shared/reviews/decisions.ts";
import { EnvelopeSetSchema } from "../../../shared/schemas/forums.ts";
import { fieldIssues, type FieldIssue } from "../../../shared/schemas/issues.ts";
import { DismissSchema } from "../../../shared/schemas/overlaps.ts";
import { budgetFitWorkspace, envelopeCommitted, envelopeWorkspace, setEnvelope } from "../../usecases/budget/envelopes.ts";
import { Refusal } from "../../usecases/errors.ts";
import { districtFigures, envelopeFigures, overlapFigures, stageFigures } from "../../usecases/figures/figures.ts";
import { addAgendaItem } from "../../usecases/forums/forums.ts";
import { dismissOverlap, overlapWorkspace } from "../../usecases/overlaps/overlaps.ts";
import { decideTask } from "../../usecases/reviews/decide.ts";
import { BudgetFitPage, ConsoleOverviewPage, EnvelopesPage, OverlapsPage, type EnvelopeWarning } from "../../views/console-pages.tsx";
import { CALENDAR_STAGE_KEYS, type CalendarStage, type StageWindow } from "../../../shared/calendar/windows.ts";
import { CalendarExtensionSchema, CalendarInputSchema } from "../../../shared/schemas/imports.ts";
import { authorizeInOwnScope } from "../../usecases/access.ts";
import { extendCalendarWindow, readCalendar, setCalendar } from "../../usecases/calendar/calendar.ts";
import { CalendarPage } from "../../views/calendar-page.tsx";
import { caller, csrf, deps, type AppContext, type AppEnv } from "../context.ts";
import { formText, readForm } from "../form.ts";
import { language, say } from "../messages.ts";

/** The planning year the console shows: `?tahun=`, or the one being planned now. */
function yearOf(c: AppContext): number {
  const asked = Number(c.req.query("tahun"));
  return Number.isInteger(asked) && asked >= 2024 && asked <= 2100 ? asked : planningYear(new Date());
}

const WORDS = { used: "terpakai", remaining: "sisa", over: "melebihi" };
/** What the console's own forms say back (the use cases' refusals carry their own words). */
const SAID = {
  dismissed: { id: "Pasangan diabaikan dengan alasan; usulannya berjalan lagi tanpa menunggu forum.", en: "The pair was dismissed with its reason; its proposals go on without waiting for the forum." },
  noForum: { id: "Forum itu tidak ditemukan.", en: "That forum was not found." },
  envelopeSaved: { id: "Pagu tersimpan.", en: "Envelope saved." },
  overridden: { id: "Usulan diterima melebihi pagu; alasan Bappeda tercatat.", en: "The proposal was accepted over the envelope; Bappeda's reason is recorded." },
  reasonNeeded: { id: "Tuliskan alasan Bappeda menerima usulan ini melebihi pagu.", en: "Give Bappeda's reason for accepting this proposal over the envelope." },
  scheduleSaved: { id: "Jadwal tersimpan.", en: "Schedule saved." },
  extended: { id: "Tahap diperpanjang; alasannya tercatat.", en: "The stage was extended; its reason is recorded." },
  bothDays: { id: "Isi tanggal dibuka dan ditutup, atau kosongkan keduanya.", en: "Give both the opening and the closing day, or neither." },
};
const count = (n: number) => n.toLocaleString("id-ID");
/** The first message of each refused field, keyed by the page's own field name. */
const errorsAt = (issues: readonly FieldIssue[], field: (path: string) => string) => {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[field(issue.path)] ??= issue.message;
  return errors;
};

function envelopeCharts(envelopes: Awaited<ReturnType<typeof envelopeFigures>>) {
  const bars = (rows: typeof envelopes.agencies) => rows.map((e) => ({ label: e.name, used: e.used, total: e.amount }));
  return {
    agencies: usedRemainingBars(bars(envelopes.agencies), rupiah, WORDS, { title: "Pagu OPD: terpakai dan sisa", empty: "Belum ada pagu OPD tahun ini." }),
    districts: usedRemainingBars(
      envelopes.districts.map((e) => ({ label: `Kec. ${e.name}`, used: e.used, total: e.amount })),
      rupiah,
      WORDS,
      { title: "Pagu kecamatan: terpakai dan sisa", empty: "Belum ada pagu kecamatan tahun ini." },
    ),
  };
}

async function renderOverlaps(c: AppContext, extra: { errors?: Record<string, string>; values?: Record<string, string>; message?: string; error?: string } = {}, status: 200 | 409 | 422 = 200) {
  const year = yearOf(c);
  const { clusters, forums } = await overlapWorkspace(deps(c), caller(c), { year });
  return c.html(<OverlapsPage principal={caller(c)!} csrfToken={csrf(c)} year={year} clusters={clusters} forums={forums} errors={extra.errors ?? {}} values={extra.values ?? {}} message={extra.message} error={extra.error} />, status);
}

async function renderEnvelopes(c: AppContext, extra: { warning?: EnvelopeWarning; errors?: Record<string, string>; message?: string } = {}, status: 200 | 422 = 200) {
  const year = yearOf(c);
  const [rows, figures] = await Promise.all([envelopeWorkspace(deps(c), caller(c), { year }), envelopeFigures(deps(c), caller(c), { year })]);
  return c.html(<EnvelopesPage principal={caller(c)!} csrfToken={csrf(c)} year={year} agencies={rows.agencies} districts={rows.districts} charts={envelopeCharts(figures)} warning={extra.warning} errors={extra.errors ?? {}} message={extra.message} />, status);
}

/** "agency:18.01-pupr" or "district:18.01.06" from the envelope select. */
function envelopeKey(value: string | undefined): { kind?: "agency" | "district"; target?: string } {
  const [kind, target] = (value ?? "").split(":", 2);
  return kind === "agency" || kind === "district" ? { kind, target } : {};
}

async function renderFit(c: AppContext, pagu: string | undefined, extra: { errors?: Record<string, string>; values?: Record<string, string>; message?: string; error?: string } = {}, status: 200 | 409 | 422 = 200) {
  const year = yearOf(c);
  const workspace = await budgetFitWorkspace(deps(c), caller(c), { year, ...envelopeKey(pagu) });
  return c.html(<BudgetFitPage principal={caller(c)!} csrfToken={csrf(c)} year={year} {...workspace} errors={extra.errors ?? {}} values={extra.values ?? {}} message={extra.message} error={extra.error} />, status);
}

async function renderCalendar(c: AppContext, extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string } = {}, status: 200 | 404 | 409 | 422 = 200) {
  const principal = authorizeInOwnScope(caller(c), "regency.manage");
  const calendar = await readCalendar(deps(c), principal, yearOf(c));
  return c.html(<CalendarPage principal={principal} csrfToken={csrf(c)} calendar={calendar} values={extra.values ?? {}} errors={extra.errors ?? {}} message={extra.message} />, status);
}

/** The stage a refused part of the schedule names (`windows.<index>.<field>` or `windows.<stage>`). */
function stageOfPath(path: string, windows: readonly StageWindow[]): string {
  const part = path.split(".")[1] ?? "";
  return windows[Number(part)]?.stage ?? (CALENDAR_STAGE_KEYS.includes(part as CalendarStage) ? part : "");
}

export const consolePages = new Hono<AppEnv>()
  .get("/konsol/jadwal", (c) => renderCalendar(c, c.req.query("ok") ? { message: say(c, c.req.query("ok") === "2" ? SAID.extended : SAID.scheduleSaved) } : {}))
  .post("/konsol/jadwal", async (c) => {
    authorizeInOwnScope(caller(c), "regency.manage");
    const form = await readForm(c);
    const values: Record<string, string> = {};
    const errors: Record<string, string> = {};
    const windows: StageWindow[] = [];
    for (const stage of CALENDAR_STAGE_KEYS) {
      const opensOn = (values[`opensOn-${stage}`] = formText(form, `opensOn-${stage}`) ?? "");
      const closesOn = (values[`closesOn-${stage}`] = formText(form, `closesOn-${stage}`) ?? "");
      if (opensOn && closesOn) windows.push({ stage, opensOn, closesOn });
      else if (opensOn || closesOn) errors[stage] = say(c, SAID.bothDays);
    }
    if (Object.keys(errors).length) return renderCalendar(c, { values, errors }, 422);
    const parsed = v.safeParse(CalendarInputSchema, { year: yearOf(c), windows });
    if (!parsed.success) return renderCalendar(c, { values, errors: errorsAt(fieldIssues(parsed.issues, language(c)), (path) => stageOfPath(path, windows)) }, 422);
    try {
      await setCalendar(deps(c), caller(c), parsed.output.year, parsed.output.windows);
    } catch (error) {
      if (error instanceof Refusal && error.status === 422) return renderCalendar(c, { values, errors: error.fields ? errorsAt(error.fields, (path) => stageOfPath(path, windows)) : { "": say(c, error.text) } }, 422);
      throw error;
    }
    return c.redirect(`/konsol/jadwal?tahun=${parsed.output.year}&ok=1`, 303);
  })
  .post("/konsol/jadwal/perpanjang", async (c) => {
    authorizeInOwnScope(caller(c), "regency.manage");
    const form = await readForm(c);
    const values = { "extend-stage": formText(form, "stage") ?? "", "extend-closesOn": formText(form, "closesOn") ?? "", "extend-reason": formText(form, "reason") ?? "" };
    const parsed = v.safeParse(CalendarExtensionSchema, { year: yearOf(c), stage: values["extend-stage"], closesOn: values["extend-closesOn"], reason: values["extend-reason"] });
    if (!parsed.success) return renderCalendar(c, { values, errors: errorsAt(fieldIssues(parsed.issues, language(c)), (path) => (path === "reason" ? "extend-reason" : "extend-closesOn")) }, 422);
    try {
      await extendCalendarWindow(deps(c), caller(c), parsed.output);
    } catch (error) {
      if (error instanceof Refusal && (error.status === 404 || error.status === 409)) return renderCalendar(c, { values, errors: { "extend-closesOn": say(c, error.text) } }, error.status);
      throw error;
    }
    return c.redirect(`/konsol/jadwal?tahun=${parsed.output.year}&ok=2`, 303);
  })
  .get("/konsol", async (c) => {
    const year = yearOf(c);
    const d = deps(c);
    const [envelopes, stages, overlaps, districts] = await Promise.all([envelopeFigures(d, caller(c), { year }), stageFigures(d, caller(c), { year }), overlapFigures(d, caller(c), { year }), districtFigures(d, caller(c), { year })]);
    const envelopeSvgs = envelopeCharts(envelopes);
    const withProposals = districts.districts.filter((k) => k.proposals > 0);
    const charts = {
      envelopesByAgency: envelopeSvgs.agencies,
      envelopesByDistrict: envelopeSvgs.districts,
      funnel: funnel(stages.steps, count, { title: "Usulan menurut tahapan", empty: "Belum ada usulan tahun ini." }),
      overlaps: horizontalBars(
        overlaps.clusters.slice(0, 10).map((k) => ({ label: `${k.title} (${k.proposals} usulan)`, value: k.pagu })),
        rupiah,
        { title: "Klaster tumpang tindih menurut pagu yang dipertaruhkan", empty: "Tidak ada tumpang tindih terbuka." },
      ),
      districtCounts: horizontalBars(withProposals.map((k) => ({ label: k.name, value: k.proposals })), count, { title: "Jumlah usulan per kecamatan", empty: "Belum ada usulan tahun ini." }),
      districtPagu: pairedBars(
        withProposals.map((k) => ({ label: k.name, before: k.askedCost, after: k.agreedCost })),
        { before: "Diusulkan", after: "Disepakati" },
        rupiah,
        { title: "Biaya per kecamatan: diusulkan dan disepakati", empty: "Belum ada usulan tahun ini." },
      ),
    };
    return c.html(<ConsoleOverviewPage principal={caller(c)!} csrfToken={csrf(c)} year={year} charts={charts} />);
  })
  .get("/konsol/kemiripan", (c) => renderOverlaps(c, c.req.query("ok") ? { message: say(c, SAID.dismissed) } : {}))
  .post("/konsol/kemiripan/forum", async (c) => {
    const form = await readForm(c);
    const forumId = formText(form, "forumId") ?? "";
    const proposalIds = (formText(form, "proposalIds") ?? "").split(",").filter(Boolean);
    try {
      await addAgendaItem(deps(c), caller(c), { forumId, proposalIds });
    } catch (error) {
      if (error instanceof Refusal && (error.status === 404 || error.status === 409 || error.status === 422)) return renderOverlaps(c, { error: say(c, error.status === 404 ? SAID.noForum : error.text) }, error.status === 404 ? 422 : error.status);
      throw error;
    }
    return c.redirect(`/forum/${forumId}`, 303);
  })
  .post("/konsol/kemiripan/:flag/abaikan", async (c) => {
    const flagId = c.req.param("flag");
    const form = await readForm(c);
    const field = `reason-${flagId}`;
    const values = { [field]: formText(form, "reason") ?? "" };
    const parsed = v.safeParse(DismissSchema, { reason: formText(form, "reason") ?? "" });
    if (!parsed.success) return renderOverlaps(c, { values, errors: errorsAt(fieldIssues(parsed.issues, language(c)), () => field) }, 422);
    try {
      await dismissOverlap(deps(c), caller(c), { flagId, reason: parsed.output.reason });
    } catch (error) {
      if (error instanceof Refusal && error.status === 409) return renderOverlaps(c, { values, errors: { [field]: say(c, error.text) } }, 409);
      throw error;
    }
    return c.redirect("/konsol/kemiripan?ok=1", 303);
  })
  .get("/konsol/pagu", (c) => renderEnvelopes(c, c.req.query("ok") ? { message: say(c, SAID.envelopeSaved) } : {}))
  .post("/konsol/pagu", async (c) => {
    const form = await readForm(c);
    const kind = formText(form, "kind");
    const target = formText(form, "target") ?? "";
    const field = `amount-${kind}-${target}`;
    const amountText = (formText(form, "amount") ?? "").trim();
    const parsed = v.safeParse(EnvelopeSetSchema, { year: Number(formText(form, "year")), kind, target, amount: amountText === "" ? undefined : parseIndonesianNumber(amountText) });
    if (!parsed.success) return renderEnvelopes(c, { errors: errorsAt(fieldIssues(parsed.issues, language(c)), () => field) }, 422);
    const body = parsed.output;
    // Below what accepted proposals already use: allowed, but only once Bappeda has seen what that means.
    const used = await envelopeCommitted(deps(c), caller(c), body);
    if (body.amount < used && formText(form, "confirm") !== "1") {
      const names = await envelopeWorkspace(deps(c), caller(c), { year: body.year });
      const name = [...names.agencies, ...names.districts].find((r) => r.kind === body.kind && r.target === body.target)?.name ?? body.target;
      return renderEnvelopes(c, { warning: { kind: body.kind, target: body.target, name, amount: body.amount, used } });
    }
    try {
      await setEnvelope(deps(c), caller(c), body);
    } catch (error) {
      if (error instanceof Refusal && error.status === 422) return renderEnvelopes(c, { errors: { [field]: error.fields?.[0]?.message ?? say(c, error.text) } }, 422);
      throw error;
    }
    return c.redirect(`/konsol/pagu?ok=1`, 303);
  })
  .get("/konsol/kecocokan-anggaran", (c) => renderFit(c, c.req.query("pagu"), c.req.query("ok") ? { message: say(c, SAID.overridden) } : {}))
  .post("/konsol/kecocokan-anggaran/terima", async (c) => {
    const form = await readForm(c);
    const pagu = formText(form, "pagu");
    const proposalId = formText(form, "proposalId") ?? "";
    const reasonField = `reason-${proposalId}`;
    const targetField = `target-${proposalId}`;
    const targetText = (formText(form, "target") ?? "").trim();
    const values = { [reasonField]: formText(form, "reason") ?? "", [targetField]: targetText };
    const field = (path: string) => (path === "target" ? targetField : reasonField);
    const parsed = v.safeParse(DecisionSchema, { decision: "accepted", budgetOverride: (formText(form, "reason") ?? "").trim() || undefined, ...(targetText ? { target: parseIndonesianNumber(targetText) } : {}) });
    if (!parsed.success) return renderFit(c, pagu, { values, errors: errorsAt(fieldIssues(parsed.issues, language(c)), field) }, 422);
    // The override needs a reason: without one the decision would be refused as over the envelope.
    if (!("budgetOverride" in parsed.output) || !parsed.output.budgetOverride) return renderFit(c, pagu, { values, errors: { [reasonField]: say(c, SAID.reasonNeeded) } }, 422);
    try {
      await decideTask(deps(c), caller(c), { taskId: formText(form, "taskId") ?? "", decision: parsed.output });
    } catch (error) {
      if (error instanceof Refusal && (error.status === 409 || error.status === 422)) {
        const errors = error.fields?.length ? errorsAt(error.fields, field) : { [reasonField]: say(c, error.text) };
        return renderFit(c, pagu, { values, errors }, error.status);
      }
      throw error;
    }
    return c.redirect(`/konsol/kecocokan-anggaran?ok=1${pagu ? `&pagu=${encodeURIComponent(pagu)}` : ""}`, 303);
  });
