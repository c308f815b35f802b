/**
 * Budget scenarios walked by Bappeda in a real browser (1366×900), against `wrangler dev` with the demo year and
 * its real Workflow: envelopes per kecamatan, a scenario created and run (progress, then the result), a kecamatan's
 * desa before and after with what falls out and why, a second scenario, the two side by side, both XLSX files opened
 * in LibreOffice (XLSX → PDF → PNG), and one applied. Screens are saved under /tmp/scenarios/ to be looked at.
 */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { SOFFICE } from "./global-setup.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const OFFICE = { viewport: { width: 1366, height: 900 }, locale: "id-ID", deviceScaleFactor: 1 };
const YEAR = new Date().getUTCFullYear() + 1;
const KALIANDA = "18.01.06";
const run = promisify(execFile);
const baseUrl = inject("baseUrl") as string | undefined;

describe.skipIf(!baseUrl)("a budget scenario from creation to comparison, as Bappeda", () => {
  const url = (path: string) => `${baseUrl}${path}`;
  const work = "/tmp/scenarios";
  let browser: Browser;
  let page: Page;
  const shot = async (name: string) => {
    const path = join(work, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  };

  async function api(method: string, path: string, body?: unknown) {
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const response = await page.request.fetch(url(path), { method, headers: { "x-csrf-token": csrf, "content-type": "application/json" }, ...(body === undefined ? {} : { data: JSON.stringify(body) }) });
    return { status: response.status(), body: await response.body() };
  }

  /** Creates a scenario through the console's form and runs it, watching the progress until the result shows. */
  async function createAndRun(name: string, fill: () => Promise<void>, screen: string) {
    await page.goto(url("/konsol/skenario"));
    await page.fill("#name", name);
    await fill();
    await Promise.all([page.waitForURL(/\/konsol\/skenario\/skn_/), page.click('form[action="/konsol/skenario"] button[type="submit"]')]);
    await page.click("text=Jalankan skenario");
    for (let i = 0; i < 240 && !(await page.locator("h2", { hasText: "Per kecamatan" }).count()); i++) await page.waitForTimeout(250);
    expect(await page.locator("h2", { hasText: "Per kecamatan" }).count()).toBe(1);
    await shot(screen);
    return page.url().split("/").at(-1)!;
  }

  let districts: string[] = [];

  beforeAll(async () => {
    await mkdir(work, { recursive: true });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    page = await (await browser.newContext(OFFICE)).newPage();
    await page.goto(url("/masuk"));
    await page.fill("#username", "admin.bappeda");
    await page.fill("#password", DEMO_PASSWORD);
    await Promise.all([page.waitForURL(url("/")), page.click('form[action="/masuk"] button[type="submit"]')]);
    // Today's envelopes: Rp 1,2 miliar for every kecamatan the console's form offers.
    await page.goto(url("/konsol/skenario"));
    districts = (await page.locator('select[name="target0"] option[value^="district:"]').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value.slice("district:".length)))) as string[];
    expect(districts.length).toBe(17);
    for (const target of districts) expect((await api("PUT", "/api/v1/budget/envelopes", { year: YEAR, kind: "district", target, amount: 1_200_000_000 })).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    // Later walks accept proposals of the same year in the same Worker: the applied cut must not refuse them.
    if (page) for (const target of districts) await api("PUT", "/api/v1/budget/envelopes", { year: YEAR, kind: "district", target, amount: 100_000_000_000_000 });
    await browser?.close();
  });

  it("creates, runs, reads, compares, exports and applies", async () => {
    await page.goto(url("/konsol/skenario"));
    await shot("01-list-empty");

    const cut = await createAndRun(
      "Pagu kecamatan dipotong 65%",
      async () => {
        await page.fill("#allPercent", "-65");
        await page.fill("#floorCount", "1");
      },
      "02-result-cut",
    );
    expect(await page.locator("body").innerText()).toContain("Tersisih: pagu Kecamatan");

    await page.click(`a[href="/konsol/skenario/${cut}/kecamatan/${KALIANDA}"]`);
    expect((await page.locator("h1").innerText()).trim()).toBe("Kecamatan Kalianda");
    expect(await page.locator("body").innerText()).toContain("Way Urang");
    await shot("03-kalianda-desa-and-excluded");

    const protect = await createAndRun(
      "Dipotong 65%, Kalianda tetap",
      async () => {
        await page.fill("#allPercent", "-65");
        await page.selectOption('select[name="target0"]', `district:${KALIANDA}`);
        await page.fill('input[name="amount0"]', "1.200.000.000");
      },
      "04-result-protect",
    );

    await page.goto(url("/konsol/skenario"));
    await shot("05-list-two");
    await page.selectOption("#a", cut);
    await page.selectOption("#b", protect);
    await Promise.all([page.waitForURL(/banding/), page.click('form[action="/konsol/skenario/banding"] button[type="submit"]')]);
    expect(await page.locator("svg[role=img]").count()).toBe(1);
    const kaliandaRow = page.locator("tr", { hasText: "Kalianda" });
    expect(await kaliandaRow.innerText()).toContain("+Rp");
    await shot("06-compare");

    // Both XLSX files as Bappeda's staff open them: LibreOffice → PDF → PNG.
    for (const [name, path] of [["skenario", `/api/v1/budget-scenarios/${cut}/export.xlsx`], ["perbandingan", `/api/v1/budget-scenarios/compare.xlsx?a=${cut}&b=${protect}`]] as const) {
      const file = await api("GET", path);
      expect(file.status).toBe(200);
      await writeFile(join(work, `${name}.xlsx`), file.body);
      await run(SOFFICE, ["--headless", "--norestore", `-env:UserInstallation=file://${join(work, "profile")}`, "--convert-to", "pdf", "--outdir", work, join(work, `${name}.xlsx`)], { timeout: 120_000 });
      await run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", join(work, `${name}.pdf`), join(work, `xlsx-${name}`)]);
      console.log(`xlsx pages: ${join(work, `xlsx-${name}`)}-*.png`);
    }

    // Applying changes the real envelopes.
    await page.goto(url(`/konsol/skenario/${cut}`));
    await page.click("text=Terapkan ke pagu indikatif");
    // Every kecamatan's envelope, and any agency envelope an earlier walk in this Worker set for the year.
    const applied = Number(/Skenario diterapkan: (\d+) pagu indikatif diubah\./.exec(await page.locator("p.ok").innerText())?.[1]);
    expect(applied).toBeGreaterThanOrEqual(17);
    await shot("07-applied");
  }, 300_000);
});
