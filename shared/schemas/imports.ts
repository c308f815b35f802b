/** Spreadsheet imports (shared/imports/) and the stage calendar (shared/calendar/), as the API takes and answers them. */
import * as v from "valibot";
import { CALENDAR_STAGE_KEYS } from "../calendar/windows.ts";

const year = v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number), v.minValue(2024), v.maxValue(2100));

/** The upload form's fields besides the file (multipart, for the API and the page alike). */
export const ImportUploadFieldsSchema = v.object({
  year,
  /** The village whose list it is; a village operator's own village when absent. */
  desa: v.optional(v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, "region_code_format"))),
});

export const ImportTemplateQuerySchema = v.object({ format: v.optional(v.picklist(["csv", "xlsx"]), "csv") });

export const ImportChoicesSchema = v.strictObject({
  /** Per ambiguous lokasi (its `choiceKey` in the preview), the desa chosen among its candidates. */
  choices: v.record(v.pipe(v.string(), v.maxLength(200)), v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, "region_code_format"))),
});

const ProblemSchema = v.object({ row: v.number(), column: v.string(), code: v.string(), message: v.string() });

export const ImportSchema = v.object({
  id: v.string(),
  channel: v.string(),
  villageCode: v.string(),
  villageName: v.string(),
  year: v.number(),
  filename: v.string(),
  format: v.string(),
  status: v.picklist(["checked", "committing", "committed", "failed"]),
  counts: v.object({ rows: v.number(), create: v.number(), skip: v.number(), errors: v.number(), ambiguous: v.number() }),
  progress: v.object({ written: v.number(), started: v.number(), total: v.number() }),
  createdAt: v.string(),
  committedAt: v.nullable(v.string()),
  ready: v.boolean(),
  /** Every problem, with the row and column of the file and the reason. */
  problems: v.array(ProblemSchema),
  rows: v.array(
    v.object({
      row: v.number(),
      outcome: v.picklist(["create", "skip", "error", "ambiguous"]),
      activity: v.string(),
      message: v.optional(v.string()),
      villageCode: v.optional(v.string()),
      villageName: v.optional(v.string()),
      placedBy: v.optional(v.string()),
      volume: v.optional(v.number()),
      unit: v.optional(v.string()),
      estimatedCost: v.optional(v.number()),
      fundingSource: v.optional(v.nullable(v.string())),
      choiceKey: v.optional(v.string()),
      candidates: v.optional(v.array(v.object({ code: v.string(), name: v.string() }))),
    }),
  ),
  proposals: v.optional(v.array(v.object({ id: v.string(), trackingCode: v.string(), row: v.number() }))),
});

export const ImportListSchema = v.object({
  imports: v.array(v.object({ id: v.string(), villageCode: v.string(), year: v.number(), filename: v.string(), status: v.string(), createdAt: v.string(), rowCount: v.number(), createCount: v.number() })),
});

const day = v.pipe(v.string(), v.isoDate("date_format"));
const stage = v.picklist(CALENDAR_STAGE_KEYS);

export const CalendarQuerySchema = v.object({ year });

export const CalendarInputSchema = v.strictObject({
  year: v.pipe(v.number(), v.integer(), v.minValue(2024), v.maxValue(2100)),
  windows: v.pipe(v.array(v.strictObject({ stage, opensOn: day, closesOn: day })), v.maxLength(CALENDAR_STAGE_KEYS.length)),
});

export const CalendarExtensionSchema = v.strictObject({
  year: v.pipe(v.number(), v.integer(), v.minValue(2024), v.maxValue(2100)),
  stage,
  closesOn: day,
  reason: v.pipe(v.string(), v.trim(), v.minLength(5), v.maxLength(500)),
});

export const CalendarSchema = v.object({
  year: v.number(),
  zone: v.string(),
  stages: v.array(v.object({ stage, name: v.string(), opensOn: v.nullable(v.string()), closesOn: v.nullable(v.string()), label: v.nullable(v.string()), extendedReason: v.nullable(v.string()), updatedAt: v.nullable(v.string()) })),
});
