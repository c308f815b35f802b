/**
 * Hostile input against review work: decisions, assignment, classification (API) and the decision form of the
 * review queue page. Every answer: no 5xx, the API error shape, nothing written on a 4xx.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { proposalIn } from "../access/cases/proposals.ts";
import { call, demoCallers, DEMO, signIn } from "../support/principals.ts";
import {
  expectNoWrite,
  hostileBody,
  hostileString,
  htmlPayload,
  inspect,
  jsonContentType,
  numberToken,
  jsonText,
  realSubActivityCodes,
  RUNS,
  snapshot,
  wellFormed,
  type Json,
  encodeForm,
} from "./hostile.ts";

type Kind = "verification" | "agency_review" | "triage";

let callers: Awaited<ReturnType<typeof demoCallers>>;
let codes: string[];
let mergeTarget: { id: string; trackingCode: string };
beforeAll(async () => {
  callers = await demoCallers();
  codes = await realSubActivityCodes();
  mergeTarget = await proposalIn("in");
});

/** A fresh open task of a kind, on a fresh proposal of Way Urang (Kalianda), in the queue its kind uses. */
async function openTask(kind: Kind): Promise<{ taskId: string; proposalId: string }> {
  const { id } = await proposalIn("in");
  if (kind === "agency_review") {
    return { taskId: (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ?").bind(id).first<string>("id"))!, proposalId: id };
  }
  const taskId = `rvw_${randomToken(8)}`;
  await env.DB.prepare(
    `INSERT INTO review_tasks (id, proposal_id, kind, agency_id, regency_code, queue_key, status, due_at)
     VALUES (?, ?, ?, NULL, ?, ?, 'open', '2026-03-01T00:00:00Z')`,
  )
    .bind(taskId, id, kind, DEMO.regency, kind === "verification" ? DEMO.district : DEMO.regency)
    .run();
  return { taskId, proposalId: id };
}

const DECIDER: Record<Kind, readonly (keyof Awaited<ReturnType<typeof demoCallers>>)[]> = {
  verification: ["district_verifier", "planning_admin", "agency_reviewer"],
  agency_review: ["agency_reviewer", "integration", "planning_admin", "village_operator"],
  triage: ["planning_admin", "planning_admin", "district_verifier"],
};

/** Valid decisions of each kind, the starting points for mutation. */
function validDecisions(kind: Kind): Record<string, unknown>[] {
  switch (kind) {
    case "verification":
      return [{ decision: "verified" }, { decision: "returned", note: "Lengkapi RAB dan foto lokasi.", reviewerName: "Camat" }];
    case "agency_review":
      return [
        { decision: "accepted", note: "Sesuai Renstra." },
        { decision: "accepted", target: 0.3, fundingSource: "apbd_kabupaten", priorityCode: "P1", nextYearTarget: 0.5, nextYearPagu: 150_000_000, note: "Target dalam satuan indikator." },
        { decision: "accepted_with_changes", changes: { volume: 100, estimatedCost: 50_000_000, subActivityCode: codes[0] }, note: "Volume disesuaikan." },
        { decision: "merged", mergedInto: mergeTarget.trackingCode },
        { decision: "rejected", reason: "Sudah dianggarkan tahun lalu.", reviewerName: "Ir. Sutrisno" },
        { decision: "carried_over" },
      ];
    case "triage":
      return [{ decision: "route", subActivityCodes: [codes[0]] }, { decision: "rejected", reason: "Bukan kewenangan kabupaten." }];
  }
}

const kindArb = fc.constantFrom<Kind>("verification", "agency_review", "triage");

describe("POST /api/v1/reviews/{task}/decision", () => {
  it("never answers 5xx, refuses with the error shape, and a refused decision leaves the task open", async () => {
    const scenario = kindArb.chain((kind) =>
      fc.record({
        kind: fc.constant(kind),
        who: fc.constantFrom(...DECIDER[kind]),
        body: fc.constantFrom(...validDecisions(kind)).chain((base) => hostileBody(base, ["decision", "note", "reason", "changes", "mergedInto", "subActivityCodes", "reviewerName", "target", "fundingSource", "priorityCode", "nextYearTarget", "nextYearPagu"])),
        contentType: jsonContentType,
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ kind, who, body, contentType }) => {
        const { taskId } = await openTask(kind);
        const before = await snapshot();
        const seen = await inspect(await call(`/api/v1/reviews/${taskId}/decision`, { method: "POST", headers: { ...callers[who].headers, "content-type": contentType }, body }), "api");
        await expectNoWrite(seen, before);
        const status = await env.DB.prepare("SELECT status FROM review_tasks WHERE id = ?").bind(taskId).first<string>("status");
        expect(status).toBe(seen.status === 201 ? "decided" : "open");
      }),
      { numRuns: RUNS.light * 2 },
    );
  }, 60_000);

  it("takes well-formed decisions built from hostile parts: 201 or 4xx, never 5xx, never half-decided", async () => {
    const code = () => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...codes) }, { weight: 1, arbitrary: fc.constantFrom("1.03.06.2.01.9999", "X.XX.01.2.01.0001", " 1.03.06.2.01.0012 ") });
    const text = fc.oneof(hostileString, htmlPayload, fc.constant("Catatan penelaah yang wajar."));
    const decision = fc.oneof(
      fc.record({ kind: fc.constant<Kind>("triage"), body: fc.record({ decision: fc.constant("route"), subActivityCodes: fc.array(code(), { minLength: 1, maxLength: 5 }), note: fc.option(text, { nil: undefined }) }, { requiredKeys: ["decision", "subActivityCodes"] }) }),
      fc.record({ kind: fc.constant<Kind>("triage"), body: fc.record({ decision: fc.constant("rejected"), reason: text }) }),
      fc.record({ kind: fc.constant<Kind>("verification"), body: fc.record({ decision: fc.constantFrom("verified", "returned"), note: text, reviewerName: fc.option(text, { nil: undefined }) }, { requiredKeys: ["decision"] }) }),
      fc.record({
        kind: fc.constant<Kind>("agency_review"),
        body: fc.record({ decision: fc.constant("accepted_with_changes"), changes: fc.record({ volume: fc.double({ min: 0.01, max: 1e9, noNaN: true }), estimatedCost: fc.integer({ min: 1000, max: 2_000_000_000 }), subActivityCode: code() }, { requiredKeys: [] }), note: fc.option(text, { nil: undefined }) }, { requiredKeys: ["decision", "changes"] }),
      }),
      fc.record({ kind: fc.constant<Kind>("agency_review"), body: fc.record({ decision: fc.constant("merged"), mergedInto: fc.oneof(text, fc.constant(mergeTarget.trackingCode), fc.constant(mergeTarget.id), fc.constant("%"), fc.constant("USL-2027-%")) }) }),
    );
    await fc.assert(
      fc.asyncProperty(decision, async ({ kind, body }) => {
        const { taskId } = await openTask(kind);
        const before = await snapshot();
        const response = await call(`/api/v1/reviews/${taskId}/decision`, { method: "POST", headers: { ...callers.planning_admin.headers, "content-type": "application/json" }, body: JSON.stringify(body) });
        const task = await env.DB.prepare("SELECT status FROM review_tasks WHERE id = ?").bind(taskId).first<string>("status");
        const seen = await inspect(response, "api");
        await expectNoWrite(seen, before);
        expect(task).toBe(seen.status === 201 ? "decided" : "open");
      }),
      // Found: a triage "route" with the same code twice is a 500 after the task was already decided.
      { numRuns: RUNS.light * 2, examples: [[{ kind: "triage", body: { decision: "route", subActivityCodes: [codes[0]!, codes[0]!] } }]] },
    );
  }, 60_000);
});

