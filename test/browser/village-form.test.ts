/**
 * The village form in a real browser (headless Debian Chromium) on a 360 px phone: sign in as the operator of
 * Way Urang, send a wrong proposal and see it refused with every typed value kept, fix it, attach a photo, get a
 * tracking code, then find the proposal on the public tracking page and download the photo back.
 *
 * Run with `vitest run -c vitest.browser.config.ts`; test/browser/global-setup.ts starts the Worker.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const PHONE = { viewport: { width: 360, height: 740 }, locale: "id-ID", deviceScaleFactor: 1, isMobile: true, hasTouch: true };

/** A real 1x1 PNG: a photo as far as the Worker's type check goes. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
/** Musrenbang in year N plans year N+1 (workers/http/pages/proposals.tsx), and the tracking code carries it. */
const YEAR = new Date().getUTCFullYear() + 1;
const TRACKING_CODE = new RegExp(`USL-${YEAR}-[2-9A-HJ-NP-Z]{6}`);

// Outside the browser config (e.g. the workerd suite picks this file up) there is no Worker to drive: skip.
const baseUrl = inject("baseUrl") as string | undefined;

describe.skipIf(!baseUrl)("the village form in Chromium on a 360 px phone", () => {
  const url = (path: string) => `${baseUrl}${path}`;
  const activity = `Rabat beton gang Lingk. II (uji peramban ${Date.now().toString(36)})`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let work: string;
  let photo: string;
  let trackingCode = "";

  const shot = async (name: string) => {
    const path = join(work, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  };
  // A string, not a function: the project's TypeScript has no DOM library.
  const scrollWidth = async (on: Page = page) => Number(await on.evaluate("document.documentElement.scrollWidth"));

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    context = await browser.newContext(PHONE);
    page = await context.newPage();
    work = await mkdtemp(join(tmpdir(), "musrenbang-browser-"));
    photo = join(work, "jalan-rusak.png");
    await writeFile(photo, PNG);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("signs in as the village operator and keeps the Secure session cookie over http://127.0.0.1", async () => {
    await page.goto(url("/masuk"));
    await page.fill("#username", "operator.wayurang");
    await page.fill("#password", "musrenbang-demo");
    await Promise.all([page.waitForURL(url("/")), page.click('form[action="/masuk"] button[type="submit"]')]);
    const cookies = await context.cookies(baseUrl);
    expect(cookies.some((cookie) => cookie.secure && cookie.httpOnly), "a Secure HttpOnly session cookie").toBe(true);
    await expect(page.locator("header").innerText()).resolves.toContain("Operator Kelurahan Way Urang");
  });

  it("opens the form with the operator's own desa preselected and no sideways scrolling at 360 px", async () => {
    const response = await page.goto(url("/usulan/baru"));
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").innerText()).resolves.toBe("Ajukan usulan");
    await expect(page.locator("#villageCode").inputValue()).resolves.toBe("18.01.06.1008");
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
  });

  it("refuses a wrong proposal with Indonesian messages next to the fields and everything typed kept", async () => {
    await page.fill("#problem", "Jalan lingkungan berlubang & becek saat hujan, anak sekolah sering jatuh.");
    await page.fill("#activity", activity);
    await page.fill("#address", "Lingkungan II");
    await page.fill("#rt", "04");
    await page.fill("#latitude", "-5,7281");
    await page.fill("#volume", "150");
    await page.fill("#unit", "");
    await page.fill("#estimatedCost", "-5");
    await page.fill("#beneficiaryCount", "240");
    await page.selectOption("#beneficiaryGroup", "umum");
    await page.setInputFiles("#attachments", photo);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === url("/usulan") && r.request().method() === "POST"),
      page.click('form[action="/usulan"] button[type="submit"]'),
    ]);
    expect(response.status()).toBe(422);
    await page.waitForLoadState("domcontentloaded");

    await expect(page.locator('[role="alert"]').innerText()).resolves.toContain("Ada isian yang perlu diperbaiki");
    await expect(page.locator("#unit-error").innerText()).resolves.toBe("Volume harus disertai satuan.");
    await expect(page.locator("#estimatedCost-error").innerText()).resolves.toMatch(/^Perkiraan biaya tidak masuk akal/);
    await expect(page.locator("#estimatedCost").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.locator("#estimatedCost").getAttribute("aria-describedby")).resolves.toBe("estimatedCost-error");
    // Each message sits right under its own field.
    await expect(page.locator("#unit + datalist + #unit-error").count()).resolves.toBe(1);
    await expect(page.locator("#estimatedCost ~ #estimatedCost-error").count()).resolves.toBe(1);
    // Fields that were right carry no message.
    await expect(page.locator("#activity-error, #problem-error, #volume-error").count()).resolves.toBe(0);

    const kept = {
      "#problem": "Jalan lingkungan berlubang & becek saat hujan, anak sekolah sering jatuh.",
      "#activity": activity,
      "#address": "Lingkungan II",
      "#rt": "04",
      "#latitude": "-5,7281",
      "#volume": "150",
      "#unit": "",
      "#estimatedCost": "-5",
      "#beneficiaryCount": "240",
      "#beneficiaryGroup": "umum",
      "#villageCode": "18.01.06.1008",
    };
    for (const [selector, value] of Object.entries(kept)) {
      await expect(page.locator(selector).inputValue(), selector).resolves.toBe(value);
    }
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await shot("1-formulir-dengan-kesalahan");
  });

  it("accepts the fixed proposal with a photo and shows its tracking code", async () => {
    await page.fill("#unit", "m");
    await page.fill("#estimatedCost", "Rp 97.500.000");
    // A browser never keeps a chosen file across a page load: the operator picks the photo again.
    await page.setInputFiles("#attachments", photo);
    await Promise.all([page.waitForURL(/\/usulan\/[^/?]+\?baru=1$/), page.click('form[action="/usulan"] button[type="submit"]')]);

    const status = await page.locator('[role="status"]').innerText();
    expect(status).toMatch(new RegExp(`^Usulan terkirim\\. Kode lacak: ${TRACKING_CODE.source}$`));
    trackingCode = TRACKING_CODE.exec(status)?.[0] ?? "";
    await expect(page.locator("h1").innerText()).resolves.toBe(activity);
    await expect(page.locator("main").innerText()).resolves.toContain("Rp 97.500.000");
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await shot("2-usulan-terkirim");
  });

  it("serves the attached photo back, byte for byte, to the signed-in operator", async () => {
    // Photos show inline, each linking to its file.
    const link = page.locator('.photos a[href*="/attachments/"]');
    await expect(link.locator("img").getAttribute("alt")).resolves.toBe("jalan-rusak.png");
    const href = await link.getAttribute("href");
    const response = await page.request.get(url(href ?? ""));
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^image\/png/);
    expect(Buffer.from(await response.body()).equals(PNG)).toBe(true);
  });

  it("lists the proposal on the village's page with its stage", async () => {
    await page.goto(url("/usulan"));
    const row = page.locator("tr", { hasText: trackingCode });
    await expect(row.count()).resolves.toBe(1);
    await expect(row.innerText()).resolves.toContain(activity);
    await shot("3-daftar-usulan-desa");
  });

  it("finds the proposal on the public tracking page without signing in", async () => {
    expect(trackingCode).toMatch(TRACKING_CODE);
    const stranger = await browser.newContext(PHONE);
    try {
      const publicPage = await stranger.newPage();
      const response = await publicPage.goto(url(`/lacak/${trackingCode}`));
      expect(response?.status()).toBe(200);
      const text = await publicPage.locator("main").innerText();
      expect(text).toContain(`Lacak usulan ${trackingCode}`);
      expect(text).toContain(activity);
      expect(text).toContain("Way Urang");
      expect(text).toContain("Diajukan");
      expect(text).not.toContain("Operator");
      expect(text).not.toContain("97.500.000");
      await expect(publicPage.locator("header").innerText()).resolves.toContain("Masuk");
      expect(await scrollWidth(publicPage)).toBeLessThanOrEqual(360);
      const path = join(work, "4-lacak-usulan.png");
      await publicPage.screenshot({ path, fullPage: true });
      console.log(`screenshot: ${path}`);
    } finally {
      await stranger.close();
    }
  });
});
