import * as v from "valibot";
import { wellFormed } from "./text.ts";

export const OverlapFlagSchema = v.object({
  id: v.string(),
  kind: v.picklist(["cross_agency", "duplicate"]),
  score: v.number(),
  reasons: v.array(v.string()),
  status: v.picklist(["open", "dismissed", "resolved"]),
  clusterId: v.string(),
  year: v.number(),
  proposals: v.array(v.object({ id: v.string(), trackingCode: v.string(), activity: v.string(), villageCode: v.string(), estimatedCost: v.number(), agencyIds: v.array(v.string()) })),
  dismissedReason: v.nullable(v.string()),
});

export const OverlapListQuerySchema = v.object({
  year: v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number)),
  status: v.optional(v.picklist(["open", "dismissed", "resolved"])),
  agency: v.optional(v.pipe(v.string(), v.maxLength(64))),
  kind: v.optional(v.picklist(["cross_agency", "duplicate"])),
});

export const DismissSchema = v.strictObject({ reason: v.pipe(v.string(), wellFormed, v.trim(), v.minLength(5), v.maxLength(2000)) });

export const RecheckSchema = v.strictObject({ year: v.pipe(v.number(), v.integer(), v.minValue(2024), v.maxValue(2100)) });
