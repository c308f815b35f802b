/** The shapes of the pokir and thematic Musrenbang routes: a member's report, the tally per theme, the DPRD's members. */
import * as v from "valibot";
import { THEME_KEYS } from "../proposals/channels.ts";
import { text } from "./text.ts";

const year = v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number));

export const PokirReportQuerySchema = v.object({
  year: v.optional(year),
  /** The secretariat and Bappeda: one member's pokir (a member always reads its own). */
  member: v.optional(v.pipe(v.string(), v.maxLength(64))),
  format: v.optional(v.picklist(["json", "csv"])),
});

export const PokirReportSchema = v.object({
  year: v.number(),
  pokir: v.array(
    v.object({
      id: v.string(),
      trackingCode: v.string(),
      memberId: v.string(),
      memberName: v.string(),
      fraksi: v.string(),
      dapil: v.string(),
      resesDate: v.string(),
      resesPlace: v.string(),
      activity: v.string(),
      location: v.string(),
      volume: v.number(),
      unit: v.string(),
      estimatedCost: v.number(),
      status: v.string(),
      statusLabel: v.string(),
      agencies: v.array(v.object({ name: v.string(), decision: v.nullable(v.string()), reason: v.nullable(v.string()) })),
      renjaLines: v.array(v.object({ agencyName: v.string(), subActivityCode: v.string(), volume: v.number(), unit: v.nullable(v.string()), pagu: v.number() })),
      reason: v.nullable(v.string()),
    }),
  ),
});

export const YearQuerySchema = v.object({ year: v.optional(year) });

export const ThemeSummarySchema = v.object({
  year: v.number(),
  themes: v.array(v.object({ theme: v.picklist(THEME_KEYS), label: v.string(), submitted: v.number(), forwarded: v.number(), funded: v.number(), asked: v.number(), pagu: v.number() })),
});

export const DprdMemberListSchema = v.object({
  members: v.array(v.object({ id: v.string(), name: v.string(), fraksi: v.string(), dapil: v.string() })),
});

/** Withdrawing a pokir says why: it is never deleted, and the reason stays in its history. */
export const WithdrawPokirSchema = v.strictObject({ reason: text(5, 500) });
