/**
 * Hostile input through the village's forms (submit, edit, rank) and the rule that every stored text renders
 * escaped: a proposal whose words carry markup shows them as text on its page, the village list, its edit form,
 * the public tracking page and the agency's review queue.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, DEMO, json, signIn } from "../support/principals.ts";
import { freshProposalInput, PNG, proposalInput } from "../support/proposals.ts";
import {
  expectEscaped,
  expectNoWrite,
  hostileString,
  htmlPayload,
  inspect,
  marker,
  NUMERIC_STRINGS,
  quietLifecycles,
  REGION_CODES,
  RUNS,
  snapshot,
  wellFormed,
  encodeForm,
} from "./hostile.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
let lifecycles: AsyncDisposable;
let operator: Awaited<ReturnType<typeof signIn>>;
let reviewer: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  lifecycles = await quietLifecycles();
  callers = await demoCallers();
  operator = await signIn("operator.wayurang", DEMO_PASSWORD);
  reviewer = await signIn("penelaah.pupr", DEMO_PASSWORD);
});
afterAll(async () => {
  await lifecycles[Symbol.asyncDispose]();
});

const TEXT_FIELDS = ["problem", "activity", "description", "address", "unit"] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** Markup short enough for a unit (at most 30 characters). */
const shortPayload = fc.tuple(fc.constantFrom((m: string) => `<b>${m}</b>`, (m: string) => `"${m}'<`, (m: string) => `<i ${m}>`, (m: string) => `&amp;${m}&`), marker).map(([t, m]) => t(m));

/** Texts for every field, each carrying markup and a unique marker, long enough to be accepted. */
const markupTexts = fc.record({
  problem: fc.tuple(fc.constantFrom("Saluran tersumbat: ", "\u202e", "\u0661\u0668 ", "nul\u0000 "), htmlPayload).map(([a, b]) => `${a}${b} meluap saat hujan`),
  activity: fc.tuple(fc.constantFrom("Drainase ", "", "e\u0301 "), htmlPayload).map(([a, b]) => `${a}${b}`),
  description: htmlPayload,
  address: htmlPayload,
  unit: shortPayload,
});

let dueCounter = 0;
/** An open review task of the demo agency, due before every other, so the queue page lists it first. */
async function queueForReview(proposalId: string) {
  const due = new Date(Date.UTC(1999, 0, 1) - ++dueCounter * 60_000).toISOString();
  await env.DB.prepare(
    `INSERT INTO review_tasks (id, proposal_id, kind, agency_id, regency_code, queue_key, status, due_at)
     VALUES (?, ?, 'agency_review', ?, ?, ?, 'open', ?)`,
  )
    .bind(`rvw_${randomToken(8)}`, proposalId, DEMO.agency, DEMO.regency, DEMO.agency, due)
    .run();
}

async function page(path: string, cookie?: string) {
  const seen = await inspect(await call(path, cookie ? { headers: { cookie } } : {}), "page");
  expect(seen.status, path).toBe(200);
  return seen.text;
}

/** Every page that shows the proposal shows its texts escaped. */
async function expectRenderedEscaped(view: { id: string; trackingCode: string; year: number } & Record<TextField, string | null>) {
  const detail = await page(`/usulan/${view.id}`, operator.cookie);
  for (const field of TEXT_FIELDS) if (view[field]) expectEscaped(detail, view[field]);
  const edit = await page(`/usulan/${view.id}/ubah`, operator.cookie);
  for (const field of TEXT_FIELDS) if (view[field]) expectEscaped(edit, view[field]);
  expectEscaped(await page(`/usulan?tahun=${view.year}`, operator.cookie), view.activity!);
  expectEscaped(await page(`/lacak/${view.trackingCode}`), view.activity!);
  await queueForReview(view.id);
  expectEscaped(await page("/telaah", reviewer.cookie), view.activity!);
}

describe("stored text renders escaped", () => {
  it("for proposals submitted through the API", async () => {
    await fc.assert(
      fc.asyncProperty(markupTexts, async (texts) => {
        const response = await call("/api/v1/proposals", json(proposalInput(texts), callers.village_operator.headers));
        const seen = await inspect(response, "api");
        expect(seen.status).toBe(201);
        await expectRenderedEscaped(seen.json as Parameters<typeof expectRenderedEscaped>[0]);
      }),
      { numRuns: RUNS.heavy },
    );
  }, 60_000);

  it("for proposals edited through the API", async () => {
    await fc.assert(
      fc.asyncProperty(markupTexts, fc.subarray([...TEXT_FIELDS], { minLength: 1 }), async (texts, fields) => {
        const created = (await (await call("/api/v1/proposals", json(freshProposalInput(), callers.village_operator.headers))).json()) as { id: string };
        const patch = Object.fromEntries(fields.map((f) => [f, texts[f]]));
        const response = await call(`/api/v1/proposals/${created.id}`, { ...json(patch, callers.village_operator.headers), method: "PATCH" });
        const seen = await inspect(response, "api");
        expect(seen.status).toBe(200);
        await expectRenderedEscaped(seen.json as Parameters<typeof expectRenderedEscaped>[0]);
      }),
      { numRuns: RUNS.heavy },
    );
  }, 60_000);
});

