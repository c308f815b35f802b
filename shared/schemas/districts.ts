/** The kecamatan's Musrenbang: its ranked list, a recommendation per proposal, and closing the list for the year. */
import * as v from "valibot";
import { ProposalSchema, RecommendationSchema } from "./proposals.ts";
import { MAX_COST } from "./proposals.ts";
import { wellFormed } from "./text.ts";

export const DistrictListQuerySchema = v.object({
  year: v.pipe(v.string(), v.regex(/^\d{4}$/, "year_format"), v.transform(Number), v.minValue(2024), v.maxValue(2100)),
});

export const DistrictRankSchema = v.strictObject({ rank: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9999)) });

/** What the kecamatan recommends for a proposal (SIPD's rekom_camat): a volume, a cost, and a note saying why. */
export const DistrictRecommendationSchema = v.strictObject({
  volume: v.pipe(v.number(), v.minValue(0.01), v.maxValue(1_000_000_000)),
  estimatedCost: v.pipe(v.number(), v.integer(), v.minValue(1000, "cost_absurd"), v.maxValue(MAX_COST, "cost_absurd")),
  note: v.optional(v.nullable(v.pipe(v.string(), wellFormed, v.trim(), v.maxLength(1000)))),
});
export type DistrictRecommendation = v.InferOutput<typeof DistrictRecommendationSchema>;

export const DistrictCloseSchema = v.strictObject({ year: v.pipe(v.number(), v.integer(), v.minValue(2024), v.maxValue(2100)) });

export const DistrictListSchema = v.object({
  districtCode: v.string(),
  districtName: v.string(),
  year: v.number(),
  /** When the kecamatan closed its list (after that only Bappeda changes it), or null while it is open. */
  closedAt: v.nullable(v.string()),
  /** Proposals of the kecamatan still before verification (submitted or returned): not in the list yet. */
  waiting: v.number(),
  proposals: v.array(
    v.object({
      ...ProposalSchema.entries,
      villageName: v.string(),
      /** The kecamatan's recommendation, when it gave one. */
      recommendation: v.nullable(RecommendationSchema),
    }),
  ),
});
