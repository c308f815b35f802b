/** What a cross-agency forum can decide about an agenda item, one schema for API, web form, OpenAPI and tests. */
import * as v from "valibot";
import { priorityCode } from "../reviews/decisions.ts";

const reason = v.pipe(v.string(), v.trim(), v.minLength(5), v.maxLength(2000));
const optionalReason = v.optional(reason);
const id = v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(64));

export const ForumDecisionSchema = v.variant("decision", [
  /** One agency leads; the other agencies' tasks on these proposals close as merged. */
  v.strictObject({ decision: v.literal("lead_agency"), leadAgencyId: id, reason: optionalReason, priorityCode: v.optional(priorityCode) }),
  /** The proposals become one: the others are merged into `intoProposalId`, which keeps them as its sources. */
  v.strictObject({ decision: v.literal("merged"), intoProposalId: id, reason: optionalReason, priorityCode: v.optional(priorityCode) }),
  /** Each agency takes a part, with its volume and cost. */
  v.strictObject({
    decision: v.literal("split"),
    parts: v.pipe(
      v.array(
        v.strictObject({
          agencyId: id,
          volume: v.pipe(v.number(), v.minValue(0.01)),
          estimatedCost: v.pipe(v.number(), v.integer(), v.minValue(0)),
          /** The part's output target in its sub-activity's indicator unit; required when that unit is not the volume's. */
          target: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1_000_000_000))),
          note: v.optional(v.pipe(v.string(), v.maxLength(500))),
        }),
      ),
      v.minLength(2),
      v.maxLength(10),
    ),
    reason: optionalReason,
    priorityCode: v.optional(priorityCode),
  }),
  /** Not the same thing after all: the flags are dismissed with this reason. */
  v.strictObject({ decision: v.literal("kept_separate"), reason }),
  v.strictObject({ decision: v.literal("rejected"), reason }),
]);
export type ForumDecision = v.InferOutput<typeof ForumDecisionSchema>;

export const FORUM_DECISION_LABELS: Record<ForumDecision["decision"], string> = {
  lead_agency: "OPD pelaksana utama ditetapkan",
  merged: "Usulan digabungkan",
  split: "Tanggung jawab dibagi",
  kept_separate: "Tetap terpisah",
  rejected: "Ditolak",
};
