/**
 * The review queues in the web UI (an agency's reviews, a kecamatan's verifications, Bappeda's triage): a list a
 * page at a time, and one task at a time with its decision form.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { parseIndonesianNumber } from "../../../shared/proposals/form.ts";
import { DecisionSchema } from "../../../shared/reviews/decisions.ts";
import { fieldIssues, type FieldIssue } from "../../../shared/schemas/issues.ts";
import { Refusal } from "../../usecases/errors.ts";
import { regionNames } from "../../usecases/reference/places.ts";
import { decideTask, taskFor } from "../../usecases/reviews/decide.ts";
import { nextWaitingTask, workItem, workList, type WorkState } from "../../usecases/reviews/tasks.ts";
import { WorkItemPage, WorkListPage } from "../../views/work-pages.tsx";
import { caller, csrf, deps, type AppContext, type AppEnv } from "../context.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { formText, readForm } from "../form.ts";
import { language, say } from "../messages.ts";

const PAGE_SIZE = 20;
const SAVED = { id: "Keputusan tersimpan.", en: "Decision saved." };
const STATES: readonly WorkState[] = ["waiting", "decided", "all"];
/** The due filter: past due, or due within a week. */
const DUE: Record<string, (now: number) => string> = {
  lewat: (now) => new Date(now).toISOString(),
  minggu: (now) => new Date(now + 7 * 86_400_000).toISOString(),
};

/** The decision form's fields as the shared decision schema's input. */
function decisionFromForm(form: Record<string, unknown>): unknown {
  const text = (name: string) => (typeof form[name] === "string" && (form[name] as string).trim() !== "" ? (form[name] as string).trim() : undefined);
  const number = (name: string) => (text(name) === undefined ? undefined : parseIndonesianNumber(text(name)!));
  const decision = text("decision");
  switch (decision) {
    case "rejected":
      return { decision, reason: text("reason") };
    case "returned":
      return { decision, note: text("reason") };
    case "accepted":
      return { decision, note: text("reason"), target: number("target"), fundingSource: text("fundingSource") };
    case "accepted_with_changes": {
      const changes = Object.fromEntries(Object.entries({ volume: number("volume"), estimatedCost: number("estimatedCost"), subActivityCode: text("subActivityCode") }).filter(([, value]) => value !== undefined));
      return { decision, changes, note: text("reason"), target: number("target"), fundingSource: text("fundingSource") };
    }
    case "merged":
      return { decision, mergedInto: text("mergedInto"), note: text("reason") };
    case "route":
      return { decision, subActivityCodes: (text("subActivityCodes") ?? "").split(/[,\s]+/).filter(Boolean), note: text("reason") };
    default:
      return { decision, note: text("reason") };
  }
}

/** Which field of the form a refused part of a decision came from, so its message sits under that field. */
function formField(path: string): string {
  if (path === "note" || path === "reason") return "reason";
  if (path === "changes") return "volume";
  if (path.startsWith("changes.")) return path.slice("changes.".length);
  if (path.startsWith("subActivityCodes")) return "subActivityCodes";
  if (path === "decision" || path === "mergedInto" || path === "target" || path === "fundingSource") return path;
  return "";
}

function errorsOf(issues: readonly FieldIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[formField(issue.path)] ??= issue.message;
  return errors;
}

async function renderItem(c: AppContext, taskId: string, extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string } = {}, status: 200 | 409 | 422 = 200) {
  const search = (c.req.query("cari") ?? "").trim().slice(0, 100);
  const item = await workItem(deps(c), caller(c), taskId, { search });
  return c.html(
    <WorkItemPage
      principal={item.principal}
      csrfToken={csrf(c)}
      lang={language(c)}
      task={item.task}
      detail={item.detail}
      indicatorUnit={item.indicatorUnit}
      routing={item.routing}
      search={search}
      choices={item.choices}
      flags={item.flags}
      next={item.next}
      {...extra}
    />,
    status,
  );
}

export const queuePages = new Hono<AppEnv>()
  .get("/telaah", async (c) => {
    const state = STATES.find((s) => s === c.req.query("status")) ?? "waiting";
    const kecamatan = c.req.query("kecamatan") || undefined;
    // A desa of another kecamatan than the one chosen (the kecamatan changed, its old desa still in the form) is dropped.
    const desa = c.req.query("desa") && (!kecamatan || c.req.query("desa")!.startsWith(`${kecamatan}.`)) ? c.req.query("desa") : undefined;
    const due = Object.keys(DUE).find((d) => d === c.req.query("tenggat"));
    const cursor = c.req.query("setelah");
    const after = cursor ? decodeCursor(cursor) : undefined;
    const page = await workList(deps(c), caller(c), { state, kecamatan, desa, dueBefore: due ? DUE[due]!(Date.now()) : undefined, limit: PAGE_SIZE, cursor: after ? { dueAt: after[0], id: after[1] } : undefined });
    const names = await regionNames(deps(c), page.rows.flatMap(({ proposal }) => [proposal.villageCode, proposal.districtCode]));
    const rows = page.rows.map(({ task, proposal }) => ({
      taskId: task.id,
      status: task.status,
      decision: task.decision,
      dueAt: task.dueAt,
      escalated: !!task.escalatedAt,
      proposal: { ...proposal, villageName: names.get(proposal.villageCode) ?? proposal.villageCode, districtName: names.get(proposal.districtCode) ?? proposal.districtCode },
    }));
    return c.html(
      <WorkListPage
        principal={page.principal}
        csrfToken={csrf(c)}
        lang={language(c)}
        kind={page.kind}
        rows={rows}
        villages={page.villages}
        districts={page.districts}
        filters={{ state, kecamatan, desa, due }}
        next={page.next ? `setelah=${encodeURIComponent(encodeCursor(page.next.dueAt, page.next.id))}` : null}
        paged={!!cursor}
        message={c.req.query("ok") ? say(c, SAVED) : undefined}
      />,
    );
  })
  .get("/telaah/:task", (c) => renderItem(c, c.req.param("task"), c.req.query("ok") ? { message: say(c, SAVED) } : {}))
  .post("/telaah/:task", async (c) => {
    // The task first: one the caller may not decide is 404/403 before anything about its form.
    const { task, principal } = await taskFor(deps(c), caller(c), c.req.param("task"));
    const form = await readForm(c);
    const values = Object.fromEntries(["decision", "reason", "volume", "estimatedCost", "subActivityCode", "mergedInto", "subActivityCodes", "target", "fundingSource"].map((name) => [name, formText(form, name) ?? ""]));
    const parsed = v.safeParse(DecisionSchema, decisionFromForm(form));
    if (!parsed.success) return renderItem(c, task.id, { values, errors: errorsOf(fieldIssues(parsed.issues, language(c))) }, 422);
    try {
      await decideTask(deps(c), principal, { taskId: task.id, decision: parsed.output });
    } catch (error) {
      if (error instanceof Refusal && (error.status === 409 || error.status === 422)) {
        const errors = error.fields ? errorsOf(error.fields) : { "": say(c, error.text) };
        return renderItem(c, task.id, { values, errors: { "": say(c, error.text), ...errors } }, error.status);
      }
      throw error;
    }
    // One at a time: on to the next task still waiting, or back to the list when there is none.
    const next = await nextWaitingTask(deps(c), principal, task.id);
    return c.redirect(next ? `/telaah/${next}?ok=1` : "/telaah?ok=1", 303);
  });
