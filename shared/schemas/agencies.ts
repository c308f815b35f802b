/** Shapes of the agency list: Bappeda's `PUT /api/v1/agencies` (JSON; CSV has the same columns) and its listing. */
import * as v from "valibot";
import { MAX_AGENCIES } from "../agencies/agencies.ts";

/** Only the shape here; the rules (short names, codes in the nomenclature, one owner per code) are shared with the CSV. */
export const AgencyListInputSchema = v.strictObject({
  agencies: v.pipe(
    v.array(
      v.strictObject({
        shortName: v.pipe(v.string(), v.maxLength(64)),
        name: v.pipe(v.string(), v.maxLength(400)),
        codePrefixes: v.pipe(v.array(v.pipe(v.string(), v.maxLength(32))), v.maxLength(100)),
      }),
    ),
    v.maxLength(MAX_AGENCIES),
  ),
});
export type AgencyListInput = v.InferOutput<typeof AgencyListInputSchema>;

export const AgencyListQuerySchema = v.object({ format: v.optional(v.picklist(["json", "csv"]), "json") });

export const AgencySchema = v.object({ id: v.string(), shortName: v.string(), name: v.string(), active: v.boolean(), codePrefixes: v.array(v.string()) });

export const AgencyListSchema = v.object({ agencies: v.array(AgencySchema) });

export const AgencyReplacementSchema = v.object({
  agencies: v.number(),
  responsibilities: v.number(),
  added: v.array(v.string()),
  deactivated: v.array(v.object({ id: v.string(), shortName: v.string(), openTasks: v.number() })),
});
