/**
 * D1 read replication through the Sessions API. Reads that may be a moment behind (public tracking, the public account, the work lists,
 * the Renja export) start at any replica ("first-unconstrained"), near the caller; everything else starts at the
 * primary, as before. A client that wrote something sends back the bookmark it got (`X-D1-Bookmark`, or the
 * `d1_bookmark` cookie a browser keeps) and its next read is served by a replica at least that fresh: it always sees
 * its own writes. Signing in and authorization read the primary (the authenticate middleware runs first), so a
 * revoked token or a disabled account is never honoured by a lagging replica.
 */
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";

export const BOOKMARK_HEADER = "x-d1-bookmark";
export const BOOKMARK_COOKIE = "d1_bookmark";

/** GET routes whose answer may come from a replica. */
const REPLICA_READS = [
  /^\/api\/v1\/tracking\/[^/]+$/,
  /^\/lacak\/[^/]+$/,
  /^\/api\/v1\/proposals$/,
  /^\/api\/v1\/agencies\/[^/]+\/reviews$/,
  /^\/api\/v1\/districts\/[^/]+\/verifications$/,
  /^\/api\/v1\/triage$/,
  /^\/api\/v1\/exports\/renja$/,
  /^\/api\/v1\/public\//,
  /^\/publik(\/|$)/,
];

// D1's bookmarks look like 00000000-0000000e-00000000-<32 hex>; anything else is ignored, never passed to D1.
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/** Where this request's session starts: the caller's bookmark, a replica for the reads above, else the primary. */
export function sessionStart(method: string, path: string, bookmark: string | undefined): string {
  if (bookmark && BOOKMARK.test(bookmark)) return bookmark;
  return method === "GET" && REPLICA_READS.some((route) => route.test(path)) ? "first-unconstrained" : "first-primary";
}

export const d1Sessions = createMiddleware<AppEnv>(async (c, next) => {
  const session = c.env.DB.withSession(sessionStart(c.req.method, c.req.path, c.req.header(BOOKMARK_HEADER) ?? getCookie(c, BOOKMARK_COOKIE)));
  c.set("d1", session);
  await next();
  const bookmark = session.getBookmark();
  if (!bookmark) return;
  c.res.headers.set(BOOKMARK_HEADER, bookmark);
  // Pages: the browser carries it to the next page (after a form's redirect, say) by itself; never on an answer
  // shared through caches (the public account), which must not set a cookie.
  if (!(c.res.headers.get("cache-control") ?? "").startsWith("public") && !c.req.path.startsWith("/api/") && !c.req.path.startsWith("/webhooks/")) setCookie(c, BOOKMARK_COOKIE, bookmark, { httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
});
