/**
 * The proposal (usulan) shape, shared by the village form, the JSON API, the OpenAPI document and the tests.
 * Limits are what a real proposal needs and no more: long enough for a village's own words, short enough that
 * a mistake (a pasted document, a cost typed with extra zeros) is caught at the door.
 */
import * as v from "valibot";
import { text, wellFormed } from "./text.ts";
import { BENEFICIARY_GROUPS } from "../proposals/vocabulary.ts";
import { STAGES, STATUSES } from "../proposals/lifecycle.ts";
import { RECOMMENDATION_LEVELS } from "../proposals/recommendations.ts";
import { FUNDING_SOURCE_KEYS } from "../renja/funding.ts";
import { CHANNEL_KEYS, LOCATION_LEVELS, THEME_KEYS } from "../proposals/channels.ts";

const optionalText = (max: number) => v.optional(v.nullable(v.pipe(v.string(), wellFormed, v.trim(), v.maxLength(max))));

export const MAX_COST = 1_000_000_000_000;

const fields = {
  /** Planning year the proposal is for (the Musrenbang of year N-1 plans year N). */
  year: v.pipe(v.number(), v.integer(), v.minValue(2024), v.maxValue(2100)),
  problem: text(10, 2000),
  activity: text(5, 300),
  description: optionalText(4000),
  villageCode: v.pipe(v.string(), wellFormed, v.trim(), v.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, "region_code_format")),
  address: optionalText(300),
  rt: v.optional(v.nullable(v.pipe(v.string(), wellFormed, v.trim(), v.regex(/^\d{1,3}$/, "rt_rw_format")))),
  rw: v.optional(v.nullable(v.pipe(v.string(), wellFormed, v.trim(), v.regex(/^\d{1,3}$/, "rt_rw_format")))),
  latitude: v.optional(v.nullable(v.pipe(v.number(), v.minValue(-11.5), v.maxValue(6.5)))),
  longitude: v.optional(v.nullable(v.pipe(v.number(), v.minValue(94.5), v.maxValue(141.5)))),
  volume: v.pipe(v.number(), v.minValue(0.01), v.maxValue(1_000_000_000)),
  // A volume means nothing without its unit (120 what?); an absent unit is reported as exactly that.
  unit: v.pipe(v.optional(v.string(), ""), wellFormed, v.trim(), v.minLength(1, "volume_requires_unit"), v.maxLength(30)),
  estimatedCost: v.pipe(v.number(), v.integer(), v.minValue(1000, "cost_absurd"), v.maxValue(MAX_COST, "cost_absurd")),
  beneficiaryCount: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000)))),
  beneficiaryGroup: v.optional(v.nullable(v.picklist(Object.keys(BENEFICIARY_GROUPS) as (keyof typeof BENEFICIARY_GROUPS)[]))),
  subActivityCode: v.optional(
    v.nullable(v.pipe(v.string(), wellFormed, v.trim(), v.regex(/^(\d|X)\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}\.\d{4}$/, "sub_activity_code_format"))),
  ),
  villageRank: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999)))),
  /** Sumber dana the village proposes (e.g. dana_desa); the agency's decision may set another. */
  fundingSource: v.optional(v.nullable(v.picklist(FUNDING_SOURCE_KEYS))),
};

export const ProposalInputSchema = v.strictObject(fields);
export type ProposalInput = v.InferOutput<typeof ProposalInputSchema>;

const { villageCode: villageCodeField, villageRank: _rank, ...common } = fields;
const districtCodeField = v.pipe(v.string(), wellFormed, v.trim(), v.regex(/^\d{2}\.\d{2}\.\d{2}$/, "district_code_format"));

/**
 * A pokir (pokok-pokok pikiran DPRD): the proposal's own fields, placed in a desa (`villageCode`) or a whole
 * kecamatan (`districtCode`), with the reses it was gathered at. `memberId` names the member when the DPRD
 * secretariat enters it; a member's own account is that member.
 */
export const PokirInputSchema = v.pipe(
  v.strictObject({
    ...common,
    villageCode: v.optional(v.nullable(villageCodeField)),
    districtCode: v.optional(v.nullable(districtCodeField)),
    memberId: v.optional(v.nullable(v.pipe(v.string(), wellFormed, v.trim(), v.minLength(1), v.maxLength(64)))),
    resesDate: v.pipe(v.string(), wellFormed, v.trim(), v.isoDate("reses_date_format")),
    resesPlace: text(3, 200),
  }),
  v.forward(
    v.check((input) => !!input.villageCode !== !!input.districtCode, "location_one_of"),
    ["districtCode"],
  ),
);
export type PokirInput = v.InferOutput<typeof PokirInputSchema>;

/** A thematic Musrenbang's proposal: for one kecamatan (`districtCode`) or, without it, the whole kabupaten. */
export const ThematicInputSchema = v.strictObject({
  ...common,
  districtCode: v.optional(v.nullable(districtCodeField)),
  theme: v.picklist(THEME_KEYS),
});
export type ThematicInput = v.InferOutput<typeof ThematicInputSchema>;

/** What the intake takes, by channel: the importer and the API routes of each channel call it alike. */
export type ChannelProposalInput =
  | ({ channel: "desa" } & ProposalInput)
  | ({ channel: "pokir" } & PokirInput)
  | ({ channel: "tematik" } & ThematicInput);

/** Edits change the village's own words and numbers; the place and year stay. */
const { year: _year, villageCode: _village, ...editable } = fields;
export const ProposalPatchSchema = v.pipe(
  v.strictObject(Object.fromEntries(Object.entries(editable).map(([k, s]) => [k, v.optional(s)])) as {
    [K in keyof typeof editable]: v.OptionalSchema<(typeof editable)[K], undefined>;
  }),
  v.check((input) => Object.keys(input).length > 0, "nothing_to_change"),
);
export type ProposalPatch = v.InferOutput<typeof ProposalPatchSchema>;

