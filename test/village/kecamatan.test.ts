/**
 * The kecamatan's Musrenbang: the verifier ranks the verified proposals (API and plain forms), recommends a volume
 * and cost with a note, and closes the list for the year; after that only Bappeda changes it. The rank and the
 * recommendation reach the village's history, the budget fit (rank first, recommended cost) and the export rows.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { depsOf } from "../../workers/usecases/deps.ts";
import { renjaPage } from "../../workers/storage/renja.ts";
import { call, demoCallers, DEMO, json, signIn, type Caller } from "../support/principals.ts";
import { proposalInput } from "../support/proposals.ts";
import { waitFor } from "../support/wait.ts";

const YEAR = 2035;
const JONDONG = DEMO.otherVillageSameDistrict;

let callers: Awaited<ReturnType<typeof demoCallers>>;
let verifier: Awaited<ReturnType<typeof signIn>>;
const ids = {} as Record<"A" | "B" | "C", string>;

const statusOf = (id: string) => env.DB.prepare("SELECT status FROM proposals WHERE id = ?").bind(id).first<string>("status");
const taskOf = (id: string, kind: string) =>
  waitFor(() => env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = ? AND status = 'open'").bind(id, kind).first<string>("id"), (t) => t !== null, `${kind} of ${id}`) as Promise<string>;
const decide = async (caller: Caller, taskId: string, decision: Record<string, unknown>) => expect((await call(`/api/v1/reviews/${taskId}/decision`, json(decision, caller.headers))).status).toBe(201);

/** A proposal verified by the kecamatan and sitting with its agency: on the kecamatan's list. */
async function verified(name: string, villageCode: string, cost: number) {
  const caller = villageCode === DEMO.village ? callers.village_operator : callers.planning_admin;
  const response = await call("/api/v1/proposals", json(proposalInput({ year: YEAR, villageCode, activity: `Drainase ${name}`, estimatedCost: cost, villageRank: null }), caller.headers));
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await decide(callers.district_verifier, await taskOf(id, "verification"), { decision: "verified" });
  await waitFor(() => statusOf(id), (s) => s === "in_review", `${name} in review`);
  ids[name as keyof typeof ids] = id;
  return id;
}

const list = async (caller: Caller = callers.district_verifier) => {
  const response = await call(`/api/v1/districts/${DEMO.district}/musrenbang?year=${YEAR}`, { headers: caller.headers });
  expect(response.status).toBe(200);
  return (await response.json()) as { closedAt: string | null; waiting: number; proposals: { id: string; activity: string; districtRank: number | null; recommendation: { volume: number; cost: number; note: string } | null }[] };
};
const order = async () => (await list()).proposals.map((p) => [p.activity.replace("Drainase ", ""), p.districtRank]);

beforeAll(async () => {
  callers = await demoCallers();
  verifier = await signIn("verifikator.kalianda", DEMO_PASSWORD);
  await verified("A", DEMO.village, 90_000_000);
  await verified("B", JONDONG, 60_000_000);
  await verified("C", DEMO.village, 40_000_000);
  // One still waiting for verification: counted, not listed.
  await call("/api/v1/proposals", json(proposalInput({ year: YEAR, activity: "Drainase menunggu" }), callers.village_operator.headers));
});

