import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, signIn } from "../support/principals.ts";
import { route, verifiedProposal } from "../support/routing.ts";

describe("running a forum in the web UI", () => {
  it("goes from agenda to decisions, attendees and signed minutes", async () => {
    const a = await verifiedProposal("Rehabilitasi ruang kelas SDN 11 Way Urang", "1.01.02.2.01.0051");
    const b = await verifiedProposal("Perbaikan gedung SD Negeri 11 Way Urang yang rusak berat", "1.03.08.2.01.0017");
    await route(a, b);
    const session = await signIn("admin.bappeda", DEMO_PASSWORD);
    const post = (path: string, fields: Record<string, string>) =>
      call(path, { method: "POST", headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(), redirect: "manual" });

    const created = await post("/forum", { year: "2027", title: "Forum Lintas PD 2027", heldAt: "2026-11-20T09:00", place: "Aula Bappeda", scopeKind: "kabupaten" });
    expect(created.status).toBe(303);
    const forumPath = created.headers.get("location")!;
    const page = await (await call(forumPath, { headers: { cookie: session.cookie } })).text();
    expect(page).toContain("Rehabilitasi ruang kelas SDN 11 Way Urang");
    const itemPath = new RegExp(`action="(${forumPath}/agenda/[^"]+)"`).exec(page)![1]!;

    const refused = await post(itemPath, { decision: "lead_agency", target: "18.01-dinkes" });
    expect(refused.status).toBe(422);
    expect((await post(itemPath, { decision: "lead_agency", target: "18.01-disdikbud", reason: "Sekolah kewenangan Disdikbud." })).status).toBe(303);
    expect((await post(`${forumPath}/peserta`, { name: "Ir. Lestari", position: "Kepala Dinas PUPR", agencyId: "18.01-pupr", username: "penelaah.pupr" })).status).toBe(303);
    expect((await post(`${forumPath}/peserta`, { name: "Drs. Hendra", position: "Camat Kalianda" })).status).toBe(303);
    expect((await post(`${forumPath}/tindak-lanjut`, { description: "Serah terima data teknis ke Disdikbud", ownerAgencyId: "18.01-pupr", dueDate: "2027-04-01" })).status).toBe(303);
    const attendee = await env.DB.prepare("SELECT id FROM forum_attendees WHERE name = 'Ir. Lestari'").first<string>("id");
    const camat = await env.DB.prepare("SELECT id FROM forum_attendees WHERE name = 'Drs. Hendra'").first<string>("id");
    expect((await post(`${forumPath}/final`, {})).status).toBe(303);
    // Bappeda cannot sign for anyone; it sends the attendee a one-time link instead.
    expect((await post(`${forumPath}/peserta/${attendee}/tanda-tangan`, {})).status).toBe(403);
    const linkPage = await (await post(`${forumPath}/peserta/${camat}/tautan`, {})).text();
    const link = /(\/tanda-tangan\/[\w-]+)/.exec(linkPage)![1]!;
    expect((await call(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" })).status).toBe(200);
    // The attendee signs for themselves from the berita acara page.
    const reviewer = await signIn("penelaah.pupr", DEMO_PASSWORD);
    const own = await (await call(`${forumPath}/berita-acara`, { headers: { cookie: reviewer.cookie } })).text();
    expect(own).toContain("Saya menyetujui dan menandatangani berita acara ini");
    const signed = await call(`${forumPath}/peserta/${attendee}/tanda-tangan`, { method: "POST", headers: { cookie: reviewer.cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: reviewer.csrfToken }).toString(), redirect: "manual" });
    expect(signed.status).toBe(303);

    const minutes = await (await call(`${forumPath}/berita-acara`, { headers: { cookie: session.cookie } })).text();
    expect(minutes).toContain("OPD pelaksana utama ditetapkan: Dinas Pendidikan dan Kebudayaan. Alasan: Sekolah kewenangan Disdikbud.");
    expect(minutes).toMatch(/NOMOR: 050\/\d{3}\/BA-FLPD\/2026/);
    expect(minutes).toContain("Ir. Lestari");
    expect(minutes).toContain("Serah terima data teknis ke Disdikbud");
    expect(minutes).toMatch(/Disetujui melalui akun \d+ \w+ 2026 pukul \d\d\.\d\d WIB/);
    expect(minutes).toMatch(/Disetujui melalui tautan/);
    const pdf = await call(`${forumPath}/berita-acara.pdf`, { headers: { cookie: session.cookie } });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
  });
});