describe("POST /api/v1/reviews/{task}/assign", () => {
  it("never answers 5xx and a refusal changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody({ assignee: "acc_demo_opd" }), jsonContentType, fc.constantFrom("planning_admin", "agency_reviewer", "village_operator") as fc.Arbitrary<keyof typeof callers>, async (body, contentType, who) => {
        const { taskId } = await openTask("agency_review");
        const before = await snapshot();
        const seen = await inspect(await call(`/api/v1/reviews/${taskId}/assign`, { method: "POST", headers: { ...callers[who].headers, "content-type": contentType }, body }), "api");
        await expectNoWrite(seen, before);
      }),
      { numRuns: RUNS.light },
    );
  }, 60_000);
});

describe("PUT /api/v1/proposals/{id}/classification", () => {
  it("never answers 5xx and a refusal changes nothing", async () => {
    const codesBody: fc.Arbitrary<string> = fc.oneof(
      fc.array(fc.constantFrom(...codes), { minLength: 1, maxLength: 5 }).map((list) => JSON.stringify({ subActivityCodes: list })),
      hostileBody({ subActivityCodes: [codes[0]] }),
      fc.array(fc.oneof(hostileString.map((s): Json => ({ raw: JSON.stringify(s) })), numberToken), { maxLength: 6 }).map((items) => jsonText({ entries: [["subActivityCodes", { items }]] })),
    );
    await fc.assert(
      fc.asyncProperty(codesBody, fc.constantFrom("district_verifier", "planning_admin", "village_operator") as fc.Arbitrary<keyof typeof callers>, async (body, who) => {
        const { id } = await proposalIn("in");
        const before = await snapshot();
        const seen = await inspect(await call(`/api/v1/proposals/${id}/classification`, { method: "PUT", headers: { ...callers[who].headers, "content-type": "application/json" }, body }), "api");
        await expectNoWrite(seen, before);
      }),
      // Found: the same code twice is a 500 (primary key of proposal_classifications).
      { numRuns: RUNS.light, examples: [[JSON.stringify({ subActivityCodes: [codes[0]!, codes[0]!] }), "planning_admin"]] },
    );
  }, 60_000);
});

