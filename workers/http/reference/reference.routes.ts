import { describeRoute } from "hono-openapi";
import { SubActivityListSchema } from "../../../shared/schemas/reference.ts";
import { jsonContent, refusals } from "../openapi-helpers.ts";

export const searchSubActivitiesRoute = describeRoute({
  tags: ["Referensi"],
  summary: "Cari sub kegiatan dalam nomenklatur 2027 (kode atau kata dalam nama)",
  responses: { 200: { description: "Sub kegiatan yang cocok (maks. 30)", content: jsonContent(SubActivityListSchema) }, ...refusals(422) },
});
