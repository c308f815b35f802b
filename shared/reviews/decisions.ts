/**
 * The decision vocabulary of review tasks, one schema for the API, the web form, agencies' webhooks, OpenAPI
 * and tests; and how the agencies' decisions combine into the proposal's outcome.
 */
import * as v from "valibot";
import { FUNDING_SOURCE_KEYS } from "../renja/funding.ts";
import { wellFormed } from "../schemas/text.ts";

const reason = v.pipe(v.string(), wellFormed, v.trim(), v.minLength(5), v.maxLength(2000));
const optionalNote = v.optional(v.pipe(v.string(), wellFormed, v.trim(), v.maxLength(2000)));
const reviewerName = v.optional(v.pipe(v.string(), wellFormed, v.trim(), v.minLength(2), v.maxLength(120)));
const subActivityCode = v.pipe(v.string(), wellFormed, v.trim(), v.regex(/^(\d|X)\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}\.\d{4}$/, "sub_activity_code_format"));

/** Bappeda's reason for accepting beyond a budget envelope; without it, over-commitment is refused. */
const budgetOverride = v.optional(reason);

const Changes = v.pipe(
  v.strictObject({
    volume: v.optional(v.pipe(v.number(), v.minValue(0.01), v.maxValue(1_000_000_000))),
    estimatedCost: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1000, "cost_absurd"), v.maxValue(1_000_000_000_000, "cost_absurd"))),
    subActivityCode: v.optional(subActivityCode),
  }),
  v.check((changes) => Object.keys(changes).length > 0, "changes_required"),
);

const amount = v.pipe(v.number(), v.minValue(0), v.maxValue(1_000_000_000));
export const priorityCode = v.pipe(v.string(), wellFormed, v.trim(), v.regex(/^[A-Za-z0-9.-]{1,12}$/, "priority_code_format"));

/**
 * What an acceptance adds to the Renja line: the output indicator's `target` in the indicator's own unit (required
 * when the village's unit differs from it), the funding source, the regional priority it serves, and the
 * forecast for the year after (prakiraan maju).
 */
const acceptance = {
  target: v.optional(amount),
  fundingSource: v.optional(v.picklist(FUNDING_SOURCE_KEYS)),
  priorityCode: v.optional(priorityCode),
  nextYearTarget: v.optional(amount),
  nextYearPagu: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000_000))),
};

/** The decision shapes, each with `extra` fields (an agency's webhook adds the task id). */
export function decisionSchemaWith<const E extends v.ObjectEntries>(extra: E) {
  return v.variant("decision", [
    v.strictObject({ ...extra, decision: v.literal("verified"), note: optionalNote, reviewerName }),
    v.strictObject({ ...extra, decision: v.literal("returned"), note: reason, reviewerName }),
    v.strictObject({ ...extra, decision: v.literal("accepted"), note: optionalNote, reviewerName, budgetOverride, ...acceptance }),
    v.strictObject({ ...extra, decision: v.literal("accepted_with_changes"), changes: Changes, note: optionalNote, reviewerName, budgetOverride, ...acceptance }),
    v.strictObject({ ...extra, decision: v.literal("merged"), mergedInto: v.pipe(v.string(), wellFormed, v.trim(), v.minLength(3), v.maxLength(64)), note: optionalNote, reviewerName }),
    v.strictObject({ ...extra, decision: v.literal("rejected"), reason, reviewerName }),
    v.strictObject({ ...extra, decision: v.literal("carried_over"), note: optionalNote, reviewerName }),
    v.strictObject({ ...extra, decision: v.literal("route"), subActivityCodes: v.pipe(v.array(subActivityCode), v.minLength(1), v.maxLength(5), v.transform((codes) => [...new Set(codes)])), note: optionalNote, reviewerName }),
  ]);
}

export const DecisionSchema = decisionSchemaWith({});
export type Decision = v.InferOutput<typeof DecisionSchema>;
export type DecisionName = Decision["decision"];

export type TaskKind = "verification" | "agency_review" | "triage";

/** Task statuses in which someone still has to decide. */
export const OPEN_TASK_STATUSES = ["open", "claimed"] as const;
export const isOpenTask = (task: { status: string }) => (OPEN_TASK_STATUSES as readonly string[]).includes(task.status);

export const DECISIONS_BY_KIND: Record<TaskKind, readonly DecisionName[]> = {
  verification: ["verified", "returned"],
  agency_review: ["accepted", "accepted_with_changes", "merged", "rejected", "carried_over"],
  triage: ["route", "rejected"],
};

export const DECISION_LABELS: Record<DecisionName, { id: string; en: string }> = {
  verified: { id: "Diverifikasi", en: "Verified" },
  returned: { id: "Dikembalikan ke desa", en: "Returned to the village" },
  accepted: { id: "Diterima tanpa perubahan", en: "Accepted as is" },
  accepted_with_changes: { id: "Diterima dengan perubahan", en: "Accepted with changes" },
  merged: { id: "Digabungkan", en: "Merged" },
  rejected: { id: "Ditolak", en: "Rejected" },
  carried_over: { id: "Dialihkan ke tahun berikutnya", en: "Carried over to next year" },
  route: { id: "Diteruskan ke OPD", en: "Routed to agencies" },
};

/** The details a decision carries beyond its name, as stored with the task. */
export function decisionData(decision: Decision): Record<string, unknown> {
  const { decision: _name, ...rest } = decision;
  return rest;
}

export type ProposalOutcome = "accepted" | "accepted_with_changes" | "merged" | "rejected" | "carried_over";

/**
 * The proposal's outcome from every agency's decision: merged wins (it lives on in another proposal); accepted
 * by some means it goes ahead (with changes when any agency changed it or turned its part down); otherwise
 * carried over beats rejected, since some agency wants it later.
 */
export function proposalOutcome(decisions: readonly DecisionName[]): ProposalOutcome {
  if (decisions.includes("merged")) return "merged";
  const accepted = decisions.filter((d) => d === "accepted" || d === "accepted_with_changes");
  if (accepted.length > 0) {
    return accepted.length === decisions.length && accepted.every((d) => d === "accepted") ? "accepted" : "accepted_with_changes";
  }
  return decisions.includes("carried_over") ? "carried_over" : "rejected";
}
