import * as v from "valibot";

export const HealthSchema = v.object({
  status: v.picklist(["ok", "degraded"]),
  database: v.object({
    reachable: v.boolean(),
    /** Name of the newest applied migration, e.g. `0000_foundation.sql`. */
    migration: v.nullable(v.string()),
    appliedMigrations: v.number(),
  }),
});
export type Health = v.InferOutput<typeof HealthSchema>;
