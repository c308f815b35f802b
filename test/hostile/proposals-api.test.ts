/**
 * Hostile input against the proposal API: submission (JSON and multipart), edit, rank, lists with hostile query
 * strings, and hostile path parameters. Every answer: no 5xx, the API error shape, nothing written on a 4xx.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, DEMO, signIn, type Caller } from "../support/principals.ts";
import { freshProposalInput, PDF, PNG, proposalInput } from "../support/proposals.ts";
import {
  expectNoWrite,
  headerValue,
  hostileBody,
  hostileJson,
  hostileString,
  inspect,
  jsonContentType,
  jsonText,
  mutated,
  notJson,
  quietLifecycles,
  realSubActivityCodes,
  RUNS,
  snapshot,
  wellFormed,
  type Snapshot,
} from "./hostile.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
let lifecycles: AsyncDisposable;
let codes: string[];
let operator: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  lifecycles = await quietLifecycles();
  callers = await demoCallers();
  codes = await realSubActivityCodes();
  operator = await signIn("operator.wayurang", DEMO_PASSWORD);
});
afterAll(async () => {
  await lifecycles[Symbol.asyncDispose]();
});

const countOf = (s: Snapshot, table: string) => Number(s.rows[table]!.split(":")[0]);

const PROPOSAL_FIELDS = ["year", "villageCode", "problem", "activity", "description", "address", "rt", "rw", "latitude", "longitude", "volume", "unit", "estimatedCost", "beneficiaryCount", "beneficiaryGroup", "subActivityCode", "villageRank"];

/** A proposal created through the API, editable by the demo village operator. */
async function editableProposal(): Promise<{ id: string; trackingCode: string }> {
  const response = await call("/api/v1/proposals", {
    method: "POST",
    headers: { ...callers.village_operator.headers, "content-type": "application/json" },
    body: JSON.stringify(freshProposalInput()),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; trackingCode: string };
}

/** The texts of an accepted proposal as the API reads them back: what was accepted is what is stored. */
async function expectStoredAsAccepted(caller: Caller, accepted: Record<string, unknown>) {
  const response = await call(`/api/v1/proposals/${accepted.id as string}`, { headers: caller.headers });
  const stored = (await inspect(response, "api")).json as Record<string, unknown>;
  expect(response.status).toBe(200);
  for (const field of ["problem", "activity", "description", "address", "rt", "rw", "unit", "volume", "estimatedCost", "latitude", "longitude", "beneficiaryCount", "year", "villageCode"]) {
    const want = accepted[field];
    const got = stored[field];
    // Compared as JSON text: a lone surrogate in a failure message would break the test runner's socket.
    expect(JSON.stringify(got), `field ${field}`).toBe(JSON.stringify(want));
  }
}

const pickCaller = fc.constantFrom("village_operator", "village_operator", "village_operator", "planning_admin", "district_verifier") as fc.Arbitrary<keyof typeof callers>;

const idempotencyKey = fc.option(fc.oneof(fc.constantFrom("hostile-key-0001", "hostile-key-0002", "short", "x".repeat(129), "key with space", "../../etc"), headerValue), { nil: undefined });

describe("POST /api/v1/proposals (JSON)", () => {
  it("never answers 5xx, refuses with the error shape, and a refusal writes nothing", async () => {
    const base = proposalInput({ subActivityCode: "1.03.06.2.01.0012" });
    // Token callers, and a browser session with and without its CSRF token.
    const who = fc.oneof({ weight: 4, arbitrary: pickCaller }, { weight: 1, arbitrary: fc.constantFrom("session", "session without csrf") });
    await fc.assert(
      fc.asyncProperty(hostileBody(base), jsonContentType, who, idempotencyKey, fc.option(headerValue, { nil: undefined }), async (body, contentType, caller, key, lang) => {
        const auth = caller === "session" ? operator.headers : caller === "session without csrf" ? { cookie: operator.cookie } : callers[caller].headers;
        const headers: Record<string, string> = { ...auth, "content-type": contentType };
        if (key !== undefined) headers["idempotency-key"] = key;
        if (lang !== undefined) headers["accept-language"] = lang;
        const before = await snapshot();
        const seen = await inspect(await call("/api/v1/proposals", { method: "POST", headers, body }), "api");
        await expectNoWrite(seen, before);
        if (seen.status === 201 && !headers["idempotency-key"]) {
          const after = await snapshot();
          expect(countOf(after, "proposals")).toBe(countOf(before, "proposals") + 1);
          expect(countOf(after, "audit_events")).toBe(countOf(before, "audit_events") + 1);
          await expectStoredAsAccepted(callers.planning_admin, seen.json as Record<string, unknown>);
        }
        if (caller === "session without csrf") expect(seen.status).toBe(403);
      }),
      { numRuns: RUNS.light * 2 },
    );
  }, 60_000);

  it("keeps valid-looking proposals with one text field made hostile as typed, or refuses them cleanly", async () => {
    const textField = fc.constantFrom("problem", "activity", "description", "address", "unit", "rt", "rw", "villageCode", "beneficiaryGroup", "subActivityCode");
    await fc.assert(
      fc.asyncProperty(textField, hostileString, fc.constantFrom("", "Saluran air tersumbat di RT 03 "), async (field, value, padding) => {
        const body = proposalInput({ [field]: padding + value });
        const before = await snapshot();
        const seen = await inspect(await call("/api/v1/proposals", { method: "POST", headers: { ...callers.village_operator.headers, "content-type": "application/json" }, body: JSON.stringify(body) }), "api");
        await expectNoWrite(seen, before);
        if (seen.status === 201) await expectStoredAsAccepted(callers.planning_admin, seen.json as Record<string, unknown>);
      }),
      { numRuns: RUNS.light * 2 },
    );
  }, 60_000);
});

describe("POST /api/v1/proposals (multipart)", () => {
  const fileArb = fc.oneof(
    fc.constantFrom(
      () => new File([PNG], "foto.png", { type: "image/png" }),
      () => new File([PDF], "RAB.pdf", { type: "application/pdf" }),
      () => new File([new Uint8Array(0)], "", { type: "application/octet-stream" }),
      () => new File([new TextEncoder().encode("<script>alert(1)</script>")], "foto.png", { type: "image/png" }),
      () => new File([new TextEncoder().encode("MZ\x90\x00")], "setup.exe", { type: "image/jpeg" }),
      () => new File([Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50])], "a.webp", { type: "image/webp" }),
    ),
    // (FormData itself refuses a filename that ends with a backslash.)
    fc.tuple(hostileString, fc.constantFrom(PNG, PDF)).map(([name, bytes]) => () => new File([bytes], name.replace(/\\$/, "\\x"), { type: "image/png" })),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => () => new File([bytes], "acak.bin")),
  );

  const proposalPart = fc.oneof(
    { weight: 4, arbitrary: mutated(proposalInput()).map(({ json }) => jsonText(json)) },
    { weight: 2, arbitrary: fc.constant(JSON.stringify(proposalInput())) },
    { weight: 1, arbitrary: hostileJson().map(jsonText) },
    { weight: 1, arbitrary: notJson },
  );

  it("never answers 5xx and leaves no R2 object or row behind when it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(proposalPart, { nil: undefined }),
        fc.constantFrom("string", "file", "twice"),
        fc.array(fileArb, { maxLength: 7 }),
        fc.array(fc.tuple(fc.constantFrom("__proto__", "constructor", "attachments[]", "proposal[]", "_csrf", "attachments", "x", "a\r\nb", "nul\u0000"), hostileString), { maxLength: 3 }),
        async (proposal, how, files, extras) => {
          const form = new FormData();
          if (proposal !== undefined) {
            if (how === "file") form.append("proposal", new File([proposal], "proposal.json", { type: "application/json" }));
            else form.append("proposal", proposal);
            if (how === "twice") form.append("proposal", proposal);
          }
          for (const file of files) form.append("attachments", file());
          for (const [name, value] of extras) form.append(name, value);
          const names = [...form.entries()].flatMap(([name, value]) => [name, ...(value instanceof File ? [value.name] : [])]);
          const before = await snapshot();
          const seen = await inspect(await call("/api/v1/proposals", { method: "POST", headers: callers.village_operator.headers, body: form }), "api");
          await expectNoWrite(seen, before);
          if (seen.status === 201) {
            const after = await snapshot();
            const attached = ((seen.json as { attachments?: unknown[] }).attachments ?? []).length;
            expect(after.r2.length).toBe(before.r2.length + attached);
          }
        },
      ),
      { numRuns: RUNS.medium },
    );
  }, 60_000);

  it("answers a malformed multipart body with 4xx, not 5xx", async () => {
    const body = fc.oneof(
      fc.constantFrom("", "garbage", "--xyz\r\nContent-Disposition: form-data; name=\"proposal\"\r\n\r\n{}", "--xyz--", "--other\r\n\r\n--other--"),
      fc.string({ unit: "binary", maxLength: 100 }),
    );
    const type = fc.constantFrom("multipart/form-data", "multipart/form-data; boundary=xyz", "multipart/form-data; boundary=", 'multipart/form-data; boundary="', "multipart/form-data; boundary=" + "b".repeat(300));
    await fc.assert(
      fc.asyncProperty(body, type, async (text, contentType) => {
        const before = await snapshot();
        const seen = await inspect(await call("/api/v1/proposals", { method: "POST", headers: { ...callers.village_operator.headers, "content-type": contentType }, body: text }), "api");
        await expectNoWrite(seen, before);
      }),
      // Found: `multipart/form-data` without a boundary (or with a body that is not multipart) is a 500.
      { numRuns: RUNS.light, examples: [["garbage", "multipart/form-data"]] },
    );
  }, 60_000);
});

