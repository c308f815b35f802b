/** Shapes of budget scenarios (issue 22): envelope changes and fairness rules for a year, and how they are read back. */
import * as v from "valibot";
import { text } from "./text.ts";

const rupiahAmount = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000_000_000));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000));
const code = v.pipe(v.string(), v.maxLength(64));
const districtCode = v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}\.\d{2}$/, "region_code_format"));

/** One envelope change: an agency's or kecamatan's envelope (or every one of a kind, or all) set to an amount or moved by a percentage. */
export const EnvelopeChangeSchema = v.pipe(
  v.strictObject({
    kind: v.picklist(["agency", "district", "all"]),
    target: v.optional(code),
    amount: v.optional(rupiahAmount),
    /** -65 cuts by 65%, 10 raises by 10%. */
    percent: v.optional(v.pipe(v.number(), v.minValue(-100), v.maxValue(1000))),
  }),
  v.forward(
    v.check((c) => (c.amount === undefined) !== (c.percent === undefined), "change_amount_or_percent"),
    ["amount"],
  ),
  v.forward(
    v.check((c) => c.kind === "all" || c.amount === undefined || c.target !== undefined, "change_target_required"),
    ["target"],
  ),
);

const hasMinimum = (r: { minCount?: number | undefined; minRupiah?: number | undefined }) => (r.minCount ?? 0) > 0 || (r.minRupiah ?? 0) > 0;
const FloorSchema = v.pipe(v.strictObject({ districtCode: v.optional(districtCode), minCount: v.optional(count), minRupiah: v.optional(rupiahAmount) }), v.check((r) => hasMinimum(r), "minimum_required"));
const QuotaSchema = v.pipe(v.strictObject({ group: text(2, 60), minCount: v.optional(count), minRupiah: v.optional(rupiahAmount) }), v.check((r) => hasMinimum(r), "minimum_required"));

export const FairnessRulesSchema = v.strictObject({
  /** A floor for one kecamatan, or (without districtCode) for every kecamatan. */
  floors: v.optional(v.pipe(v.array(FloorSchema), v.maxLength(500))),
  quotas: v.optional(v.pipe(v.array(QuotaSchema), v.maxLength(20))),
  weights: v.optional(
    v.strictObject({
      districtRank: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
      villageRank: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
      costPerBeneficiary: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
    }),
  ),
});

const scenarioFields = {
  name: text(3, 120),
  note: v.optional(text(0, 1000)),
  changes: v.pipe(v.array(EnvelopeChangeSchema), v.maxLength(500)),
  rules: v.optional(FairnessRulesSchema, {}),
};

export const ScenarioCreateSchema = v.strictObject({ year: v.pipe(v.number(), v.integer(), v.minValue(2024), v.maxValue(2100)), ...scenarioFields });
export type ScenarioCreate = v.InferOutput<typeof ScenarioCreateSchema>;

/** An edit names the version it was made on: an edit over a newer version (or an applied scenario) is refused. */
export const ScenarioEditSchema = v.strictObject({ version: v.pipe(v.number(), v.integer(), v.minValue(1)), ...scenarioFields });
export type ScenarioEdit = v.InferOutput<typeof ScenarioEditSchema>;

/** Running and applying name the version Bappeda looked at. */
export const ScenarioVersionSchema = v.strictObject({ version: v.pipe(v.number(), v.integer(), v.minValue(1)) });

export const ScenarioListQuerySchema = v.object({ year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number))) });

export const OutcomePageQuerySchema = v.object({
  kecamatan: v.optional(districtCode),
  /** excluded: what falls out; changed: funded before and not after, or the other way round; all: every proposal. */
  show: v.optional(v.picklist(["excluded", "changed", "all"]), "changed"),
  after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,7}$/), v.transform(Number))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(200)), "50"),
});

export const VillageTallyQuerySchema = v.object({ kecamatan: districtCode });

export const CompareQuerySchema = v.object({ a: code, b: code });