/** The village form as a browser fills it in. */
const validForm = (): Record<string, string> => ({
  year: "2027",
  villageCode: DEMO.village,
  problem: "Jalan lingkungan berlubang dan becek saat musim hujan.",
  activity: "pemb. jln rabat beton Lingk. II",
  volume: "150",
  unit: "m",
  estimatedCost: "Rp 97.500.000",
  rt: "04",
  latitude: "-5,7281",
  longitude: "105,5907",
  beneficiaryGroup: "umum",
});

const FORM_FIELDS = [...Object.keys(validForm()), "description", "address", "rw", "beneficiaryCount", "subActivityCode", "villageRank"];
const formValue = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: htmlPayload },
  { weight: 2, arbitrary: fc.constantFrom<string>(...NUMERIC_STRINGS, ...REGION_CODES) },
);

describe("POST /usulan (the village form, multipart)", () => {
  it("never answers 5xx; a refusal re-renders escaped and writes nothing; an acceptance renders escaped", async () => {
    const post = fc.record({
      changes: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FORM_FIELDS), fc.constantFrom("__proto__", "constructor", "_submission", "problem[]", "attachments")), formValue), { minLength: 1, maxLength: 3 }),
      drop: fc.option(fc.constantFrom(...FORM_FIELDS), { nil: undefined }),
      csrf: fc.constantFrom("right", "right", "right", "right", "wrong", "missing"),
      files: fc.array(fc.constantFrom("png", "text", "empty"), { maxLength: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(post, async ({ changes, drop, csrf, files }) => {
        const fields = validForm();
        if (drop) delete fields[drop];
        const data = new FormData();
        if (csrf === "right") data.append("_csrf", operator.csrfToken);
        if (csrf === "wrong") data.append("_csrf", "palsu");
        data.append("_submission", randomToken(18));
        const typed: Record<string, string> = { ...fields };
        for (const [name, value] of changes) typed[name] = wellFormed(value);
        for (const [name, value] of Object.entries(typed)) data.append(name, value);
        for (const kind of files) {
          data.append("attachments", kind === "png" ? new File([PNG], "foto.png", { type: "image/png" }) : kind === "text" ? new File(["<script>x</script>"], "foto.jpg", { type: "image/jpeg" }) : new File([], ""));
        }
        const before = await snapshot();
        const response = await call("/usulan", { method: "POST", headers: { cookie: operator.cookie }, body: data, redirect: "manual" });
        const seen = await inspect(response, "page");
        await expectNoWrite(seen, before);
        // A form the same as an earlier one (sama=1) is that proposal, checked when it was made.
        if (seen.status === 303 && !response.headers.get("location")!.endsWith("sama=1")) {
          const id = response.headers.get("location")!.split("/")[2]!.split("?")[0]!;
          const stored = (await (await call(`/api/v1/proposals/${id}`, { headers: callers.village_operator.headers })).json()) as Parameters<typeof expectRenderedEscaped>[0];
          await expectRenderedEscaped(stored);
        } else if (seen.status === 422) {
          // What was typed comes back in the form, escaped.
          for (const name of ["problem", "activity", "description", "address"]) {
            const value = typed[name];
            if (value && /xss[0-9a-z]+q/.test(value)) expectEscaped(seen.text, value);
          }
        }
      }),
      { numRuns: RUNS.medium },
    );
  }, 60_000);
});

