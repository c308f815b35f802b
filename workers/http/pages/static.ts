/**
 * The few files every page uses, served by the Worker itself with a long cache: the icon browsers ask for on
 * every page, and the upload check script. Their addresses carry a version, so a change is a new address.
 */
import { Hono } from "hono";
import { UPLOAD_CHECK_PATH, UPLOAD_CHECK_SCRIPT } from "../../views/client/upload-check.ts";
import type { AppEnv } from "../context.ts";

/** A green tile with a white "M": readable at 16 px, no font needed. */
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#14532d"/><path d="M7.5 24V9l8.5 9 8.5-9v15" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

const LONG_CACHE = "public, max-age=31536000, immutable";

const icon = (body: string) => new Response(body, { headers: { "content-type": "image/svg+xml", "cache-control": LONG_CACHE } });

export const staticFiles = new Hono<AppEnv>()
  .get("/favicon.svg", () => icon(ICON))
  // Browsers and crawlers also ask for the old address; every current browser reads an SVG there too.
  .get("/favicon.ico", () => icon(ICON))
  .get(UPLOAD_CHECK_PATH, () => new Response(UPLOAD_CHECK_SCRIPT, { headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": LONG_CACHE } }));