describe("ranking", () => {
  it("lists the verified proposals and moves one to the top; every proposal gets its number", async () => {
    const before = await list();
    expect(before.waiting).toBe(1);
    expect(before.proposals.map((p) => p.districtRank)).toEqual([null, null, null]);
    const response = await call(`/api/v1/proposals/${ids.C}/district-rank`, json({ rank: 1 }, callers.district_verifier.headers));
    expect(response.status).toBe(200);
    expect((await order())[0]).toEqual(["C", 1]);
    expect((await order()).map(([, rank]) => rank)).toEqual([1, 2, 3]);
    expect(await env.DB.prepare("SELECT district_rank FROM proposals WHERE id = ?").bind(ids.C).first("district_rank")).toBe(1);
  });

  it("moves with the page's forms, without JavaScript: a button down, or a typed position", async () => {
    const form = (fields: Record<string, string>) => {
      const body = new FormData();
      body.set("_csrf", verifier.csrfToken);
      for (const [k, v] of Object.entries(fields)) body.set(k, v);
      return { method: "POST", headers: { cookie: verifier.cookie }, body, redirect: "manual" as const };
    };
    const page = await (await call(`/musrenbang-kecamatan?tahun=${YEAR}`, { headers: { cookie: verifier.cookie } })).text();
    expect(page).toContain(`action="/musrenbang-kecamatan/usulan/${ids.C}/peringkat"`);
    expect(page).not.toContain("<script>");
    const moved = await call(`/musrenbang-kecamatan/usulan/${ids.B}/peringkat`, form({ rank: "1" }));
    expect(moved.status).toBe(303);
    expect(moved.headers.get("location")).toBe(`/musrenbang-kecamatan?tahun=${YEAR}#usulan-${ids.B}`);
    expect((await order()).map(([name]) => name)).toEqual(["B", "C", "A"]);
    await call(`/musrenbang-kecamatan/usulan/${ids.B}/peringkat`, form({ rank: "3" }));
    expect(await order()).toEqual([
      ["C", 1],
      ["A", 2],
      ["B", 3],
    ]);
  });

  it("refuses a proposal not yet verified", async () => {
    const waiting = (await env.DB.prepare("SELECT id FROM proposals WHERE activity = 'Drainase menunggu'").first<string>("id"))!;
    const response = await call(`/api/v1/proposals/${waiting}/district-rank`, json({ rank: 1 }, callers.district_verifier.headers));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_in_district_list");
  });
});

describe("recommendations", () => {
  it("records volume, cost and note; the village sees them in its history and in the levels", async () => {
    const response = await call(`/api/v1/proposals/${ids.A}/district-recommendation`, {
      ...json({ volume: 100, estimatedCost: 70_000_000, note: "Dikurangi: 20 m sudah dibangun tahun lalu." }, callers.district_verifier.headers),
      method: "PUT",
    });
    expect(response.status).toBe(200);
    const detail = (await (await call(`/api/v1/proposals/${ids.A}`, { headers: callers.village_operator.headers })).json()) as {
      recommendations: { level: string; volume: number; cost: number; note: string | null }[];
      history: { kind: string; reason?: string; changes?: { field: string; before: string; after: string }[] }[];
    };
    expect(detail.recommendations.map((r) => [r.level, r.volume, r.cost])).toEqual([
      ["desa", 120, 90_000_000],
      ["kecamatan", 100, 70_000_000],
    ]);
    expect(detail.history.find((s) => s.kind === "district_recommended")).toMatchObject({
      reason: "Dikurangi: 20 m sudah dibangun tahun lalu.",
      changes: [
        { field: "volume", before: "120 m", after: "100 m" },
        { field: "estimatedCost", before: "Rp 90.000.000", after: "Rp 70.000.000" },
      ],
    });
  });

  it("shows the form's errors next to the field that caused them, keeping what was typed", async () => {
    const body = new FormData();
    body.set("_csrf", verifier.csrfToken);
    body.set("volume", "");
    body.set("estimatedCost", "Rp 5");
    body.set("note", "<b>catatan</b>");
    const response = await call(`/musrenbang-kecamatan/usulan/${ids.B}`, { method: "POST", headers: { cookie: verifier.cookie }, body });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/<input id="volume" name="volume" aria-invalid="true" aria-describedby="volume-error"[^>]*><p class="error" id="volume-error">/);
    expect(html).toMatch(/id="estimatedCost-error">Perkiraan biaya tidak masuk akal/);
    expect(html).toContain('value="Rp 5"');
    expect(html).toContain("&lt;b&gt;catatan&lt;/b&gt;");
    expect(html).toContain("Saluran air di RT 03 tersumbat");
  });

  it("feeds the budget fit: the kecamatan's rank first, at the recommended cost", async () => {
    await env.DB.prepare("INSERT OR REPLACE INTO budget_envelopes (id, regency_code, year, kind, target, amount, updated_by, updated_at) VALUES ('env_kec_2035', ?, ?, 'district', ?, 110000000, 'test', '2026-01-01T00:00:00Z')")
      .bind(DEMO.regency, YEAR, DEMO.district)
      .run();
    const response = await call(`/api/v1/budget/fit?year=${YEAR}&kind=district&target=${DEMO.district}`, { headers: callers.district_verifier.headers });
    const fit = (await response.json()) as { selected: { id: string; cost: number; askedCost: number; districtRank: number }[]; excluded: { id: string }[] };
    // C (rank 1, 40 jt) and A (rank 2, recommended 70 jt instead of the 90 jt asked) fit 110 jt; B (rank 3) falls out.
    expect(fit.selected.map((p) => [p.id, p.districtRank, p.cost])).toEqual([
      [ids.C, 1, 40_000_000],
      [ids.A, 2, 70_000_000],
    ]);
    expect(fit.selected[1]!.askedCost).toBe(90_000_000);
    expect(fit.excluded.map((p) => p.id)).toEqual([ids.B]);
  });
});

