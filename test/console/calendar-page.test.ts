/**
 * Bappeda sets the year's schedule in the browser (`/konsol/jadwal`): every window in one form, errors in words
 * under the stage they belong to, an extension with its reason (audited), and then the village is refused outside
 * its window with the window named. Other roles are refused the page.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, signIn } from "../support/principals.ts";

let admin: Awaited<ReturnType<typeof signIn>>;
// A far year of its own, so no other test's proposals or schedule meet this one.
const YEAR = 2091;

const post = (path: string, fields: Record<string, string>, session = admin) => {
  const body = new FormData();
  body.set("_csrf", session.csrfToken);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return call(path, { method: "POST", headers: { cookie: session.cookie }, body, redirect: "manual" });
};
const page = async (path: string, session = admin) => (await call(path, { headers: { cookie: session.cookie } })).text();

beforeAll(async () => {
  admin = await signIn("admin.bappeda", DEMO_PASSWORD);
});

describe("the schedule page", () => {
  it("shows every stage, unrestricted until set", async () => {
    const html = await page(`/konsol/jadwal?tahun=${YEAR}`);
    for (const name of ["Pengajuan usulan desa", "Verifikasi dan pemeringkatan kecamatan", "Telaah OPD", "Forum Lintas Perangkat Daerah", "Penutupan Renja"]) expect(html).toContain(name);
    expect(html).toContain("tidak dibatasi");
  });

  it("puts a refusal under the stage it belongs to, in words, keeping what was typed", async () => {
    const half = await post(`/konsol/jadwal?tahun=${YEAR}`, { "opensOn-forum": `${YEAR}-05-01` });
    expect(half.status).toBe(422);
    const html = await half.text();
    expect(html).toContain('id="forum-error"');
    expect(html).toContain("Isi tanggal dibuka dan ditutup, atau kosongkan keduanya.");
    expect(html).toContain(`value="${YEAR}-05-01"`);
    const reversed = await post(`/konsol/jadwal?tahun=${YEAR}`, { "opensOn-agency_review": `${YEAR}-06-30`, "closesOn-agency_review": `${YEAR}-06-01` });
    expect(reversed.status).toBe(422);
    const text = await reversed.text();
    expect(text).toContain('id="agency_review-error"');
    expect(text).not.toMatch(/windows\.\d|opensOn:|closesOn:/);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM stage_windows WHERE year = ?").bind(YEAR).first<number>("n")).toBe(0);
  });

  it("saves the schedule, extends a window with a reason (audited), and the village is then refused outside it", async () => {
    const saved = await post(`/konsol/jadwal?tahun=${YEAR}`, { "opensOn-desa_submission": `${YEAR}-01-02`, "closesOn-desa_submission": `${YEAR}-02-28` });
    expect(saved.status).toBe(303);
    expect(await page(`/konsol/jadwal?tahun=${YEAR}&ok=1`)).toContain("2 Jan–28 Feb " + YEAR + " WIB");

    const noReason = await post(`/konsol/jadwal/perpanjang?tahun=${YEAR}`, { stage: "desa_submission", closesOn: `${YEAR}-03-15`, reason: "" });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('id="extend-reason-error"');
    const earlier = await post(`/konsol/jadwal/perpanjang?tahun=${YEAR}`, { stage: "desa_submission", closesOn: `${YEAR}-02-01`, reason: "Salah ketik tanggal." });
    expect(earlier.status).toBe(409);
    expect(await earlier.text()).toContain("Tanggal tutup baru harus sesudah tanggal tutup sekarang.");

    const extended = await post(`/konsol/jadwal/perpanjang?tahun=${YEAR}`, { stage: "desa_submission", closesOn: `${YEAR}-03-15`, reason: "Banyak desa terlambat karena banjir." });
    expect(extended.status).toBe(303);
    const html = await page(`/konsol/jadwal?tahun=${YEAR}&ok=2`);
    expect(html).toContain("2 Jan–15 Mar " + YEAR + " WIB");
    expect(html).toContain("Banyak desa terlambat karena banjir.");
    const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE action = 'calendar.extended' AND entity_id = ?").bind(`18.01:${YEAR}`).first<string>("data");
    expect(JSON.parse(audit!)).toMatchObject({ stage: "desa_submission", from: `${YEAR}-02-28`, to: `${YEAR}-03-15`, reason: "Banyak desa terlambat karena banjir." });
  });

  it("is Bappeda's: a village operator is refused the page and its forms", async () => {
    const operator = await signIn("operator.wayurang", DEMO_PASSWORD);
    expect((await call(`/konsol/jadwal?tahun=${YEAR}`, { headers: { cookie: operator.cookie } })).status).toBe(403);
    expect((await post(`/konsol/jadwal?tahun=${YEAR}`, { "opensOn-forum": `${YEAR}-05-01`, "closesOn-forum": `${YEAR}-05-31` }, operator)).status).toBe(403);
  });
});
