import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { proposalIn } from "../access/cases/proposals.ts";
import { call, demoCallers, json, DEMO } from "../support/principals.ts";
import { route, verifiedProposal } from "../support/routing.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

type Forum = {
  id: string;
  agenda: { id: string; budgetAtStake: number; status: string; decision: string | null; proposals: { id: string; status: string }[] }[];
  attendees: { id: string; name: string; signedAt: string | null }[];
};

const admin = () => callers.planning_admin.headers;

/** Two proposals for the same school, one with the education agency and one with public works: one cluster. */
async function schoolCluster(cost = 250_000_000, name = "SDN 1 Way Urang") {
  const a = await verifiedProposal(`Rehabilitasi ruang kelas ${name}`, "1.01.02.2.01.0051", { cost });
  const b = await verifiedProposal(`Perbaikan gedung ${name.replace("SDN", "SD Negeri")} yang rusak berat`, "1.03.08.2.01.0017", { cost: cost / 2 });
  await route(a, b);
  return [a, b] as const;
}

async function newForum(body: Record<string, unknown> = {}) {
  const response = await call("/api/v1/forums", json({ year: 2027, title: "Forum Lintas PD Lampung Selatan", heldAt: "2027-03-10T02:00:00.000Z", place: "Aula Bappeda", scopeKind: "kabupaten", ...body }, admin()));
  expect(response.status).toBe(201);
  return (await response.json()) as Forum;
}

const decide = (forum: Forum, item: string, body: unknown) => call(`/api/v1/forums/${forum.id}/agenda/${item}/decision`, json(body, admin()));
const itemWith = (forum: Forum, proposalId: string) => forum.agenda.find((i) => i.proposals.some((p) => p.id === proposalId))!;
const task = (proposalId: string, agency: string) => env.DB.prepare("SELECT status, decision FROM review_tasks WHERE proposal_id = ? AND agency_id = ?").bind(proposalId, agency).first<{ status: string; decision: string }>();

