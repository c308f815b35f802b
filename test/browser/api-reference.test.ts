/**
 * The API reference (/docs) in a real browser with no way out to the internet: every request to another origin
 * is refused, and the page must still render the operations from /openapi.json, under its CSP, with no console
 * error (a CSP violation is one), and "try it" must call this origin directly.
 *
 * Run with `vitest run -c vitest.browser.config.ts`; test/browser/global-setup.ts starts the Worker.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const baseUrl = inject("baseUrl") as string | undefined;

describe.skipIf(!baseUrl)("the API reference in Chromium, offline", () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const elsewhere: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "id-ID" });
    const origin = new URL(baseUrl!).origin;
    await context.route("**/*", (route) => {
      const url = route.request().url();
      requests.push(`${route.request().method()} ${url}`);
      if (new URL(url).origin === origin) return route.continue();
      elsewhere.push(url);
      return route.abort("internetdisconnected");
    });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders the operations from /openapi.json with its own script, nothing from elsewhere, no CSP error", async () => {
    const response = await page.goto(`${baseUrl}/docs`, { waitUntil: "networkidle" });
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
    await page.getByText("Ekspor Renja", { exact: true }).first().click();
    await expect(page.getByText("/api/v1/exports/renja").first().isVisible()).resolves.toBe(true);
    expect(requests.some((r) => r.endsWith("/docs/scalar.js"))).toBe(true);
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("sends a 'try it' request straight to this origin, not through a proxy", async () => {
    await page.goto(`${baseUrl}/docs#tag/sistem/GET/health`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: /Test Request/i }).first().click();
    const answered = page.waitForResponse((response) => response.url() === `${baseUrl}/health`);
    await page.getByRole("button", { name: /^Send/i }).first().click();
    expect((await answered).status()).toBe(200);
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
  });
});
