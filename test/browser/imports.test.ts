/**
 * The village imports its DU-RKPDesa on a phone (360×740): the template, the row-by-row preview, saving; then the
 * stage calendar as the village meets it (a year whose submission window Bappeda closed). Screens under /tmp.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const PHONE = { viewport: { width: 360, height: 740 }, locale: "id-ID", deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const OFFICE = { viewport: { width: 1366, height: 900 }, locale: "id-ID", deviceScaleFactor: 1 };
const YEAR = new Date().getUTCFullYear() + 1;
const baseUrl = inject("baseUrl") as string | undefined;

const HEADER = "bidang,no,jenis_kegiatan,data_eksisting,target_capaian,lokasi,volume_satuan,penerima_manfaat,waktu_pelaksanaan,biaya_rp,sumber_biaya,pola_pelaksanaan";

describe.skipIf(!baseUrl)("a village imports its DU-RKPDesa", () => {
  const url = (path: string) => `${baseUrl}${path}`;
  const stamp = Date.now().toString(36);
  const work = "/tmp/imports";
  let browser: Browser;
  let village: BrowserContext;
  let office: BrowserContext;
  let phone: Page;
  let desk: Page;
  const shot = async (on: Page, name: string) => {
    const path = join(work, `${name}.png`);
    await on.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  };
  async function signIn(context: BrowserContext, username: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(url("/masuk"));
    await page.fill("#username", username);
    await page.fill("#password", DEMO_PASSWORD);
    await Promise.all([page.waitForURL(url("/")), page.click('form[action="/masuk"] button[type="submit"]')]);
    return page;
  }
  const file = (rows: string[]) => ({ name: "du_rkpdesa_wayurang.csv", mimeType: "text/csv", buffer: Buffer.from([HEADER, ...rows].join("\n")) });
  async function upload(rows: string[], year: number) {
    await phone.goto(url("/impor"));
    await phone.setInputFiles('input[name="file"]', file(rows));
    await phone.fill('input[name="year"]', String(year));
    await Promise.all([phone.waitForURL(/\/impor\/imp_/), phone.click('form[action="/impor"] button[type="submit"]')]);
  }

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    await mkdir(work, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    village = await browser.newContext(PHONE);
    office = await browser.newContext(OFFICE);
    phone = await signIn(village, "operator.wayurang");
    desk = await signIn(office, "admin.bappeda");
  }, 60_000);
  afterAll(async () => browser?.close());

  const rows = [
    "BIDANG PENYELENGGARAAN PEMERINTAHAN DESA,1,Penyediaan Operasional Pemerintah Desa,,,Kelurahan Way Urang,1 Paket,,12 Bulan,69399500,APBDes,",
    `BIDANG PELAKSANAAN PEMBANGUNAN DESA,1,Pembangunan Drainase Lingkungan II RT 003 RW 001 (${stamp}),Saluran tersumbat dan meluap saat hujan,Drainase 120 m berfungsi,Kelurahan Way Urang,120 m,240,3 Bulan,90.000.000,APBD,Dinas Terkait`,
    `BIDANG PELAKSANAAN PEMBANGUNAN DESA,2,Rabat Beton Jalan Lingkungan III (${stamp}),Jalan tanah berlumpur,,Lingkungan III,200 m,150,2 Bulan,120000000,APBD,`,
    "BIDANG PELAKSANAAN PEMBANGUNAN DESA,,RT 12 Drainase 120 m,,,,,,,,,",
    "BIDANG PEMBINAAN KEMASYARAKATAN,1,Pelatihan Linmas,Sudah Ada Destana,Kesiapsiagaan bencana,Linmas,1 Paket,1 Paket,12 Bulan,banyak,APBD,BPBD",
  ];

  it("shows every row before saving, refuses a file with an error, saves a correct one", async () => {
    await phone.goto(url("/impor"));
    await shot(phone, "1-impor-awal");
    await upload(rows, YEAR);
    await expect.poll(() => phone.locator("#kesalahan").innerText()).toContain("Baris 6, kolom biaya_rp");
    expect(await phone.locator('form[action$="/simpan"]').count()).toBe(0);
    await shot(phone, "2-pratinjau-salah");
    const width = Number(await phone.evaluate("document.documentElement.scrollWidth"));
    expect(width).toBeLessThanOrEqual(360);

    await upload([...rows.slice(0, 4), rows[4]!.replace(",banyak,", ",20000000,")], YEAR);
    expect(await phone.locator("#ringkasan").innerText()).toContain("5 baris: 3 menjadi usulan, 2 dilewati, 0 kesalahan");
    await shot(phone, "3-pratinjau-siap");
    await Promise.all([phone.waitForURL(/\/impor\/imp_/), phone.click('form[action$="/simpan"] button')]);
    expect(await phone.locator("p.ok").innerText()).toContain("Tersimpan: 3 usulan");
    await shot(phone, "4-tersimpan");
    await phone.locator("a", { hasText: "USL-" }).first().click();
    await shot(phone, "5-usulan-hasil-impor");
  }, 120_000);

  it("tells the village the submission window when Bappeda's calendar has closed it", async () => {
    const closedYear = YEAR + 3;
    const csrf = await desk.locator('input[name="_csrf"]').first().inputValue().catch(() => "");
    const set = await desk.request.fetch(url("/api/v1/calendar"), {
      method: "PUT",
      headers: { "x-csrf-token": csrf, "content-type": "application/json" },
      data: JSON.stringify({ year: closedYear, windows: [{ stage: "desa_submission", opensOn: `${YEAR - 1}-01-02`, closesOn: `${YEAR - 1}-02-28` }] }),
    });
    expect(set.status()).toBe(200);
    await upload([rows[1]!.replace(stamp, `${stamp}-b`)], closedYear);
    await phone.click('form[action$="/simpan"] button');
    await expect.poll(() => phone.locator('p.notice[role="alert"]').innerText()).toContain(`Pengajuan usulan desa dibuka 2 Jan–28 Feb ${YEAR - 1} WIB; sudah ditutup.`);
    await shot(phone, "6-jadwal-ditutup");
  }, 60_000);
});
