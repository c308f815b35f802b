/**
 * Hostile input against what came after intake: forums (agenda, decisions, attendees, follow-ups), budget
 * envelopes and fitting, overlap flags, webhook endpoints and secrets, the signed inbound decision webhook, the
 * Renja export, the operations lists, the berita acara's finalisation, signing links and PDF, and Bappeda's
 * regional priorities and letterhead. Every answer: no 5xx, the API error shape, nothing written on a 4xx;
 * the forum pages, the berita acara and the signing page show stored text escaped.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { webhookHeaders } from "../../shared/webhooks/signature.ts";
import { heldForumIn } from "../access/cases/documents.ts";
import { forumWithPeopleIn } from "../access/cases/forums.ts";
import { proposalIn } from "../access/cases/proposals.ts";
import { flagIn, reviewTaskIn } from "../access/cases/reviews.ts";
import { call, demoCallers, DEMO, json, signIn } from "../support/principals.ts";
import { PNG } from "../support/proposals.ts";
import {
  encodeForm,
  expectEscaped,
  expectNoWrite,
  headerValue,
  hostileBody,
  hostileString,
  htmlPayload,
  inspect,
  jsonContentType,
  marker,
  quietLifecycles,
  RUNS,
  snapshot,
  wellFormed,
} from "./hostile.ts";

const PNG_BASE64 = btoa(String.fromCharCode(...PNG));

let callers: Awaited<ReturnType<typeof demoCallers>>;
let lifecycles: AsyncDisposable;
let admin: Awaited<ReturnType<typeof signIn>>;
let secret: string;
beforeAll(async () => {
  lifecycles = await quietLifecycles();
  callers = await demoCallers();
  admin = await signIn("admin.bappeda", DEMO_PASSWORD);
  const rotated = await call(`/api/v1/agencies/${DEMO.agency}/webhook-secrets`, json({ overlapHours: 720 }, callers.planning_admin.headers));
  expect(rotated.status).toBe(201);
  secret = ((await rotated.json()) as { secret: string }).secret;
});
afterAll(async () => {
  await lifecycles[Symbol.asyncDispose]();
});

/** A planned forum of the demo kabupaten with an open agenda item (two proposals), an attendee and a follow-up. */
async function forumFixture() {
  const [a, b] = [await proposalIn("in"), await proposalIn("in")];
  const pair = [a.id, b.id].sort() as [string, string];
  const forum = await forumWithPeopleIn("in", { proposalIds: pair, budgetAtStake: 150_000_000 });
  // Forums that have met: one whose minutes Bappeda may finalise, one final whose attendee may be sent a link.
  const [held, final] = [await heldForumIn("in", { finalised: false }), await heldForumIn("in", { finalised: true })];
  return { forum: forum.id, item: forum.item, attendee: forum.attendee, followUp: forum.followUp, flag: await flagIn("in", pair), proposal: a.id, held: held.id, final: final.id, finalAttendee: final.attendee };
}

type Fixture = Awaited<ReturnType<typeof forumFixture>>;

