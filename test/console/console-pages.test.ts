/**
 * Bappeda's console pages do in the browser what was API-only: accounts and tokens (a token shown once), webhook
 * endpoints, secrets and deliveries, dead letters, failed lifecycles and escalations, exports, follow-ups. Errors
 * are words under the field, never a field name; other roles are refused.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, DEMO, json, signIn } from "../support/principals.ts";
import { proposalInput } from "../support/proposals.ts";

let admin: Awaited<ReturnType<typeof signIn>>;
let callers: Awaited<ReturnType<typeof demoCallers>>;
const stamp = Date.now().toString(36);

const page = async (path: string, headers: Record<string, string> = {}) => {
  const response = await call(path, { headers: { cookie: admin.cookie, ...headers } });
  expect(response.status, path).toBe(200);
  return response.text();
};
const post = (path: string, fields: Record<string, string | string[]>, session = admin) => {
  const body = new FormData();
  body.set("_csrf", session.csrfToken);
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return call(path, { method: "POST", headers: { cookie: session.cookie }, body, redirect: "manual" });
};
/** No raw field name in what a person reads. */
const noFieldNames = (html: string) => expect(html).not.toMatch(/(scopeCode|displayName|expiresInDays|eventTypes|overlapHours|ownerAgencyId)\s*:/);

beforeAll(async () => {
  callers = await demoCallers();
  admin = await signIn("admin.bappeda", DEMO_PASSWORD);
});