describe("POST /usulan/{id} (edit form) and /usulan/{id}/peringkat (rank form)", () => {
  it("never answer 5xx, and a refusal changes nothing", async () => {
    const editableFields = ["problem", "activity", "description", "address", "rt", "rw", "latitude", "longitude", "volume", "unit", "estimatedCost", "beneficiaryCount", "beneficiaryGroup", "subActivityCode", "villageRank", "year", "villageCode"];
    const post = fc.record({
      route: fc.constantFrom("edit", "edit", "rank"),
      fields: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...editableFields), fc.constantFrom("rank", "__proto__", "_csrf")), formValue), { minLength: 1, maxLength: 4 }),
      encoding: fc.constantFrom("urlencoded", "multipart"),
    });
    await fc.assert(
      fc.asyncProperty(post, async ({ route, fields, encoding }) => {
        const created = (await (await call("/api/v1/proposals", json(freshProposalInput(), callers.village_operator.headers))).json()) as { id: string };
        const pairs: [string, string][] = [["_csrf", operator.csrfToken], ...fields.map(([k, v]) => [k, wellFormed(v)] as [string, string])];
        const headers: Record<string, string> = { cookie: operator.cookie };
        const body = encodeForm(encoding, pairs, headers);
        const before = await snapshot();
        const path = route === "edit" ? `/usulan/${created.id}` : `/usulan/${created.id}/peringkat`;
        const seen = await inspect(await call(path, { method: "POST", headers, body, redirect: "manual" }), "page");
        await expectNoWrite(seen, before);
        if (seen.status === 422) {
          for (const [name, value] of pairs) if (["problem", "activity", "description", "address"].includes(name) && /xss[0-9a-z]+q/.test(value)) expectEscaped(seen.text, value, false);
        }
      }),
      { numRuns: RUNS.medium },
    );
  }, 60_000);
});

describe("pages with hostile query strings and path parameters", () => {
  let admin: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    admin = await signIn("admin.bappeda", DEMO_PASSWORD);
  });

  const value = fc.oneof(
    { weight: 3, arbitrary: hostileString },
    { weight: 2, arbitrary: fc.constantFrom<string>(...NUMERIC_STRINGS, ...REGION_CODES, "2027", "USL-2027-ABCDEF", "usl-2027-abcdef") },
    { weight: 1, arbitrary: htmlPayload },
  );
  const encode = (text: string) => encodeURIComponent(wellFormed(text));

  it("answer a page or a redirect, never 5xx, write nothing, and show what was asked for escaped", async () => {
    const request = fc.record({
      build: fc.constantFrom(
        (v: string) => ["GET", `/usulan?tahun=${encode(v)}`],
        (v: string) => ["GET", `/usulan?desa=${encode(v)}&tahun=2027`],
        (v: string) => ["GET", `/usulan?tahun=${encode(v)}&desa=${DEMO.village}`],
        (v: string) => ["GET", `/lacak?kode=${encode(v)}`],
        (v: string) => ["GET", `/lacak/${encode(v)}`],
        (v: string) => ["GET", `/usulan/${encode(v)}`],
        (v: string) => ["GET", `/usulan/${encode(v)}/ubah`],
        (v: string) => ["POST", `/usulan/${encode(v)}/batal`],
        (v: string) => ["POST", `/usulan/${encode(v)}/peringkat`],
        (v: string) => ["POST", `/usulan/${encode(v)}`],
        (v: string) => ["POST", `/telaah/${encode(v)}`],
        (v: string) => ["GET", `/telaah?ok=${encode(v)}`],
        (v: string) => ["GET", `/kode-kegiatan?q=${encode(v)}`],
        (v: string) => ["GET", `/masuk?next=${encode(v)}`],
        (v: string) => ["GET", `/konsol?tahun=${encode(v)}`],
        (v: string) => ["GET", `/konsol/kecocokan-anggaran?pagu=${encode(v)}&tahun=2027`],
        (v: string) => ["POST", `/konsol/kemiripan/${encode(v)}/abaikan`],
        (v: string) => ["POST", `/forum/${encode(v)}/agenda/${encode(v)}/coret`],
      ),
      value,
      who: fc.constantFrom("operator", "admin", "reviewer", "nobody"),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ build, value: v, who }) => {
        const [method, path] = build(v) as [string, string];
        const session = who === "operator" ? operator : who === "admin" ? admin : who === "reviewer" ? reviewer : undefined;
        const headers: Record<string, string> = session ? { ...session.headers } : {};
        const before = await snapshot();
        const seen = await inspect(await call(path, { method, headers, redirect: "manual" }), "page");
        expect([200, 303, 401, 403, 404, 409, 422]).toContain(seen.status);
        await expectNoWrite(seen, before);
        if (seen.status !== 303 && /xss[0-9a-z]+q/.test(v)) expectEscaped(seen.text, wellFormed(v), false);
      }),
      // /usulan?tahun=1e309 reads the year as Infinity: it must still answer a page.
      { numRuns: RUNS.light * 2, examples: [[{ build: (v: string) => ["GET", `/usulan?tahun=${encode(v)}`], value: "1e309", who: "operator" }]] },
    );
  }, 60_000);
});