describe("the sync forum", () => {
  it("builds its agenda from the open clusters in scope, biggest budget first", async () => {
    const small = await schoolCluster(100_000_000, "SDN 2 Way Urang");
    const big = await schoolCluster(900_000_000, "SDN 3 Way Urang");
    const forum = await newForum();
    const positions = forum.agenda.map((i) => i.proposals.map((p) => p.id).sort().join());
    expect(positions.indexOf([...big].sort().join())).toBeLessThan(positions.indexOf([...small].sort().join()));
    expect(forum.agenda[0]!.budgetAtStake).toBeGreaterThanOrEqual(forum.agenda.at(-1)!.budgetAtStake);
    const elsewhere = await newForum({ scopeKind: "districts", scopeDistricts: ["18.01.04"] });
    expect(elsewhere.agenda.some((i) => i.proposals.some((p) => big.includes(p.id as never)))).toBe(false);
  });

  it("lead agency: the other agency's task closes as merged", async () => {
    const [school, works] = await schoolCluster(300_000_000, "SDN 4 Way Urang");
    const forum = await newForum();
    const item = itemWith(forum, school);
    expect((await decide(forum, item.id, { decision: "lead_agency", leadAgencyId: "18.01-dinkes" })).status).toBe(422);
    expect((await decide(forum, item.id, { decision: "lead_agency", leadAgencyId: "18.01-disdikbud", reason: "Sekolah kewenangan Disdikbud." })).status).toBe(200);
    expect(await task(works, "18.01-pupr")).toEqual({ status: "cancelled", decision: "merged" });
    expect(await task(school, "18.01-disdikbud")).toMatchObject({ status: "open" });
    const again = await decide(forum, item.id, { decision: "rejected", reason: "Berubah pikiran." });
    expect(again.status).toBe(409);
  });

  it("merged: the merged proposal keeps its sources", async () => {
    const [school, works] = await schoolCluster(400_000_000, "SDN 5 Way Urang");
    const forum = await newForum();
    expect((await decide(forum, itemWith(forum, school).id, { decision: "merged", intoProposalId: school })).status).toBe(200);
    expect(await env.DB.prepare("SELECT status FROM proposals WHERE id = ?").bind(works).first("status")).toBe("merged");
    expect(await env.DB.prepare("SELECT source_proposal_id AS source FROM proposal_sources WHERE proposal_id = ?").bind(school).first("source")).toBe(works);
  });

  it("split: each agency a part; kept separate: flags dismissed with the reason; rejected: proposals rejected", async () => {
    const [s1] = await schoolCluster(500_000_000, "SDN 6 Way Urang");
    const [s2, w2] = await schoolCluster(510_000_000, "SDN 7 Way Urang");
    const [s3, w3] = await schoolCluster(520_000_000, "SDN 8 Way Urang");
    const forum = await newForum();
    const split = await decide(forum, itemWith(forum, s1).id, {
      decision: "split",
      parts: [
        { agencyId: "18.01-disdikbud", volume: 2, estimatedCost: 300_000_000, note: "ruang kelas", target: 2 },
        { agencyId: "18.01-pupr", volume: 1, estimatedCost: 200_000_000, note: "struktur gedung", target: 1 },
      ],
    });
    expect(split.status).toBe(200);
    await decide(forum, itemWith(forum, s2).id, { decision: "kept_separate", reason: "Dua gedung berbeda di kompleks sekolah." });
    const flag = await env.DB.prepare("SELECT status, dismissed_reason AS reason FROM overlap_flags WHERE proposal_a IN (?, ?) AND proposal_b IN (?, ?)").bind(s2, w2, s2, w2).first();
    expect(flag).toEqual({ status: "dismissed", reason: "Dua gedung berbeda di kompleks sekolah." });
    await decide(forum, itemWith(forum, s3).id, { decision: "rejected", reason: "Sudah dibiayai DAK tahun berjalan." });
    for (const id of [s3, w3]) expect(await env.DB.prepare("SELECT status FROM proposals WHERE id = ?").bind(id).first("status")).toBe("rejected");
  });

  it("resumes the proposals' workflows: a proposal waits at the forum and takes its outcome from the decision", async () => {
    await using introspector = await introspectWorkflow(env.PROPOSAL_LIFECYCLE);
    const submit = async (activity: string, code: string) => {
      const response = await call("/api/v1/proposals", json({ year: 2027, villageCode: DEMO.village, problem: "Gedung sekolah rusak berat, atap bocor dan dinding retak.", activity, volume: 1, unit: "paket", estimatedCost: 300_000_000, subActivityCode: code }, callers.village_operator.headers));
      return ((await response.json()) as { id: string }).id;
    };
    const school = await submit("Rehabilitasi ruang kelas SDN 9 Way Urang", "1.01.02.2.01.0051");
    const works = await submit("Perbaikan gedung SD Negeri 9 Way Urang yang rusak berat", "1.03.08.2.01.0017");
    const instances = await introspector.get();
    expect(instances).toHaveLength(2);
    for (const id of [school, works]) {
      const verification = await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = 'verification'").bind(id).first<string>("id");
      for (let i = 0; i < 50 && !verification; i++) await new Promise((r) => setTimeout(r, 50));
    }
    for (const instance of instances) await instance.waitForStepResult({ name: "open verification 1" });
    for (const id of [school, works]) {
      const verification = (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = 'verification'").bind(id).first<string>("id"))!;
      await call(`/api/v1/reviews/${verification}/decision`, json({ decision: "verified" }, callers.district_verifier.headers));
    }
    for (const instance of instances) await instance.waitForStepResult({ name: "agency review: check 1" });
    const review = (id: string) => env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = 'agency_review'").bind(id).first<string>("id");
    const disdik = await (await import("../support/principals.ts")).tokenCaller("agency_reviewer", DEMO.regency, "18.01-disdikbud");
    await call(`/api/v1/reviews/${await review(school)}/decision`, json({ decision: "accepted", target: 1 }, disdik.headers));
    await call(`/api/v1/reviews/${await review(works)}/decision`, json({ decision: "accepted", target: 1 }, callers.agency_reviewer.headers));
    for (const instance of instances) await instance.waitForStepResult({ name: "forum: check 1" });
    expect(await env.DB.prepare("SELECT status, stage FROM proposals WHERE id = ?").bind(school).first()).toEqual({ status: "in_forum", stage: "sync_forum" });

    const forum = await newForum();
    await decide(forum, itemWith(forum, school).id, { decision: "merged", intoProposalId: school, reason: "Satu sekolah, satu kegiatan." });
    for (const instance of instances) await instance.waitForStatus("complete");
    const outputs = await Promise.all(instances.map((i) => i.getOutput()));
    expect(outputs).toEqual(expect.arrayContaining([{ status: "accepted" }, { status: "merged" }]));
  });

  it("records attendees and prints minutes with every decision and follow-up, in Indonesian", async () => {
    const [school] = await schoolCluster(600_000_000, "SDN 10 Way Urang");
    let forum = await newForum({ heldAt: "2026-11-20T02:00:00.000Z" });
    await decide(forum, itemWith(forum, school).id, { decision: "lead_agency", leadAgencyId: "18.01-disdikbud", reason: "Kewenangan pendidikan." });
    for (const item of forum.agenda.filter((i) => i.proposals.every((p) => p.id !== school))) await call(`/api/v1/forums/${forum.id}/agenda/${item.id}/drop`, { method: "POST", headers: admin() });
    forum = (await (await call(`/api/v1/forums/${forum.id}/attendees`, json({ name: "Drs. Suwarno", position: "Kepala Bappeda", agencyId: "18.01-bappeda" }, admin()))).json()) as Forum;
    await call(`/api/v1/forums/${forum.id}/follow-ups`, json({ ownerAgencyId: "18.01-disdikbud", description: "Menyusun DED rehabilitasi SDN 10 Way Urang", dueDate: "2027-04-30" }, admin()));
    const minutes = await (await call(`/forum/${forum.id}/berita-acara`, { headers: admin() })).text();
    expect(minutes).toContain("BERITA ACARA");
    expect(minutes).toContain("Drs. Suwarno");
    expect(minutes).toContain("Kepala Bappeda");
    expect(minutes).toContain("OPD pelaksana utama ditetapkan: Dinas Pendidikan dan Kebudayaan. Alasan: Kewenangan pendidikan.");
    expect(minutes).toContain("Menyusun DED rehabilitasi SDN 10 Way Urang");
    // Dates in Indonesian in the kabupaten's zone, statuses in Indonesian, the day and date in words.
    expect(minutes).toContain("30 April 2027");
    expect(minutes).toContain("Belum dimulai");
    expect(minutes).not.toMatch(/>open<|2027-04-30/);
    expect(minutes).toContain("Pada hari Jumat tanggal dua puluh bulan November tahun dua ribu dua puluh enam, pukul 09.00 WIB");
    expect(minutes).toContain("PEMERINTAH KABUPATEN LAMPUNG SELATAN");
  });

  it("lists follow-ups per agency and surfaces the overdue ones to Bappeda", async () => {
    const forum = await newForum();
    // Overdue: agreed earlier, its due date has passed since (a new one cannot be set in the past).
    await env.DB.prepare("INSERT INTO follow_up_actions (id, forum_id, regency_code, owner_agency_id, description, due_date, status, notes) VALUES (?, ?, ?, ?, 'Survei lokasi jembatan gantung', '2026-01-15', 'open', '[]')").bind(`rtl_${forum.id}`, forum.id, DEMO.regency, DEMO.agency).run();
    await call(`/api/v1/forums/${forum.id}/follow-ups`, json({ ownerAgencyId: DEMO.agency, description: "Menyiapkan RAB talud", dueDate: "2099-01-15" }, admin()));
    const overdue = (await (await call("/api/v1/follow-ups?overdue=1", { headers: admin() })).json()) as { followUps: { description: string; overdue: boolean }[] };
    expect(overdue.followUps.map((f) => f.description)).toContain("Survei lokasi jembatan gantung");
    expect(overdue.followUps.map((f) => f.description)).not.toContain("Menyiapkan RAB talud");
    const mine = (await (await call("/api/v1/follow-ups", { headers: callers.agency_reviewer.headers })).json()) as { followUps: { id: string; description: string }[] };
    expect(mine.followUps.length).toBeGreaterThanOrEqual(2);
    const id = mine.followUps.find((f) => f.description.startsWith("Survei"))!.id;
    const updated = await call(`/api/v1/follow-ups/${id}`, { method: "PATCH", headers: { ...callers.agency_reviewer.headers, "content-type": "application/json" }, body: JSON.stringify({ status: "done", note: "Survei selesai, laporan terlampir." }) });
    expect(await updated.json()).toMatchObject({ status: "done", notes: [{ note: "Survei selesai, laporan terlampir." }] });
  });
});

describe("a busy year (more proposals than D1 binds in one statement)", () => {
  it("lists its overlaps, builds and shows a forum of 60 clusters, and decides a cluster of 60 proposals", async () => {
    const ids = await Promise.all(Array.from({ length: 180 }, async () => (await proposalIn("in")).id));
    await env.DB.prepare(`UPDATE proposals SET year = 2031 WHERE id IN (SELECT value FROM json_each(?))`).bind(JSON.stringify(ids)).run();
    // 60 pairs, then one cluster of 60 joined to its first member.
    const pairs = Array.from({ length: 60 }, (_, i) => [ids[2 * i]!, ids[2 * i + 1]!].sort() as [string, string]);
    const hub = ids[120]!;
    const star = ids.slice(121).map((other) => [hub, other].sort() as [string, string]);
    const starCluster = [hub, ...ids.slice(121)].sort()[0]!;
    const flag = ([a, b]: [string, string], cluster: string) =>
      env.DB.prepare(
        "INSERT INTO overlap_flags (id, regency_code, year, proposal_a, proposal_b, kind, score, reasons, status, cluster_id, updated_at) VALUES (?, ?, 2031, ?, ?, 'cross_agency', 0.8, '[]', 'open', ?, '2031-01-10T00:00:00Z')",
      ).bind(`flg_${a}_${b}`.slice(0, 60), DEMO.regency, a, b, cluster);
    await env.DB.batch([...pairs.map((p) => flag(p, p[0])), ...star.map((p) => flag(p, starCluster))]);

    const overlaps = await call("/api/v1/overlaps?year=2031", { headers: admin() });
    expect(overlaps.status).toBe(200);
    const forum = await newForum({ year: 2031 });
    expect(forum.agenda).toHaveLength(61);
    expect(forum.agenda.reduce((n, i) => n + i.proposals.length, 0)).toBe(180);
    expect((await call(`/api/v1/forums/${forum.id}`, { headers: admin() })).status).toBe(200);
    const big = forum.agenda.find((i) => i.proposals.length === 60)!;
    expect((await decide(forum, big.id, { decision: "kept_separate", reason: "Lokasi dan sasaran berbeda." })).status).toBe(200);
    const open = await env.DB.prepare("SELECT count(*) AS n FROM overlap_flags WHERE year = 2031 AND status = 'open'").first<number>("n");
    expect(open).toBe(60);
  });
});