describe("closing the list", () => {
  it("asks first, closes, and then only Bappeda changes ranks and recommendations", async () => {
    const confirm = await (await call(`/musrenbang-kecamatan/tutup?tahun=${YEAR}`, { headers: { cookie: verifier.cookie } })).text();
    expect(confirm).toContain("Tutup daftar Musrenbang kecamatan?");
    const body = new FormData();
    body.set("_csrf", verifier.csrfToken);
    body.set("year", String(YEAR));
    const closed = await call("/musrenbang-kecamatan/tutup", { method: "POST", headers: { cookie: verifier.cookie }, body, redirect: "manual" });
    expect(closed.status).toBe(303);
    expect((await list()).closedAt).not.toBeNull();

    const late = await call(`/api/v1/proposals/${ids.B}/district-rank`, json({ rank: 1 }, callers.district_verifier.headers));
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe("district_list_closed");
    const lateRecommendation = await call(`/api/v1/proposals/${ids.B}/district-recommendation`, { ...json({ volume: 10, estimatedCost: 10_000_000 }, callers.district_verifier.headers), method: "PUT" });
    expect(lateRecommendation.status).toBe(409);
    const again = await call(`/api/v1/districts/${DEMO.district}/musrenbang/close`, json({ year: YEAR }, callers.district_verifier.headers));
    expect(again.status).toBe(200);

    const page = await (await call(`/musrenbang-kecamatan?tahun=${YEAR}`, { headers: { cookie: verifier.cookie } })).text();
    expect(page).toContain('id="daftar-ditutup"');
    expect(page).not.toContain("/peringkat");

    expect((await call(`/api/v1/proposals/${ids.B}/district-rank`, json({ rank: 1 }, callers.planning_admin.headers))).status).toBe(200);
    expect((await order())[0]).toEqual(["B", 1]);
    const story = (await (await call(`/api/v1/proposals/${ids.B}`, { headers: callers.planning_admin.headers })).json()) as { history: { kind: string; details?: string[] }[] };
    expect(story.history.find((s) => s.kind === "district_closed")?.details).toEqual(["Peringkat kecamatan: 1"]);
  });

  it("carries the rank and the recommendation to an accepted proposal's export rows", async () => {
    await decide(callers.agency_reviewer, await taskOf(ids.A, "agency_review"), { decision: "accepted" });
    await waitFor(() => statusOf(ids.A), (s) => s === "accepted", "A accepted");
    const { rows } = await renjaPage(depsOf(env).db, DEMO.regency, YEAR, {}, "", 50, "td4");
    const row = rows.find((r) => r.proposalTrackingCodes.length && r.priority.districtRank !== null && r.volume === 120)!;
    expect(row.priority.districtRank).toBe(3);
    expect(row.districtRecommendation).toEqual({ volume: 100, cost: 70_000_000, note: "Dikurangi: 20 m sudah dibangun tahun lalu." });
    // Bappeda moves it up after it was accepted: its Renja line follows (the T-D.4 order is the kecamatan's).
    expect((await call(`/api/v1/proposals/${ids.A}/district-rank`, json({ rank: 1 }, callers.planning_admin.headers))).status).toBe(200);
    const after = await renjaPage(depsOf(env).db, DEMO.regency, YEAR, {}, "", 50, "td4");
    expect(after.rows[0]!.priority.districtRank).toBe(1);
    expect(after.rows[0]!.volume).toBe(120);
  });
});
