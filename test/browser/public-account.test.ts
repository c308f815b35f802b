/**
 * A citizen on a phone (360×740, not signed in) follows the year's proposals: from the home page to the kabupaten
 * index, finds their desa by name, reads each proposal's outcome with its reason (funded in which Renja line,
 * rejected why, merged into which, carried over to when), then the kecamatan's page with its chart. The outcomes
 * are made first by the village, the kecamatan and Dinas PUPR through the API, as in a real season. Screens go to
 * /tmp/public/ to be looked at.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiAs, CHROMIUM, CHROMIUM_ARGS, OFFICE, PHONE, signInAs, until } from "./people.ts";

const YEAR = new Date().getUTCFullYear() + 1;
const SHOTS = "/tmp/public";
const REJECTED = "Jalan ini jalan provinsi, bukan kewenangan kabupaten.";
const MERGED = "Saluran yang sama dengan usulan drainase induk.";
const CARRIED = "Menunggu hasil survei lapangan tahun depan.";
const ACCEPTED = "Disesuaikan dengan standar harga satuan.";

const baseUrl = inject("baseUrl") as string | undefined;

describe.skipIf(!baseUrl)("a citizen follows the year's proposals without signing in", () => {
  const url = (path: string) => `${baseUrl}${path}`;
  const stamp = Date.now().toString(36);
  let browser: Browser;
  let citizen: BrowserContext;
  let phone: Page;
  const seen: string[] = [];
  /** Tracking codes by what happens to them. */
  const codes: Record<"accepted" | "rejected" | "merged" | "carried", string> = { accepted: "", rejected: "", merged: "", carried: "" };

  const shot = async (on: Page, name: string, selector?: string) => {
    const path = join(SHOTS, `${name}.png`);
    if (selector) await on.locator(selector).first().screenshot({ path });
    else await on.screenshot({ path, fullPage: true });
    seen.push(path);
    console.log(`screenshot: ${path}`);
  };
  const fitsWidth = async (on: Page) => expect(Number(await on.evaluate("document.documentElement.scrollWidth"))).toBeLessThanOrEqual(360);

  const signIn = (context: BrowserContext, username: string) => signInAs(context, baseUrl!, username);
  const api = (page: Page, method: string, path: string, body?: unknown) => apiAs(page, baseUrl!, method, path, body);
  const untilStatus = (page: Page, id: string, status: string) => until(async () => (await api(page, "GET", `/api/v1/proposals/${id}`)).json.status === status, `${id} ${status}`, 90);

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const office = await browser.newContext(OFFICE);
    citizen = await browser.newContext(PHONE);
    phone = await citizen.newPage();

    // The season: Way Urang sends four proposals, Kalianda verifies them, Dinas PUPR decides each differently.
    const village = await signIn(office, "operator.wayurang");
    const ids: Record<keyof typeof codes, string> = { accepted: "", rejected: "", merged: "", carried: "" };
    for (const [key, activity] of [["accepted", "Pembangunan drainase lingkungan Lingkungan II"], ["rejected", "Pengaspalan jalan lintas kecamatan"], ["merged", "Saluran drainase gang Lingkungan II"], ["carried", "Drainase balai kelurahan"]] as const) {
      const created = await api(village, "POST", "/api/v1/proposals", {
        year: YEAR,
        villageCode: "18.01.06.1008",
        problem: "Air meluap ke jalan setiap hujan deras, warga Lingkungan II terganggu.",
        activity: `${activity} (uji ${stamp})`,
        volume: 100,
        unit: "m",
        estimatedCost: 80_000_000,
        subActivityCode: "1.03.06.2.01.0012",
        address: "Jl. Rahasia No. 9",
        latitude: -5.7312,
        longitude: 105.5912,
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      ids[key] = created.json.id as string;
      codes[key] = created.json.trackingCode as string;
    }
    await office.clearCookies();
    const desk = await signIn(office, "verifikator.kalianda");
    for (const id of Object.values(ids)) await untilStatus(desk, id, "submitted");
    const verifications = await api(desk, "GET", "/api/v1/districts/18.01.06/verifications?status=open&limit=200");
    for (const id of Object.values(ids)) {
      const task = (verifications.json.tasks as { id: string; proposal: { id: string } }[]).find((t) => t.proposal.id === id)!;
      expect((await api(desk, "POST", `/api/v1/reviews/${task.id}/decision`, { decision: "verified" })).status).toBe(201);
    }
    for (const id of Object.values(ids)) await untilStatus(desk, id, "in_review");
    await office.clearCookies();
    const reviewer = await signIn(office, "penelaah.pupr");
    const queue = await api(reviewer, "GET", "/api/v1/agencies/18.01-pupr/reviews?status=open&limit=200");
    const taskOf = (id: string) => (queue.json.tasks as { id: string; proposal: { id: string } }[]).find((t) => t.proposal.id === id)!.id;
    const decide = async (id: string, decision: Record<string, unknown>) => expect((await api(reviewer, "POST", `/api/v1/reviews/${taskOf(id)}/decision`, decision)).status).toBe(201);
    await decide(ids.accepted, { decision: "accepted_with_changes", changes: { estimatedCost: 65_000_000 }, note: ACCEPTED, target: 100 });
    await decide(ids.rejected, { decision: "rejected", reason: REJECTED });
    await decide(ids.merged, { decision: "merged", mergedInto: codes.accepted, note: MERGED });
    await decide(ids.carried, { decision: "carried_over", note: CARRIED });
    await untilStatus(reviewer, ids.accepted, "accepted_with_changes");
    await untilStatus(reviewer, ids.rejected, "rejected");
    await untilStatus(reviewer, ids.merged, "merged");
    await untilStatus(reviewer, ids.carried, "carried_over");
    await office.close();
  }, 240_000);

  afterAll(async () => {
    console.log(`screenshots (${seen.length}):\n${seen.join("\n")}`);
    await browser?.close();
  });

  it("finds their desa from the home page through the kabupaten index, by name", async () => {
    await phone.goto(url("/"));
    await shot(phone, "01-beranda");
    await Promise.all([phone.waitForURL(url("/publik")), phone.click('a[href="/publik"]')]);
    await Promise.all([phone.waitForURL(url(`/publik/${YEAR}/kabupaten/18.01`)), phone.click("text=Lampung Selatan")]);
    await shot(phone, "02-kabupaten");
    await fitsWidth(phone);
    await phone.fill("#cari", "way urang");
    await Promise.all([phone.waitForURL(/cari=way\+urang/), phone.click('form[action^="/publik/"] button[type="submit"]')]);
    await expect(phone.locator("ul.places").first().innerText()).resolves.toContain("Kelurahan Way Urang, Kec. Kalianda");
    await shot(phone, "03-cari-desa");
    await Promise.all([phone.waitForURL(url(`/publik/${YEAR}/desa/18.01.06.1008`)), phone.locator("ul.places a").first().click()]);
    await expect(phone.locator("h1").innerText()).resolves.toBe(`Kelurahan Way Urang · usulan ${YEAR}`);
    await fitsWidth(phone);
    await shot(phone, "04-desa");
  });

  it("reads each outcome with its reason in plain words, and nothing private", async () => {
    const card = (code: string) => phone.locator(`article[id="${code}"]`);
    await expect(card(codes.accepted).locator("dd.outcome").innerText()).resolves.toMatch(/^Didanai dalam Renja Dinas Pekerjaan Umum dan Penataan Ruang, sub kegiatan 1\.03\.06\.2\.01\.0012 \(Pembangunan Sistem Drainase Lingkungan\), pagu Rp 65\.000\.000/);
    await expect(card(codes.accepted).locator("dd.reason").innerText()).resolves.toBe(ACCEPTED);
    // What the desa asked stays what it asked; the agency's change is the Renja line's.
    await expect(card(codes.accepted).locator("dl.facts dd").first().innerText()).resolves.toBe("100 m · Rp 80.000.000");
    await expect(card(codes.rejected).locator("dd.outcome").innerText()).resolves.toBe("Ditolak");
    await expect(card(codes.rejected).locator("dd.reason").innerText()).resolves.toBe(REJECTED);
    await expect(card(codes.merged).locator("dd.outcome").innerText()).resolves.toBe(`Digabungkan ke usulan ${codes.accepted}`);
    await expect(card(codes.merged).locator(`dd.outcome a[href="/lacak/${codes.accepted}"]`).count()).resolves.toBe(1);
    await expect(card(codes.merged).locator("dd.reason").innerText()).resolves.toBe(MERGED);
    await expect(card(codes.carried).locator("dd.outcome").innerText()).resolves.toBe(`Dialihkan ke tahun ${YEAR + 1}`);
    await expect(card(codes.carried).locator("dd.reason").innerText()).resolves.toBe(CARRIED);
    await card(codes.rejected).scrollIntoViewIfNeeded();
    await shot(phone, "05-desa-ditolak", `article[id="${codes.rejected}"]`);
    await shot(phone, "06-desa-digabung", `article[id="${codes.merged}"]`);
    await card(codes.accepted).locator("summary").click();
    await shot(phone, "07-desa-didanai-riwayat", `article[id="${codes.accepted}"]`);
    const page = await phone.content();
    for (const secret of ["Jl. Rahasia", "5.7312", "105.5912", "Operator Kelurahan Way Urang", "Verifikator Kecamatan Kalianda", "Penelaah Dinas PUPR", "operator.wayurang"]) expect(page).not.toContain(secret);
  });

  it("opens the kecamatan's page with the chart of counts and rupiah per stage", async () => {
    await Promise.all([phone.waitForURL(url(`/publik/${YEAR}/kecamatan/18.01.06`)), phone.click("text=← Kecamatan Kalianda")]);
    await expect(phone.locator("h1").innerText()).resolves.toBe(`Kecamatan Kalianda · usulan ${YEAR}`);
    const chart = phone.locator(".stage-chart svg");
    await expect(chart.isVisible()).resolves.toBe(true);
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.width).toBeLessThanOrEqual(340);
    await expect(phone.locator(".stage-chart svg desc").textContent()).resolves.toMatch(/Renja OPD: \d+ usulan, Rp [\d.]+/);
    await fitsWidth(phone);
    await shot(phone, "08-kecamatan");
    await shot(phone, "09-kecamatan-grafik", "section:has(.stage-chart)");
    // The open data behind the same link, with its licence.
    const file = await phone.request.get(url(`/api/v1/public/${YEAR}/18.01/proposals.json`));
    expect(file.headers()["link"]).toContain('rel="license"');
    const doc = (await file.json()) as { schemaVersion: number; proposals: { trackingCode: string; outcome: { reason: string | null } | null }[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.proposals.find((p) => p.trackingCode === codes.rejected)?.outcome?.reason).toBe(REJECTED);
  });
});
