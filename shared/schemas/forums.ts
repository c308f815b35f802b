/** Shapes of forums, their agenda, attendees, follow-ups and budget envelopes. */
import * as v from "valibot";
import { text, wellFormed } from "./text.ts";
export { ForumDecisionSchema } from "../forum/decisions.ts";


export const ForumCreateSchema = v.strictObject({
  year: v.pipe(v.number(), v.integer(), v.minValue(2024), v.maxValue(2100)),
  title: text(5, 200),
  heldAt: v.pipe(v.string(), v.isoTimestamp()),
  place: text(3, 200),
  scopeKind: v.picklist(["kabupaten", "districts", "theme"]),
  scopeDistricts: v.optional(v.array(v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}\.\d{2}$/, "region_code_format")))),
  theme: v.optional(text(3, 60)),
});
export type ForumCreate = v.InferOutput<typeof ForumCreateSchema>;

export const AgendaAddSchema = v.strictObject({
  proposalIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.minLength(1), v.maxLength(20)),
});

export const AttendeeSchema = v.strictObject({
  name: text(3, 120),
  position: text(2, 120),
  agencyId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** The attendee's own account in the kabupaten, so they sign for themselves when signed in. */
  username: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

export const FollowUpCreateSchema = v.strictObject({
  ownerAgencyId: v.pipe(v.string(), v.maxLength(64)),
  description: text(5, 1000),
  dueDate: v.pipe(v.string(), v.isoDate()),
  agendaItemId: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

export const FollowUpUpdateSchema = v.strictObject({
  status: v.optional(v.picklist(["open", "in_progress", "done"])),
  note: v.optional(text(3, 1000)),
});

export const EnvelopeSetSchema = v.strictObject({
  year: v.pipe(v.number(), v.integer(), v.minValue(2024), v.maxValue(2100)),
  kind: v.picklist(["agency", "district"]),
  target: v.pipe(v.string(), v.maxLength(64)),
  amount: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000_000_000)),
});

export const YearQuerySchema = v.object({ year: v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number)) });

export const FollowUpListQuerySchema = v.object({ overdue: v.optional(v.string()) });

export const FitQuerySchema = v.object({
  year: v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number)),
  kind: v.picklist(["agency", "district"]),
  target: v.pipe(v.string(), v.maxLength(64)),
});
