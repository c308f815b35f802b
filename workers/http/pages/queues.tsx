/** The review queues in the web UI: an agency's reviews, a kecamatan's verifications, Bappeda's triage. */
import { inArray } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import type { Principal } from "../../../shared/access/roles.ts";
import { regions } from "../../../shared/db/schema.ts";
import { parseIndonesianNumber } from "../../../shared/proposals/form.ts";
import { DecisionSchema } from "../../../shared/reviews/decisions.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { QueuePage, type QueueItem } from "../../pages/queue-page.tsx";
import { database } from "../../storage/database.ts";
import { listQueue, type TaskRow } from "../../storage/reviews.ts";
import { requirePrincipal } from "../access.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { preferredLanguage, say } from "../messages.ts";
import { decideTask, taskForDecision } from "../reviews/decide.ts";
import { readForm } from "../form.ts";

/** Which queue a person works, by role. */
function queueOf(principal: Principal): { kind: TaskRow["kind"]; key: string; title: string } | null {
  switch (principal.role) {
    case "agency_reviewer":
      return { kind: "agency_review", key: principal.scopeCode, title: "Antrean telaah OPD" };
    case "district_verifier":
      return { kind: "verification", key: principal.scopeCode, title: "Verifikasi usulan kecamatan" };
    case "planning_admin":
      return { kind: "triage", key: principal.regencyCode, title: "Pemilahan Bappeda" };
    default:
      return null;
  }
}

async function render(c: AppContext, principal: Principal, notice: { message?: string; error?: string } = {}, status: 200 | 409 | 422 = 200) {
  const queue = queueOf(principal);
  if (!queue) throw notFound;
  const db = database(c.env.DB);
  const page = await listQueue(db, queue.kind, queue.key, { status: "open" }, 50);
  const claimed = await listQueue(db, queue.kind, queue.key, { status: "claimed" }, 50);
  const rows = [...claimed.rows, ...page.rows].sort((a, b) => a.task.dueAt.localeCompare(b.task.dueAt));
  const codes = [...new Set(rows.flatMap(({ proposal }) => [proposal.villageCode, proposal.districtCode]))];
  const names = new Map(codes.length ? (await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes))).map((r) => [r.code, r.name]) : []);
  const items: QueueItem[] = rows.map(({ task, proposal }) => ({
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
    },
  }));
  return c.html(<QueuePage principal={principal} csrfToken={c.get("session")?.csrfToken ?? ""} title={queue.title} items={items} {...notice} />, status);
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
    case "accepted_with_changes": {
      const changes = Object.fromEntries(Object.entries({ volume: number("volume"), estimatedCost: number("estimatedCost"), subActivityCode: text("subActivityCode") }).filter(([, value]) => value !== undefined));
      return { decision, changes, note: text("reason") };
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
  .get("/telaah", (c) => render(c, requirePrincipal(c), { message: c.req.query("ok") ? "Keputusan tersimpan." : undefined }))
  .post("/telaah/:task", async (c) => {
    const { task, principal } = await taskForDecision(c, c.req.param("task"));
    const parsed = v.safeParse(DecisionSchema, decisionFromForm(await readForm(c)));
    if (!parsed.success) {
      const issues = fieldIssues(parsed.issues, preferredLanguage(c.req.header("accept-language")));
      return render(c, principal, { error: issues.map((i) => `${i.path}: ${i.message}`).join(" ") }, 422);
    }
    try {
      await decideTask(c, principal, task, parsed.output);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
        const detail = error.fields?.map((f) => `${f.path}: ${f.message}`).join(" ") ?? "";
        return render(c, principal, { error: `${say(c, error.text)} ${detail}`.trim() }, error.status);
      }
      throw error;
    }
    return c.redirect("/telaah?ok=1", 303);
  });
