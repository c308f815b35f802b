/** The open data's JSON document, version 1 (shared/public/account.ts `publicDocument`): documented in /openapi.json. */
import * as v from "valibot";

const FundingSchema = v.object({
  agencyName: v.string(),
  subActivityCode: v.string(),
  subActivityName: v.nullable(v.string()),
  volume: v.number(),
  unit: v.nullable(v.string()),
  pagu: v.number(),
});

const OutcomeSchema = v.object({
  kind: v.picklist(["funded", "merged", "rejected", "carried_over", "withdrawn"]),
  summary: v.string(),
  reason: v.nullable(v.string()),
  mergedInto: v.nullable(v.string()),
  carriedOverTo: v.nullable(v.number()),
  funding: v.array(FundingSchema),
});

export const PublicProposalSchema = v.object({
  trackingCode: v.string(),
  year: v.number(),
  regencyCode: v.string(),
  regencyName: v.string(),
  districtCode: v.string(),
  districtName: v.string(),
  villageCode: v.string(),
  villageName: v.string(),
  activity: v.string(),
  subActivityCode: v.nullable(v.string()),
  volume: v.number(),
  unit: v.string(),
  askedCost: v.number(),
  stage: v.string(),
  stageLabel: v.string(),
  status: v.string(),
  statusLabel: v.string(),
  outcome: v.nullable(OutcomeSchema),
  fundedPagu: v.nullable(v.number()),
  lastChange: v.nullable(v.string()),
});

export const PublicDocumentSchema = v.strictObject({
  schemaVersion: v.literal(1),
  licence: v.object({ name: v.string(), url: v.string(), attribution: v.string() }),
  year: v.number(),
  regency: v.object({ code: v.string(), name: v.string() }),
  totals: v.object({
    stages: v.array(v.object({ stage: v.string(), label: v.string(), count: v.number(), rupiah: v.number() })),
    outcomes: v.record(v.string(), v.number()),
  }),
  proposals: v.array(v.strictObject(PublicProposalSchema.entries)),
});
