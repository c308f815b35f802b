/**
 * The agency reviewer and Bappeda at their desks (1366×900, headless Debian Chromium) against `wrangler dev`:
 * - Dinas PUPR's reviewer filters the queue by kecamatan, reads why the proposal came to PUPR, finds the new
 *   sub-activity by name and accepts with changes from the detail page;
 * - Bappeda reads the kabupaten's proposals by kecamatan, creates an account and an API token (shown once), rotates a
 *   webhook secret (shown once), replays a dead letter, downloads an export and updates a follow-up.
 * Every screen is saved under /tmp (the paths are printed) to be looked at.
 */
import { readFile } from "node:fs/promises";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiAs, OFFICE, signInAs } from "./people.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const YEAR = new Date().getUTCFullYear() + 1;
const baseUrl = inject("baseUrl") as string | undefined;

describe.skipIf(!baseUrl)("the reviewer and Bappeda's console in a browser", () => {
  const url = (path: string) => `${baseUrl}${path}`;
  const stamp = Date.now().toString(36);
  const activity = `Normalisasi saluran drainase Lingkungan II (uji ${stamp})`;
  const work = process.env.CONSOLE_SHOTS ?? "/tmp/console-b";
  const seen: string[] = [];
  let browser: Browser;
  let reviewer: Page;
  let admin: Page;
  let verifier: Page;
  let proposalId = "";
  let trackingCode = "";

  const shot = async (on: Page, name: string) => {
    const path = join(work, `${name}.png`);
    await on.screenshot({ path, fullPage: true });
    seen.push(path);
    console.log(`screenshot: ${path}`);
  };
  const fitsWidth = async (on: Page) => expect(Number(await on.evaluate("document.documentElement.scrollWidth"))).toBeLessThanOrEqual(1366);

  const signIn = async (username: string): Promise<Page> => signInAs(await browser.newContext(OFFICE), url(""), username);
  const api = (page: Page, method: string, path: string, body?: unknown) => apiAs(page, url(""), method, path, body);

  async function until(read: () => Promise<boolean>, what: string, seconds = 90) {
    for (let i = 0; i < seconds * 4; i++) {
      if (await read()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    await mkdir(work, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    [reviewer, admin, verifier] = [await signIn("penelaah.pupr"), await signIn("admin.bappeda"), await signIn("verifikator.kalianda")];
    // A proposal on its real way: submitted for Way Urang, verified by Kalianda, routed by the lifecycle to PUPR.
    const created = await api(admin, "POST", "/api/v1/proposals", {
      year: YEAR,
      villageCode: "18.01.06.1008",
      problem: "Saluran di Lingkungan II tersumbat sedimen dan meluap ke jalan setiap hujan deras.",
      activity,
      description: "Pengerukan dan pasangan batu kali sepanjang saluran Lingkungan II.",
      address: "Lingkungan II",
      rt: "03",
      rw: "01",
      latitude: -5.7275,
      longitude: 105.5912,
      volume: 150,
      unit: "m",
      estimatedCost: 120_000_000,
      beneficiaryCount: 300,
      beneficiaryGroup: "umum",
      subActivityCode: "1.03.06.2.01.0012",
    });
    expect(created.status).toBe(201);
    proposalId = created.json.id as string;
    trackingCode = created.json.trackingCode as string;
    let taskId = "";
    await until(async () => {
      const queue = await api(verifier, "GET", "/api/v1/districts/18.01.06/verifications?status=open&limit=200");
      taskId = (queue.json.tasks as { id: string; proposal: { id: string } }[]).find((t) => t.proposal.id === proposalId)?.id ?? "";
      return taskId !== "";
    }, "the verification task");
    expect((await api(verifier, "POST", `/api/v1/reviews/${taskId}/decision`, { decision: "verified" })).status).toBe(201);
    await until(async () => (await api(admin, "GET", `/api/v1/proposals/${proposalId}`)).json.status === "in_review", "routing to PUPR");
  });

  afterAll(async () => {
    console.log(`screenshots (${seen.length}):\n${seen.join("\n")}`);
    await browser?.close();
  });

  it("agency reviewer: filters by kecamatan, reads why it came here, picks the sub-activity by name and accepts with changes", async () => {
    await reviewer.goto(url("/telaah"));
    await reviewer.selectOption("#kecamatan", { label: "Kalianda" });
    await reviewer.click('form.filters button[type="submit"]');
    await shot(reviewer, "01-telaah-daftar-kalianda");
    await reviewer.click(`a:text("${activity}")`);
    expect(await reviewer.locator("#alasan-rute").innerText()).toContain("dipilih desa");
    await shot(reviewer, "02-telaah-usulan-alasan");
    await reviewer.fill("#cari", "drainase lingkungan");
    await reviewer.click('#cari-sub-kegiatan button[type="submit"]');
    const choice = reviewer.locator('#sub-kegiatan input[type="radio"][value^="1."]').first();
    const code = await choice.getAttribute("value");
    await choice.check();
    await reviewer.check('input[name="decision"][value="accepted_with_changes"]');
    expect(await reviewer.locator('label[for="volume"]').innerText()).toContain("(m)");
    await reviewer.fill("#volume", "120");
    await reviewer.fill("#estimatedCost", "95.000.000");
    await reviewer.fill("#reason", "Panjang disesuaikan hasil survei; sub kegiatan diganti sesuai pekerjaan.");
    if (await reviewer.locator("#target").count()) await reviewer.fill("#target", "120");
    await shot(reviewer, "03-telaah-keputusan-diisi");
    await reviewer.click('#keputusan button[type="submit"]');
    expect(await reviewer.locator(".ok").innerText()).toContain("Keputusan tersimpan.");
    const story = await api(admin, "GET", `/api/v1/proposals/${proposalId}`);
    expect(JSON.stringify(story.json)).toContain(code!);
    await shot(reviewer, "04-telaah-tersimpan");
  });

  it("Bappeda: the kabupaten's proposals by kecamatan at /usulan", async () => {
    await admin.goto(url(`/usulan?tahun=${YEAR}`));
    await admin.selectOption("#kecamatan", { label: "Kalianda" });
    await admin.click('form.filters button[type="submit"]');
    expect(await admin.locator("table").innerText()).toContain(activity);
    expect(await admin.locator("#desa").isVisible()).toBe(true);
    await fitsWidth(admin);
    await shot(admin, "05-usulan-kabupaten");
  });

  it("Bappeda: creates an account and an API token, the token shown once", async () => {
    await admin.goto(url("/konsol/akun"));
    await admin.fill("#akun-baru #username", `operator.${stamp}`);
    await admin.fill("#akun-baru #displayName", "Rina Operator Desa");
    await admin.selectOption("#akun-baru #role", "village_operator");
    await admin.selectOption("#akun-baru #scopeCode", { label: "Way Urang" });
    await admin.fill("#akun-baru #password", "kata-sandi-awal-2027");
    await admin.click('#akun-baru button[type="submit"]');
    expect(await admin.locator(".ok").innerText()).toContain("Akun dibuat.");
    expect(await admin.locator("table").first().innerText()).toContain(`operator.${stamp}`);
    expect(await admin.locator("table").first().innerText()).toContain("Way Urang, Kec. Kalianda");

    await admin.fill("#token-form #name", `Sistem e-Planning PUPR ${stamp}`);
    await admin.selectOption("#token-form #role", "integration");
    await admin.selectOption("#token-form #scopeCode", { label: "Dinas Pekerjaan Umum dan Penataan Ruang" });
    await admin.click('#token-form button[type="submit"]');
    const token = (await admin.locator("#token-baru code").textContent())!;
    expect(token).toMatch(/^msk_/);
    await shot(admin, "06-konsol-akun-token-sekali");
    const reviews = await admin.request.fetch(url("/api/v1/agencies/18.01-pupr/reviews"), { headers: { authorization: `Bearer ${token}` } });
    expect(reviews.status()).toBe(200);
    await admin.goto(url("/konsol/akun"));
    expect(await admin.content()).not.toContain(token);
    await fitsWidth(admin);
    await shot(admin, "07-konsol-akun");
  });

  it("Bappeda: rotates PUPR's webhook secret, shown once", async () => {
    await admin.goto(url("/konsol/webhook"));
    await admin.selectOption("#opd", "18.01-pupr");
    await admin.click('form.filters button[type="submit"]');
    await admin.fill("#alamat-form #url", "http://127.0.0.1:9/pupr");
    await admin.click('#alamat-form button[type="submit"]');
    expect(await admin.locator(".ok").innerText()).toContain("Alamat webhook ditambahkan.");
    await admin.click('#rahasia-form button[type="submit"]');
    const secret = (await admin.locator("#rahasia-baru code").textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await shot(admin, "08-konsol-webhook-rahasia-sekali");
    await admin.goto(url("/konsol/webhook?opd=18.01-pupr"));
    expect(await admin.content()).not.toContain(secret);
    await fitsWidth(admin);
    await shot(admin, "09-konsol-webhook");
  });

  it("Bappeda: replays a dead letter", async () => {
    // The routing message of the routed proposal, recorded as the dead-letter consumer records one (local seam).
    await fetch(url("/__scheduled?cron=local-demo-dead-letter"));
    await until(async () => {
      await admin.goto(url("/konsol/operasi"));
      return (await admin.locator("#dead-letter + p + table").count()) > 0;
    }, "the dead letter", 30);
    expect(await admin.locator("table").first().innerText()).toContain(activity);
    await shot(admin, "10-konsol-operasi-dead-letter");
    await admin.locator('table button:text("Kirim ulang")').first().click();
    expect(await admin.locator(".ok").innerText()).toContain("Pesan dikirim ulang ke antreannya.");
    await admin.goto(url("/konsol/operasi?semua=1"));
    expect(await admin.locator("table").first().innerText()).toContain("Dikirim ulang");
    await fitsWidth(admin);
    await shot(admin, "11-konsol-operasi");
  });

  it("Bappeda: starts an export and downloads it from the list", async () => {
    await admin.goto(url("/konsol/ekspor"));
    await admin.fill("#year", String(YEAR));
    await admin.selectOption("#format", "csv");
    await admin.click('#ekspor-form button[type="submit"]');
    expect(await admin.locator("main > p.ok, main .error").first().innerText()).toContain("Ekspor siap");
    await fitsWidth(admin);
    await shot(admin, "12-konsol-ekspor");
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.locator('a:text("Unduh")').first().click()]);
    const text = await readFile((await download.path())!, "utf8");
    expect(text.startsWith("\ufeffKode OPD,Nama OPD,")).toBe(true);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    // The proposal PUPR accepted with changes above is a Renja line by now, with the changed volume and cost.
    const line = text.split("\n").find((l) => l.includes(trackingCode));
    expect(line).toBeDefined();
    expect(line).toContain("95000000");
  });

  it("Bappeda: updates a follow-up, overdue first", async () => {
    const forum = await api(admin, "POST", "/api/v1/forums", { year: YEAR, title: `Forum Lintas PD (uji ${stamp})`, heldAt: `${YEAR}-03-10T02:00:00.000Z`, place: "Aula Bappeda", scopeKind: "kabupaten" });
    expect(forum.status).toBe(201);
    expect((await api(admin, "POST", `/api/v1/forums/${forum.json.id as string}/follow-ups`, { ownerAgencyId: "18.01-pupr", description: `Survei lokasi saluran Lingkungan II (uji ${stamp})`, dueDate: `${YEAR}-04-30` })).status).toBe(201);
    await admin.goto(url("/konsol/tindak-lanjut"));
    const card = admin.locator("section.card", { hasText: `Survei lokasi saluran Lingkungan II (uji ${stamp})` });
    await card.locator('select[name="status"]').selectOption("in_progress");
    await card.locator('input[name="note"]').fill("Tim PUPR sudah ke lokasi, menunggu hasil ukur.");
    await card.locator('button[type="submit"]').click();
    expect(await admin.locator(".ok").innerText()).toContain("Tindak lanjut diperbarui.");
    expect(await admin.locator("section.card", { hasText: `(uji ${stamp})` }).innerText()).toContain("Tim PUPR sudah ke lokasi");
    await fitsWidth(admin);
    await shot(admin, "13-konsol-tindak-lanjut");
  });
});
