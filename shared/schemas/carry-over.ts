/** Carry-over offers and choices over the API (shared/proposals/carry-over.ts). */
import * as v from "valibot";
import { STATUSES } from "../proposals/lifecycle.ts";

export const CarryOverQuerySchema = v.object({ year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number))) });

export const CarryOverOffersSchema = v.object({
  year: v.number(),
  offers: v.array(
    v.object({
      id: v.string(),
      trackingCode: v.string(),
      year: v.number(),
      activity: v.string(),
      volume: v.number(),
      unit: v.string(),
      estimatedCost: v.number(),
      status: v.picklist(Object.keys(STATUSES) as (keyof typeof STATUSES)[]),
      statusLabel: v.string(),
    }),
  ),
});

/** `year`: the year it was offered for and will not be carried into. */
export const CarryOverDroppedSchema = v.object({ id: v.string(), choice: v.literal("dropped"), year: v.number() });