describe("accounts and tokens", () => {
  it("creates an account with a role and a scope chosen by name, and disables it", async () => {
    const html = await page("/konsol/akun");
    expect(html).toContain('<optgroup label="Desa/kelurahan di Kec. Kalianda">');
    expect(html).toMatch(/<option value="18\.01-pupr">[^<]*Pekerjaan Umum/);
    const created = await post("/konsol/akun", { username: `penelaah.${stamp}`, displayName: "Siti Penelaah", role: "agency_reviewer", scopeCode: DEMO.agency, password: "rahasia-panjang-1" });
    expect(created.status).toBe(303);
    const listed = await page("/konsol/akun?ok=akun");
    expect(listed).toContain("Akun dibuat.");
    expect(listed).toContain(`penelaah.${stamp}`);
    const id = (await env.DB.prepare("SELECT id FROM accounts WHERE username = ?").bind(`penelaah.${stamp}`).first<string>("id"))!;
    expect(listed).toContain(`action="/konsol/akun/${id}/nonaktif"`);
    expect((await post(`/konsol/akun/${id}/nonaktif`, {})).status).toBe(303);
    expect(await env.DB.prepare("SELECT active FROM accounts WHERE id = ?").bind(id).first("active")).toBe(0);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE entity_id = ? AND action IN ('account.created', 'account.disabled')").bind(id).first("n")).toBe(2);
  });

  it("says what is wrong next to the field, in words, and keeps what was typed", async () => {
    const refused = await post("/konsol/akun", { username: "X", displayName: "Bu", role: "village_operator", scopeCode: DEMO.agency, password: "pendek" });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('<p class="error" id="username-error">Nama pengguna hanya huruf kecil');
    expect(html).toContain('<p class="error" id="password-error">Kata sandi minimal 10 karakter.');
    expect(html).toContain('<p class="error" id="displayName-error">');
    noFieldNames(html);
    const scope = await post("/konsol/akun", { username: `budi.${stamp}`, displayName: "Budi Santoso", role: "village_operator", scopeCode: DEMO.agency, password: "rahasia-panjang-1" });
    expect(scope.status).toBe(422);
    const scopeHtml = await scope.text();
    expect(scopeHtml).toContain('<p class="error" id="scopeCode-error">Cakupan tidak sesuai dengan peran.');
    expect(scopeHtml).toContain(`value="budi.${stamp}"`);
    const english = await call("/konsol/akun", { method: "POST", headers: { cookie: admin.cookie, "accept-language": "en" }, body: new URLSearchParams({ _csrf: admin.csrfToken, username: "X", displayName: "Budi", role: "", scopeCode: "", password: "" }) });
    expect(await english.text()).toContain("Password needs at least 10 characters.");
  });

  it("shows a new token once, on the answer to its form, and revokes it", async () => {
    const created = await post("/konsol/akun/token", { name: `Sistem PUPR ${stamp}`, role: "integration", scopeCode: DEMO.agency, expiresInDays: "30" });
    expect(created.status).toBe(201);
    const html = await created.text();
    const token = /<code>(msk_[A-Za-z0-9_-]+)<\/code>/.exec(html)?.[1];
    expect(token).toBeDefined();
    expect(html).toContain("hanya ditampilkan sekali");
    // It works, and it is never shown again.
    expect((await call(`/api/v1/agencies/${DEMO.agency}/reviews`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const again = await page("/konsol/akun");
    expect(again).toContain(`Sistem PUPR ${stamp}`);
    expect(again).not.toContain(token!);
    const id = (await env.DB.prepare("SELECT id FROM api_tokens WHERE name = ?").bind(`Sistem PUPR ${stamp}`).first<string>("id"))!;
    expect((await post(`/konsol/akun/token/${id}/cabut`, {})).status).toBe(303);
    expect((await call(`/api/v1/agencies/${DEMO.agency}/reviews`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const days = await post("/konsol/akun/token", { name: "Token salah", role: "integration", scopeCode: DEMO.agency, expiresInDays: "seribu" });
    expect(days.status).toBe(422);
    expect(await days.text()).toContain('<p class="error" id="expiresInDays-error">Harus berupa angka.');
  });

  it("is Bappeda's alone", async () => {
    const reviewer = await signIn("penelaah.pupr", DEMO_PASSWORD);
    for (const path of ["/konsol/akun", "/konsol/webhook", "/konsol/operasi", "/konsol/ekspor", "/konsol/tindak-lanjut"]) {
      expect((await call(path, { headers: { cookie: reviewer.cookie } })).status, path).toBe(403);
    }
    expect((await post("/konsol/akun/token", { name: "Token saya", role: "planning_admin", scopeCode: DEMO.regency }, reviewer)).status).toBe(403);
  });
});

describe("webhooks", () => {
  it("adds an endpoint, rotates the secret (shown once), lists deliveries and redelivers a failed one", async () => {
    const agency = "18.01-dinkes";
    const noEvents = await post(`/konsol/webhook/${agency}/alamat`, { url: "https://contoh.go.id/hook" });
    expect(noEvents.status).toBe(422);
    expect(await noEvents.text()).toContain('<p class="error" id="eventTypes-error">Pilih setidaknya satu peristiwa.');
    const http = await post(`/konsol/webhook/${agency}/alamat`, { url: "http://contoh.go.id/hook", eventTypes: ["review_task.created"] });
    expect(await http.text()).toContain('<p class="error" id="url-error">Alamat webhook harus https://');
    const added = await post(`/konsol/webhook/${agency}/alamat`, { url: `https://dinkes.contoh.go.id/hook-${stamp}`, eventTypes: ["review_task.created", "forum.decision"] });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe(`/konsol/webhook?opd=${agency}&ok=alamat`);

    const rotated = await post(`/konsol/webhook/${agency}/rahasia`, { overlapHours: "24" });
    expect(rotated.status).toBe(201);
    const secret = /<code>(whsec_[^<]+)<\/code>/.exec(await rotated.text())?.[1];
    expect(secret).toBeDefined();
    expect(await page(`/konsol/webhook?opd=${agency}`)).not.toContain(secret!);

    const endpointId = (await env.DB.prepare("SELECT id FROM webhook_endpoints WHERE url = ?").bind(`https://dinkes.contoh.go.id/hook-${stamp}`).first<string>("id"))!;
    await env.DB.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, regency_code, event_type, payload, status, attempts, last_status) VALUES (?, ?, '18.01', 'review_task.created', '{}', 'dead', 9, 503)").bind(`whd_${stamp}`, endpointId).run();
    const html = await page(`/konsol/webhook?opd=${agency}`);
    expect(html).toContain("Tugas telaah baru");
    expect(html).toContain("gagal permanen");
    expect(html).toContain("HTTP 503");
    const again = await post(`/konsol/webhook/kiriman/whd_${stamp}/ulang?opd=${agency}`, {});
    expect(again.status).toBe(303);
    expect(["pending", "failed", "delivered"]).toContain(await env.DB.prepare("SELECT status FROM webhook_deliveries WHERE id = ?").bind(`whd_${stamp}`).first("status"));

    expect((await post(`/konsol/webhook/alamat/${endpointId}/nonaktif`, {})).status).toBe(303);
    expect(await env.DB.prepare("SELECT active FROM webhook_endpoints WHERE id = ?").bind(endpointId).first("active")).toBe(0);
  });
});

describe("operations", () => {
  it("lists a dead letter by its proposal's name and replays it once", async () => {
    const proposal = (await (await call("/api/v1/proposals", json(proposalInput({ activity: `Talud sungai ${stamp}` }), callers.village_operator.headers))).json()) as { id: string; trackingCode: string };
    await env.DB.prepare("INSERT INTO dead_letters (id, queue, regency_code, body, attempts) VALUES (?, 'proposal-routing', '18.01', ?, 6)").bind(`dlq_${stamp}`, JSON.stringify({ proposalId: proposal.id })).run();
    const html = await page("/konsol/operasi");
    expect(html).toContain(`Talud sungai ${stamp} (${proposal.trackingCode})`);
    expect(html).toContain("Penyaluran usulan ke OPD");
    expect((await post(`/konsol/operasi/dead-letter/dlq_${stamp}/replay`, {})).status).toBe(303);
    const twice = await post(`/konsol/operasi/dead-letter/dlq_${stamp}/replay`, {});
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("Pesan ini sudah dikirim ulang.");
    const all = await page("/konsol/operasi?semua=1");
    expect(all).toContain("Dikirim ulang");
    expect(all).toContain(">Sembunyikan yang sudah dikirim ulang</a>");
  });

  it("lists escalated tasks with their agency, and retries a failed lifecycle once", async () => {
    const escalated = (await (await call("/api/v1/proposals", json(proposalInput({ activity: `Jembatan gantung ${stamp}` }), callers.village_operator.headers))).json()) as { id: string; trackingCode: string };
    await env.DB.prepare("INSERT INTO review_tasks (id, proposal_id, kind, agency_id, regency_code, queue_key, status, due_at, escalated_at) VALUES (?, ?, 'agency_review', ?, '18.01', ?, 'open', '2026-01-01T00:00:00Z', '2026-01-09T00:00:00Z')")
      .bind(`tgs_esc_${stamp}`, escalated.id, DEMO.agency, DEMO.agency)
      .run();
    await env.DB.prepare("UPDATE proposals SET lifecycle_error = 'langkah routing gagal: D1 sibuk' WHERE id = ?").bind(escalated.id).run();
    const html = await page("/konsol/operasi");
    const escalations = html.slice(html.indexOf("Tugas telaah yang dieskalasi"));
    expect(escalations).toContain(`href="/telaah/tgs_esc_${stamp}"`);
    expect(escalations).toContain("Dinas Pekerjaan Umum dan Penataan Ruang");
    expect(html).toContain("langkah routing gagal: D1 sibuk");
    expect((await post(`/konsol/operasi/siklus/${escalated.id}/ulang`, {})).status).toBe(303);
    expect(await env.DB.prepare("SELECT lifecycle_error FROM proposals WHERE id = ?").bind(escalated.id).first("lifecycle_error")).toBeNull();
    const again = await post(`/konsol/operasi/siklus/${escalated.id}/ulang`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Siklus usulan ini tidak sedang gagal.");
    const english = await call("/konsol/operasi", { headers: { cookie: admin.cookie, "accept-language": "en" } });
    expect(await english.text()).toContain("Escalated review tasks");
  });
});

describe("exports", () => {
  it("starts an export from the form and lists it with a download link", async () => {
    const bad = await post("/konsol/ekspor", { year: "27", view: "renja", format: "pdf" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('id="year-error"');
    const started = await post("/konsol/ekspor", { year: "2027", view: "renja", format: "csv", agency: DEMO.agency, kecamatan: "", status: "", stage: "" });
    expect(started.status).toBe(303);
    expect(started.headers.get("location")).toBe("/konsol/ekspor?ok=ekspor");
    const html = await page("/konsol/ekspor?ok=ekspor");
    expect(html).toContain("Ekspor siap");
    const link = /<a href="(\/api\/v1\/exports\/[^"]+\/download[^"]+)">Unduh<\/a>/.exec(html)?.[1]?.replaceAll("&amp;", "&");
    expect(link).toBeDefined();
    expect(html).toContain("Dinas Pekerjaan Umum");
    const file = await call(link!);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/csv");
  });
});

describe("follow-ups", () => {
  it("lists overdue first and takes a status and a progress note", async () => {
    const forum = (await (await call("/api/v1/forums", json({ year: 2027, title: `Forum ${stamp}`, heldAt: "2027-03-10T02:00:00.000Z", place: "Aula Bappeda", scopeKind: "kabupaten" }, callers.planning_admin.headers))).json()) as { id: string };
    for (const [description, dueDate] of [[`Menyusun DED ${stamp}`, "2099-06-30"], [`Survei talud ${stamp}`, "2099-01-15"]]) {
      const response = await call(`/api/v1/forums/${forum.id}/follow-ups`, json({ ownerAgencyId: DEMO.agency, description, dueDate }, callers.planning_admin.headers));
      expect(response.status).toBe(201);
    }
    await env.DB.prepare("UPDATE follow_up_actions SET due_date = '2026-01-15' WHERE description = ?").bind(`Survei talud ${stamp}`).run();
    const html = await page("/konsol/tindak-lanjut");
    expect(html.indexOf(`Survei talud ${stamp}`)).toBeLessThan(html.indexOf(`Menyusun DED ${stamp}`));
    expect(html).toContain("Terlambat");
    const id = (await env.DB.prepare("SELECT id FROM follow_up_actions WHERE description = ?").bind(`Survei talud ${stamp}`).first<string>("id"))!;
    const short = await post(`/konsol/tindak-lanjut/${id}`, { status: "in_progress", note: "ok" });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('<p class="error" id="note-error">Minimal 3 karakter.');
    const saved = await post(`/konsol/tindak-lanjut/${id}`, { status: "in_progress", note: "Tim survei sudah ke lokasi." });
    expect(saved.status).toBe(303);
    const after = await page("/konsol/tindak-lanjut");
    expect(after).toContain("Tim survei sudah ke lokasi.");
    expect(after).toContain("Sedang berjalan");
  });
});