/** Each write route with a valid body to mutate; "@name" in the body stands for the fixture's id of that name. */
const WRITES: { method: string; path: (f: Fixture) => string; base: Record<string, unknown> }[] = [
  { method: "POST", path: () => "/api/v1/forums", base: { year: 2027, title: "Forum Lintas PD Kecamatan Kalianda", heldAt: "2027-03-01T09:00:00.000Z", place: "Aula Bappeda", scopeKind: "districts", scopeDistricts: [DEMO.district] } },
  { method: "POST", path: (f) => `/api/v1/forums/${f.forum}/attendees`, base: { name: "Ir. Sutrisno", position: "Kabid Bina Marga", agencyId: DEMO.agency } },
  { method: "POST", path: (f) => `/api/v1/forums/${f.forum}/agenda`, base: { proposalIds: ["@proposal"] } },
  { method: "POST", path: (f) => `/api/v1/forums/${f.forum}/agenda/${f.item}/decision`, base: { decision: "merged", intoProposalId: "@proposal", reason: "Pekerjaan yang sama di lokasi yang sama." } },
  { method: "POST", path: (f) => `/api/v1/forums/${f.forum}/agenda/${f.item}/decision`, base: { decision: "lead_agency", leadAgencyId: DEMO.agency } },
  { method: "POST", path: (f) => `/api/v1/forums/${f.forum}/follow-ups`, base: { ownerAgencyId: DEMO.agency, description: "Survei lokasi bersama", dueDate: "2027-04-01", agendaItemId: "@item" } },
  { method: "PATCH", path: (f) => `/api/v1/follow-ups/${f.followUp}`, base: { status: "in_progress", note: "Survei dijadwalkan minggu depan." } },
  { method: "PUT", path: () => "/api/v1/budget/envelopes", base: { year: 2027, kind: "district", target: DEMO.district, amount: 2_500_000_000 } },
  { method: "POST", path: (f) => `/api/v1/overlaps/${f.flag}/dismiss`, base: { reason: "Lokasi berbeda, bukan pekerjaan yang sama." } },
  { method: "POST", path: () => `/api/v1/agencies/${DEMO.agency}/webhooks`, base: { url: "https://pupr.example/musrenbang", eventTypes: ["review_task.created", "forum.decision"] } },
  { method: "POST", path: () => `/api/v1/agencies/${DEMO.agency}/webhook-secrets`, base: { overlapHours: 24 } },
  { method: "POST", path: (f) => `/api/v1/forums/${f.final}/attendees`, base: { name: "Ir. Sutrisno", position: "Kabid Bina Marga", agencyId: DEMO.agency, username: "penelaah.pupr" } },
  // These three take no body: whatever is sent must not matter.
  { method: "POST", path: (f) => `/api/v1/forums/${f.held}/minutes/finalise`, base: { note: "Berita acara sudah dibaca." } },
  { method: "POST", path: (f) => `/api/v1/forums/${f.final}/attendees/${f.finalAttendee}/sign-link`, base: { note: "Berita acara sudah dibaca." } },
  { method: "POST", path: (f) => `/api/v1/forums/${f.final}/attendees/${f.finalAttendee}/sign`, base: { note: "Berita acara sudah dibaca." } },
  { method: "PUT", path: () => "/api/v1/regional-priorities", base: { year: 2027, priorities: [{ code: "P1", priority: "Infrastruktur dasar yang merata", target: "Jalan kabupaten mantap 80%" }] } },
  { method: "PUT", path: () => "/api/v1/letterhead", base: { lines: ["PEMERINTAH KABUPATEN LAMPUNG SELATAN", "BADAN PERENCANAAN PEMBANGUNAN DAERAH"], place: "Kalianda", numberPattern: "050/{nomor}/BA-FLPD/{tahun}", logo: { contentType: "image/png", base64: PNG_BASE64 } } },
];

const withIds = (body: string, f: Fixture) => body.replace(/@(proposal|item|forum)/g, (_, name: keyof Fixture) => f[name]);

describe("forum, budget, overlap and webhook writes", () => {
  it("never answer 5xx, refuse with the error shape, and a refusal writes nothing", async () => {
    const request = fc.constantFrom(...WRITES).chain((write) => hostileBody(write.base).map((body) => ({ write, body })));
    const who = fc.constantFrom("planning_admin", "planning_admin", "planning_admin", "agency_reviewer", "session", "session without csrf");
    await fc.assert(
      fc.asyncProperty(request, jsonContentType, who, fc.option(headerValue, { nil: undefined }), async ({ write, body }, contentType, caller, lang) => {
        const fixture = await forumFixture();
        const auth = caller === "session" ? admin.headers : caller === "session without csrf" ? { cookie: admin.cookie } : callers[caller as "planning_admin" | "agency_reviewer"].headers;
        const headers: Record<string, string> = { ...auth, "content-type": contentType };
        if (lang !== undefined) headers["accept-language"] = lang;
        const before = await snapshot();
        const seen = await inspect(await call(write.path(fixture), { method: write.method, headers, body: withIds(body, fixture) }), "api");
        await expectNoWrite(seen, before);
        if (caller === "session without csrf") expect(seen.status).toBe(403);
      }),
      { numRuns: RUNS.light * 3 },
    );
  }, 120_000);
});

