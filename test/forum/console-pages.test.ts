import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, DEMO, json, signIn } from "../support/principals.ts";
import { route, verifiedProposal } from "../support/routing.ts";

describe("Bappeda's console in the web UI", () => {
  let session: Awaited<ReturnType<typeof signIn>>;
  const page = async (path: string) => (await call(path, { headers: { cookie: session.cookie } })).text();
  const post = (path: string, fields: Record<string, string>) =>
    call(path, { method: "POST", headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(), redirect: "manual" });
  const taskOf = async (id: string) => (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = 'agency_review'").bind(id).first<string>("id"))!;

  beforeAll(async () => {
    session = await signIn("admin.bappeda", DEMO_PASSWORD);
  });

  it("draws the overview's pictures from the year's data and links every console page", async () => {
    const html = await page("/konsol?tahun=2027");
    expect(html.match(/<svg [^>]*role="img"/g)?.length).toBe(6);
    expect(html).toContain("Diajukan desa");
    for (const path of ["/konsol/kemiripan", "/forum", "/konsol/pagu", "/konsol/kecocokan-anggaran", "/konsol/akun", "/konsol/webhook", "/konsol/operasi", "/konsol/ekspor", "/konsol/tindak-lanjut"]) expect(html).toContain(`href="${path}"`);
    const reviewer = await signIn("penelaah.pupr", DEMO_PASSWORD);
    expect((await call("/konsol", { headers: { cookie: reviewer.cookie } })).status).toBe(403);
    // Not signed in: off to the sign-in page, as from every page for people.
    const anonymous = await call("/konsol/pagu", { redirect: "manual" });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/masuk/);
  });

  it("dismisses a false overlap with a reason, refusing a short one next to its field", async () => {
    const a = await verifiedProposal("Rehabilitasi ruang kelas SDN 21 Way Urang", "1.01.02.2.01.0051");
    const b = await verifiedProposal("Perbaikan gedung SD Negeri 21 Way Urang yang rusak berat", "1.03.08.2.01.0017");
    await route(a, b);
    const flag = (await env.DB.prepare("SELECT id FROM overlap_flags WHERE proposal_a IN (?, ?) AND status = 'open'").bind(a, b).first<string>("id"))!;
    const html = await page("/konsol/kemiripan?tahun=2027");
    expect(html).toContain("Rehabilitasi ruang kelas SDN 21 Way Urang");
    expect(html).toContain("Dinas Pendidikan dan Kebudayaan");
    const short = await post(`/konsol/kemiripan/${flag}/abaikan?tahun=2027`, { reason: "x" });
    expect(short.status).toBe(422);
    const shortHtml = await short.text();
    expect(shortHtml).toContain(`id="reason-${flag}-error"`);
    expect(shortHtml).not.toMatch(/>\s*reason:/);
    expect((await post(`/konsol/kemiripan/${flag}/abaikan?tahun=2027`, { reason: "Dua sekolah berbeda: SDN 21 dan gedung serbaguna." })).status).toBe(303);
    expect(await env.DB.prepare("SELECT status, dismissed_reason AS reason FROM overlap_flags WHERE id = ?").bind(flag).first()).toEqual({ status: "dismissed", reason: "Dua sekolah berbeda: SDN 21 dan gedung serbaguna." });
  });

  it("chooses the forum's lead agency by name from the item and names it in the decision", async () => {
    const a = await verifiedProposal("Rehabilitasi ruang kelas SDN 31 Way Urang", "1.01.02.2.01.0051");
    const b = await verifiedProposal("Perbaikan gedung SD Negeri 31 Way Urang yang rusak berat", "1.03.08.2.01.0017");
    await route(a, b);
    const forumPath = (await post("/forum", { year: "2027", title: "Forum uji konsol", heldAt: "2026-11-20T09:00", place: "Aula Bappeda", scopeKind: "kabupaten" })).headers.get("location")!;
    const html = await page(forumPath);
    const item = new RegExp(`<section class="card" id="butir-([^"]+)">(?:(?!</section>).)*SDN 31 Way Urang`, "s").exec(html)![1]!;
    const section = new RegExp(`id="butir-${item}">(.*?)</section>`, "s").exec(html)![1]!;
    // The agencies of the item, by name, as radios; each proposal's agency and the overlap reasons in words.
    expect(section).toMatch(/type="radio" name="leadAgencyId" value="18.01-disdikbud"[^>]*\/?> Dinas Pendidikan dan Kebudayaan/);
    expect(section).toContain("Mengapa dianggap tumpang tindih");
    const missing = await post(`${forumPath}/agenda/${item}`, { decision: "lead_agency" });
    expect(missing.status).toBe(422);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain(`id="lead-${item}-error"`);
    expect(missingHtml).not.toMatch(/leadAgencyId:|note:|reason:/);
    expect((await post(`${forumPath}/agenda/${item}`, { decision: "lead_agency", leadAgencyId: "18.01-disdikbud", reason: "Sekolah kewenangan Disdikbud." })).status).toBe(303);
    expect(await page(forumPath)).toContain("OPD pelaksana utama: Dinas Pendidikan dan Kebudayaan. Alasan: Sekolah kewenangan Disdikbud.");
  });

  it("sends a cluster from the overlaps page to a forum's agenda, drops an item and adds a cluster back from the forum page", async () => {
    const a = await verifiedProposal("Rehabilitasi ruang kelas SDN 41 Way Urang", "1.01.02.2.01.0051");
    const b = await verifiedProposal("Perbaikan gedung SD Negeri 41 Way Urang yang rusak berat", "1.03.08.2.01.0017");
    const forumPath = (await post("/forum", { year: "2027", title: "Forum agenda uji", heldAt: "2026-11-21T09:00", place: "Aula Bappeda", scopeKind: "theme", scopeDetail: "air bersih" })).headers.get("location")!;
    const forumId = forumPath.split("/").pop()!;
    await route(a, b);
    const overlaps = await page("/konsol/kemiripan?tahun=2027");
    expect(overlaps).toContain(`<option value="${forumId}">Forum agenda uji</option>`);
    const sent = await post("/konsol/kemiripan/forum?tahun=2027", { forumId, proposalIds: [a, b].join(",") });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(forumPath);
    const items = async () => (await env.DB.prepare("SELECT id, status FROM forum_agenda_items WHERE forum_id = ? ORDER BY position").bind(forumId).all<{ id: string; status: string }>()).results;
    const [item] = await items();
    expect(item).toMatchObject({ status: "open" });
    expect((await post(`${forumPath}/agenda/${item!.id}/coret`, {})).status).toBe(303);
    expect((await items())[0]).toMatchObject({ status: "dropped" });
    // The dropped cluster is offered again, by its proposals' names.
    const html = await page(forumPath);
    const option = new RegExp(`<option value="([^"]+)">[^<]*SDN 41 Way Urang`).exec(html)![1]!;
    expect((await post(`${forumPath}/agenda`, { proposalIds: option.replaceAll("&amp;", "&") })).status).toBe(303);
    expect((await items()).map((i) => i.status)).toEqual(["dropped", "open"]);
  });

  it("warns before setting an envelope below what is committed, then saves when Bappeda confirms", async () => {
    const callers = await demoCallers();
    const id = await verifiedProposal("Pembangunan talud penahan tanah Lingkungan IV", "1.03.02.2.01.0121", { cost: 120_000_000 });
    await route(id);
    expect((await call(`/api/v1/reviews/${await taskOf(id)}/decision`, json({ decision: "accepted", target: 1 }, callers.agency_reviewer.headers))).status).toBe(201);
    const fields = { year: "2027", kind: "agency", target: DEMO.agency, amount: "100.000.000" };
    const warned = await post("/konsol/pagu?tahun=2027", fields);
    expect(warned.status).toBe(200);
    const text = await warned.text();
    expect(text).toContain("Pagu Dinas Pekerjaan Umum dan Penataan Ruang akan lebih kecil dari yang sudah terpakai");
    expect(text).toContain("kurang Rp 20.000.000");
    expect(await env.DB.prepare("SELECT amount FROM budget_envelopes WHERE kind = 'agency' AND target = ? AND year = 2027").bind(DEMO.agency).first("amount")).toBeNull();
    expect((await post("/konsol/pagu?tahun=2027", { ...fields, confirm: "1" })).status).toBe(303);
    expect(await env.DB.prepare("SELECT amount FROM budget_envelopes WHERE kind = 'agency' AND target = ? AND year = 2027").bind(DEMO.agency).first("amount")).toBe(100_000_000);
    const refused = await post("/konsol/pagu?tahun=2027", { ...fields, amount: "banyak" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(`id="amount-agency-${DEMO.agency}-error"`);
  });

  it("shows which envelope an excluded proposal is short of and by how much, and accepts it over the envelope with Bappeda's reason", async () => {
    const put = (body: unknown) => call("/api/v1/budget/envelopes", { method: "PUT", headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await put({ year: 2027, kind: "district", target: DEMO.district, amount: 50_000_000 })).status).toBe(200);
    const id = await verifiedProposal("Pembangunan embung desa Lingkungan V", "1.03.02.2.01.0121", { cost: 80_000_000 });
    await route(id);
    const pagu = `district:${DEMO.district}`;
    const html = await page(`/konsol/kecocokan-anggaran?tahun=2027&pagu=${encodeURIComponent(pagu)}`);
    const card = new RegExp(`id="usulan-${id}">(.*?)</div>`, "s").exec(html)![1]!;
    expect(card).toContain("Tidak muat dalam pagu Kecamatan Kalianda: biaya Rp 80.000.000, sisa pagu saat gilirannya Rp 50.000.000, kurang Rp 30.000.000.");
    const task = await taskOf(id);
    const noReason = await post(`/konsol/kecocokan-anggaran/terima?tahun=2027`, { taskId: task, proposalId: id, pagu, reason: "" });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain("Tuliskan alasan Bappeda menerima usulan ini melebihi pagu.");
    expect((await post(`/konsol/kecocokan-anggaran/terima?tahun=2027`, { taskId: task, proposalId: id, pagu, reason: "Prioritas bupati: embung untuk musim kemarau.", target: "1" })).status).toBe(303);
    const decided = await env.DB.prepare("SELECT decision, decision_data AS data FROM review_tasks WHERE id = ?").bind(task).first<{ decision: string; data: string }>();
    expect(decided!.decision).toBe("accepted");
    expect(JSON.parse(decided!.data)).toMatchObject({ budgetOverride: "Prioritas bupati: embung untuk musim kemarau.", overCommitted: [`agency:${DEMO.agency}`, `district:${DEMO.district}`] });
  });
});
