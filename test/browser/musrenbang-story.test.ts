/**
 * A whole Musrenbang in a real browser (headless Debian Chromium), as each person does it, against `wrangler dev`
 * with its real Workflows and Queues:
 * - the village (a 360×740 phone) submits with a photo, an 11 MB photo is refused before anything is sent;
 * - the kecamatan (a 1366×900 office screen) returns it with a note;
 * - the village sees the note, adds a photo, sends it back;
 * - the kecamatan verifies, ranks, recommends a volume and cost, closes its list;
 * - the village sees the recommendation, later the agency's change as before → after with its reason;
 * - a merged proposal names the proposal it went into.
 * Every screen is saved under /tmp (the paths are printed) to be looked at.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiAs, CHROMIUM, CHROMIUM_ARGS, OFFICE, PHONE, signInAs, until } from "./people.ts";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const YEAR = new Date().getUTCFullYear() + 1;
const RETURN_NOTE = "Mohon lengkapi foto lokasi saluran yang tersumbat (tampak depan dan samping).";
const RECOMMENDATION_NOTE = "Panjang disesuaikan: 20 m sudah dibangun lewat Dana Desa.";
const AGENCY_REASON = "Disesuaikan dengan standar harga satuan 2027 dan hasil survei lapangan.";

const baseUrl = inject("baseUrl") as string | undefined;

describe.skipIf(!baseUrl)("a Musrenbang walked by the village, the kecamatan and the agency", () => {
  const url = (path: string) => `${baseUrl}${path}`;
  const stamp = Date.now().toString(36);
  const activity = `Pembangunan drainase lingkungan RT 03 (uji ${stamp})`;
  let browser: Browser;
  let village: BrowserContext;
  let office: BrowserContext;
  let agency: BrowserContext;
  let phone: Page;
  let desk: Page;
  let work: string;
  let proposalId = "";
  let trackingCode = "";
  /** Two more proposals of the same desa: one to rank against, one merged into the main one. */
  let others: string[] = [];
  const seen: string[] = [];

  const shot = async (on: Page, name: string) => {
    const path = join(work, `${name}.png`);
    await on.screenshot({ path, fullPage: true });
    seen.push(path);
    console.log(`screenshot: ${path}`);
  };
  /** A part of a long phone page on its own, readable when looked at. */
  const part = async (on: Page, selector: string, name: string) => {
    const path = join(work, `${name}.png`);
    await on.locator(selector).screenshot({ path });
    seen.push(path);
    console.log(`screenshot: ${path}`);
  };
  const scrollWidth = async (on: Page) => Number(await on.evaluate("document.documentElement.scrollWidth"));
  /** What sticks out to the right, to name it when a page scrolls sideways. */
  const sticking = async (on: Page) =>
    String(
      await on.evaluate(
        `[...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).slice(0, 6).join(", ")`,
      ),
    );
  const fitsWidth = async (on: Page, width: number) => expect(await scrollWidth(on), await sticking(on)).toBeLessThanOrEqual(width);

  /** What the village types into the form, the same every time it sends this proposal. */
  async function fillProposal(page: Page) {
    const fields: [string, string][] = [
      ["#problem", "Saluran air di RT 03 tersumbat sampah dan meluap ke jalan setiap hujan deras."],
      ["#activity", activity],
      ["#description", "Saluran pasangan batu kali sepanjang gang menuju SD Negeri 1 Way Urang."],
      ["#address", "Lingkungan II"],
      ["#rt", "03"],
      ["#rw", "01"],
      ["#latitude", "-5,7275"],
      ["#longitude", "105,5912"],
      ["#volume", "120"],
      ["#unit", "m"],
      ["#estimatedCost", "90.000.000"],
      ["#beneficiaryCount", "240"],
      ["#subActivityCode", "1.03.06.2.01.0012"],
    ];
    for (const [selector, value] of fields) await page.fill(selector, value);
    await page.selectOption("#beneficiaryGroup", "umum");
  }

  const signIn = (context: BrowserContext, username: string) => signInAs(context, baseUrl!, username);
  const api = (page: Page, method: string, path: string, body?: unknown) => apiAs(page, baseUrl!, method, path, body);
  const statusOf = async (page: Page, id: string) => (await api(page, "GET", `/api/v1/proposals/${id}`)).json.status;
  const untilStatus = (page: Page, id: string, status: string) => until(async () => (await statusOf(page, id)) === status, `${id} ${status}`);

  /** The kecamatan verifies a proposal through its API (the page flow is walked once, for the main proposal). */
  async function verifyByApi(id: string) {
    const queue = await api(desk, "GET", "/api/v1/districts/18.01.06/verifications?status=open&limit=200");
    const task = (queue.json.tasks as { id: string; proposal: { id: string } }[]).find((t) => t.proposal.id === id)!;
    expect((await api(desk, "POST", `/api/v1/reviews/${task.id}/decision`, { decision: "verified" })).status).toBe(201);
    await untilStatus(desk, id, "in_review");
  }

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    village = await browser.newContext(PHONE);
    office = await browser.newContext(OFFICE);
    agency = await browser.newContext(OFFICE);
    work = await mkdtemp(join(tmpdir(), "musrenbang-cerita-"));
    await writeFile(join(work, "saluran-tersumbat.png"), PNG);
    await writeFile(join(work, "saluran-samping.png"), PNG);
    const huge = Buffer.alloc(11 * 1024 * 1024);
    PNG.copy(huge);
    await writeFile(join(work, "foto-11mb.png"), huge);
    phone = await signIn(village, "operator.wayurang");
    desk = await signIn(office, "verifikator.kalianda");
  });

  afterAll(async () => {
    console.log(`screenshots (${seen.length}):\n${seen.join("\n")}`);
    await browser?.close();
  });

  it("village: an 11 MB photo is refused next to the field before anything is sent", async () => {
    await phone.goto(url("/usulan/baru"));
    let posts = 0;
    phone.on("request", (request) => {
      if (request.method() === "POST" && request.url() === url("/usulan")) posts++;
    });
    await fillProposal(phone);
    await phone.setInputFiles("#attachments", join(work, "foto-11mb.png"));
    await expect(phone.locator("#attachments-error").innerText()).resolves.toMatch(/^Berkas terlalu besar \(maks\. 10 MB per berkas\): foto-11mb\.png/);
    await phone.click('form[action="/usulan"] button[type="submit"]');
    await phone.waitForTimeout(500);
    expect(posts).toBe(0);
    await shot(phone, "01-desa-foto-terlalu-besar");
    await fitsWidth(phone, 360);
  });

  it("village: submits the proposal with a photo; RT/RW and the map point sit side by side", async () => {
    const [rt, rw] = [await phone.locator("#rt").boundingBox(), await phone.locator("#rw").boundingBox()];
    expect(Math.abs(rt!.y - rw!.y)).toBeLessThan(2);
    expect(rt!.width).toBeGreaterThan(120);
    await phone.setInputFiles("#attachments", join(work, "saluran-tersumbat.png"));
    await shot(phone, "02-desa-formulir");
    await Promise.all([phone.waitForURL(/\/usulan\/[^/?]+\?baru=1$/), phone.click('form[action="/usulan"] button[type="submit"]')]);
    proposalId = /\/usulan\/([^/?]+)/.exec(phone.url())![1]!;
    trackingCode = /USL-\d{4}-[2-9A-HJ-NP-Z]{6}/.exec(await phone.locator('[role="status"]').innerText())![0];
    await expect(phone.locator(".photos img").count()).resolves.toBe(1);
    await shot(phone, "03-desa-usulan-terkirim");
    await fitsWidth(phone, 360);
  });

  it("village: going back and sending the same form again shows the proposal already made", async () => {
    await phone.goto(url("/usulan/baru"));
    await fillProposal(phone);
    await Promise.all([phone.waitForURL(url(`/usulan/${proposalId}?sama=1`)), phone.click('form[action="/usulan"] button[type="submit"]')]);
    await expect(phone.locator('[role="status"]').innerText()).resolves.toContain("Usulan yang sama sudah Anda kirim");
  });

  it("kecamatan: the work list fits the screen; the proposal shows everything, nothing chosen; returned with a note", async () => {
    await desk.goto(url("/telaah"));
    await shot(desk, "04-kecamatan-daftar-verifikasi");
    await fitsWidth(desk, 1366);
    await desk.click(`a:has-text("${activity}")`);
    await expect(desk.locator("main").innerText()).resolves.toContain("-5.72750, 105.59120");
    await expect(desk.locator('input[name="decision"]:checked').count()).resolves.toBe(0);
    await expect(desk.locator(".photos img").count()).resolves.toBe(1);
    await shot(desk, "05-kecamatan-satu-usulan");
    // A return without a note: the message sits under the note field.
    await desk.check('input[name="decision"][value="returned"]');
    await desk.click('#keputusan button[type="submit"]');
    await expect(desk.locator("#reason + #reason-hint + #reason-error").innerText()).resolves.toBe("Wajib diisi.");
    await shot(desk, "06-kecamatan-kesalahan-di-isian");
    await desk.fill("#reason", RETURN_NOTE);
    await Promise.all([desk.waitForURL(/\/telaah(\/[^?]+)?\?ok=1$/), desk.click('#keputusan button[type="submit"]')]);
    await untilStatus(desk, proposalId, "returned");
  });

  it("village: sees the kecamatan's note, adds a photo and sends the proposal back", async () => {
    await phone.goto(url(`/usulan/${proposalId}`));
    await expect(phone.locator("#catatan-kecamatan").innerText()).resolves.toContain(RETURN_NOTE);
    await expect(phone.locator("#catatan-kecamatan").innerText()).resolves.toMatch(/Kecamatan Kalianda · \d{1,2} \w{3} \d{4} \d{2}\.\d{2} WIB/);
    await shot(phone, "07-desa-dikembalikan-dengan-catatan");
    await fitsWidth(phone, 360);
    await phone.click('a:has-text("Perbaiki lalu kirim kembali")');
    await expect(phone.locator("#catatan-kecamatan").innerText()).resolves.toContain(RETURN_NOTE);
    await phone.setInputFiles("#attachments", join(work, "saluran-samping.png"));
    await shot(phone, "08-desa-perbaiki-dan-tambah-foto");
    await Promise.all([phone.waitForURL(url(`/usulan/${proposalId}?terkirim=1`)), phone.click(`form[action="/usulan/${proposalId}"] button[type="submit"]`)]);
    await expect(phone.locator(".photos img").count()).resolves.toBe(2);
    await expect(phone.locator("ol.story").innerText()).resolves.toContain("Lampiran ditambah: saluran-samping.png");
    await untilStatus(phone, proposalId, "submitted");
    await shot(phone, "09-desa-dikirim-kembali");
  });

  it("kecamatan: verifies, ranks, recommends and closes its list", async () => {
    // Two more proposals on the list, so there is something to rank against (one of them is merged later).
    others = [];
    for (const name of ["sumur bor Lingkungan I", "gorong-gorong balai desa"]) {
      const created = await api(phone, "POST", "/api/v1/proposals", {
        year: YEAR,
        villageCode: "18.01.06.1008",
        problem: `Warga membutuhkan ${name} karena kondisi sekarang sering rusak.`,
        activity: `Pembangunan ${name} (uji ${stamp})`,
        volume: 1,
        unit: "unit",
        estimatedCost: 45_000_000,
        subActivityCode: "1.03.06.2.01.0012",
      });
      expect(created.status).toBe(201);
      others.push(created.json.id as string);
    }
    await desk.goto(url("/telaah"));
    await desk.click(`a:has-text("${activity}")`);
    await desk.check('input[name="decision"][value="verified"]');
    await Promise.all([desk.waitForURL(/\?ok=1$/), desk.click('#keputusan button[type="submit"]')]);
    await untilStatus(desk, proposalId, "in_review");
    for (const id of others) await verifyByApi(id);

    await desk.goto(url(`/musrenbang-kecamatan?tahun=${YEAR}`));
    const row = desk.locator(`#usulan-${proposalId}`);
    // To the top with the typed position, then one down and back up with the buttons.
    await row.locator(`#rank-${proposalId}`).fill("1");
    await Promise.all([desk.waitForURL(/#usulan-/), row.locator('button:has-text("Pindah")').click()]);
    await expect(desk.locator(`#usulan-${proposalId}`).getAttribute("data-rank")).resolves.toBe("1");
    await Promise.all([desk.waitForURL(/#usulan-/), desk.locator(`#usulan-${proposalId} button[aria-label="Turunkan"]`).click()]);
    await expect(desk.locator(`#usulan-${proposalId}`).getAttribute("data-rank")).resolves.toBe("2");
    await Promise.all([desk.waitForURL(/#usulan-/), desk.locator(`#usulan-${proposalId} button[aria-label="Naikkan"]`).click()]);
    await expect(desk.locator(`#usulan-${proposalId}`).getAttribute("data-rank")).resolves.toBe("1");
    await shot(desk, "10-kecamatan-peringkat");

    await desk.click(`#usulan-${proposalId} a:has-text("Isi rekomendasi")`);
    await desk.fill("#volume", "");
    await desk.fill("#estimatedCost", "75.000.000");
    await desk.fill("#note", RECOMMENDATION_NOTE);
    await desk.click('form[action^="/musrenbang-kecamatan/usulan/"] button[type="submit"]');
    await expect(desk.locator("#volume-error").innerText()).resolves.not.toBe("");
    await shot(desk, "11-kecamatan-rekomendasi-kesalahan");
    await desk.fill("#volume", "100");
    await Promise.all([desk.waitForURL(/ok=rekomendasi/), desk.click('form[action^="/musrenbang-kecamatan/usulan/"] button[type="submit"]')]);
    await expect(desk.locator(`#usulan-${proposalId} .recommendation`).innerText()).resolves.toContain("Rp 75.000.000");
    await shot(desk, "12-kecamatan-rekomendasi-tersimpan");

    await desk.click('a:has-text("Tutup daftar kecamatan")');
    await shot(desk, "13-kecamatan-konfirmasi-tutup");
    await Promise.all([desk.waitForURL(/ok=ditutup/), desk.click('button:has-text("Ya, tutup daftar")')]);
    await expect(desk.locator("#daftar-ditutup").count()).resolves.toBe(1);
    await expect(desk.locator('button[aria-label="Naikkan"]').count()).resolves.toBe(0);
    await shot(desk, "14-kecamatan-daftar-ditutup");
  });

  it("village: sees the kecamatan's recommendation and rank in the story", async () => {
    await phone.goto(url(`/usulan/${proposalId}`));
    const story = await phone.locator("ol.story").innerText();
    expect(story).toContain("Rekomendasi Musrenbang kecamatan");
    expect(story).toContain(RECOMMENDATION_NOTE);
    expect(story).toMatch(/Volume: 120 m → 100 m/);
    expect(story).toContain("Daftar prioritas kecamatan ditetapkan");
    await expect(phone.locator('table.recommendations tr[data-level="kecamatan"]').innerText()).resolves.toContain("Rp 75.000.000");
    await shot(phone, "15-desa-rekomendasi-kecamatan");
    await part(phone, "ol.story", "15b-desa-riwayat");
    await fitsWidth(phone, 360);
  });

  it("agency: changes the volume and cost with a reason; merges the duplicate", async () => {
    const reviewer = await signIn(agency, "penelaah.pupr");
    await reviewer.goto(url("/telaah"));
    await reviewer.click(`a:has-text("${activity}")`);
    await reviewer.check('input[name="decision"][value="accepted_with_changes"]');
    await reviewer.fill("#volume", "90");
    await reviewer.fill("#estimatedCost", "70.000.000");
    await reviewer.fill("#reason", AGENCY_REASON);
    await shot(reviewer, "16-opd-keputusan");
    await Promise.all([reviewer.waitForURL(/\?ok=1$/), reviewer.click('#keputusan button[type="submit"]')]);
    await untilStatus(phone, proposalId, "accepted_with_changes");

    const merged = others[1]!;
    const queue = await api(reviewer, "GET", "/api/v1/agencies/18.01-pupr/reviews?status=open&limit=200");
    const task = (queue.json.tasks as { id: string; proposal: { id: string } }[]).find((t) => t.proposal.id === merged)!;
    await reviewer.goto(url(`/telaah/${task.id}`));
    await reviewer.check('input[name="decision"][value="merged"]');
    await reviewer.fill("#mergedInto", trackingCode);
    await reviewer.fill("#reason", "Saluran yang sama dengan usulan induk.");
    await Promise.all([reviewer.waitForURL(/ok=1$/), reviewer.click('#keputusan button[type="submit"]')]);
    await untilStatus(phone, merged, "merged");
  });

  it("village: sees the agency's change as before → after with its reason, and where the merged one went", async () => {
    await phone.goto(url(`/usulan/${proposalId}`));
    const story = await phone.locator("ol.story").innerText();
    expect(story).toContain("Dinas Pekerjaan Umum dan Penataan Ruang: Diterima dengan perubahan");
    expect(story).toContain(AGENCY_REASON);
    expect(story).toMatch(/Volume: 120 m → 90 m/);
    expect(story).toMatch(/Biaya: Rp 90\.000\.000 → Rp 70\.000\.000/);
    expect(story).toContain("Hasil: Diterima dengan perubahan");
    await shot(phone, "17-desa-perubahan-opd");
    await part(phone, "dl.facts", "17a-desa-fakta");
    await part(phone, "table.recommendations", "17b-desa-tingkat");
    await part(phone, "ol.story", "17c-desa-riwayat");
    await expect(phone.locator("dl.facts").innerText()).resolves.toMatch(/Volume dan biaya yang diminta\s+120 m · Rp 90\.000\.000\s+Volume dan biaya yang disepakati\s+90 m · Rp 70\.000\.000/);
    await fitsWidth(phone, 360);

    const merged = others[1]!;
    await phone.goto(url(`/usulan/${merged}`));
    await expect(phone.locator('dd[data-status="merged"]').innerText()).resolves.toContain(`Digabungkan ke usulan ${trackingCode}`);
    await shot(phone, "18-desa-digabungkan");

    const stranger = await browser.newContext(PHONE);
    const lacak = await stranger.newPage();
    await lacak.goto(url(`/lacak/${trackingCode}`));
    const text = await lacak.locator("main").innerText();
    expect(text).toContain(RETURN_NOTE);
    expect(text).toContain(AGENCY_REASON);
    expect(text).not.toMatch(/Verifikator|Penelaah|Operator/);
    await shot(lacak, "19-publik-lacak");
    await fitsWidth(lacak, 360);
    await stranger.close();
  });

  it("village in English: the story and the page chrome follow Accept-Language", async () => {
    const english = await browser.newContext({ ...PHONE, locale: "en-GB", extraHTTPHeaders: { "accept-language": "en" } });
    const page = await signIn(english, "operator.wayurang");
    await page.goto(url(`/usulan/${proposalId}`));
    const text = await page.locator("body").innerText();
    expect(text).toContain("Sign out");
    expect(text).toContain("History");
    expect(text).toContain("Returned to the village to be fixed");
    expect(text).toMatch(/Volume: 120 m → 90 m/);
    await shot(page, "20-desa-bahasa-inggris");
    await english.close();
  });
});
