/** The channels beside the village's, through the API: pokir DPRD, the thematic Musrenbang, and their overlap with villages. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { call, DEMO, demoCallers, json, tokenCaller, type Caller } from "../support/principals.ts";
import { PNG, proposalInput } from "../support/proposals.ts";
import { route, verifiedProposal } from "../support/routing.ts";
import { startLifecycleStage } from "../../workers/usecases/lifecycle/stages.ts";
import { depsOf } from "../../workers/usecases/deps.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
let member: Caller;
let otherMember: Caller;
let setwan: Caller;
let perempuan: Caller;
beforeAll(async () => {
  callers = await demoCallers();
  member = await tokenCaller("dprd_member", DEMO.regency, "18.01-dprd-01");
  otherMember = await tokenCaller("dprd_member", DEMO.regency, "18.01-dprd-02");
  setwan = await tokenCaller("dprd_secretariat", DEMO.regency, DEMO.regency);
  perempuan = await tokenCaller("thematic_group", DEMO.regency, "perempuan");
});

let made = 0;
const { villageCode: _village, ...common } = proposalInput();
const pokirInput = (overrides: Record<string, unknown> = {}) => ({
  ...common,
  activity: `Pembangunan jembatan gantung Dusun ${++made}`,
  villageCode: DEMO.village,
  resesDate: "2026-03-14",
  resesPlace: "Balai Kelurahan Way Urang",
  ...overrides,
});
const thematicInput = (overrides: Record<string, unknown> = {}) => ({
  ...common,
  activity: `Pelatihan kewirausahaan perempuan kepala keluarga angkatan ${++made}`,
  problem: "Perempuan kepala keluarga di kecamatan belum punya keterampilan usaha dan akses modal.",
  beneficiaryGroup: "perempuan",
  subActivityCode: null,
  districtCode: DEMO.district,
  theme: "perempuan",
  ...overrides,
});

const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; fields?: { path: string; code: string; message: string }[] } }).error;
type View = { id: string; trackingCode?: string; channel: string; locationLevel: string; stage: string; status: string; villageRank: number | null; villageCode: string; districtCode: string; theme: string | null; proposerGroup: string | null; attachments?: unknown[] };

describe("pokir DPRD", () => {
  it("a member submits a pokir for a desa: it carries the member, fraksi, dapil and reses, skips the kecamatan, and is audited", async () => {
    const response = await call("/api/v1/pokir", json(pokirInput(), member.headers));
    expect(response.status).toBe(201);
    const pokir = (await response.json()) as View;
    expect(pokir).toMatchObject({ channel: "pokir", locationLevel: "desa", stage: "opd_review", status: "submitted", villageRank: null, villageCode: DEMO.village, districtCode: DEMO.district });
    const row = await env.DB.prepare("SELECT member_id, member_name, fraksi, dapil, reses_date, reses_place FROM pokir WHERE proposal_id = ?").bind(pokir.id).first();
    expect(row).toEqual({ member_id: "18.01-dprd-01", member_name: "Hj. Siti Rohmah, S.Pd.", fraksi: "PKB", dapil: "Dapil 1 (Kalianda, Rajabasa, Sragi)", reses_date: "2026-03-14", reses_place: "Balai Kelurahan Way Urang" });
    const tasks = await env.DB.prepare("SELECT kind FROM review_tasks WHERE proposal_id = ? AND kind = 'verification'").bind(pokir.id).all();
    expect(tasks.results).toEqual([]);
    const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE entity_id = ? AND action = 'proposal.submitted'").bind(pokir.id).first<{ data: string }>();
    expect(JSON.parse(audit!.data)).toMatchObject({ channel: "pokir", memberId: "18.01-dprd-01", stage: "opd_review" });
    // Its own member reads it with everything it carries; another member, and the desa it is placed in, do not see it.
    const detail = (await (await call(`/api/v1/proposals/${pokir.id}`, { headers: member.headers })).json()) as { pokir: { memberName: string; fraksi: string } };
    expect(detail.pokir).toMatchObject({ memberName: "Hj. Siti Rohmah, S.Pd.", fraksi: "PKB" });
    expect((await call(`/api/v1/proposals/${pokir.id}`, { headers: otherMember.headers })).status).toBe(404);
    expect((await call(`/api/v1/proposals/${pokir.id}`, { headers: callers.village_operator.headers })).status).toBe(404);
    expect((await call(`/api/v1/proposals/${pokir.id}`, { headers: setwan.headers })).status).toBe(200);
  });

  it("Setwan enters a kecamatan-wide pokir for a named member, with a photo as evidence", async () => {
    const form = new FormData();
    form.append("proposal", JSON.stringify(pokirInput({ villageCode: null, districtCode: DEMO.district, memberId: "18.01-dprd-03" })));
    form.append("attachments", new File([PNG], "foto-lokasi.png", { type: "image/png" }));
    const response = await call("/api/v1/pokir", { method: "POST", headers: setwan.headers, body: form });
    expect(response.status).toBe(201);
    const pokir = (await response.json()) as View;
    expect(pokir).toMatchObject({ channel: "pokir", locationLevel: "kecamatan", villageCode: DEMO.district, districtCode: DEMO.district });
    expect(pokir.attachments).toHaveLength(1);
    expect((await env.DB.prepare("SELECT member_name FROM pokir WHERE proposal_id = ?").bind(pokir.id).first())?.member_name).toBe("Drs. Bambang Irawan");
  });

  it("refuses field by field and writes nothing: no member from Setwan, another member's id from a member, an unknown member, two places or none", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM proposals").first<{ n: number }>();
    const cases: [Caller, Record<string, unknown>, string, string][] = [
      [setwan, pokirInput(), "memberId", "member_required"],
      [member, pokirInput({ memberId: "18.01-dprd-02" }), "memberId", "region_out_of_scope"],
      [setwan, pokirInput({ memberId: "18.01-dprd-99" }), "memberId", "member_unknown"],
      [setwan, pokirInput({ memberId: "18.01-dprd-01", districtCode: DEMO.district }), "districtCode", "location_one_of"],
      [setwan, pokirInput({ memberId: "18.01-dprd-01", villageCode: null }), "districtCode", "location_one_of"],
      [member, pokirInput({ resesDate: "14/03/2026" }), "resesDate", "reses_date_format"],
    ];
    for (const [caller, body, path, code] of cases) {
      const response = await call("/api/v1/pokir", json(body, caller.headers));
      expect(response.status, `${path} ${code}`).toBe(422);
      expect((await errorOf(response)).fields).toEqual([expect.objectContaining({ path, code })]);
    }
    expect(await env.DB.prepare("SELECT count(*) AS n FROM proposals").first<{ n: number }>()).toEqual(before);
    // A village operator, a kecamatan or an agency cannot enter pokir at all.
    for (const caller of [callers.village_operator, callers.district_verifier, callers.agency_reviewer]) expect((await call("/api/v1/pokir", json(pokirInput(), caller.headers))).status).toBe(403);
  });

  it("goes to routing without a kecamatan verification task", async () => {
    const pokir = (await (await call("/api/v1/pokir", json(pokirInput(), member.headers))).json()) as View;
    const start = await startLifecycleStage(depsOf(env), pokir.id, Date.now());
    expect(start).toMatchObject({ proposal: { channel: "pokir", status: "submitted" }, task: null });
    await route(pokir.id);
    const routed = await env.DB.prepare("SELECT status, stage FROM proposals WHERE id = ?").bind(pokir.id).first();
    expect(routed).toMatchObject({ stage: "opd_review" });
    expect(["in_review", "triage"]).toContain(routed!.status);
  });

  it("is withdrawn only with a reason, while under review too, and is never deleted", async () => {
    const pokir = (await (await call("/api/v1/pokir", json(pokirInput(), member.headers))).json()) as View;
    await route(pokir.id);
    // The village route has no reason to give: a pokir is not withdrawn there.
    const bare = await call(`/api/v1/proposals/${pokir.id}/withdraw`, { method: "POST", headers: member.headers });
    expect(bare.status).toBe(422);
    expect((await errorOf(bare)).fields?.[0]).toMatchObject({ path: "reason", code: "reason_required" });
    // Another member's pokir: an action outside the caller's scope in its own kabupaten is forbidden.
    expect((await call(`/api/v1/pokir/${pokir.id}/withdraw`, json({ reason: "Sudah dianggarkan" }, otherMember.headers))).status).toBe(403);
    const response = await call(`/api/v1/pokir/${pokir.id}/withdraw`, json({ reason: "Sudah dibangun lewat dana desa 2026" }, member.headers));
    expect(response.status).toBe(200);
    expect(((await response.json()) as View).status).toBe("withdrawn");
    const open = await env.DB.prepare("SELECT count(*) AS n FROM review_tasks WHERE proposal_id = ? AND status IN ('open', 'claimed')").bind(pokir.id).first<{ n: number }>();
    expect(open!.n).toBe(0);
    const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE entity_id = ? AND action = 'proposal.withdrawn'").bind(pokir.id).first<{ data: string }>();
    expect(JSON.parse(audit!.data)).toMatchObject({ reason: "Sudah dibangun lewat dana desa 2026", channel: "pokir" });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM pokir WHERE proposal_id = ?").bind(pokir.id).first()).toEqual({ n: 1 });
    // Not even a statement of our own could delete it: the database refuses (migration 0014's triggers).
    await expect(env.DB.prepare("DELETE FROM pokir WHERE proposal_id = ?").bind(pokir.id).run()).rejects.toThrow(/pokir_never_deleted/);
    await expect(env.DB.prepare("DELETE FROM proposals WHERE id = ?").bind(pokir.id).run()).rejects.toThrow(/pokir_never_deleted/);
  });

  it("reports to each member what became of every pokir, as JSON and CSV; Setwan reads any member's", async () => {
    const mine = (await (await call("/api/v1/pokir", json(pokirInput({ activity: "Rehabilitasi saluran irigasi tersier Way Urang" }), member.headers))).json()) as View;
    const theirs = (await (await call("/api/v1/pokir", json(pokirInput({ memberId: "18.01-dprd-02" }), setwan.headers))).json()) as View;
    const report = (await (await call("/api/v1/pokir?year=2027", { headers: member.headers })).json()) as { pokir: { id: string; memberId: string; statusLabel: string; location: string }[] };
    expect(report.pokir.map((p) => p.id)).toContain(mine.id);
    expect(report.pokir.map((p) => p.id)).not.toContain(theirs.id);
    expect(new Set(report.pokir.map((p) => p.memberId))).toEqual(new Set(["18.01-dprd-01"]));
    expect(report.pokir.find((p) => p.id === mine.id)).toMatchObject({ statusLabel: "Diajukan", location: "Way Urang, Kalianda" });
    // A member asking for another member's still gets its own.
    const asked = (await (await call("/api/v1/pokir?year=2027&member=18.01-dprd-02", { headers: member.headers })).json()) as { pokir: { memberId: string }[] };
    expect(new Set(asked.pokir.map((p) => p.memberId))).toEqual(new Set(["18.01-dprd-01"]));
    const forTheirs = (await (await call("/api/v1/pokir?year=2027&member=18.01-dprd-02", { headers: setwan.headers })).json()) as { pokir: { id: string }[] };
    expect(forTheirs.pokir.map((p) => p.id)).toContain(theirs.id);
    const csv = await call("/api/v1/pokir?year=2027&format=csv", { headers: member.headers });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe("Kode Usulan,Anggota DPRD,Fraksi,Dapil,Tanggal Reses,Tempat Reses,Usulan Kegiatan,Lokasi,Volume,Satuan,Perkiraan Biaya (Rp),Kode Status,Status,OPD dan Keputusan,Alasan,Baris Renja");
    expect(text).toContain("Rehabilitasi saluran irigasi tersier Way Urang");
    expect((await call("/api/v1/pokir?year=2027", { headers: callers.village_operator.headers })).status).toBe(403);
  });
});

describe("Musrenbang tematik", () => {
  it("a group submits for a kecamatan and for the whole kabupaten, tagged with its theme; not for another theme", async () => {
    const kecamatan = (await (await call("/api/v1/thematic-proposals", json(thematicInput(), perempuan.headers))).json()) as View;
    expect(kecamatan).toMatchObject({ channel: "tematik", locationLevel: "kecamatan", theme: "perempuan", proposerGroup: "test thematic_group", stage: "opd_review", villageRank: null });
    const response = await call("/api/v1/thematic-proposals", json(thematicInput({ districtCode: null }), perempuan.headers));
    expect(response.status).toBe(201);
    expect((await response.json()) as View).toMatchObject({ locationLevel: "kabupaten", villageCode: DEMO.regency, districtCode: DEMO.regency });
    const other = await call("/api/v1/thematic-proposals", json(thematicInput({ theme: "lansia" }), perempuan.headers));
    expect(other.status).toBe(422);
    expect((await errorOf(other)).fields).toEqual([expect.objectContaining({ path: "theme", code: "region_out_of_scope" })]);
    expect((await call("/api/v1/thematic-proposals", json(thematicInput({ theme: "lansia" }), callers.planning_admin.headers))).status).toBe(201);
  });

  it("sums per theme what was submitted, forwarded and funded", async () => {
    const first = (await (await call("/api/v1/thematic-proposals", json(thematicInput(), perempuan.headers))).json()) as View;
    await route(first.id);
    const summary = (await (await call("/api/v1/themes?year=2027", { headers: callers.planning_admin.headers })).json()) as { themes: { theme: string; submitted: number; forwarded: number; funded: number }[] };
    expect(summary.themes.map((t) => t.theme)).toEqual(["perempuan", "anak", "disabilitas", "lansia", "pemuda"]);
    const perempuanRow = summary.themes.find((t) => t.theme === "perempuan")!;
    const counted = await env.DB.prepare("SELECT count(*) AS n, sum(status NOT IN ('submitted', 'returned', 'withdrawn')) AS f FROM proposals WHERE channel = 'tematik' AND theme = 'perempuan' AND year = 2027").first<{ n: number; f: number }>();
    expect(perempuanRow).toMatchObject({ submitted: counted!.n, forwarded: counted!.f, funded: 0 });
    expect(perempuanRow.forwarded).toBeGreaterThan(0);
    // The group sees its own theme only.
    const own = (await (await call("/api/v1/themes?year=2027", { headers: perempuan.headers })).json()) as { themes: { theme: string }[] };
    expect(own.themes.map((t) => t.theme)).toEqual(["perempuan"]);
    expect((await call("/api/v1/themes?year=2027", { headers: member.headers })).status).toBe(403);
  });
});

describe("overlap across channels", () => {
  const flagsOf = async (proposalId: string) =>
    ((await (await call(`/api/v1/proposals/${proposalId}/overlaps`, { headers: callers.planning_admin.headers })).json()) as { flags: { kind: string; reasons: string[]; proposals: { id: string }[] }[] }).flags;

  it("flags a drainage asked by a village and by a DPRD member for the same desa, for the forum, naming the channels", async () => {
    const desa = await verifiedProposal("Pembangunan drainase lingkungan RT 05 Way Urang", "1.03.06.2.01.0012", { problem: "Saluran tersumbat, air meluap ke rumah warga RT 05 saat hujan." });
    await route(desa);
    const pokir = (await (await call("/api/v1/pokir", json(pokirInput({ activity: "Pembangunan drainase lingkungan RT 05 Way Urang", problem: "Warga RT 05 mengeluhkan saluran tersumbat dan meluap saat hujan." }), member.headers))).json()) as View;
    await route(pokir.id);
    const [flag] = (await flagsOf(pokir.id)).filter((f) => f.proposals.some((p) => p.id === desa));
    expect(flag).toMatchObject({ kind: "cross_agency" });
    expect(flag!.reasons[0]).toBe("usulan desa dan pokir DPRD");
  });

  it("a kecamatan-wide pokir meets the desa lines inside its kecamatan", async () => {
    const village = `${DEMO.district}.2001`;
    const desa = await verifiedProposal(`Normalisasi saluran drainase Jondong ${randomToken(3)}`, "1.03.06.2.01.0012", { village, problem: "Drainase Desa Jondong dangkal dan penuh sedimen, banjir setiap musim hujan." });
    await route(desa);
    const pokir = (await (await call("/api/v1/pokir", json(pokirInput({ villageCode: null, districtCode: DEMO.district, activity: "Normalisasi saluran drainase Desa Jondong", problem: "Drainase di Desa Jondong dangkal dan penuh sedimen sehingga banjir tiap musim hujan." }), member.headers))).json()) as View;
    await route(pokir.id);
    const flag = (await flagsOf(pokir.id)).find((f) => f.proposals.some((p) => p.id === desa));
    expect(flag, "the kecamatan-wide pokir and the desa's line never met").toBeDefined();
    expect(flag!.reasons[0]).toBe("usulan desa dan pokir DPRD");
  });
});

describe("the Renja says where each activity came from", () => {
  it("a pokir accepted by its agency is a Renja row with its channel and its member and fraksi; a kecamatan-wide one has no desa", async () => {
    const pokir = (await (await call("/api/v1/pokir", json(pokirInput({ villageCode: null, districtCode: DEMO.district, activity: "Peningkatan jalan poros Kecamatan Kalianda", subActivityCode: "1.03.10.2.01.0053" }), member.headers))).json()) as View;
    await route(pokir.id);
    // The agency accepts: the decision and the outcome as the lifecycle records them, then the Renja lines.
    await env.DB.batch([
      env.DB.prepare("UPDATE review_tasks SET status = 'decided', decision = 'accepted', decided_by = 'test', decided_at = '2026-05-01T00:00:00Z' WHERE proposal_id = ? AND kind = 'agency_review'").bind(pokir.id),
      env.DB.prepare("UPDATE proposals SET status = 'accepted', stage = 'renja' WHERE id = ?").bind(pokir.id),
    ]);
    const { renjaLineStatements } = await import("../../workers/storage/renja.ts");
    const { runBatch } = await import("../../workers/storage/database.ts");
    const db = depsOf(env).db;
    await runBatch(db, await renjaLineStatements(db, pokir.id));
    const response = await call("/api/v1/exports/renja?year=2027&format=csv", { method: "POST", headers: callers.planning_admin.headers });
    expect(response.status).toBe(200);
    const lines = new TextDecoder().decode(await response.arrayBuffer()).split("\r\n");
    expect(lines[0]!.split(",").slice(-4)).toEqual(["Kode Jalur Usulan", "Jalur Usulan", "Tema", "Asal Usulan"]);
    const row = lines.find((l) => l.includes(pokir.trackingCode!))!;
    expect(row).toContain('pokir,Pokir DPRD,,"Pokir DPRD: Hj. Siti Rohmah, S.Pd. (Fraksi PKB, Dapil 1 (Kalianda, Rajabasa, Sragi))"');
    // Kode Desa/Kelurahan (column 16) is empty for a kecamatan-wide activity.
    expect(row.startsWith("18.01-pupr,")).toBe(true);
  });
});
