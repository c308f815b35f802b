/**
 * Hostile input against what the village and the kecamatan added: the kecamatan's rank, recommendation and closing
 * (API and forms), photos added and removed through the API, and the withdrawal confirmation. Every answer: no 5xx,
 * nothing written on a 4xx, stored text escaped on the pages that show it.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, DEMO, json, signIn } from "../support/principals.ts";
import { freshProposalInput, PNG } from "../support/proposals.ts";
import { encodeForm, expectEscaped, expectNoWrite, hostileBody, hostileString, htmlPayload, inspect, jsonContentType, NUMERIC_STRINGS, quietLifecycles, RUNS, snapshot, wellFormed } from "./hostile.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
let lifecycles: AsyncDisposable;
let verifier: Awaited<ReturnType<typeof signIn>>;
let operator: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  lifecycles = await quietLifecycles();
  callers = await demoCallers();
  verifier = await signIn("verifikator.kalianda", DEMO_PASSWORD);
  operator = await signIn("operator.wayurang", DEMO_PASSWORD);
});
afterAll(async () => {
  await lifecycles[Symbol.asyncDispose]();
});

const pickCaller = fc.constantFrom("district_verifier", "district_verifier", "planning_admin", "village_operator", "agency_reviewer") as fc.Arbitrary<keyof typeof callers>;

/** A proposal of Way Urang past verification (on the kecamatan's list), in a year of its own so no list is closed under it. */
let year = 2060;
async function listed(): Promise<string> {
  const response = await call("/api/v1/proposals", json(freshProposalInput({ year: ++year }), callers.village_operator.headers));
  const { id } = (await response.json()) as { id: string };
  await env.DB.prepare("UPDATE proposals SET status = 'in_review', stage = 'opd_review' WHERE id = ?").bind(id).run();
  return id;
}

const formValue = fc.oneof(hostileString, htmlPayload, fc.constantFrom<string>(...NUMERIC_STRINGS, "75.000.000", "120,5", ""));

describe("the kecamatan's API", () => {
  it("recommendation and rank never answer 5xx, and a refusal changes nothing", async () => {
    const id = await listed();
    await listed();
    const route = fc.constantFrom(
      { path: `/api/v1/proposals/${id}/district-recommendation`, method: "PUT", base: { volume: 90, estimatedCost: 70_000_000, note: "Disesuaikan." }, fields: ["volume", "estimatedCost", "note"] },
      { path: `/api/v1/proposals/${id}/district-rank`, method: "POST", base: { rank: 1 }, fields: ["rank"] },
      { path: `/api/v1/districts/${DEMO.district}/musrenbang/close`, method: "POST", base: { year: 2099 }, fields: ["year"] },
    );
    await fc.assert(
      fc.asyncProperty(route.chain((r) => fc.tuple(fc.constant(r), hostileBody(r.base, r.fields))), jsonContentType, pickCaller, async ([r, body], contentType, who) => {
        const before = await snapshot();
        const seen = await inspect(await call(r.path, { method: r.method, headers: { ...callers[who].headers, "content-type": contentType }, body }), "api");
        await expectNoWrite(seen, before);
      }),
      { numRuns: RUNS.light },
    );
  }, 60_000);

  it("the list never answers 5xx for hostile codes and years", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, fc.constantFrom(DEMO.district, "18.01", "18.01.06.1008", "99.99.99")), fc.oneof(hostileString, fc.constantFrom("2027", "0", "99999")), async (code, y) => {
        const seen = await inspect(await call(`/api/v1/districts/${encodeURIComponent(wellFormed(code))}/musrenbang?year=${encodeURIComponent(wellFormed(y))}`, { headers: callers.district_verifier.headers }), "api");
        expect(seen.status).toBeLessThan(500);
      }),
      { numRuns: RUNS.light },
    );
  }, 60_000);
});

