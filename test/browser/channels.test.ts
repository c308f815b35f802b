/**
 * The pokir DPRD and the thematic Musrenbang in a real browser (headless Debian Chromium) against `wrangler dev` with
 * the demo seed:
 * - Setwan (1366×900) enters a pokir for a member, kecamatan-wide, with a photo as evidence, and reads the report;
 * - the member (1366×900) submits its own pokir for a desa and reads its report, then the CSV;
 * - a thematic group (a 360×740 phone) submits for its kecamatan and reads the tally per theme.
 * Every screen is saved (paths printed) to be looked at.
 */
import { mkdir } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { OFFICE, PHONE, signInAs } from "./people.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const WORK = "/tmp/channels";

const baseUrl = inject("baseUrl") as string | undefined;

describe.skipIf(!baseUrl)("pokir DPRD and the thematic Musrenbang, walked by Setwan, a member and a group", () => {
  const url = (path: string) => `${baseUrl}${path}`;
  const stamp = Date.now().toString(36);
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const shot = async (on: Page, name: string) => {
    const path = `${WORK}/${name}.png`;
    await on.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  };
  const fitsWidth = async (on: Page, width: number) => expect(Number(await on.evaluate("document.documentElement.scrollWidth"))).toBeLessThanOrEqual(width);

  async function signIn(options: typeof PHONE | typeof OFFICE, username: string): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    return signInAs(context, url(""), username);
  }

  beforeAll(async () => {
    await mkdir(WORK, { recursive: true });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it("Setwan enters a kecamatan-wide pokir for a member with a photo; a missing member is named under its field", async () => {
    const desk = await signIn(OFFICE, "setwan.dprd");
    await shot(desk, "setwan-home");
    await desk.click('a[href="/pokir/baru"]');
    await desk.fill("#activity", `Normalisasi saluran drainase sekecamatan Kalianda (${stamp})`);
    await desk.fill("#problem", "Warga di reses mengeluhkan banjir karena saluran dangkal dan penuh sedimen di beberapa desa.");
    await desk.selectOption("#districtCode", "18.01.06");
    await desk.fill("#volume", "1.200");
    await desk.fill("#unit", "m");
    await desk.fill("#estimatedCost", "850.000.000");
    await desk.fill("#resesDate", "2026-03-14");
    await desk.fill("#resesPlace", "Balai Desa Jondong");
    await desk.setInputFiles("#attachments", { name: "foto-saluran.png", mimeType: "image/png", buffer: PNG });
    await Promise.all([desk.waitForLoadState("load"), desk.click('form[action="/pokir"] button[type="submit"]')]);
    await shot(desk, "setwan-after-submit");
    // No member chosen: refused with the reason under the member field, everything typed kept.
    expect(await desk.locator("#memberId-error").innerText()).toBe("Pilih anggota DPRD pemilik pokir.");
    expect(await desk.inputValue("#resesPlace")).toBe("Balai Desa Jondong");
    await shot(desk, "setwan-pokir-refused");
    await desk.selectOption("#memberId", "18.01-dprd-03");
    await desk.setInputFiles("#attachments", { name: "foto-saluran.png", mimeType: "image/png", buffer: PNG });
    await Promise.all([desk.waitForURL(/\/usulan\/usl_[^?]+\?baru=1$/), desk.click('form[action="/pokir"] button[type="submit"]')]);
    await shot(desk, "setwan-pokir-detail");
    const facts = desk.locator("dl.facts");
    expect(await facts.innerText()).toContain("Pokir DPRD");
    expect(await facts.innerText()).toContain("Drs. Bambang Irawan · Fraksi Golkar");
    expect(await facts.innerText()).toContain("Sekecamatan Kalianda");
    // The reses date as Indonesians write it, and the first level is the proposer's, not a desa's.
    expect(await facts.innerText()).toContain("14 Maret 2026, Balai Desa Jondong");
    expect(await desk.locator("table.recommendations").innerText()).toContain("Diminta pengusul");
    expect(await desk.locator('img[src*="/attachments/"]').count()).toBe(1);
    await fitsWidth(desk, 1366);
    await shot(desk, "setwan-pokir-detail");
    await desk.goto(url("/pokir?anggota=18.01-dprd-03"));
    expect(await desk.locator("table").innerText()).toContain(`Normalisasi saluran drainase sekecamatan Kalianda (${stamp})`);
    expect(await desk.locator("table").innerText()).toContain("Drs. Bambang Irawan");
    await shot(desk, "setwan-report");
  });

  it("a member submits its own pokir for a desa and reads what became of each, and the CSV", async () => {
    const desk = await signIn(OFFICE, "anggota.dprd");
    await desk.click('a[href="/pokir/baru"]');
    // A member enters only its own: there is no member to choose.
    expect(await desk.locator("#memberId").count()).toBe(0);
    await desk.fill("#activity", `Pembangunan drainase lingkungan RT 05 Way Urang (${stamp})`);
    await desk.fill("#problem", "Warga RT 05 menyampaikan saat reses bahwa saluran tersumbat dan meluap setiap hujan.");
    await desk.selectOption("#villageCode", "18.01.06.1008");
    await desk.fill("#volume", "150");
    await desk.fill("#unit", "m");
    await desk.fill("#estimatedCost", "120.000.000");
    await desk.fill("#resesDate", "2026-03-15");
    await desk.fill("#resesPlace", "Kelurahan Way Urang");
    await desk.setInputFiles("#attachments", { name: "foto-rt05.png", mimeType: "image/png", buffer: PNG });
    await Promise.all([desk.waitForURL(/\/usulan\/usl_[^?]+\?baru=1$/), desk.click('form[action="/pokir"] button[type="submit"]')]);
    expect(await desk.locator("dl.facts").innerText()).toContain("Hj. Siti Rohmah, S.Pd. · Fraksi PKB");
    await shot(desk, "member-pokir-detail");
    await desk.goto(url("/pokir"));
    const row = desk.locator("tr", { hasText: `Pembangunan drainase lingkungan RT 05 Way Urang (${stamp})` });
    expect(await row.innerText()).toContain("Way Urang, Kalianda");
    await fitsWidth(desk, 1366);
    await shot(desk, "member-report");
    const csv = await desk.request.get(url(await desk.locator('a:has-text("Unduh CSV")').getAttribute("href") as string));
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(`Pembangunan drainase lingkungan RT 05 Way Urang (${stamp})`);
  });

  it("a thematic group submits for its kecamatan on a phone and reads the tally per theme", async () => {
    const phone = await signIn(PHONE, "forum.perempuan");
    await shot(phone, "tematik-home");
    await phone.click('a[href="/tematik/baru"]');
    expect(await phone.locator('form[action="/tematik"]').innerText()).toContain("Tema: Perempuan");
    await phone.fill("#activity", `Pelatihan usaha perempuan kepala keluarga (${stamp})`);
    await phone.fill("#problem", "Perempuan kepala keluarga di Kalianda belum punya keterampilan usaha dan akses modal.");
    await phone.selectOption("#districtCode", "18.01.06");
    await phone.fill("#volume", "40");
    await phone.fill("#unit", "orang");
    await phone.fill("#estimatedCost", "75.000.000");
    await fitsWidth(phone, 360);
    await shot(phone, "tematik-form");
    await Promise.all([phone.waitForURL(/\/usulan\/usl_[^?]+\?baru=1$/), phone.click('form[action="/tematik"] button[type="submit"]')]);
    expect(await phone.locator("dl.facts").innerText()).toContain("Musrenbang tematik · Perempuan · Forum Perempuan Lampung Selatan");
    await shot(phone, "tematik-detail");
    await fitsWidth(phone, 360);
    await phone.goto(url("/tematik"));
    const perempuan = phone.locator('dd[data-theme="perempuan"]');
    expect(await perempuan.count()).toBe(1);
    expect(Number(await perempuan.locator('[data-count="submitted"]').innerText())).toBeGreaterThanOrEqual(1);
    await shot(phone, "tematik-summary");
    await fitsWidth(phone, 360);
  });
});