describe("hostile path parameters after intake", () => {
  it("answer 4xx with the error shape and write nothing", async () => {
    const route = fc.constantFrom(
      (id: string) => ["GET", `/api/v1/forums/${id}`],
      (id: string) => ["POST", `/api/v1/forums/${id}/agenda/${id}/drop`],
      (id: string) => ["POST", `/api/v1/forums/${id}/attendees/${id}/sign`],
      (id: string) => ["POST", `/api/v1/forums/${id}/attendees/${id}/sign-link`],
      (id: string) => ["POST", `/api/v1/forums/${id}/minutes/finalise`],
      (id: string) => ["GET", `/api/v1/forums/${id}/minutes.pdf`],
      (id: string) => ["PATCH", `/api/v1/follow-ups/${id}`],
      (id: string) => ["GET", `/api/v1/proposals/${id}/overlaps`],
      (id: string) => ["POST", `/api/v1/overlaps/${id}/dismiss`],
      (id: string) => ["POST", `/api/v1/proposals/${id}/lifecycle/retry`],
      (id: string) => ["GET", `/api/v1/agencies/${id}/webhooks`],
      (id: string) => ["POST", `/api/v1/webhook-endpoints/${id}/disable`],
      (id: string) => ["GET", `/api/v1/webhook-endpoints/${id}/deliveries`],
      (id: string) => ["POST", `/api/v1/webhook-deliveries/${id}/redeliver`],
      (id: string) => ["GET", `/api/v1/exports/${id}/download`],
      (id: string) => ["POST", `/webhooks/agencies/${id}/decisions`],
    );
    const bodies: Record<string, unknown> = { dismiss: { reason: "Lokasi berbeda sama sekali." }, "follow-ups": { note: "Catatan uji." } };
    const segment = fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "..", "%2e%2e", "0", "-1", "frm_", "18.01-pupr/../18.02-pupr")).map((s) => encodeURIComponent(wellFormed(s)).slice(0, 2_000) || "x");
    await fc.assert(
      fc.asyncProperty(route, segment, fc.constantFrom("planning_admin", "agency_reviewer", "integration") as fc.Arbitrary<keyof typeof callers>, async (build, id, who) => {
        const [method, path] = build(id) as [string, string];
        const kind = path.includes("/dismiss") ? "dismiss" : path.includes("/follow-ups/") ? "follow-ups" : "";
        const before = await snapshot();
        const seen = await inspect(
          await call(path, { method, headers: { ...callers[who].headers, "content-type": "application/json" }, body: method === "GET" ? undefined : JSON.stringify(bodies[kind] ?? {}) }),
          "api",
        );
        expect(seen.status).toBeGreaterThanOrEqual(400);
        await expectNoWrite(seen, before);
      }),
      { numRuns: RUNS.light * 2 },
    );
  }, 60_000);
});