describe("the kecamatan's forms", () => {
  it("never answer 5xx; a refusal writes nothing; what was typed comes back escaped", async () => {
    const id = await listed();
    const post = fc.record({
      route: fc.constantFrom("recommend", "recommend", "rank", "close"),
      fields: fc.array(fc.tuple(fc.constantFrom("volume", "estimatedCost", "note", "rank", "year", "kecamatan", "__proto__"), formValue), { minLength: 1, maxLength: 4 }),
      encoding: fc.constantFrom("urlencoded", "multipart"),
    });
    await fc.assert(
      fc.asyncProperty(post, async ({ route, fields, encoding }) => {
        const pairs: [string, string][] = [["_csrf", verifier.csrfToken], ...fields.map(([k, v]) => [k, wellFormed(v)] as [string, string])];
        const headers: Record<string, string> = { cookie: verifier.cookie };
        const body = encodeForm(encoding, pairs, headers);
        const path = route === "recommend" ? `/musrenbang-kecamatan/usulan/${id}` : route === "rank" ? `/musrenbang-kecamatan/usulan/${id}/peringkat` : "/musrenbang-kecamatan/tutup";
        const before = await snapshot();
        const seen = await inspect(await call(path, { method: "POST", headers, body, redirect: "manual" }), "page");
        await expectNoWrite(seen, before);
        if (seen.status === 422) for (const [name, value] of pairs) if (name === "note" && /xss[0-9a-z]+q/.test(value)) expectEscaped(seen.text, value, false);
      }),
      { numRuns: RUNS.medium },
    );
  }, 60_000);
});

describe("photos through the API and the withdrawal confirmation", () => {
  it("adding and removing photos never answers 5xx, and a refusal changes nothing", async () => {
    const { id } = (await (await call("/api/v1/proposals", json(freshProposalInput(), callers.village_operator.headers))).json()) as { id: string };
    const upload = fc.record({
      files: fc.array(fc.constantFrom("png", "text", "empty"), { maxLength: 6 }),
      name: fc.oneof(hostileString, fc.constant("foto.png")),
      attachment: fc.oneof(hostileString, fc.constant("lmp_tidak_ada")),
      remove: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(upload, async ({ files, name, attachment, remove }) => {
        const before = await snapshot();
        let response: Response;
        if (remove) {
          response = await call(`/api/v1/proposals/${id}/attachments/${encodeURIComponent(wellFormed(attachment))}`, { method: "DELETE", headers: callers.village_operator.headers });
        } else {
          const form = new FormData();
          for (const kind of files) form.append("attachments", kind === "png" ? new File([PNG], wellFormed(name), { type: "image/png" }) : kind === "text" ? new File(["<script>x</script>"], "foto.jpg", { type: "image/jpeg" }) : new File([], ""));
          response = await call(`/api/v1/proposals/${id}/attachments`, { method: "POST", headers: callers.village_operator.headers, body: form });
        }
        const seen = await inspect(response, "api");
        await expectNoWrite(seen, before);
        if (seen.status === 200) {
          const page = await (await call(`/usulan/${id}`, { headers: { cookie: operator.cookie } })).text();
          for (const file of (seen.json as { attachments: { filename: string }[] }).attachments) expectEscaped(page, file.filename, false);
        }
      }),
      { numRuns: RUNS.medium },
    );
  }, 60_000);

  it("the confirmation page and its post never answer 5xx for hostile ids and reasons", async () => {
    const { id } = (await (await call("/api/v1/proposals", json(freshProposalInput(), callers.village_operator.headers))).json()) as { id: string };
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(id), hostileString), fc.oneof(hostileString, htmlPayload), fc.boolean(), async (target, reason, confirmed) => {
        const path = `/usulan/${encodeURIComponent(wellFormed(target))}/batal`;
        const page = await inspect(await call(path, { headers: { cookie: operator.cookie } }), "page");
        expect(page.status).toBeLessThan(500);
        const headers: Record<string, string> = { cookie: operator.cookie };
        const body = encodeForm("urlencoded", [["_csrf", operator.csrfToken], ["reason", wellFormed(reason)], ...(confirmed ? [["konfirmasi", "tidak"] as [string, string]] : [])], headers);
        const before = await snapshot();
        const seen = await inspect(await call(path, { method: "POST", headers, body, redirect: "manual" }), "page");
        expect(seen.status).toBeLessThan(500);
        // Never withdrawn without the confirmation's own value.
        expect((await snapshot()).rows.proposals).toBe(before.rows.proposals);
      }),
      { numRuns: RUNS.medium },
    );
  }, 60_000);
});
