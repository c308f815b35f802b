/**
 * /docs: the API reference (Scalar) for /openapi.json, served wholly from this origin. The script is Scalar's
 * standalone bundle at the version pinned in package.json, served as a static asset (scripts/docs-assets.ts); the
 * page's one inline script (the configuration) carries a per-request nonce. Nothing is loaded from elsewhere: no
 * CDN, no web fonts, no "try it" proxy, no telemetry, no AI agent. It works offline.
 */
import { randomToken } from "../../shared/access/bytes.ts";
import type { AppContext } from "./context.ts";

export const SCALAR_SCRIPT = "/docs/scalar.js";

const CONFIGURATION = {
  url: "/openapi.json",
  withDefaultFonts: false,
  // Unset, "try it" requests would go through proxy.scalar.com; empty, they go straight to this origin.
  proxyUrl: "",
  telemetry: false,
  agent: { disabled: true },
  showDeveloperTools: "never",
};

export function docsPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    // As on every page here (security-headers.ts): Scalar's libraries set style attributes and add a <style> of
    // their own without a nonce (seen in Chromium: a toast library, floating-ui). Scripts stay locked to the nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function docsPage(c: AppContext): Response {
  const nonce = randomToken(18);
  c.header("Content-Security-Policy", docsPolicy(nonce));
  // JSON inside a <script>: "<" escaped so no value can close the element.
  const configuration = JSON.stringify(CONFIGURATION).replace(/</g, "\\u003c");
  return c.html(`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Musrenbang Sync API</title>
</head>
<body>
<div id="app"></div>
<script src="${SCALAR_SCRIPT}" nonce="${nonce}"></script>
<script nonce="${nonce}">Scalar.createApiReference("#app", ${configuration});</script>
</body>
</html>
`);
}
