/**
 * Security headers: a strict Content-Security-Policy on our pages (no scripts at all, styles inline only), no
 * framing, no sniffing; and `Cache-Control: no-store` on every response to a signed-in caller, so a shared phone
 * or a proxy never keeps someone's proposals. The API reference page (/docs) sets a policy of its own
 * (workers/http/docs.ts: its script and a nonce, still nothing from elsewhere).
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.ts";

const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  if ((headers.get("content-type") ?? "").startsWith("text/html") && !headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", PAGE_POLICY);
  if (c.get("principal") || c.get("session")) headers.set("Cache-Control", "no-store");
});
