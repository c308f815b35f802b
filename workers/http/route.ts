/**
 * One convention for every API route: a route is defined once with its method, path, request schemas and
 * responses (shared/schemas/ valibot shapes); the same definition validates the request, types the handler's
 * input, and documents the route in /openapi.json. Handlers are typed by their route: `RouteHandler<typeof route>`.
 */
import { Hono, type MiddlewareHandler } from "hono";
import * as v from "valibot";
import { fieldIssues } from "../../shared/schemas/issues.ts";
import { invalidInput, malformedJson, unauthenticated } from "../usecases/errors.ts";
import type { AppContext, AppEnv } from "./context.ts";
import { language } from "./messages.ts";
import { BODY_LIMITS, limitBody } from "./middleware/body-limit.ts";

export type Method = "get" | "post" | "put" | "patch" | "delete";

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

export interface ResponseDoc {
  description: string;
  schema?: v.GenericSchema;
}

export interface RouteDefinition<Path extends string = string, Json extends v.GenericSchema | undefined = v.GenericSchema | undefined, Query extends v.GenericSchema | undefined = v.GenericSchema | undefined> {
  method: Method;
  path: Path;
  tags: readonly string[];
  summary: string;
  description?: string;
  /** "public" routes need no caller (sign-in, tracking, health, signed webhooks and links); others take a session or token. */
  access?: "caller" | "public";
  request?: {
    json?: Json;
    query?: Query;
    /** A body the handler reads itself (multipart, a raw signed body, CSV: its header line): documented here, not validated here. */
    manual?: { json?: v.GenericSchema; multipart?: Record<string, unknown>; csv?: string };
    headers?: readonly { name: string; required: boolean; schema: Record<string, unknown>; description?: string }[];
    /** The largest body taken, in bytes (default BODY_LIMITS.default); a larger one is refused (413) before it is read. */
    maxBytes?: number;
  };
  responses: Record<number, ResponseDoc>;
  refusals?: readonly RefusalStatus[];
}

type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<`/${Rest}`> : Path extends `${string}:${infer Name}` ? Name : never;

type Parsed<S> = [S] extends [v.GenericSchema] ? v.InferOutput<S> : undefined;

export type RouteInput<R extends RouteDefinition> =
  R extends RouteDefinition<infer Path, infer Json, infer Query> ? { params: Record<ParamNames<Path>, string>; json: Parsed<Json>; query: Parsed<Query> } : never;

export type RouteHandler<R extends RouteDefinition> = (c: AppContext, input: RouteInput<R>) => Response | Promise<Response>;

export const defineRoute = <const Path extends string, Json extends v.GenericSchema | undefined = undefined, Query extends v.GenericSchema | undefined = undefined>(
  route: RouteDefinition<Path, Json, Query>,
) => route;

function parsedOrRefused<S extends v.GenericSchema>(c: AppContext, schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw invalidInput(fieldIssues(result.issues, language(c)));
  return result.output;
}

const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;|$)/i;

async function readJson(c: AppContext): Promise<unknown> {
  if (!JSON_TYPE.test(c.req.header("content-type") ?? "")) throw malformedJson;
  try {
    return await c.req.json();
  } catch {
    throw malformedJson;
  }
}

/** The query string as an object: one value per name, or the list when a name repeats. */
function queryObject(c: AppContext): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(c.req.queries()).map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));
}

const callerRequired: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("principal")) throw unauthenticated;
  await next();
};

/** The API routes of one area (proposals, reviews, ...): a Hono router and the definitions it serves. */
export class RouteGroup {
  readonly router = new Hono<AppEnv>();
  readonly definitions: RouteDefinition[] = [];

  /**
   * Serves `route` with `handler`. In order: a route for callers refuses the anonymous (401, before anything is
   * read or validated), then `before` (rate limits), then the body limit, then validation.
   */
  add<R extends RouteDefinition>(route: R, handler: RouteHandler<R>, ...before: MiddlewareHandler<AppEnv>[]): this {
    this.definitions.push(route);
    const checks = [...(route.access === "public" ? [] : [callerRequired]), ...before, limitBody(route.request?.maxBytes ?? BODY_LIMITS.default)];
    this.router.on(route.method.toUpperCase(), [route.path], ...checks, async (c: AppContext) => {
      const json = route.request?.json ? parsedOrRefused(c, route.request.json, await readJson(c)) : undefined;
      const query = route.request?.query ? parsedOrRefused(c, route.request.query, queryObject(c)) : undefined;
      return handler(c, { params: c.req.param() as RouteInput<R>["params"], json, query } as RouteInput<R>);
    });
    return this;
  }
}
