/** What the browser walks share: Chromium as the suite launches it, the two screens, signing in, the API as a signed-in browser calls it, waiting. */
import type { BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
export const PHONE = { viewport: { width: 360, height: 740 }, locale: "id-ID", deviceScaleFactor: 1, isMobile: true, hasTouch: true };
export const OFFICE = { viewport: { width: 1366, height: 900 }, locale: "id-ID", deviceScaleFactor: 1 };

/** A demo account signed in through the form, on a new page of `context`, left on the home page. */
export async function signInAs(context: BrowserContext, base: string, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/masuk`);
  await page.fill("#username", username);
  await page.fill("#password", DEMO_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/`), page.click('form[action="/masuk"] button[type="submit"]')]);
  return page;
}

/** The API as the signed-in person's browser calls it (session cookie + CSRF header). */
export async function apiAs(page: Page, base: string, method: string, path: string, body?: unknown) {
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const response = await page.request.fetch(`${base}${path}`, { method, headers: { "x-csrf-token": csrf, "content-type": "application/json" }, ...(body === undefined ? {} : { data: JSON.stringify(body) }) });
  return { status: response.status(), json: (await response.json()) as Record<string, unknown> };
}

export async function until(read: () => Promise<boolean>, what: string, seconds = 60) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await read()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}
