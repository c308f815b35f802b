/**
 * One proposal per intent: back + "Kirim" again after a successful submission (a fresh one-time token, the same
 * typed text) is the proposal already made; the rule is the same account, the same content, within ten minutes
 * (shared/proposals/content.ts). Withdrawing asks first (a page, no JavaScript needed), then takes the proposal out
 * of the active list and out of the ranking, and the others close ranks.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, DEMO, json, signIn } from "../support/principals.ts";
import { proposalInput } from "../support/proposals.ts";

let session: Awaited<ReturnType<typeof signIn>>;
let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  session = await signIn("operator.wayurang", DEMO_PASSWORD);
  callers = await demoCallers();
});

const count = (activity: string) => env.DB.prepare("SELECT count(*) AS n FROM proposals WHERE activity = ?").bind(activity).first<number>("n");

async function freshToken() {
  const html = await (await call("/usulan/baru", { headers: { cookie: session.cookie } })).text();
  return /name="_submission" value="([^"]+)"/.exec(html)![1]!;
}

function form(fields: Record<string, string>) {
  const body = new FormData();
  body.set("_csrf", session.csrfToken);
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}

const fields = (activity: string, submission: string, year = "2027") => ({
  _submission: submission,
  year,
  villageCode: DEMO.village,
  problem: "Gorong-gorong di depan balai desa ambruk, air meluap ke jalan saat hujan.",
  activity,
  volume: "12",
  unit: "m",
  estimatedCost: "Rp 45.000.000",
});

const postForm = (body: FormData) => call("/usulan", { method: "POST", headers: { cookie: session.cookie }, body, redirect: "manual" });

describe("a submission sent again", () => {
  it("after going back to the form (a fresh one-time token) shows the proposal already made instead of a second one", async () => {
    const activity = `Pembangunan gorong-gorong balai desa ${Date.now()}`;
    const first = await postForm(form(fields(activity, await freshToken())));
    expect(first.status).toBe(303);
    const firstId = /\/usulan\/([^?]+)\?baru=1$/.exec(first.headers.get("location")!)![1];
    // Back: the browser loads the form again (a new token) and still holds what was typed; "Kirim" once more.
    const again = await postForm(form(fields(activity, await freshToken())));
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`/usulan/${firstId}?sama=1`);
    expect(await count(activity)).toBe(1);
    const page = await (await call(again.headers.get("location")!, { headers: { cookie: session.cookie } })).text();
    expect(page).toContain("Usulan yang sama sudah Anda kirim beberapa menit lalu");
  });

  it("through the API answers 200 with the existing proposal and Duplicate-Of, without or with a new Idempotency-Key", async () => {
    const body = proposalInput({ activity: `Drainase kembar API ${Date.now()}` });
    const first = await call("/api/v1/proposals", json(body, callers.village_operator.headers));
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    const again = await call("/api/v1/proposals", json({ ...body, estimatedCost: 90_000_000 }, callers.village_operator.headers));
    expect(again.status).toBe(200);
    expect(again.headers.get("duplicate-of")).toBe(id);
    expect(((await again.json()) as { id: string }).id).toBe(id);
    const keyed = await call("/api/v1/proposals", json(body, { ...callers.village_operator.headers, "idempotency-key": `baru-${Date.now()}` }));
    expect(keyed.status).toBe(200);
    expect(await count(body.activity as string)).toBe(1);
  });

  it("in parallel still makes one proposal", async () => {
    const body = proposalInput({ activity: `Drainase kembar paralel ${Date.now()}` });
    const answers = await Promise.all([1, 2, 3, 4].map(() => call("/api/v1/proposals", json(body, callers.village_operator.headers))));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 201]);
    expect(new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id))).size).toBe(1);
    expect(await count(body.activity as string)).toBe(1);
  });

  it("is a new proposal from another account, after the window, or once the first was withdrawn", async () => {
    const body = proposalInput({ activity: `Drainase kembar aturan ${Date.now()}` });
    const first = (await (await call("/api/v1/proposals", json(body, callers.village_operator.headers))).json()) as { id: string };
    expect((await call("/api/v1/proposals", json(body, callers.planning_admin.headers))).status).toBe(201);
    await env.DB.prepare("UPDATE proposals SET created_at = ? WHERE id = ?").bind(new Date(Date.now() - 11 * 60_000).toISOString(), first.id).run();
    const later = await call("/api/v1/proposals", json(body, callers.village_operator.headers));
    expect(later.status).toBe(201);
    const { id } = (await later.json()) as { id: string };
    await call(`/api/v1/proposals/${id}/withdraw`, { method: "POST", headers: callers.village_operator.headers });
    expect((await call("/api/v1/proposals", json(body, callers.village_operator.headers))).status).toBe(201);
    expect(await count(body.activity as string)).toBe(4);
  });
});

describe("withdrawing", () => {
  const YEAR = 2033;
  const ranks = () =>
    env.DB.prepare("SELECT activity, village_rank AS rank, status FROM proposals WHERE village_code = ? AND year = ? ORDER BY village_rank IS NULL, village_rank")
      .bind(DEMO.village, YEAR)
      .all<{ activity: string; rank: number | null; status: string }>()
      .then((r) => r.results);

  it("asks first on a page of its own, then leaves the active list and the ranking, and the others close ranks", async () => {
    const ids: string[] = [];
    for (const name of ["Satu", "Dua", "Tiga"]) {
      const response = await call("/api/v1/proposals", json(proposalInput({ year: YEAR, activity: `Usulan urutan ${name}` }), callers.village_operator.headers));
      ids.push(((await response.json()) as { id: string }).id);
    }
    const two = ids[1]!;
    const detail = await (await call(`/usulan/${two}`, { headers: { cookie: session.cookie } })).text();
    expect(detail).toContain(`href="/usulan/${two}/batal"`);

    // A post that did not come from the confirmation page only leads to it.
    const unconfirmed = await call(`/usulan/${two}/batal`, { method: "POST", headers: { cookie: session.cookie }, body: form({}), redirect: "manual" });
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.get("location")).toBe(`/usulan/${two}/batal`);
    expect((await ranks()).find((r) => r.activity === "Usulan urutan Dua")?.status).toBe("submitted");

    const confirm = await (await call(`/usulan/${two}/batal`, { headers: { cookie: session.cookie } })).text();
    expect(confirm).toContain("Batalkan usulan ini?");
    expect(confirm).toContain('name="konfirmasi" value="ya"');
    expect(confirm).toContain(`href="/usulan/${two}"`);

    const confirmed = await call(`/usulan/${two}/batal`, { method: "POST", headers: { cookie: session.cookie }, body: form({ konfirmasi: "ya", reason: "Sudah dibiayai Dana Desa." }), redirect: "manual" });
    expect(confirmed.status).toBe(303);
    expect(await ranks()).toEqual([
      { activity: "Usulan urutan Satu", rank: 1, status: "submitted" },
      { activity: "Usulan urutan Tiga", rank: 2, status: "submitted" },
      { activity: "Usulan urutan Dua", rank: null, status: "withdrawn" },
    ]);

    const list = await (await call(`/usulan?tahun=${YEAR}`, { headers: { cookie: session.cookie } })).text();
    const active = /<tbody>([\s\S]*?)<\/tbody>/.exec(list)![1]!;
    expect(active).toContain("Usulan urutan Tiga");
    expect(active).not.toContain("Usulan urutan Dua");
    expect(list).toMatch(/<details class="withdrawn"><summary>Dibatalkan \(1\)<\/summary>[\s\S]*Usulan urutan Dua/);
    const history = (await (await call(`/api/v1/proposals/${two}`, { headers: callers.village_operator.headers })).json()) as { history: { kind: string; reason?: string }[] };
    expect(history.history.at(-1)).toMatchObject({ kind: "withdrawn", reason: "Sudah dibiayai Dana Desa." });
  });
});