describe("hostile query strings after intake", () => {
  const KEYS = ["year", "status", "agency", "kind", "target", "format", "view", "kecamatan", "stage", "overdue", "cursor", "limit"];
  const value = fc.oneof(
    hostileString,
    fc.constantFrom("2027", "0", "-1", "99999", "csv", "xlsx", "json", "pdf", "td4", "renja", "open", "dismissed", "accepted", "1", "agency", "district", DEMO.agency, DEMO.district, "opd_review"),
  );
  const query = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom("__proto__", "year[]", "")), value), { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(wellFormed(v))}`).join("&"));
  const route = fc.constantFrom("/api/v1/overlaps", "/api/v1/forums", "/api/v1/follow-ups", "/api/v1/budget/envelopes", "/api/v1/budget/fit", "/api/v1/exports/renja", "/api/v1/lifecycles/failed", "/api/v1/escalations", "/api/v1/regional-priorities", "/api/v1/letterhead");

  it("answer 200, 202 or 4xx with the error shape, never 5xx, and write nothing when refused", async () => {
    await fc.assert(
      fc.asyncProperty(route, query, fc.constantFrom("planning_admin", "planning_admin", "agency_reviewer", "village_operator") as fc.Arbitrary<keyof typeof callers>, async (path, q, who) => {
        const before = await snapshot();
        // Creating an export is the one write among them (a POST); the others are reads.
        const method = path === "/api/v1/exports/renja" ? "POST" : "GET";
        const seen = await inspect(await call(`${path}?${q}`, { method, headers: callers[who].headers }), "api");
        await expectNoWrite(seen, before);
        expect([200, 202, 400, 403, 404, 422]).toContain(seen.status);
      }),
      { numRuns: RUNS.light * 2 },
    );
  }, 90_000);
});

describe("POST /webhooks/agencies/{agency}/decisions (signed by the agency)", () => {
  it("a validly signed hostile body, or hostile signature headers, never answers 5xx and a refusal writes nothing", async () => {
    const headerMode = fc.constantFrom("signed", "signed", "signed", "hostile headers", "old timestamp", "no headers");
    const request = hostileBody({ taskId: "@task", decision: "accepted", note: "Sesuai Renstra PUPR." });
    await fc.assert(
      fc.asyncProperty(request, headerMode, fc.tuple(headerValue, headerValue, headerValue), async (body, mode, [id, timestamp, signature]) => {
        const taskId = await reviewTaskIn("in");
        const raw = body.replace(/@task/g, taskId);
        const now = Math.floor(Date.now() / 1000);
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (mode === "signed" || mode === "old timestamp") Object.assign(headers, await webhookHeaders(secret, `msg_${randomToken(8)}`, mode === "signed" ? now : now - 3_600, raw));
        if (mode === "hostile headers") Object.assign(headers, { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature });
        const before = await snapshot();
        const seen = await inspect(await call(`/webhooks/agencies/${DEMO.agency}/decisions`, { method: "POST", headers, body: raw }), "api");
        await expectNoWrite(seen, before);
        if (mode !== "signed") expect(seen.status).toBe(401);
      }),
      { numRuns: RUNS.light * 2 },
    );
  }, 90_000);
});

describe("forum pages", () => {
  it("show hostile titles, places, attendees, follow-ups and decision reasons escaped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(htmlPayload, htmlPayload, htmlPayload, htmlPayload, htmlPayload), async ([title, place, name, description, reason]) => {
        const fixture = await forumFixture();
        const post = (path: string, body: unknown) => call(path, json(body, callers.planning_admin.headers));
        await env.DB.prepare("UPDATE forums SET title = ?, place = ? WHERE id = ?").bind(`Forum ${title}`, `Aula ${place}`, fixture.forum).run();
        expect((await post(`/api/v1/forums/${fixture.forum}/attendees`, { name: `Bapak ${name}`, position: "Kabid" })).status).toBe(201);
        expect((await post(`/api/v1/forums/${fixture.forum}/follow-ups`, { ownerAgencyId: DEMO.agency, description: `Survei ${description}`, dueDate: "2027-04-01" })).status).toBe(201);
        expect((await post(`/api/v1/forums/${fixture.forum}/agenda/${fixture.item}/decision`, { decision: "kept_separate", reason: `Berbeda ${reason}` })).status).toBe(200);
        for (const page of [`/forum/${fixture.forum}`, `/forum/${fixture.forum}/berita-acara`]) {
          const seen = await inspect(await call(page, { headers: { cookie: admin.cookie } }), "page");
          expect(seen.status, page).toBe(200);
          for (const text of [`Forum ${title}`, `Aula ${place}`, `Bapak ${name}`, `Survei ${description}`]) expectEscaped(seen.text, text);
          if (page.endsWith("berita-acara")) expectEscaped(seen.text, `Berbeda ${reason}`);
        }
      }),
      { numRuns: RUNS.heavy },
    );
  }, 90_000);
});

describe("the berita acara and the signing link's page", () => {
  // The letterhead's place is at most 60 characters.
  const shortPayload = fc.tuple(fc.constantFrom((m: string) => `<b>${m}</b>`, (m: string) => `"${m}'<`, (m: string) => `<i ${m}>`, (m: string) => `&amp;${m}&`), marker).map(([t, m]) => t(m));

  it("show a hostile letterhead, attendee and forum title escaped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(htmlPayload, shortPayload, htmlPayload, htmlPayload), async ([line, place, name, title]) => {
        const fixture = await forumFixture();
        const letterhead = await call("/api/v1/letterhead", { method: "PUT", headers: { ...callers.planning_admin.headers, "content-type": "application/json" }, body: JSON.stringify({ lines: [`PEMERINTAH ${line}`], place: `Kota ${place}` }) });
        expect(letterhead.status).toBe(200);
        await env.DB.batch([
          env.DB.prepare("UPDATE forums SET title = ? WHERE id = ?").bind(`Forum ${title}`, fixture.final),
          env.DB.prepare("UPDATE forum_attendees SET name = ? WHERE id = ?").bind(`Bapak ${name}`, fixture.finalAttendee),
        ]);
        const minutes = await inspect(await call(`/forum/${fixture.final}/berita-acara`, { headers: { cookie: admin.cookie } }), "page");
        expect(minutes.status).toBe(200);
        for (const text of [`PEMERINTAH ${line}`, `Kota ${place}`, `Forum ${title}`, `Bapak ${name}`]) expectEscaped(minutes.text, text);
        const link = await call(`/api/v1/forums/${fixture.final}/attendees/${fixture.finalAttendee}/sign-link`, { method: "POST", headers: callers.planning_admin.headers });
        expect(link.status).toBe(201);
        const { path } = (await link.json()) as { path: string };
        const page = await inspect(await call(path), "page");
        expect(page.status).toBe(200);
        for (const text of [`Forum ${title}`, `Bapak ${name}`]) expectEscaped(page.text, text);
      }),
      { numRuns: RUNS.heavy },
    );
  }, 90_000);

  it("a hostile signing token answers a page (404), never 5xx, and signs nothing", async () => {
    const token = fc.oneof(hostileString, fc.constantFrom("", "x", "..", "%2e%2e", "0".repeat(48), "__proto__")).map((s) => encodeURIComponent(wellFormed(s)).slice(0, 2_000) || "x");
    const route = fc.constantFrom(["GET", ""], ["POST", ""], ["GET", "/berita-acara.pdf"]);
    await fc.assert(
      fc.asyncProperty(token, route, async (t, [method, rest]) => {
        await forumFixture();
        const before = await snapshot();
        const seen = await inspect(await call(`/tanda-tangan/${t}${rest}`, { method, redirect: "manual" }), "page");
        // ".." leaves /tanda-tangan/ altogether: the URL is the home page (the public landing page for a visitor).
        // Nothing under /tanda-tangan/ answers 2xx to a token it did not issue.
        const leaves = t === ".." && method === "GET" && rest === "";
        expect(seen.status === 303 || seen.status >= 400 || leaves, `status ${seen.status}`).toBe(true);
        await expectNoWrite(seen, before);
      }),
      { numRuns: RUNS.light },
    );
  }, 60_000);
});

