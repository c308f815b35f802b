/**
 * A route for callers answers an anonymous request 401 before anything else: not 422 for its input, not 400 for
 * a broken body (which would tell a stranger what the route expects, and read the body for nobody).
 */
import { describe, expect, it } from "vitest";
import { API_GROUPS } from "../../workers/http/app.tsx";
import { call } from "../support/principals.ts";

const forCallers = API_GROUPS.flatMap((group) => group.definitions).filter((route) => route.access !== "public");

describe("anonymous requests to routes for callers", () => {
  it.each(forCallers.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))("%s: 401 before validation", async (_, route) => {
    const path = route.path.replace(/:\w+/g, "x");
    const query = route.method === "get" ? "?year=tahun&limit=-1" : "";
    const response = await call(`${path}${query}`, {
      method: route.method.toUpperCase(),
      ...(route.method === "get" ? {} : { headers: { "content-type": "application/json" }, body: '{"year": "bukan angka", ' }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });
});
