import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoCallers, DEMO, json, OTHER, type Caller } from "../support/principals.ts";
import { quietLifecycles } from "../hostile/hostile.ts";
import { PDF, PNG, proposalInput } from "../support/proposals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

const submit = (caller: Caller, body: unknown, headers: Record<string, string> = {}) =>
  call("/api/v1/proposals", json(body, { ...caller.headers, ...headers }));

const counts = async () => {
  const [p, a, e] = await env.DB.batch([
    env.DB.prepare("SELECT count(*) AS n FROM proposals"),
    env.DB.prepare("SELECT count(*) AS n FROM attachments"),
    env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'proposal.submitted'"),
  ]);
  return [p, a, e].map((r) => (r!.results[0] as { n: number }).n);
};

const r2Keys = async () => (await env.ATTACHMENTS.list()).objects.map((o) => o.key);

const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; fields?: { path: string; code: string; message: string }[] } }).error;

describe("POST /api/v1/proposals", () => {
  it("stores the proposal with its audit event and a tracking code", async () => {
    const response = await submit(callers.village_operator, proposalInput());
    expect(response.status).toBe(201);
    const proposal = (await response.json()) as { id: string; trackingCode: string; status: string; stage: string; districtCode: string; villageRank: number };
    expect(proposal).toMatchObject({ status: "submitted", stage: "desa", districtCode: DEMO.district });
    expect(proposal.trackingCode).toMatch(/^USL-2027-[2-9A-HJ-NP-Z]{6}$/);
    expect(proposal.villageRank).toBeGreaterThan(0);
    expect(response.headers.get("location")).toBe(`/api/v1/proposals/${proposal.id}`);
    const audit = await env.DB.prepare("SELECT actor, data FROM audit_events WHERE entity_id = ? AND action = 'proposal.submitted'").bind(proposal.id).first<{ actor: string; data: string }>();
    expect(JSON.parse(audit!.data)).toMatchObject({ status: "submitted" });
  });

  it("puts the proposal in its kecamatan's verification queue in the same write, before any lifecycle step", async () => {
    // The lifecycle's first step never touches D1 here: whatever task exists, intake wrote it.
    await using _quiet = await quietLifecycles();
    const proposal = (await (await submit(callers.village_operator, proposalInput())).json()) as { id: string };
    const tasks = await env.DB.prepare("SELECT kind, queue_key, status, due_at FROM review_tasks WHERE proposal_id = ?").bind(proposal.id).all<{ kind: string; queue_key: string; status: string; due_at: string }>();
    expect(tasks.results).toEqual([{ kind: "verification", queue_key: DEMO.district, status: "open", due_at: expect.stringMatching(/^\d{4}-/) }]);
  });

  it("returns the original answer for a retried Idempotency-Key, and 409 for the key on another body", async () => {
    const key = "retry-key-0001";
    const first = await submit(callers.village_operator, proposalInput({ activity: "Rehab Polindes Way Urang" }), { "idempotency-key": key });
    const before = await counts();
    const again = await submit(callers.village_operator, proposalInput({ activity: "Rehab Polindes Way Urang" }), { "idempotency-key": key });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await counts()).toEqual(before);
    const other = await submit(callers.village_operator, proposalInput({ activity: "Pembangunan posyandu" }), { "idempotency-key": key });
    expect(other.status).toBe(409);
    expect((await errorOf(other)).code).toBe("idempotency_key_reused");
  });

  it("creates exactly one proposal when the same key arrives twice at once", async () => {
    const before = await counts();
    const body = proposalInput({ activity: "Pengadaan lampu jalan tenaga surya" });
    const answers = await Promise.all([1, 2, 3].map(() => submit(callers.village_operator, body, { "idempotency-key": "parallel-key-01" })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect((await counts())[0]).toBe(before[0]! + 1);
  });

  it("answers 400 for malformed JSON and writes nothing", async () => {
    const before = await counts();
    const response = await call("/api/v1/proposals", { method: "POST", headers: { ...callers.village_operator.headers, "content-type": "application/json" }, body: '{"problem": ' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("malformed_json");
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["negative cost", { estimatedCost: -5 }, "estimatedCost", "cost_absurd"],
    ["absurd cost", { estimatedCost: 5_000_000_000_000 }, "estimatedCost", "cost_absurd"],
    ["volume without unit", { unit: "" }, "unit", "volume_requires_unit"],
    ["missing unit", { unit: undefined }, "unit", "volume_requires_unit"],
    ["text over its limit", { activity: "x".repeat(301) }, "activity", "too_long"],
    ["malformed region code", { villageCode: "18.01.06" }, "villageCode", "region_code_format"],
    ["unknown field", { gaji: 1 }, "gaji", "unknown_field"],
    ["wrong type", { volume: "banyak" }, "volume", "type"],
    ["bad RT", { rt: "RT3" }, "rt", "rt_rw_format"],
  ])("refuses %s with 422 naming the field, in Indonesian", async (_name, change, path, code) => {
    const before = await counts();
    const response = await submit(callers.village_operator, proposalInput(change));
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe("validation_failed");
    expect(error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
    expect(error.fields!.every((f) => f.message.length > 0)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("answers in English when asked", async () => {
    const response = await submit(callers.village_operator, proposalInput({ unit: "" }), { "accept-language": "en" });
    expect((await errorOf(response)).fields).toEqual([{ path: "unit", code: "volume_requires_unit", message: "A volume needs a unit." }]);
  });

  it.each([
    ["an unknown village", "18.01.06.2999", "region_unknown"],
    ["another village of the kabupaten", DEMO.otherVillageSameDistrict, "region_out_of_scope"],
    ["a village of another kabupaten", OTHER.village, "region_out_of_scope"],
  ])("refuses %s for a village operator", async (_name, villageCode, code) => {
    const response = await submit(callers.village_operator, proposalInput({ villageCode }));
    expect(response.status).toBe(422);
    expect((await errorOf(response)).fields).toEqual([expect.objectContaining({ path: "villageCode", code })]);
  });

  it("refuses a sub-activity code that is not in the nomenclature", async () => {
    const response = await submit(callers.village_operator, proposalInput({ subActivityCode: "1.03.06.2.01.9999" }));
    expect((await errorOf(response)).fields).toEqual([expect.objectContaining({ path: "subActivityCode", code: "sub_activity_unknown" })]);
  });

  it("lets Bappeda submit for any village of its kabupaten, and no other role", async () => {
    expect((await submit(callers.planning_admin, proposalInput({ villageCode: DEMO.villageInOtherDistrict }))).status).toBe(201);
    for (const role of ["district_verifier", "agency_reviewer", "integration"] as const) {
      expect((await submit(callers[role], proposalInput())).status).toBe(403);
    }
  });

  it("stores text as typed and never interprets it", async () => {
    const activity = `Perbaikan "jalan" <b>Way</b> Urang'); DROP TABLE proposals;--`;
    const response = await submit(callers.village_operator, proposalInput({ activity }));
    const { id } = (await response.json()) as { id: string };
    expect(await env.DB.prepare("SELECT activity FROM proposals WHERE id = ?").bind(id).first("activity")).toBe(activity);
  });
});

describe("attachments", () => {
  let n = 0;
  // Each its own proposal: the same content again within minutes would be answered with the first (content.ts).
  const multipart = (caller: Caller, files: File[], body = proposalInput({ activity: `Drainase dengan lampiran ${++n}` })) => {
    const form = new FormData();
    form.set("proposal", JSON.stringify(body));
    for (const file of files) form.append("attachments", file);
    return call("/api/v1/proposals", { method: "POST", headers: caller.headers, body: form });
  };

  it("stores photos and PDFs in R2 with the proposal, and serves them back", async () => {
    const response = await multipart(callers.village_operator, [new File([PNG], "foto saluran.png", { type: "image/png" }), new File([PDF], "RAB.pdf", { type: "application/pdf" })]);
    expect(response.status).toBe(201);
    const proposal = (await response.json()) as { id: string; attachments: { id: string; filename: string; contentType: string }[] };
    expect(proposal.attachments.map((a) => a.contentType)).toEqual(["image/png", "application/pdf"]);
    const file = await call(`/api/v1/proposals/${proposal.id}/attachments/${proposal.attachments[0]!.id}`, { headers: callers.village_operator.headers });
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
  });

  it("refuses a file that is not an image or PDF (415) and one too large (413), leaving no R2 object", async () => {
    const before = await r2Keys();
    const exe = await multipart(callers.village_operator, [new File([new TextEncoder().encode("MZ\x90\x00 not a photo")], "foto.jpg", { type: "image/jpeg" })]);
    expect(exe.status).toBe(415);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const large = await multipart(callers.village_operator, [new File([big], "besar.png", { type: "image/png" })]);
    expect(large.status).toBe(413);
    expect(await r2Keys()).toEqual(before);
  });

  it("refuses more than five attachments", async () => {
    const files = Array.from({ length: 6 }, (_, i) => new File([PNG], `foto-${i}.png`, { type: "image/png" }));
    const response = await multipart(callers.village_operator, files);
    expect(response.status).toBe(422);
    expect((await errorOf(response)).fields).toEqual([expect.objectContaining({ path: "attachments", code: "too_many" })]);
  });

  it("deletes the uploaded objects again when the database write fails", async () => {
    const before = await r2Keys();
    // A tracking code that already exists makes the proposal insert fail after the files are in R2.
    await env.DB.prepare("CREATE TRIGGER fail_next_proposal BEFORE INSERT ON proposals BEGIN SELECT RAISE(ABORT, 'disk full'); END").run();
    try {
      const response = await multipart(callers.village_operator, [new File([PNG], "foto.png", { type: "image/png" })]);
      expect(response.status).toBe(500);
    } finally {
      await env.DB.prepare("DROP TRIGGER fail_next_proposal").run();
    }
    expect(await r2Keys()).toEqual(before);
  });
});

describe("reading, editing, ranking and withdrawing", () => {
  let n = 0;
  const create = async (overrides: Record<string, unknown> = {}) =>
    ((await (await submit(callers.village_operator, proposalInput({ activity: `Drainase lingkungan ${++n}`, ...overrides }))).json()) as { id: string; trackingCode: string });

  it("lists the caller's scope with filters and a cursor", async () => {
    for (let i = 0; i < 3; i++) await create({ activity: `Usulan halaman ${i}` });
    const first = await call(`/api/v1/proposals?desa=${DEMO.village}&limit=2`, { headers: callers.village_operator.headers });
    const page1 = (await first.json()) as { proposals: { id: string; villageCode: string }[]; nextCursor: string };
    expect(page1.proposals).toHaveLength(2);
    const second = await call(`/api/v1/proposals?desa=${DEMO.village}&limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`, { headers: callers.village_operator.headers });
    const page2 = (await second.json()) as { proposals: { id: string }[] };
    expect(page2.proposals.map((p) => p.id)).not.toContain(page1.proposals[0]!.id);
    // Another village's operator sees none of them; the kecamatan sees them; Bappeda filters by kecamatan.
    const other = await call("/api/v1/proposals", { headers: (await otherVillageOperator()).headers });
    expect(((await other.json()) as { proposals: { villageCode: string }[] }).proposals.every((p) => p.villageCode !== DEMO.village)).toBe(true);
    const district = await call(`/api/v1/proposals?kecamatan=${DEMO.district}&limit=200`, { headers: callers.district_verifier.headers });
    expect(((await district.json()) as { proposals: { villageCode: string }[] }).proposals.some((p) => p.villageCode === DEMO.village)).toBe(true);
    expect((await call("/api/v1/proposals?limit=5000", { headers: callers.planning_admin.headers })).status).toBe(422);
  });

  it("edits until verified, then answers 409", async () => {
    const { id } = await create();
    const patch = await call(`/api/v1/proposals/${id}`, { method: "PATCH", headers: { ...callers.village_operator.headers, "content-type": "application/json" }, body: JSON.stringify({ volume: 150, estimatedCost: 112_500_000 }) });
    expect(patch.status).toBe(200);
    expect(await patch.json()).toMatchObject({ volume: 150, estimatedCost: 112_500_000 });
    await env.DB.prepare("UPDATE proposals SET status = 'verified' WHERE id = ?").bind(id).run();
    const late = await call(`/api/v1/proposals/${id}`, { method: "PATCH", headers: { ...callers.village_operator.headers, "content-type": "application/json" }, body: JSON.stringify({ volume: 10 }) });
    expect(late.status).toBe(409);
    expect((await call(`/api/v1/proposals/${id}/withdraw`, { method: "POST", headers: callers.village_operator.headers })).status).toBe(409);
  });

  it("re-ranks the village's list", async () => {
    const a = await create({ activity: "Prioritas A" });
    const b = await create({ activity: "Prioritas B" });
    const response = await call(`/api/v1/proposals/${b.id}/rank`, json({ rank: 1 }, callers.village_operator.headers));
    const order = ((await response.json()) as { proposals: { id: string; villageRank: number }[] }).proposals;
    expect(order[0]!.id).toBe(b.id);
    expect(order.map((p) => p.villageRank)).toEqual(order.map((_, i) => i + 1));
    expect(order.findIndex((p) => p.id === a.id)).toBeGreaterThan(0);
  });

  it("withdraws, and shows the history on the public tracking endpoint without personal data", async () => {
    const { id, trackingCode } = await create();
    const withdrawn = await call(`/api/v1/proposals/${id}/withdraw`, { method: "POST", headers: callers.village_operator.headers });
    expect(await withdrawn.json()).toMatchObject({ status: "withdrawn" });
    const tracking = await call(`/api/v1/tracking/${trackingCode}`);
    const view = (await tracking.json()) as { history: { status: string }[]; village: string };
    expect(view.village).toBe("Way Urang");
    expect(view.history.map((h) => h.status)).toEqual(["submitted", "withdrawn"]);
    expect(JSON.stringify(view)).not.toMatch(/tok_|acc_|operator|createdBy|beneficiary/);
    expect((await call("/api/v1/tracking/USL-2027-AAAAAA")).status).toBe(404);
  });
});

async function otherVillageOperator() {
  const { tokenCaller } = await import("../support/principals.ts");
  return tokenCaller("village_operator", DEMO.regency, DEMO.otherVillageSameDistrict);
}
