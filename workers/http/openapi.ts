/** `/openapi.json` generated from the routes' valibot schemas, and `/docs` (Scalar) reading it. */
import { Scalar } from "@scalar/hono-api-reference";
import type { Hono } from "hono";
import { openAPIRouteHandler } from "hono-openapi";
import type { AppEnv } from "./context.ts";

export function mountOpenApi(app: Hono<AppEnv>): void {
  app.get(
    "/openapi.json",
    openAPIRouteHandler(app, {
      documentation: {
        info: {
          title: "Musrenbang Sync API",
          version: "1",
          description:
            "Usulan desa, antrean telaah OPD, forum lintas perangkat daerah dan ekspor Renja. " +
            "Village proposals, agency review queues, the cross-agency sync forum and the Renja export.",
        },
        servers: [{ url: "/" }],
        components: {
          securitySchemes: {
            bearerAuth: { type: "http", scheme: "bearer", description: "Token API (msk_...) dari Bappeda" },
            sessionCookie: { type: "apiKey", in: "cookie", name: "musrenbang_session" },
          },
        },
      },
    }),
  );
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "Musrenbang Sync API" }));
}
