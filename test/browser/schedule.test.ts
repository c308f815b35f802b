/**
 * Bappeda sets the year's schedule in a real browser (headless Debian Chromium, 1366×900): a half-filled window is
 * refused in words under its stage, the schedule is saved, and a window is extended with the reason people read.
 * A far year, so no other walk's proposals meet this schedule. Screens under /tmp/musrenbang-jadwal/.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, OFFICE, signInAs } from "./people.ts";

const baseUrl = inject("baseUrl") as string | undefined;
const YEAR = 2092;
const WORK = "/tmp/musrenbang-jadwal";

describe.skipIf(!baseUrl)("the schedule page, walked as Bappeda", () => {
  let browser: Browser;
  let admin: Page;
  const shot = async (name: string) => {
    const path = join(WORK, `${name}.png`);
    await admin.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  };

  beforeAll(async () => {
    await mkdir(WORK, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    admin = await signInAs(await browser.newContext(OFFICE), baseUrl!, "admin.bappeda");
  });
  afterAll(() => browser?.close());

  it("refuses a half window under its stage, saves the schedule, and extends a window with a reason", { timeout: 90_000 }, async () => {
    await admin.goto(`${baseUrl}/konsol/jadwal?tahun=${YEAR}`);
    await admin.fill("#opensOn-forum", `${YEAR}-05-01`);
    await Promise.all([admin.waitForLoadState("load"), admin.click('form[action^="/konsol/jadwal?"] button[type="submit"]')]);
    expect(await admin.locator("#forum-error").innerText()).toBe("Isi tanggal dibuka dan ditutup, atau kosongkan keduanya.");
    await shot("01-jadwal-setengah");

    await admin.fill("#closesOn-forum", `${YEAR}-05-31`);
    await admin.fill("#opensOn-desa_submission", `${YEAR}-01-02`);
    await admin.fill("#closesOn-desa_submission", `${YEAR}-02-28`);
    await Promise.all([admin.waitForURL(/ok=1/), admin.click('form[action^="/konsol/jadwal?"] button[type="submit"]')]);
    expect(await admin.locator("main").innerText()).toContain(`2 Jan–28 Feb ${YEAR} WIB`);
    await shot("02-jadwal-tersimpan");

    await admin.selectOption("#extend-stage", "desa_submission");
    await admin.fill("#extend-closesOn", `${YEAR}-03-15`);
    await admin.fill("#extend-reason", "Banyak desa terlambat karena banjir.");
    await Promise.all([admin.waitForURL(/ok=2/), admin.click('form[action^="/konsol/jadwal/perpanjang"] button[type="submit"]')]);
    const text = await admin.locator("main").innerText();
    expect(text).toContain(`2 Jan–15 Mar ${YEAR} WIB`);
    expect(text).toContain("Banyak desa terlambat karena banjir.");
    expect(Number(await admin.evaluate("document.documentElement.scrollWidth"))).toBeLessThanOrEqual(1366);
    await shot("03-jadwal-diperpanjang");
  });
});
