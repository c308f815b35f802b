/** `/openapi.json` from the route definitions (workers/http/route.ts), and `/docs` (Scalar) reading it. */
import { toJsonSchema } from "@valibot/to-json-schema";
import type { Hono } from "hono";
import type * as v from "valibot";
import { ErrorSchema } from "../../shared/schemas/errors.ts";
import type { AppEnv } from "./context.ts";
import { docsPage } from "./docs.ts";
import type { RefusalStatus, RouteDefinition } from "./route.ts";

const REFUSALS = {
  400: "Permintaan rusak (JSON tidak sah)",
  401: "Belum masuk atau token tidak sah",
  403: "Di luar wewenang pemanggil",
  404: "Tidak ditemukan (atau di luar cakupan pemanggil)",
  409: "Bertentangan dengan keadaan saat ini",
  413: "Terlalu besar",
  415: "Jenis berkas tidak didukung",
  422: "Isian tidak sah, satu entri per isian",
  429: "Terlalu banyak percobaan",
} as const;

const jsonSchema = (schema: v.GenericSchema) => toJsonSchema(schema, { errorMode: "ignore" });
const jsonContent = (schema: v.GenericSchema) => ({ "application/json": { schema: jsonSchema(schema) } });

/** The route's own refusals, and those RouteGroup adds to every route: 401 without a caller, 413 over the body limit. */
function refusalsOf(route: RouteDefinition): RefusalStatus[] {
  const statuses = new Set<RefusalStatus>(route.refusals ?? []);
  if (route.access !== "public") statuses.add(401);
  if (route.method !== "get") statuses.add(413);
  return [...statuses].sort((a, b) => a - b);
}

function operation(route: RouteDefinition) {
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  const query = route.request?.query ? (jsonSchema(route.request.query) as { properties?: Record<string, unknown>; required?: string[] }) : null;
  const queryParams = Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: query?.required?.includes(name) ?? false, schema }));
  const headerParams = (route.request?.headers ?? []).map((h) => ({ ...h, in: "header" }));
  const manual = route.request?.manual;
  const body = route.request?.json
    ? { required: true, content: jsonContent(route.request.json) }
    : manual
      ? { required: true, content: { ...(manual.json ? jsonContent(manual.json) : {}), ...(manual.multipart ? { "multipart/form-data": { schema: manual.multipart } } : {}), ...(manual.csv ? { "text/csv": { schema: { type: "string" }, example: manual.csv } } : {}) } }
      : null;
  return {
    tags: [...route.tags],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.access === "public" ? {} : { security: [{ bearerAuth: [] }, { sessionCookie: [] }] }),
    parameters: [...pathParams, ...queryParams, ...headerParams],
    ...(body ? { requestBody: body } : {}),
    responses: {
      ...Object.fromEntries(Object.entries(route.responses).map(([status, doc]) => [status, { description: doc.description, ...(doc.schema ? { content: jsonContent(doc.schema) } : {}) }])),
      ...Object.fromEntries(refusalsOf(route).map((status) => [status, { description: REFUSALS[status], content: jsonContent(ErrorSchema) }])),
    },
  };
}

export function openApiDocument(routes: readonly RouteDefinition[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path.replace(/:(\w+)/g, "{$1}")] ??= {})[route.method] = operation(route);
  return {
    openapi: "3.1.0",
    info: {
      title: "Musrenbang Sync API",
      version: "1",
      description:
        "Usulan desa, antrean telaah OPD, forum lintas perangkat daerah dan ekspor Renja. " + "Village proposals, agency review queues, the cross-agency sync forum and the Renja export.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Token API (msk_...) dari Bappeda" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "musrenbang_session" },
      },
    },
  };
}

export function mountOpenApi(app: Hono<AppEnv>, routes: readonly RouteDefinition[]): void {
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get("/openapi.json", (c) => c.json((document ??= openApiDocument(routes))));
  app.get("/docs", docsPage);
}
