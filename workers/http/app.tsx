/** The HTTP surface: every route group mounted on one Hono app, one error shape for all of them. */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { MessagePage } from "../pages/message-page.tsx";
import { accountRoutes } from "./accounts/index.ts";
import { authRoutes } from "./auth/index.ts";
import type { AppContext, AppEnv } from "./context.ts";
import { ApiError, errorResponse, notFound } from "./errors.ts";
import { healthRoutes } from "./health/index.ts";
import { say } from "./messages.ts";
import { authenticate } from "./middleware/authenticate.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { mountOpenApi } from "./openapi.ts";
import { sessionPages } from "./pages/session.tsx";
import { proposalRoutes } from "./proposals/index.ts";
import { proposalPages } from "./pages/proposals.tsx";
import { queuePages } from "./pages/queues.tsx";
import { forumPages } from "./pages/forums.tsx";
import { referenceRoutes } from "./reference/index.tsx";
import { reviewRoutes } from "./reviews/index.ts";
import { webhookRoutes } from "./webhooks/index.ts";
import { overlapRoutes } from "./overlaps/index.ts";
import { forumRoutes } from "./forums/index.ts";
import { exportRoutes } from "./exports/index.ts";

const internalError = new ApiError(500, "internal_error", {
  id: "Terjadi kesalahan di server. Silakan coba lagi.",
  en: "Something went wrong on the server. Please try again.",
});

const malformedJson = new ApiError(400, "malformed_json", {
  id: "Isi permintaan bukan JSON yang sah.",
  en: "The request body is not valid JSON.",
});

/** Machines get JSON; people on pages get a readable page (or the login form when not signed in). */
const wantsPage = (c: AppContext) => !c.req.path.startsWith("/api/") && !c.req.path.startsWith("/webhooks/") && c.req.path !== "/health";

function refuse(c: AppContext, error: ApiError): Response | Promise<Response> {
  if (!wantsPage(c)) return errorResponse(c, error);
  if (error.status === 401) return c.redirect(`/masuk?next=${encodeURIComponent(c.req.path)}`, 303);
  return c.html(
    <MessagePage title={error.status === 404 ? "Tidak ditemukan" : "Tidak dapat diproses"} message={say(c, error.text)} principal={c.get("principal")} csrfToken={c.get("session")?.csrfToken} />,
    error.status,
  );
}

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(securityHeaders);
  app.use(authenticate);
  app.route("/", healthRoutes);
  app.route("/", authRoutes);
  app.route("/", accountRoutes);
  app.route("/", proposalRoutes);
  app.route("/", referenceRoutes);
  app.route("/", reviewRoutes);
  app.route("/", webhookRoutes);
  app.route("/", overlapRoutes);
  app.route("/", forumRoutes);
  app.route("/", exportRoutes);
  app.route("/", sessionPages);
  app.route("/", proposalPages);
  app.route("/", queuePages);
  app.route("/", forumPages);
  mountOpenApi(app);

  app.notFound((c) => refuse(c, notFound));
  app.onError((error, c) => {
    if (error instanceof ApiError) return refuse(c, error);
    if (error instanceof HTTPException && error.status === 400) return refuse(c, malformedJson);
    console.error("unhandled error", error);
    return refuse(c, internalError);
  });
  return app;
}
