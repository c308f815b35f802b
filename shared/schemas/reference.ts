import * as v from "valibot";

export const SubActivitySearchSchema = v.object({
  q: v.pipe(v.string(), v.trim(), v.minLength(2), v.maxLength(100)),
});

export const SubActivitySchema = v.object({
  code: v.string(),
  name: v.string(),
  kegiatanName: v.string(),
  bidangName: v.string(),
  unit: v.nullable(v.string()),
});

export const SubActivityListSchema = v.object({ subActivities: v.array(SubActivitySchema) });
