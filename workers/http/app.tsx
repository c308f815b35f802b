/** The HTTP surface: every route group mounted on one Hono app, one error shape for all of them. */
import { scenarioPages } from "./pages/scenarios.tsx";
import { budgetScenarioRoutes } from "./budget-scenarios/index.ts";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { malformedJson, notFound, Refusal } from "../usecases/errors.ts";
import { MessagePage } from "../views/message-page.tsx";
import { accountRoutes } from "./accounts/index.ts";
import { agencyRoutes } from "./agencies/index.ts";
import { authRoutes } from "./auth/index.ts";
import { planningRoutes } from "./planning/index.ts";
import { budgetRoutes } from "./budget/index.ts";
import { caller, csrf, type AppContext, type AppEnv } from "./context.ts";
import { districtRoutes } from "./districts/index.ts";
import { errorResponse } from "./errors.ts";
import { exportRoutes } from "./exports/index.ts";
import { figureRoutes } from "./figures/index.ts";
import { followUpRoutes } from "./follow-ups/index.ts";
import { forumRoutes } from "./forums/index.ts";
import { healthRoutes } from "./health/index.ts";
import { say } from "./messages.ts";
import { authenticate } from "./middleware/authenticate.ts";
import { d1Sessions } from "./middleware/d1-sessions.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { mountOpenApi } from "./openapi.ts";
import { operationRoutes } from "./operations/index.ts";
import { overlapRoutes } from "./overlaps/index.ts";
import { consolePages } from "./pages/console.tsx";
import { adminConsolePages } from "./pages/admin-console.tsx";
import { districtPages } from "./pages/districts.tsx";
import { forumPages } from "./pages/forums.tsx";
import { proposalPages } from "./pages/proposals.tsx";
import { publicPages } from "./pages/public.tsx";
import { channelPages } from "./pages/channels.tsx";
import { queuePages } from "./pages/queues.tsx";
import { referencePages } from "./pages/reference.tsx";
import { sessionPages } from "./pages/session.tsx";
import { staticFiles } from "./pages/static.ts";
import { importPages } from "./pages/imports.tsx";
import { proposalRoutes } from "./proposals/index.ts";
import { publicRoutes } from "./public/index.ts";
import { channelRoutes } from "./channels/index.ts";
import { importRoutes } from "./imports/index.ts";
import { calendarRoutes } from "./calendar/index.ts";
import { referenceRoutes } from "./reference/index.ts";
import { reviewRoutes } from "./reviews/index.ts";
import { webhookRoutes } from "./webhooks/index.ts";

const internalError = new Refusal(500, "internal_error", { id: "Terjadi kesalahan di server. Silakan coba lagi.", en: "Something went wrong on the server. Please try again." });

/** The API, one group per area; each route documents itself in /openapi.json. */
export const API_GROUPS = [
  healthRoutes,
  authRoutes,
  accountRoutes,
  proposalRoutes,
  channelRoutes,
  referenceRoutes,
  agencyRoutes,
  reviewRoutes,
  districtRoutes,
  operationRoutes,
  webhookRoutes,
  overlapRoutes,
  forumRoutes,
  followUpRoutes,
  budgetRoutes,
  budgetScenarioRoutes,
  exportRoutes,
  planningRoutes,
  figureRoutes,
  publicRoutes,
  importRoutes,
  calendarRoutes,
];

const PAGES = [staticFiles, sessionPages, proposalPages, channelPages, queuePages, districtPages, forumPages, consolePages, adminConsolePages, scenarioPages, referencePages, publicPages, importPages];

/** Machines get JSON; people on pages get a readable page (or the login form when not signed in). */
const wantsPage = (c: AppContext) => !c.req.path.startsWith("/api/") && !c.req.path.startsWith("/webhooks/") && c.req.path !== "/health";

function refuse(c: AppContext, error: Refusal): Response | Promise<Response> {
  if (!wantsPage(c)) return errorResponse(c, error);
  if (error.status === 401) return c.redirect(`/masuk?next=${encodeURIComponent(c.req.path)}`, 303);
  return c.html(<MessagePage title={error.status === 404 ? "Tidak ditemukan" : "Tidak dapat diproses"} message={say(c, error.text)} principal={caller(c)} csrfToken={csrf(c)} />, error.status);
}

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(securityHeaders);
  app.use(authenticate);
  app.use(d1Sessions);
  for (const group of API_GROUPS) app.route("/", group.router);
  for (const pages of PAGES) app.route("/", pages);
  mountOpenApi(app, API_GROUPS.flatMap((group) => group.definitions));

  app.notFound((c) => refuse(c, notFound));
  app.onError((error, c) => {
    if (error instanceof Refusal) return refuse(c, error);
    if (error instanceof HTTPException && error.status === 400) return refuse(c, malformedJson);
    console.error("unhandled error", error);
    return refuse(c, internalError);
  });
  return app;
}
