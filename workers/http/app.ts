/** The HTTP surface: every route group mounted on one Hono app, one error shape for all of them. */
import { Hono } from "hono";
import type { AppEnv } from "./context.ts";
import { ApiError, errorResponse, notFound } from "./errors.ts";
import { healthRoutes } from "./health/index.ts";
import { mountOpenApi } from "./openapi.ts";

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route("/", healthRoutes);
  mountOpenApi(app);

  app.notFound((c) => errorResponse(c, notFound));
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    console.error("unhandled error", error);
    return errorResponse(
      c,
      new ApiError(500, "internal_error", {
        id: "Terjadi kesalahan di server. Data Anda tidak berubah; silakan coba lagi.",
        en: "Something went wrong on the server. Nothing was changed; please try again.",
      }),
    );
  });
  return app;
}
