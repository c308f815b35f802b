/** The console's figures as the API answers them (GET /api/v1/figures/...): the numbers behind each picture. */
import * as v from "valibot";

const Envelope = v.object({ kind: v.picklist(["agency", "district"]), target: v.string(), name: v.string(), amount: v.number(), used: v.number(), remaining: v.number() });

export const EnvelopeFiguresSchema = v.object({ year: v.number(), agencies: v.array(Envelope), districts: v.array(Envelope) });

export const StageFiguresSchema = v.object({
  year: v.number(),
  steps: v.array(v.object({ step: v.picklist(["submitted", "verified", "routed", "agreed", "renja"]), label: v.string(), count: v.number() })),
});

export const OverlapFiguresSchema = v.object({
  year: v.number(),
  clusters: v.array(v.object({ id: v.string(), title: v.string(), proposals: v.number(), pagu: v.number() })),
});

export const DistrictFiguresSchema = v.object({
  year: v.number(),
  districts: v.array(v.object({ code: v.string(), name: v.string(), proposals: v.number(), askedCost: v.number(), agreedCost: v.number(), envelope: v.nullable(v.number()) })),
});
