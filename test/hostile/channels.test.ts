/**
 * Hostile input against the pokir and thematic writes: submission, withdrawal, the member's report query. Every
 * answer: no 5xx, the API error shape, nothing written on a 4xx; what is accepted reads back as typed.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, DEMO, tokenCaller, type Caller } from "../support/principals.ts";
import { proposalInput } from "../support/proposals.ts";
import { expectNoWrite, headerValue, hostileBody, hostileString, inspect, jsonContentType, quietLifecycles, RUNS, snapshot, wellFormed } from "./hostile.ts";

let lifecycles: AsyncDisposable;
let member: Caller;
let setwan: Caller;
let group: Caller;
beforeAll(async () => {
  lifecycles = await quietLifecycles();
  member = await tokenCaller("dprd_member", DEMO.regency, DEMO.member);
  setwan = await tokenCaller("dprd_secretariat", DEMO.regency, DEMO.regency);
  group = await tokenCaller("thematic_group", DEMO.regency, DEMO.theme);
});
afterAll(async () => {
  await lifecycles[Symbol.asyncDispose]();
});

const { villageCode: _village, ...common } = proposalInput();
const POKIR = { ...common, villageCode: DEMO.village, resesDate: "2026-03-14", resesPlace: "Balai Kelurahan Way Urang" };
const THEMATIC = { ...common, districtCode: DEMO.district, theme: DEMO.theme };
const POKIR_FIELDS = [...Object.keys(POKIR), "districtCode", "memberId"];
const THEMATIC_FIELDS = Object.keys(THEMATIC);

describe("hostile pokir and thematic writes", () => {
  it("POST /api/v1/pokir and /api/v1/thematic-proposals never answer 5xx and a refusal writes nothing", async () => {
    const route = fc.constantFrom(
      { path: "/api/v1/pokir", base: POKIR, fields: POKIR_FIELDS },
      { path: "/api/v1/thematic-proposals", base: THEMATIC, fields: THEMATIC_FIELDS },
    );
    const who = fc.constantFrom("member", "setwan", "group");
    await fc.assert(
      fc.asyncProperty(
        route.chain((r) => hostileBody(r.base, r.fields).map((body) => ({ ...r, body }))),
        jsonContentType,
        who,
        fc.option(headerValue, { nil: undefined }),
        async ({ path, body }, contentType, caller, lang) => {
          const auth = { member, setwan, group }[caller].headers;
          const headers: Record<string, string> = { ...auth, "content-type": contentType, ...(lang === undefined ? {} : { "accept-language": lang }) };
          const before = await snapshot();
          const seen = await inspect(await call(path, { method: "POST", headers, body }), "api");
          await expectNoWrite(seen, before);
          if (seen.status === 201) {
            const stored = seen.json as { id: string; activity: string; channel: string };
            const read = (await (await call(`/api/v1/proposals/${stored.id}`, { headers: auth })).json()) as { activity: string; channel: string };
            expect(read).toMatchObject({ activity: stored.activity, channel: stored.channel });
          }
        },
      ),
      { numRuns: RUNS.light },
    );
  }, 120_000);

  it("withdrawing a pokir with a hostile reason or id never answers 5xx and a refusal writes nothing", async () => {
    const made = (await (await call("/api/v1/pokir", { method: "POST", headers: { ...member.headers, "content-type": "application/json" }, body: JSON.stringify({ ...POKIR, activity: "Rehabilitasi jembatan gantung Dusun Sukamaju" }) })).json()) as { id: string };
    const id = fc.oneof({ weight: 3, arbitrary: fc.constant(made.id) }, { weight: 1, arbitrary: hostileString });
    await fc.assert(
      fc.asyncProperty(id, hostileBody({ reason: "Sudah dianggarkan lewat dana desa" }), jsonContentType, async (target, body, contentType) => {
        const before = await snapshot();
        const seen = await inspect(await call(`/api/v1/pokir/${encodeURIComponent(wellFormed(target))}/withdraw`, { method: "POST", headers: { ...member.headers, "content-type": contentType }, body }), "api");
        await expectNoWrite(seen, before);
      }),
      { numRuns: RUNS.light },
    );
  }, 120_000);

  it("the member's report takes hostile queries without a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, fc.constantFrom(member, setwan), async (year, memberId, caller) => {
        const seen = await inspect(await call(`/api/v1/pokir?year=${encodeURIComponent(wellFormed(year))}&member=${encodeURIComponent(wellFormed(memberId))}&format=csv`, { headers: caller.headers }), "api");
        expect(seen.status).toBeLessThan(500);
      }),
      { numRuns: RUNS.light },
    );
  }, 60_000);
});
