import { SubActivityListSchema, SubActivitySearchSchema } from "../../../shared/schemas/reference.ts";
import { defineRoute } from "../route.ts";

export const searchSubActivities = defineRoute({
  method: "get",
  path: "/api/v1/sub-activities",
  tags: ["Referensi"],
  summary: "Cari sub kegiatan dalam nomenklatur 2027 (kode atau kata dalam nama)",
  access: "public",
  request: { query: SubActivitySearchSchema },
  responses: { 200: { description: "Sub kegiatan yang cocok (maks. 30)", schema: SubActivityListSchema } },
  refusals: [422],
});
