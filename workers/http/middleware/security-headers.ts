/**
 * Security headers: a strict Content-Security-Policy on our pages (scripts only from this origin, which serves one
 * that pages work without; styles inline only), no framing, no sniffing; and `Cache-Control: no-store` on every
 * response to a signed-in caller, so a shared phone or a proxy never keeps someone's proposals (the icon and the
 * script, the same for everyone, keep their public cache). The API reference page (/docs) sets a policy of its own
 * (workers/http/docs.ts: its script and a nonce, still nothing from elsewhere).
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";

const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  if ((headers.get("content-type") ?? "").startsWith("text/html") && !headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", PAGE_POLICY);
  const shared = (headers.get("cache-control") ?? "").startsWith("public");
  if ((c.get("principal") || c.get("session")) && !shared) headers.set("Cache-Control", "no-store");
});