export const ProposalSchema = v.object({
  id: v.string(),
  trackingCode: v.string(),
  year: v.number(),
  regencyCode: v.string(),
  districtCode: v.string(),
  villageCode: v.string(),
  problem: v.string(),
  activity: v.string(),
  description: v.nullable(v.string()),
  address: v.nullable(v.string()),
  rt: v.nullable(v.string()),
  rw: v.nullable(v.string()),
  latitude: v.nullable(v.number()),
  longitude: v.nullable(v.number()),
  volume: v.number(),
  unit: v.string(),
  estimatedCost: v.number(),
  beneficiaryCount: v.nullable(v.number()),
  beneficiaryGroup: v.nullable(v.string()),
  subActivityCode: v.nullable(v.string()),
  fundingSource: v.nullable(v.string()),
  villageRank: v.nullable(v.number()),
  districtRank: v.nullable(v.number()),
  /** desa, pokir or tematik; where it sits (desa, kecamatan, kabupaten); a thematic line's theme and group. */
  channel: v.picklist(CHANNEL_KEYS),
  locationLevel: v.picklist(Object.keys(LOCATION_LEVELS) as (keyof typeof LOCATION_LEVELS)[]),
  theme: v.nullable(v.string()),
  proposerGroup: v.nullable(v.string()),
  stage: v.picklist(Object.keys(STAGES) as (keyof typeof STAGES)[]),
  status: v.picklist(Object.keys(STATUSES) as (keyof typeof STATUSES)[]),
  /** The last year's proposal this one carries over, when the village kept or changed it. */
  carriedFrom: v.optional(v.nullable(v.string())),
  createdAt: v.string(),
  updatedAt: v.string(),
  attachments: v.optional(
    v.array(v.object({ id: v.string(), filename: v.string(), contentType: v.string(), size: v.number() })),
  ),
});
export type ProposalView = v.InferOutput<typeof ProposalSchema>;

export const ProposalListQuerySchema = v.object({
  year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number))),
  kecamatan: v.optional(v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}\.\d{2}$/, "region_code_format"))),
  desa: v.optional(v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, "region_code_format"))),
  status: v.optional(v.picklist(Object.keys(STATUSES) as (keyof typeof STATUSES)[])),
  agency: v.optional(v.pipe(v.string(), v.maxLength(64))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(200)), "50"),
});

export const ProposalPageSchema = v.object({ proposals: v.array(ProposalSchema), nextCursor: v.nullable(v.string()) });

export const RankSchema = v.strictObject({ rank: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999)) });

/** One step of a proposal's story (shared/proposals/story.ts), in the caller's language. */
export const StoryStepSchema = v.object({
  at: v.string(),
  /** The moment in the region's zone, e.g. "12 Mar 2027 14.05 WIB". */
  when: v.string(),
  kind: v.string(),
  title: v.string(),
  /** The level that decided and its name ("Kecamatan Kalianda", "Dinas PUPR"); the person only for signed-in callers. */
  by: v.object({ level: v.picklist(["desa", "kecamatan", "opd", "bappeda", "forum", "system"]), label: v.string(), person: v.optional(v.string()) }),
  status: v.optional(v.picklist(Object.keys(STATUSES) as (keyof typeof STATUSES)[])),
  /** Why, as the person wrote it: the return note, the agency's reason, the forum's reason. */
  reason: v.optional(v.string()),
  changes: v.optional(v.array(v.object({ field: v.string(), label: v.string(), before: v.string(), after: v.string() }))),
  /** The tracking code of the proposal this one was merged into. */
  mergedInto: v.optional(v.string()),
  details: v.optional(v.array(v.string())),
});

/** What one level recommended: desa asked, kecamatan recommended, an agency decided (source = agency), the forum agreed. */
export const RecommendationSchema = v.object({
  level: v.picklist(RECOMMENDATION_LEVELS),
  /** The agency of an agency's decision or a forum's split part; "" for the whole proposal. */
  source: v.string(),
  sourceName: v.optional(v.string()),
  volume: v.nullable(v.number()),
  unit: v.nullable(v.string()),
  cost: v.nullable(v.number()),
  subActivityCode: v.nullable(v.string()),
  note: v.nullable(v.string()),
  decidedAt: v.string(),
});

/** One proposal as its readers see it: the proposal, its place, its recommendations per level and its whole story. */
export const ProposalDetailSchema = v.object({
  ...ProposalSchema.entries,
  villageName: v.string(),
  districtName: v.string(),
  /** The tracking code of the proposal this one lives on in, once merged. */
  mergedInto: v.nullable(v.string()),
  /** A pokir's member (as entered) and the reses it came from. */
  pokir: v.nullable(v.object({ memberId: v.string(), memberName: v.string(), fraksi: v.string(), dapil: v.string(), resesDate: v.string(), resesPlace: v.string() })),
  recommendations: v.array(RecommendationSchema),
  history: v.array(StoryStepSchema),
});
export type ProposalDetail = v.InferOutput<typeof ProposalDetailSchema>;

export const TrackingSchema = v.object({
  trackingCode: v.string(),
  activity: v.string(),
  village: v.string(),
  district: v.string(),
  year: v.number(),
  stage: v.string(),
  status: v.string(),
  /** The tracking code of the proposal this one was merged into, when it was. */
  mergedInto: v.nullable(v.string()),
  /** Every step: who decided (level, never a person), when and why. */
  history: v.array(StoryStepSchema),
});
