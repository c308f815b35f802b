/**
 * The agency reviewer's page: the list by kecamatan, desa, status and due date; one proposal with why it was routed
 * here (code, name, score, reason), its overlap flags naming the other proposal's agency, and the changes in the
 * nomenclature's units, the new sub-activity chosen by name from a search (no typed code, no JavaScript).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, DEMO, signIn } from "../support/principals.ts";

let reviewer: Awaited<ReturnType<typeof signIn>>;
const stamp = randomToken(6);
const ids = { pupr: `usl_a${stamp}`, dinkes: `usl_b${stamp}`, natar: `usl_c${stamp}` };
const tasks = { pupr: `rvw_a${stamp}`, dinkes: `rvw_b${stamp}`, natar: `rvw_c${stamp}` };
const PUPR_CODE = "1.03.06.2.01.0012";

async function proposal(id: string, taskId: string, agency: string, village: string, district: string, activity: string, dueAt: string, code?: { code: string; source: string; score: number; reason: string }) {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, volume, unit, estimated_cost, village_rank, stage, status, created_by, updated_at)
       VALUES (?, ?, 2027, '18.01', ?, ?, 'Saluran tersumbat dan meluap saat hujan', ?, 120, 'm', 75000000, 1, 'opd_review', 'in_review', 'test', '2026-01-10T00:00:00Z')`,
    ).bind(id, `USL-2027-${stamp.toUpperCase().replace(/[^A-Z2-9]/g, "X").padEnd(4, "X").slice(0, 4)}${id.slice(4, 6).toUpperCase().replace(/[^A-Z2-9]/g, "Y")}`, district, village, activity),
    env.DB.prepare("INSERT INTO review_tasks (id, proposal_id, kind, agency_id, regency_code, queue_key, status, due_at) VALUES (?, ?, 'agency_review', ?, '18.01', ?, 'open', ?)").bind(taskId, id, agency, agency, dueAt),
    ...(code ? [env.DB.prepare("INSERT INTO proposal_classifications (proposal_id, sub_activity_code, source, score, reason) VALUES (?, ?, ?, ?, ?)").bind(id, code.code, code.source, code.score, code.reason)] : []),
  ]);
}

beforeAll(async () => {
  reviewer = await signIn("penelaah.pupr", DEMO_PASSWORD);
  await proposal(ids.pupr, tasks.pupr, DEMO.agency, DEMO.village, DEMO.district, `Drainase lingkungan ${stamp}`, "2020-02-01T00:00:00Z", { code: PUPR_CODE, source: "suggested", score: 0.82, reason: "kata kunci sama: drainase, saluran" });
  await proposal(ids.dinkes, tasks.dinkes, DEMO.otherAgency, DEMO.village, DEMO.district, `Sanitasi gang ${stamp}`, "2099-02-01T00:00:00Z");
  await proposal(ids.natar, tasks.natar, DEMO.agency, DEMO.villageInOtherDistrict, DEMO.otherDistrict, `Jalan Natar ${stamp}`, "2099-03-01T00:00:00Z");
  const [a, b] = [ids.pupr, ids.dinkes].sort();
  await env.DB.prepare("INSERT INTO overlap_flags (id, regency_code, year, proposal_a, proposal_b, kind, score, reasons, status, cluster_id, updated_at) VALUES (?, '18.01', 2027, ?, ?, 'cross_agency', 0.77, ?, 'open', ?, '2026-01-10T00:00:00Z')")
    .bind(`flg_${stamp}`, a, b, JSON.stringify(["kata kunci sama: saluran"]), a)
    .run();
});

const page = async (path: string) => {
  const response = await call(path, { headers: { cookie: reviewer.cookie } });
  expect(response.status, path).toBe(200);
  return response.text();
};

describe("the reviewer's list", () => {
  it("filters by kecamatan (then its desa) and by due date", async () => {
    const all = await page("/telaah?status=waiting");
    expect(all).toContain('<select id="kecamatan" name="kecamatan">');
    const natar = await page(`/telaah?status=waiting&kecamatan=${DEMO.otherDistrict}`);
    expect(natar).toContain(`Jalan Natar ${stamp}`);
    expect(natar).not.toContain(`Drainase lingkungan ${stamp}`);
    expect(natar).toContain('<select id="desa" name="desa">');
    const late = await page(`/telaah?status=waiting&kecamatan=${DEMO.district}&tenggat=lewat`);
    expect(late).toContain(`Drainase lingkungan ${stamp}`);
    expect(late).not.toContain(`Jalan Natar ${stamp}`);
    const wayUrang = await page(`/telaah?status=waiting&kecamatan=${DEMO.district}&desa=${DEMO.village}`);
    expect(wayUrang).toContain(`Drainase lingkungan ${stamp}`);
    expect(wayUrang).not.toContain(`Jalan Natar ${stamp}`);
  });
});

describe("one proposal", () => {
  it("says why it was routed here and names the other proposal's agency", async () => {
    const html = await page(`/telaah/${tasks.pupr}`);
    expect(html).toContain("Mengapa usulan ini ke sini");
    expect(html).toContain(`(${PUPR_CODE})`);
    expect(html).toContain("disarankan dari kata-kata usulan · skor 0.82 · kata kunci sama: drainase, saluran");
    expect(html).toMatch(/ditelaah oleh Dinas Kesehatan/);
    expect(html).toContain("Dalam satuan usulan: m. Usulan desa 120 m.");
    const english = await (await call(`/telaah/${tasks.pupr}`, { headers: { cookie: reviewer.cookie, "accept-language": "en" } })).text();
    expect(english).toContain("Why this proposal is here");
    expect(english).toContain("suggested from the proposal&#39;s words · score 0.82");
    expect(english).toContain("reviewed by Dinas Kesehatan");
  });

  it("lets the reviewer pick the new sub-activity by name from a search and decide with changes", async () => {
    const searched = await page(`/telaah/${tasks.pupr}?cari=drainase`);
    const choice = /<input type="radio" name="subActivityCode" value="([\d.]+)"\/?>\s*<span>([^<]+)/.exec(searched);
    expect(choice).not.toBeNull();
    expect(searched).not.toMatch(/<input[^>]*id="subActivityCode"/);
    const body = new URLSearchParams({ _csrf: reviewer.csrfToken, decision: "accepted_with_changes", volume: "80", estimatedCost: "60.000.000", subActivityCode: choice![1]!, target: "80", reason: "Disesuaikan survei" });
    const decided = await call(`/telaah/${tasks.pupr}`, { method: "POST", headers: { cookie: reviewer.cookie, "content-type": "application/x-www-form-urlencoded" }, body: body.toString(), redirect: "manual" });
    expect(decided.status).toBe(303);
    const data = JSON.parse((await env.DB.prepare("SELECT decision_data FROM review_tasks WHERE id = ?").bind(tasks.pupr).first<string>("decision_data"))!) as { changes: Record<string, unknown> };
    expect(data.changes).toMatchObject({ volume: 80, estimatedCost: 60_000_000, subActivityCode: choice![1] });
  });

  it("says in words when the search finds nothing", async () => {
    const html = await page(`/telaah/${tasks.natar}?cari=zzzqqq`);
    expect(html).toContain("Tidak ada sub kegiatan yang cocok dengan “zzzqqq”.");
  });
});
