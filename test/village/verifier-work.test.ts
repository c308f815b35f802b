/**
 * The kecamatan's work page: a list that fits a screen (pages of 20, by desa and status) instead of one long page of
 * cards; one proposal at a time with everything the village sent, its overlap flags and village rank; no decision
 * chosen in advance; an error next to the field that caused it. And the verifier's own list of the kecamatan's
 * proposals at /usulan (403 before).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, DEMO, json, signIn } from "../support/principals.ts";
import { PDF, PNG, proposalInput } from "../support/proposals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
let verifier: Awaited<ReturnType<typeof signIn>>;
let full: { id: string; trackingCode: string; attachments: { id: string; filename: string }[] };
let taskId: string;

const page = async (path: string) => {
  const response = await call(path, { headers: { cookie: verifier.cookie } });
  expect(response.status, path).toBe(200);
  return response.text();
};

beforeAll(async () => {
  callers = await demoCallers();
  verifier = await signIn("verifikator.kalianda", DEMO_PASSWORD);
  const form = new FormData();
  form.set("proposal", JSON.stringify(proposalInput({ activity: `Drainase lengkap untuk verifikasi ${Date.now()}`, villageRank: 1 })));
  form.append("attachments", new File([PNG], "foto-saluran.png", { type: "image/png" }));
  form.append("attachments", new File([PDF], "RAB.pdf", { type: "application/pdf" }));
  full = (await (await call("/api/v1/proposals", { method: "POST", headers: callers.village_operator.headers, body: form })).json()) as typeof full;
  taskId = (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = 'verification'").bind(full.id).first<string>("id"))!;
  // Twenty-four more in Jondong, enough for two pages.
  for (let i = 0; i < 24; i++) {
    const response = await call("/api/v1/proposals", json(proposalInput({ villageCode: DEMO.otherVillageSameDistrict, activity: `Rabat beton gang ${i} Jondong`, villageRank: null }), callers.planning_admin.headers));
    expect(response.status).toBe(201);
  }
});

describe("the list", () => {
  it("shows 20 tasks a page as table rows, with a link to the next page", async () => {
    const html = await page("/telaah");
    expect(html).toContain("Verifikasi usulan kecamatan");
    expect(html.match(/<tr>/g)!.length - 1).toBe(20);
    const next = /<a href="(\/telaah\?status=waiting&amp;setelah=[^"]+)">Halaman berikutnya/.exec(html)?.[1];
    expect(next).toBeDefined();
    const second = await page(next!.replaceAll("&amp;", "&"));
    expect(second.match(/<tr>/g)!.length - 1).toBeGreaterThanOrEqual(5);
    expect(second).toContain("« Halaman pertama");
    expect(html).not.toContain("<select id=\"decision");
  });

  it("filters by desa and by status", async () => {
    const wayUrang = await page(`/telaah?desa=${DEMO.village}&status=waiting`);
    expect(wayUrang).toContain(full.trackingCode);
    expect(wayUrang).not.toContain("Rabat beton gang");
    expect(wayUrang).toMatch(/<option value="18\.01\.06\.1008" selected="">Way Urang<\/option>/);
    const decided = await page(`/telaah?desa=${DEMO.village}&status=decided`);
    expect(decided).not.toContain(full.trackingCode);
  });
});

describe("one proposal at a time", () => {
  it("shows everything the village sent, its ranks and flags, and no decision chosen", async () => {
    const other = (await (await call("/api/v1/proposals", json(proposalInput({ activity: `Saluran drainase kembar ${Date.now()}` }), callers.village_operator.headers))).json()) as { id: string; trackingCode: string };
    const [a, b] = [full.id, other.id].sort();
    await env.DB.prepare(
      "INSERT INTO overlap_flags (id, regency_code, year, proposal_a, proposal_b, kind, score, reasons, status, cluster_id, updated_at) VALUES ('flg_kembar', '18.01', 2027, ?, ?, 'duplicate', 0.91, ?, 'open', ?, '2026-01-10T00:00:00Z')",
    )
      .bind(a, b, JSON.stringify(["kata kunci sama: drainase, saluran", "desa sama: Way Urang"]), a)
      .run();
    const html = await page(`/telaah/${taskId}`);
    for (const text of [
      "Saluran air di RT 03 tersumbat dan meluap saat hujan",
      "Saluran pasangan batu kali sepanjang gang menuju SD.",
      "Lingkungan II · RT 03 · RW 01",
      "-5.72750, 105.59120",
      "https://www.openstreetmap.org/?mlat=-5.7275&amp;mlon=105.5912",
      "240 orang · Masyarakat umum",
      "RAB.pdf",
      "kemungkinan duplikat",
      "kata kunci sama: drainase, saluran; desa sama: Way Urang",
      other.trackingCode,
    ]) {
      expect(html, text).toContain(text);
    }
    const photo = full.attachments.find((f) => f.filename === "foto-saluran.png")!;
    expect(html).toContain(`<img src="/api/v1/proposals/${full.id}/attachments/${photo.id}" alt="foto-saluran.png"`);
    expect(html).toMatch(/<dt>Peringkat di desa<\/dt><dd>1<\/dd>/);
    expect(html).toContain('<input type="radio" name="decision" value="verified" required=""/>');
    expect(html).not.toMatch(/checked|selected=""[^>]*>Diverifikasi/);
  });

  it("puts the error next to the field that caused it and keeps the choice", async () => {
    const body = new URLSearchParams({ _csrf: verifier.csrfToken, decision: "returned", reason: "" });
    const response = await call(`/telaah/${taskId}`, { method: "POST", headers: { cookie: verifier.cookie, "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/<textarea id="reason" name="reason" aria-invalid="true" aria-describedby="reason-error"><\/textarea><small id="reason-hint">[^<]*<\/small><p class="error" id="reason-error">Wajib diisi\.<\/p>/);
    expect(html).toContain('value="returned" required="" checked=""');
    expect(html).not.toContain("note: Wajib diisi.");
  });

  it("asks for a decision when none was chosen, under the choices", async () => {
    const body = new URLSearchParams({ _csrf: verifier.csrfToken, reason: "Foto kurang jelas" });
    const response = await call(`/telaah/${taskId}`, { method: "POST", headers: { cookie: verifier.cookie, "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/<p class="error" id="decision-error">[^<]+<\/p><\/fieldset>/);
  });

  it("goes on to the next waiting task after a decision", async () => {
    const body = new URLSearchParams({ _csrf: verifier.csrfToken, decision: "returned", reason: "Mohon lengkapi foto lokasi dari dua arah." });
    const response = await call(`/telaah/${taskId}`, { method: "POST", headers: { cookie: verifier.cookie, "content-type": "application/x-www-form-urlencoded" }, body: body.toString(), redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^\/telaah\/tgs_[^?]+\?ok=1$/);
    expect(response.headers.get("location")).not.toContain(taskId);
  });
});

describe("the verifier's proposals list", () => {
  it("shows the kecamatan's proposals, by desa and status, a page at a time", async () => {
    const all = await page("/usulan?tahun=2027");
    expect(all).toContain("Usulan Kalianda untuk 2027");
    expect(all).toContain("Rabat beton gang");
    const wayUrang = await page(`/usulan?tahun=2027&desa=${DEMO.village}`);
    expect(wayUrang).toContain(full.trackingCode);
    expect(wayUrang).not.toContain("Rabat beton gang");
    expect(all).toContain("Halaman berikutnya");
  });
});