describe("the forum forms (pages)", () => {
  const FORMS: { path: (f: Fixture) => string; fields: Record<string, string> }[] = [
    { path: () => "/forum", fields: { year: "2027", title: "Forum Lintas PD Kalianda", heldAt: "2027-03-01T09:00", place: "Aula Bappeda", scopeKind: "districts", scopeDetail: DEMO.district } },
    { path: (f) => `/forum/${f.forum}/agenda/${f.item}`, fields: { decision: "merged", target: "@proposal", reason: "Pekerjaan yang sama." } },
    { path: (f) => `/forum/${f.forum}/agenda/${f.item}`, fields: { decision: "split", parts: `${DEMO.agency}; 50; 75.000.000\n18.01-disdikbud; 50; 75.000.000`, reason: "Dibagi dua." } },
    { path: (f) => `/forum/${f.forum}/peserta`, fields: { name: "Ir. Sutrisno", position: "Kabid Bina Marga", agencyId: DEMO.agency, username: "penelaah.pupr" } },
    { path: (f) => `/forum/${f.forum}/peserta/${f.attendee}/tanda-tangan`, fields: {} },
    { path: (f) => `/forum/${f.final}/peserta/${f.finalAttendee}/tanda-tangan`, fields: {} },
    { path: (f) => `/forum/${f.final}/peserta/${f.finalAttendee}/tautan`, fields: {} },
    { path: (f) => `/forum/${f.held}/final`, fields: {} },
    { path: (f) => `/forum/${f.forum}/tindak-lanjut`, fields: { description: "Survei lokasi bersama", ownerAgencyId: DEMO.agency, dueDate: "2027-04-01" } },
  ];
  const value = fc.oneof(hostileString, htmlPayload, fc.constantFrom("", " ", "2027", "abc", "2027-13-45T99:99", "9999-12-31T23:59", "kabupaten", "theme", "districts", "lead_agency", "split", "rejected", "kept_separate", ";;;", "x;1e400;-1"));

  it("never answer 5xx; a refusal shows the forum again, escaped, and writes nothing", async () => {
    const post = fc.record({
      form: fc.constantFrom(...FORMS),
      changes: fc.array(fc.tuple(fc.constantFrom("year", "title", "heldAt", "place", "scopeKind", "scopeDetail", "decision", "target", "reason", "parts", "name", "position", "agencyId", "username", "description", "ownerAgencyId", "dueDate", "__proto__"), value), { maxLength: 3 }),
      csrf: fc.constantFrom("right", "right", "right", "right", "missing"),
      encoding: fc.constantFrom("urlencoded", "multipart"),
    });
    await fc.assert(
      fc.asyncProperty(post, async ({ form, changes, csrf, encoding }) => {
        const fixture = await forumFixture();
        const typed: Record<string, string> = { ...form.fields };
        for (const [name, v] of changes) typed[name] = wellFormed(v);
        const pairs = Object.entries(typed).map(([k, v]) => [k, v.replace(/@proposal/g, fixture.proposal)] as [string, string]);
        if (csrf === "right") pairs.push(["_csrf", admin.csrfToken]);
        const headers: Record<string, string> = { cookie: admin.cookie };
        const body = encodeForm(encoding, pairs, headers);
        const before = await snapshot();
        const seen = await inspect(await call(form.path(fixture), { method: "POST", headers, body, redirect: "manual" }), "page");
        await expectNoWrite(seen, before);
        if (csrf === "missing") expect(seen.status).toBe(403);
        // 201: a signing link shown once; 403: Bappeda pressing an attendee's signature (only the attendee signs).
        else expect([201, 303, 403, 404, 409, 422]).toContain(seen.status);
        if (seen.status === 422) for (const [, v] of pairs) if (/[<>"]/.test(v)) expect(seen.text.includes(v), `raw: ${v.slice(0, 80)}`).toBe(false);
      }),
      // An unreadable date in the create form: `new Date` gives Invalid Date, whose toISOString throws.
      { numRuns: RUNS.light * 2, examples: [[{ form: FORMS[0]!, changes: [["heldAt", "abc"]], csrf: "right", encoding: "urlencoded" }]] },
    );
  }, 120_000);
});

describe("POST /api/v1/overlaps/recheck", () => {
  // Last in the file: an accepted recheck sets the routing consumer to work in the background.
  it("never answers 5xx and a refusal writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody({ year: 2099 }), jsonContentType, async (body, contentType) => {
        const before = await snapshot();
        const seen = await inspect(await call("/api/v1/overlaps/recheck", { method: "POST", headers: { ...callers.planning_admin.headers, "content-type": contentType }, body }), "api");
        await expectNoWrite(seen, before, ["overlap_flags"]);
      }),
      { numRuns: RUNS.medium },
    );
  }, 60_000);
});
