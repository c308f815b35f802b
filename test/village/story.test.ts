/**
 * The village always knows why: a returned proposal shows the kecamatan's note (operator's page, /lacak and the
 * API); it can be fixed with a photo added and sent back; an agency's change shows before → after with its reason; a
 * merged proposal names the proposal it went into. Driven through the real lifecycle (workerd Workflows and Queues).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, json, signIn, type Caller } from "../support/principals.ts";
import { PNG, proposalInput } from "../support/proposals.ts";
import { waitFor } from "../support/wait.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
let operator: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  callers = await demoCallers();
  operator = await signIn("operator.wayurang", DEMO_PASSWORD);
});

const RETURN_NOTE = "Mohon lengkapi foto lokasi saluran yang tersumbat dan perbaiki panjang saluran.";
const AGENCY_REASON = "Volume disesuaikan dengan hasil survei lapangan dan standar harga satuan 2027.";

interface Step {
  kind: string;
  title: string;
  when: string;
  by: { level: string; label: string; person?: string };
  reason?: string;
  changes?: { field: string; before: string; after: string }[];
  mergedInto?: string;
}
interface Detail {
  id: string;
  trackingCode: string;
  status: string;
  mergedInto: string | null;
  attachments: { id: string; filename: string }[];
  recommendations: { level: string; source: string; volume: number | null; cost: number | null; note: string | null }[];
  history: Step[];
}

const statusOf = (id: string) => env.DB.prepare("SELECT status FROM proposals WHERE id = ?").bind(id).first<string>("status");
const untilStatus = (id: string, status: string) => waitFor(() => statusOf(id), (s) => s === status, `${id} ${status}`);
const openTask = (id: string, kind: string) =>
  waitFor(
    () => env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = ? AND status = 'open'").bind(id, kind).first<string>("id"),
    (t) => t !== null,
    `${kind} task of ${id}`,
  ) as Promise<string>;
const decide = async (caller: Caller, taskId: string, decision: Record<string, unknown>) => {
  const response = await call(`/api/v1/reviews/${taskId}/decision`, json(decision, caller.headers));
  expect(response.status, await response.clone().text()).toBe(201);
};
const detailOf = async (id: string, caller: Caller = callers.village_operator) => {
  const response = await call(`/api/v1/proposals/${id}`, { headers: caller.headers });
  expect(response.status).toBe(200);
  return (await response.json()) as Detail;
};
const pageOf = async (path: string, cookie?: string) => {
  const response = await call(path, cookie ? { headers: { cookie } } : {});
  expect(response.status, path).toBe(200);
  return response.text();
};
let n = 0;
const submit = async (overrides: Record<string, unknown> = {}) => {
  const response = await call("/api/v1/proposals", json(proposalInput({ activity: `Drainase lingkungan cerita ${++n} ${Date.now()}`, ...overrides }), callers.village_operator.headers));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; trackingCode: string };
};

describe("a proposal returned by the kecamatan", () => {
  let proposal: { id: string; trackingCode: string };

  beforeAll(async () => {
    proposal = await submit();
    await decide(callers.district_verifier, await openTask(proposal.id, "verification"), { decision: "returned", note: RETURN_NOTE });
    await untilStatus(proposal.id, "returned");
  });

  it("tells the village why in the API: the note, who (the kecamatan) and when, in the region's zone", async () => {
    const returned = (await detailOf(proposal.id)).history.find((s) => s.kind === "returned");
    expect(returned).toMatchObject({ reason: RETURN_NOTE, by: { level: "kecamatan", label: "Kecamatan Kalianda" } });
    expect(returned!.when).toMatch(/^\d{1,2} \w{3} \d{4} \d{2}\.\d{2} WIB$/);
    expect(returned!.title).toBe("Dikembalikan ke desa untuk diperbaiki");
  });

  it("shows the note at the top of the operator's page with the way to fix it", async () => {
    const html = await pageOf(`/usulan/${proposal.id}`, operator.cookie);
    const note = /<div class="notice" role="alert" id="catatan-kecamatan">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(note).toContain(RETURN_NOTE);
    expect(note).toContain(`href="/usulan/${proposal.id}/ubah"`);
    expect(html).toContain("WIB");
  });

  it("shows the note on the public tracking page, with the level but no person", async () => {
    const html = await pageOf(`/lacak/${proposal.trackingCode}`);
    expect(html).toContain(RETURN_NOTE);
    expect(html).toContain("Kecamatan Kalianda");
    expect(html).toMatch(/\d{2}\.\d{2} WIB/);
    const api = (await (await call(`/api/v1/tracking/${proposal.trackingCode}`)).json()) as { history: Step[] };
    expect(api.history.find((s) => s.kind === "returned")?.reason).toBe(RETURN_NOTE);
    expect(JSON.stringify(api)).not.toMatch(/person|tok_|acc_|test district_verifier/);
  });

  it("offers the photos on the edit form, takes a new one and sends the proposal back", async () => {
    const edit = await pageOf(`/usulan/${proposal.id}/ubah`, operator.cookie);
    expect(edit).toContain('<input id="attachments" name="attachments" type="file"');
    expect(edit).toContain(RETURN_NOTE);
    const values = Object.fromEntries(Object.entries(proposalInput()).map(([k, v]) => [k, String(v)]));
    const form = new FormData();
    for (const [key, value] of Object.entries(values)) form.set(key, value);
    form.set("activity", `Drainase diperbaiki ${proposal.id}`);
    form.set("volume", "150");
    form.set("_csrf", operator.csrfToken);
    form.append("attachments", new File([PNG], "foto-saluran.png", { type: "image/png" }));
    const saved = await call(`/usulan/${proposal.id}`, { method: "POST", headers: { cookie: operator.cookie }, body: form, redirect: "manual" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/usulan/${proposal.id}?terkirim=1`);
    await untilStatus(proposal.id, "submitted");

    const detail = await detailOf(proposal.id);
    expect(detail.attachments.map((a) => a.filename)).toEqual(["foto-saluran.png"]);
    const resubmitted = detail.history.find((s) => s.kind === "resubmitted");
    expect(resubmitted?.changes).toEqual([expect.objectContaining({ field: "volume", before: "120 m", after: "150 m" })]);
    expect(detail.recommendations.find((r) => r.level === "desa")).toMatchObject({ volume: 150 });
    const page = await pageOf(`/usulan/${proposal.id}`, operator.cookie);
    expect(page).toContain(`<img src="/api/v1/proposals/${proposal.id}/attachments/${detail.attachments[0]!.id}"`);
  });

  it("removes a photo through the API as well", async () => {
    const { attachments } = await detailOf(proposal.id);
    const response = await call(`/api/v1/proposals/${proposal.id}/attachments/${attachments[0]!.id}`, { method: "DELETE", headers: callers.village_operator.headers });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { attachments: unknown[] }).attachments).toEqual([]);
  });
});

describe("an agency's change and a merge", () => {
  it("shows the agency's change as before → after with its reason, and the outcome", async () => {
    const { id } = await submit();
    await decide(callers.district_verifier, await openTask(id, "verification"), { decision: "verified" });
    const review = await openTask(id, "agency_review");
    await decide(callers.agency_reviewer, review, { decision: "accepted_with_changes", changes: { volume: 100, estimatedCost: 75_000_000 }, note: AGENCY_REASON });
    await untilStatus(id, "accepted_with_changes");

    const detail = await detailOf(id);
    const decision = detail.history.find((s) => s.kind === "agency_decision");
    expect(decision).toMatchObject({ title: "Dinas Pekerjaan Umum dan Penataan Ruang: Diterima dengan perubahan", reason: AGENCY_REASON, by: { level: "opd" } });
    expect(decision!.changes).toEqual([
      { field: "volume", label: "Volume", before: "120 m", after: "100 m" },
      { field: "estimatedCost", label: "Biaya", before: "Rp 90.000.000", after: "Rp 75.000.000" },
    ]);
    expect(detail.history.at(-1)).toMatchObject({ kind: "outcome", status: "accepted_with_changes" });
    expect(detail.recommendations.map((r) => [r.level, r.volume, r.cost])).toEqual([
      ["desa", 120, 90_000_000],
      ["opd", 100, 75_000_000],
    ]);
    const html = await pageOf(`/usulan/${id}`, operator.cookie);
    expect(html).toContain("<del");
    expect(html).toContain("Rp 90.000.000");
    expect(html).toContain(AGENCY_REASON);
  });

  it("names the proposal a merged one went into, on the village's page, the API and /lacak", async () => {
    const target = await submit({ activity: `Drainase induk gabungan ${Date.now()}` });
    const merged = await submit();
    await decide(callers.district_verifier, await openTask(merged.id, "verification"), { decision: "verified" });
    await decide(callers.agency_reviewer, await openTask(merged.id, "agency_review"), { decision: "merged", mergedInto: target.trackingCode, note: "Satu saluran yang sama dengan usulan induk." });
    await untilStatus(merged.id, "merged");

    const detail = await detailOf(merged.id);
    expect(detail.mergedInto).toBe(target.trackingCode);
    expect(detail.history.find((s) => s.kind === "agency_decision")).toMatchObject({ mergedInto: target.trackingCode, reason: "Satu saluran yang sama dengan usulan induk." });
    expect(await pageOf(`/usulan/${merged.id}`, operator.cookie)).toContain(`href="/lacak/${target.trackingCode}"`);
    const tracking = (await (await call(`/api/v1/tracking/${merged.trackingCode}`)).json()) as { mergedInto: string };
    expect(tracking.mergedInto).toBe(target.trackingCode);
  });

  it("says why a rejected proposal was rejected", async () => {
    const { id } = await submit();
    await decide(callers.district_verifier, await openTask(id, "verification"), { decision: "verified" });
    await decide(callers.agency_reviewer, await openTask(id, "agency_review"), { decision: "rejected", reason: "Lokasi berada di jalan provinsi, bukan kewenangan kabupaten." });
    await untilStatus(id, "rejected");
    const html = await pageOf(`/usulan/${id}`, operator.cookie);
    expect(html).toContain("Lokasi berada di jalan provinsi, bukan kewenangan kabupaten.");
  });
});

describe("English", () => {
  it("tells the story in English with Accept-Language: en", async () => {
    const { id, trackingCode } = await submit();
    await call(`/api/v1/proposals/${id}/withdraw`, { method: "POST", headers: callers.village_operator.headers });
    const response = await call(`/api/v1/tracking/${trackingCode}`, { headers: { "accept-language": "en" } });
    const view = (await response.json()) as { status: string; history: Step[] };
    expect(view.status).toBe("Withdrawn");
    expect(view.history.map((s) => s.title)).toEqual(["Submitted", "Withdrawn"]);
    expect(view.history[0]!.when).toMatch(/^\d{1,2} \w{3} \d{4} \d{2}:\d{2} WIB$/);
    const html = await (await call(`/lacak/${trackingCode}`, { headers: { "accept-language": "en" } })).text();
    expect(html).toContain("<h2>History</h2>");
    expect(html).toContain('<html lang="en">');
  });
});
