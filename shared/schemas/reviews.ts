/** Shapes of the review queues: tasks as listed, the queue filters, assignment, and decisions. */
import * as v from "valibot";
export { DecisionSchema } from "../reviews/decisions.ts";

export const QueueQuerySchema = v.object({
  status: v.optional(v.picklist(["open", "claimed", "decided", "cancelled"])),
  kecamatan: v.optional(v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}\.\d{2}$/, "region_code_format"))),
  dueBefore: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(200)), "50"),
});

export const TaskSchema = v.object({
  id: v.string(),
  kind: v.picklist(["verification", "agency_review", "triage"]),
  status: v.picklist(["open", "claimed", "decided", "cancelled"]),
  agencyId: v.nullable(v.string()),
  assignee: v.nullable(v.string()),
  dueAt: v.string(),
  remindedAt: v.nullable(v.string()),
  escalatedAt: v.nullable(v.string()),
  decision: v.nullable(v.string()),
  proposal: v.object({
    id: v.string(),
    trackingCode: v.string(),
    activity: v.string(),
    villageCode: v.string(),
    districtCode: v.string(),
    estimatedCost: v.number(),
    subActivityCode: v.nullable(v.string()),
  }),
});

export const TaskPageSchema = v.object({ tasks: v.array(TaskSchema), nextCursor: v.nullable(v.string()) });

export const AssignSchema = v.strictObject({ assignee: v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(64)) });

export const DecisionResultSchema = v.object({
  taskId: v.string(),
  proposalId: v.string(),
  kind: v.string(),
  agencyId: v.nullable(v.string()),
  status: v.string(),
  decision: v.nullable(v.string()),
  reason: v.nullable(v.string()),
  data: v.nullable(v.record(v.string(), v.unknown())),
  decidedBy: v.nullable(v.string()),
  decidedAt: v.nullable(v.string()),
});

export const ClassificationSchema = v.strictObject({
  subActivityCodes: v.pipe(
    v.array(v.pipe(v.string(), v.regex(/^(\d|X)\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}\.\d{4}$/, "sub_activity_code_format"))),
    v.minLength(1),
    v.maxLength(5),
    v.transform((codes) => [...new Set(codes)]),
  ),
});

export const DeadLetterSchema = v.object({
  id: v.string(),
  queue: v.string(),
  body: v.unknown(),
  attempts: v.number(),
  createdAt: v.string(),
  replayedAt: v.nullable(v.string()),
});