describe("PATCH /api/v1/proposals/{id} and POST /api/v1/proposals/{id}/rank", () => {
  it("PATCH never answers 5xx and a refusal changes nothing", async () => {
    const target = await editableProposal();
    const base = { volume: 110, estimatedCost: 95_000_000, problem: "Saluran air tersumbat dan meluap.", subActivityCode: codes[0] };
    await fc.assert(
      fc.asyncProperty(hostileBody(base, PROPOSAL_FIELDS), jsonContentType, pickCaller, async (body, contentType, who) => {
        const before = await snapshot();
        const seen = await inspect(await call(`/api/v1/proposals/${target.id}`, { method: "PATCH", headers: { ...callers[who].headers, "content-type": contentType }, body }), "api");
        await expectNoWrite(seen, before);
        if (seen.status === 200) await expectStoredAsAccepted(callers.planning_admin, seen.json as Record<string, unknown>);
      }),
      { numRuns: RUNS.light },
    );
  }, 60_000);

  it("rank never answers 5xx and a refusal changes nothing", async () => {
    const target = await editableProposal();
    await editableProposal();
    await fc.assert(
      fc.asyncProperty(hostileBody({ rank: 1 }), jsonContentType, pickCaller, async (body, contentType, who) => {
        const before = await snapshot();
        const seen = await inspect(await call(`/api/v1/proposals/${target.id}/rank`, { method: "POST", headers: { ...callers[who].headers, "content-type": contentType }, body }), "api");
        await expectNoWrite(seen, before);
      }),
      { numRuns: RUNS.light },
    );
  }, 60_000);
});

