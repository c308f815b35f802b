/**
 * Carry-over walked by the village on a 360×740 phone, against `wrangler dev` with its real Workflows and Queues:
 * three proposals of this planning year are verified by the kecamatan and carried over by Dinas PUPR (through the
 * API); when the next year opens the village sees them on its list and keeps one as it was, changes one first
 * and drops one after a confirmation; both stories show the link. Screens are saved under /tmp/carry-over/.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiAs, CHROMIUM, CHROMIUM_ARGS, OFFICE, PHONE, signInAs, until } from "./people.ts";

const YEAR = new Date().getUTCFullYear() + 1;
const NEXT = YEAR + 1;
const WORK = "/tmp/carry-over";
const baseUrl = inject("baseUrl") as string | undefined;

describe.skipIf(!baseUrl)("carry-over: the village keeps, changes or drops last year's proposals", () => {
  const url = (path: string) => `${baseUrl}${path}`;
  const stamp = Date.now().toString(36);
  const wanted = {
    keep: `Rehabilitasi saluran drainase Lingkungan II (lanjutan ${stamp})`,
    change: `Pembangunan talud penahan tanah di tepi sungai Lingkungan III (lanjutan ${stamp})`,
    drop: `Peningkatan jalan rabat beton gang Masjid Lingkungan I (lanjutan ${stamp})`,
  };
  const old: Record<keyof typeof wanted, { id: string; trackingCode: string }> = {} as never;
  let browser: Browser;
  let phone: Page;
  let desk: Page;
  let reviewer: Page;
  const seen: string[] = [];

  const shot = async (name: string) => {
    const path = join(WORK, `${name}.png`);
    await phone.screenshot({ path, fullPage: true });
    seen.push(path);
  };
  const api = (page: Page, method: string, path: string, body?: unknown) => apiAs(page, baseUrl!, method, path, body);
  const statusOf = async (id: string) => (await api(phone, "GET", `/api/v1/proposals/${id}`)).json.status;
  const fitsWidth = async () => expect(Number(await phone.evaluate("document.documentElement.scrollWidth"))).toBeLessThanOrEqual(360);
  const card = (activity: string) => phone.locator("section.carry-over .card", { hasText: activity });

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    await mkdir(WORK, { recursive: true });
    phone = await signInAs(await browser.newContext(PHONE), baseUrl!, "operator.wayurang");
    desk = await signInAs(await browser.newContext(OFFICE), baseUrl!, "verifikator.kalianda");
    reviewer = await signInAs(await browser.newContext(OFFICE), baseUrl!, "penelaah.pupr");
  });

  afterAll(async () => {
    console.log(`screenshots (${seen.length}):\n${seen.join("\n")}`);
    await browser?.close();
  });

  it(`${YEAR}: three proposals verified by the kecamatan and carried over by Dinas PUPR`, { timeout: 240_000 }, async () => {
    for (const [key, activity] of Object.entries(wanted) as [keyof typeof wanted, string][]) {
      const made = await api(phone, "POST", "/api/v1/proposals", {
        year: YEAR,
        villageCode: "18.01.06.1008",
        problem: "Belum tertangani karena pagu tahun ini tidak cukup.",
        activity,
        volume: 100,
        unit: "m",
        estimatedCost: 80_000_000,
        subActivityCode: "1.03.06.2.01.0012",
      });
      expect(made.status).toBe(201);
      old[key] = { id: made.json.id as string, trackingCode: made.json.trackingCode as string };
    }
    for (const { id } of Object.values(old)) {
      await until(async () => ((await api(desk, "GET", "/api/v1/districts/18.01.06/verifications?status=open&limit=200")).json.tasks as { proposal: { id: string } }[]).some((t) => t.proposal.id === id), `${id} to verify`);
      const queue = await api(desk, "GET", "/api/v1/districts/18.01.06/verifications?status=open&limit=200");
      const task = (queue.json.tasks as { id: string; proposal: { id: string } }[]).find((t) => t.proposal.id === id)!;
      expect((await api(desk, "POST", `/api/v1/reviews/${task.id}/decision`, { decision: "verified" })).status).toBe(201);
    }
    for (const { id } of Object.values(old)) {
      let task: string | undefined;
      await until(async () => {
        const queue = await api(reviewer, "GET", "/api/v1/agencies/18.01-pupr/reviews?status=open&limit=200");
        task = (queue.json.tasks as { id: string; proposal: { id: string } }[]).find((t) => t.proposal.id === id)?.id;
        return !!task;
      }, `${id} at Dinas PUPR`, 120);
      expect((await api(reviewer, "POST", `/api/v1/reviews/${task}/decision`, { decision: "carried_over", note: "Pagu Dinas PUPR tahun ini sudah habis." })).status).toBe(201);
    }
    for (const { id } of Object.values(old)) await until(async () => (await statusOf(id)) === "carried_over", `${id} carried over`, 120);
  });

  it(`${NEXT}: the village sees them on its list and keeps one as it was`, async () => {
    await phone.goto(url(`/usulan?tahun=${NEXT}`));
    await expect(phone.locator("#carry-over-heading").innerText()).resolves.toBe("Usulan tahun lalu yang dapat diajukan lagi");
    for (const activity of Object.values(wanted)) await expect(card(activity).count()).resolves.toBe(1);
    await expect(card(wanted.keep).innerText()).resolves.toContain("Dialihkan ke tahun berikutnya");
    await shot("01-daftar-usulan-tahun-lalu");
    await fitsWidth();

    await Promise.all([phone.waitForURL(/\?baru=1/), card(wanted.keep).locator('button:has-text("Ajukan lagi")').click()]);
    const story = await phone.locator("ol.story").innerText();
    expect(story).toContain(`Lanjutan dari ${old.keep.trackingCode} (${YEAR})`);
    await expect(phone.locator("h1").innerText()).resolves.toContain(wanted.keep);
    await shot("02-diajukan-lagi");
    await fitsWidth();
  });

  it("changes one first: the form prefilled, then sent through the same intake", async () => {
    await phone.goto(url(`/usulan?tahun=${NEXT}`));
    await expect(card(wanted.keep).count()).resolves.toBe(0);
    await card(wanted.change).locator('a:has-text("Ubah dulu")').click();
    await expect(phone.locator("#activity").inputValue()).resolves.toBe(wanted.change);
    await expect(phone.locator("p.notice").first().innerText()).resolves.toBe(`Lanjutan dari ${old.change.trackingCode} (${YEAR})`);
    await phone.fill("#volume", "60");
    await phone.fill("#estimatedCost", "48.000.000");
    await shot("03-ubah-dulu-formulir");
    await fitsWidth();
    await Promise.all([phone.waitForURL(/\?baru=1/), phone.click('form[action="/usulan"] button[type="submit"]')]);
    const story = await phone.locator("ol.story").innerText();
    expect(story).toContain(`Lanjutan dari ${old.change.trackingCode} (${YEAR})`);
    await expect(phone.locator("body").innerText()).resolves.toContain("Rp 48.000.000");
    await shot("04-ubah-dulu-terkirim");
  });

  it("drops one after a confirmation: it is not offered again", async () => {
    await phone.goto(url(`/usulan?tahun=${NEXT}`));
    await card(wanted.drop).locator('a:has-text("Tidak diajukan lagi")').click();
    await expect(phone.locator("h1").innerText()).resolves.toBe("Tidak mengajukan lagi usulan ini?");
    await shot("05-konfirmasi-tidak-diajukan");
    await fitsWidth();
    await Promise.all([phone.waitForURL(/tidak-diajukan=1/), phone.click('button:has-text("Ya, tidak diajukan lagi")')]);
    for (const activity of Object.values(wanted)) await expect(card(activity).count()).resolves.toBe(0);
    await expect(phone.locator("div.ok").innerText()).resolves.toContain("tidak akan ditawarkan lagi");
    // Back on the new year's list, where the kept and the changed one now are.
    await expect(phone.locator("h1").innerText()).resolves.toBe(`Usulan Way Urang untuk ${NEXT}`);
    const list = await phone.locator("table").innerText();
    for (const activity of [wanted.keep, wanted.change]) expect(list).toMatch(new RegExp(`${activity.replace(/[()]/g, "\\$&")}\\s+USL-${NEXT}-`));
    expect(list).not.toContain(wanted.drop);
    await shot("06-daftar-setelah-memilih");
    await fitsWidth();
  });

  it("the old proposals' stories say what became of them", async () => {
    await phone.goto(url(`/usulan/${old.keep.id}`));
    await expect(phone.locator("ol.story").innerText()).resolves.toMatch(new RegExp(`Diajukan lagi untuk ${NEXT} sebagai USL-${NEXT}-`));
    await shot("07-usulan-lama-diajukan-lagi");
    await phone.goto(url(`/usulan/${old.drop.id}`));
    await expect(phone.locator("ol.story").innerText()).resolves.toContain("Tidak diajukan lagi oleh desa");
    await shot("08-usulan-lama-tidak-diajukan");
    await fitsWidth();
  });
});
