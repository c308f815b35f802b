import { describeRoute, resolver } from "hono-openapi";
import { HealthSchema } from "../../../shared/schemas/health.ts";

export const getHealthRoute = describeRoute({
  tags: ["Sistem"],
  summary: "Kesehatan layanan: basis data terjangkau dan versi migrasi",
  responses: {
    200: { description: "Layanan sehat", content: { "application/json": { schema: resolver(HealthSchema) } } },
    503: { description: "Basis data tidak terjangkau", content: { "application/json": { schema: resolver(HealthSchema) } } },
  },
});