/** A hostile path segment: raw (the URL parser normalises some of it) or percent-encoded. */
export const pathSegment = fc.oneof(
  hostileString.map((s) => encodeURIComponent(wellFormed(s))),
  hostileString.map((s) => wellFormed(s).replace(/[?#]/g, "")),
  fc.constantFrom("..%2F..%2F", "%2e%2e%2f", "%2e%2e", "%00", "%", "%ZZ", "%ED%A0%80", "%E2%80%AE", "%C0%AE%C0%AE%2F", "usl_%27%20OR%201%3D1", "..;", "%252e%252e%252f"),
);

describe("hostile path parameters", () => {
  it("answer 4xx (mostly 404) with the error shape and write nothing", async () => {
    const route = fc.constantFrom(
      (id: string) => ["GET", `/api/v1/proposals/${id}`],
      (id: string) => ["PATCH", `/api/v1/proposals/${id}`],
      (id: string) => ["POST", `/api/v1/proposals/${id}/withdraw`],
      (id: string) => ["POST", `/api/v1/proposals/${id}/rank`],
      (id: string) => ["GET", `/api/v1/proposals/${id}/attachments/${id}`],
      (id: string) => ["GET", `/api/v1/tracking/${id}`],
      (id: string) => ["PUT", `/api/v1/proposals/${id}/classification`],
      (id: string) => ["POST", `/api/v1/reviews/${id}/decision`],
      (id: string) => ["POST", `/api/v1/reviews/${id}/claim`],
      (id: string) => ["POST", `/api/v1/reviews/${id}/assign`],
      (id: string) => ["GET", `/api/v1/agencies/${id}/reviews`],
      (id: string) => ["GET", `/api/v1/districts/${id}/verifications`],
      (id: string) => ["POST", `/api/v1/accounts/${id}/disable`],
      (id: string) => ["POST", `/api/v1/tokens/${id}/revoke`],
      (id: string) => ["POST", `/api/v1/dead-letters/${id}/replay`],
    );
    const bodies: Record<string, unknown> = { PATCH: { volume: 1 }, rank: { rank: 1 }, classification: { subActivityCodes: ["1.03.06.2.01.0012"] }, decision: { decision: "accepted" }, assign: { assignee: "acc_demo_opd" } };
    await fc.assert(
      fc.asyncProperty(route, pathSegment, fc.constantFrom("planning_admin", "village_operator", "agency_reviewer", "district_verifier") as fc.Arbitrary<keyof typeof callers>, async (build, id, who) => {
        const [method, path] = build(id) as [string, string];
        const last = path.split("/").at(-1)!;
        // Object.hasOwn: an id of "__proto__" must not find Object.prototype here either.
        const body = method === "GET" ? undefined : Object.hasOwn(bodies, last) ? bodies[last] : method === "PATCH" ? bodies.PATCH : undefined;
        const before = await snapshot();
        const seen = await inspect(
          await call(path, { method, headers: { ...callers[who].headers, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }),
          "api",
        );
        // A district queue is a collection under the caller's kabupaten: any code there lists (no) tasks.
        if (seen.status === 200) expect(seen.json).toEqual({ tasks: [], nextCursor: null });
        else expect(seen.status).toBeGreaterThanOrEqual(400);
        await expectNoWrite(seen, before);
      }),
      { numRuns: RUNS.light * 2 },
    );
  }, 60_000);
});

/** A cursor-like value: base64 of any text (as UTF-8). */
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(wellFormed(text).slice(0, 5_000))));

describe("GET list routes with hostile query strings", () => {
  const KEYS = ["cursor", "limit", "year", "kecamatan", "desa", "status", "agency", "dueBefore", "q", "semua"];
  const queryValue = fc.oneof(
    hostileString,
    fc.constantFrom("0", "1", "200", "201", "-1", "1e3", "NaN", "999", "2027", "18.01.06", DEMO.village, "submitted", "open", "2026-12-31T00:00:00.000Z", "9999-99-99T99:99:99Z"),
    fc.string({ maxLength: 40 }).map(base64),
    fc.tuple(hostileString, hostileString).map(([a, b]) => base64(`${a}|${b}`)),
  );
  const query = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom("__proto__", "constructor", "limit[]", "")), queryValue, fc.boolean()), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v, encode]) => `${encodeURIComponent(k)}=${encode ? encodeURIComponent(wellFormed(v)) : wellFormed(v).replace(/[#&]/g, "")}`).join("&"));
  const route = fc.constantFrom(
    "/api/v1/proposals",
    `/api/v1/agencies/${DEMO.agency}/reviews`,
    `/api/v1/districts/${DEMO.district}/verifications`,
    "/api/v1/triage",
    "/api/v1/escalations",
    "/api/v1/dead-letters",
    "/api/v1/accounts",
    "/api/v1/tokens",
    "/api/v1/sub-activities",
  );

  it("answer 200 or 4xx with the error shape, never 5xx, and write nothing", async () => {
    await fc.assert(
      fc.asyncProperty(route, query, fc.constantFrom("planning_admin", "agency_reviewer", "district_verifier", "village_operator") as fc.Arbitrary<keyof typeof callers>, async (path, q, who) => {
        const before = await snapshot();
        const seen = await inspect(await call(`${path}?${q}`, { headers: callers[who].headers }), "api");
        await expectNoWrite(seen, before);
        if (seen.status === 200) expect(seen.json).toBeTypeOf("object");
      }),
      { numRuns: RUNS.light * 2 },
    );
  }, 60_000);

  it("the page of sub-activities escapes what was searched for", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (q) => {
        const seen = await inspect(await call(`/kode-kegiatan?q=${encodeURIComponent(wellFormed(q))}`), "page");
        expect(seen.status).toBe(200);
        const shown = wellFormed(q).trim().slice(0, 100);
        if (/[<>"']/.test(shown) && shown.length > 3) expect(seen.text.includes(shown)).toBe(false);
      }),
      { numRuns: RUNS.medium },
    );
  }, 60_000);
});

describe("the seeded demo data is untouched by all of it", () => {
  it("has every demo account and the village's region row", async () => {
    const accounts = await env.DB.prepare("SELECT count(*) AS n FROM accounts WHERE id LIKE 'acc_demo_%' AND active = 1").first<number>("n");
    expect(accounts).toBe(DEMO_ACCOUNTS.length);
    expect(await env.DB.prepare("SELECT name FROM regions WHERE code = ?").bind(DEMO.village).first("name")).toBe("Way Urang");
  });
});
