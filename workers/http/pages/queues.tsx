/** The review queues in the web UI: an agency's reviews, a kecamatan's verifications, Bappeda's triage. */
import { Hono } from "hono";
import * as v from "valibot";
import type { Principal } from "../../../shared/access/roles.ts";
import { parseIndonesianNumber } from "../../../shared/proposals/form.ts";
import { DecisionSchema } from "../../../shared/reviews/decisions.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { regionNames } from "../../usecases/reference/places.ts";
import { indicatorUnits } from "../../usecases/reference/nomenclature.ts";
import { Refusal } from "../../usecases/errors.ts";
import { decideTask, taskFor } from "../../usecases/reviews/decide.ts";
import { workQueue } from "../../usecases/reviews/tasks.ts";
import { requirePrincipal } from "../../usecases/access.ts";
import { QueuePage, type QueueItem } from "../../views/queue-page.tsx";
import { caller, csrf, deps, type AppContext, type AppEnv } from "../context.ts";
import { readForm } from "../form.ts";
import { language, say } from "../messages.ts";

const TITLES = { agency_review: "Antrean telaah OPD", verification: "Verifikasi usulan kecamatan", triage: "Pemilahan Bappeda" } as const;

async function render(c: AppContext, principal: Principal, notice: { message?: string; error?: string } = {}, status: 200 | 409 | 422 = 200) {
  const queue = await workQueue(deps(c), principal);
  const names = await regionNames(deps(c), queue.rows.flatMap(({ proposal }) => [proposal.villageCode, proposal.districtCode]));
  const units = await indicatorUnits(deps(c), queue.rows.flatMap(({ proposal }) => (proposal.subActivityCode ? [proposal.subActivityCode] : [])));
  const items: QueueItem[] = queue.rows.map(({ task, proposal }) => ({
    id: task.id,
    kind: task.kind,
    status: task.status,
    dueAt: task.dueAt,
    escalatedAt: task.escalatedAt,
    proposal: {
      id: proposal.id,
      trackingCode: proposal.trackingCode,
      activity: proposal.activity,
      villageName: names.get(proposal.villageCode) ?? proposal.villageCode,
      districtName: names.get(proposal.districtCode) ?? proposal.districtCode,
      estimatedCost: proposal.estimatedCost,
      volume: proposal.volume,
      unit: proposal.unit,
      subActivityCode: proposal.subActivityCode,
      indicatorUnit: proposal.subActivityCode ? (units.get(proposal.subActivityCode) ?? null) : null,
    },
  }));
  return c.html(<QueuePage principal={principal} csrfToken={csrf(c)} title={TITLES[queue.kind]} items={items} {...notice} />, status);
}

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

export const queuePages = new Hono<AppEnv>()
  .get("/telaah", (c) => render(c, requirePrincipal(caller(c)), { message: c.req.query("ok") ? "Keputusan tersimpan." : undefined }))
  .post("/telaah/:task", async (c) => {
    // The task first: one the caller may not decide is 404/403 before anything about its form.
    const { task, principal } = await taskFor(deps(c), caller(c), c.req.param("task"));
    const parsed = v.safeParse(DecisionSchema, decisionFromForm(await readForm(c)));
    if (!parsed.success) {
      const issues = fieldIssues(parsed.issues, language(c));
      return render(c, principal, { error: issues.map((i) => `${i.path}: ${i.message}`).join(" ") }, 422);
    }
    try {
      await decideTask(deps(c), principal, { taskId: task.id, decision: parsed.output });
    } catch (error) {
      if (error instanceof Refusal && (error.status === 409 || error.status === 422)) {
        const detail = error.fields?.map((f) => `${f.path}: ${f.message}`).join(" ") ?? "";
        return render(c, principal, { error: `${say(c, error.text)} ${detail}`.trim() }, error.status);
      }
      throw error;
    }
    return c.redirect("/telaah?ok=1", 303);
  });