describe("POST /telaah/{task} (the decision form)", () => {
  let sessions: Record<Kind, Awaited<ReturnType<typeof signIn>>>;
  beforeAll(async () => {
    sessions = {
      agency_review: await signIn("penelaah.pupr", DEMO_PASSWORD),
      verification: await signIn("verifikator.kalianda", DEMO_PASSWORD),
      triage: await signIn("admin.bappeda", DEMO_PASSWORD),
    };
  });

  const FIELDS = ["decision", "reason", "volume", "estimatedCost", "subActivityCode", "mergedInto", "subActivityCodes", "target", "fundingSource"];
  it("never answers 5xx, answers a page, and a refusal changes nothing", async () => {
    const fieldValue = fc.oneof(
      hostileString,
      fc.constantFrom("verified", "returned", "accepted", "accepted_with_changes", "merged", "rejected", "carried_over", "route", "1.500.000", "Rp 97.500.000", "-0", "1e309", "120,5", "0,3", "apbd_kabupaten", "dana_desa", "APBD"),
      fc.constantFrom(...codes, `${codes[0]} ${codes[0]}`, `${codes[0]},${codes[1]}`, `${codes[1]} ${codes[1]}`),
    );

    const form = fc.record({
      kind: kindArb,
      fields: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom("__proto__", "constructor", "decision[]", "_csrf")), fieldValue), { maxLength: 6 }),
      csrf: fc.constantFrom("right", "right", "right", "wrong", "missing", "header"),
      encoding: fc.constantFrom("urlencoded", "multipart"),
    });
    await fc.assert(
      fc.asyncProperty(form, async ({ kind, fields, csrf, encoding }) => {
        const session = sessions[kind];
        const { taskId } = await openTask(kind);
        const pairs: [string, string][] = fields.map(([k, v]) => [k, wellFormed(v)]);
        if (csrf === "right") pairs.unshift(["_csrf", session.csrfToken]);
        if (csrf === "wrong") pairs.unshift(["_csrf", "palsu"]);
        const headers: Record<string, string> = { cookie: session.cookie };
        if (csrf === "header") headers["x-csrf-token"] = session.csrfToken;
        const body = encodeForm(encoding, pairs, headers);
        const before = await snapshot();
        const seen = await inspect(await call(`/telaah/${taskId}`, { method: "POST", headers, body, redirect: "manual" }), "page");
        await expectNoWrite(seen, before);
        if (seen.status === 303) expect(await env.DB.prepare("SELECT status FROM review_tasks WHERE id = ?").bind(taskId).first("status")).toBe("decided");
      }),
      { numRuns: RUNS.medium },
    );
  }, 60_000);
});
