import { HealthSchema } from "../../../shared/schemas/health.ts";
import { defineRoute } from "../route.ts";

export const getHealth = defineRoute({
  method: "get",
  path: "/health",
  tags: ["Sistem"],
  summary: "Kesehatan layanan: basis data terjangkau dan versi migrasi",
  access: "public",
  responses: { 200: { description: "Layanan sehat", schema: HealthSchema }, 503: { description: "Basis data tidak terjangkau", schema: HealthSchema } },
});
