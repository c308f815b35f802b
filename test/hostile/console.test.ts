/**
 * Hostile input through Bappeda's console forms (accounts, tokens, webhook endpoints and secrets, exports,
 * follow-ups) and the reviewer's search and filters: never a 5xx, a refusal writes nothing, and what is typed comes
 * back escaped.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, DEMO, signIn } from "../support/principals.ts";
import { encodeForm, expectEscaped, expectNoWrite, hostileString, htmlPayload, inspect, NUMERIC_STRINGS, quietLifecycles, REGION_CODES, RUNS, snapshot, wellFormed } from "./hostile.ts";

let admin: Awaited<ReturnType<typeof signIn>>;
let reviewer: Awaited<ReturnType<typeof signIn>>;
let lifecycles: AsyncDisposable;
let followUpId: string;
let taskId: string;

beforeAll(async () => {
  lifecycles = await quietLifecycles();
  admin = await signIn("admin.bappeda", DEMO_PASSWORD);
  reviewer = await signIn("penelaah.pupr", DEMO_PASSWORD);
  await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO forums (id, regency_code, year, title, held_at, place, scope_kind, status, created_by) VALUES ('frm_hostile_console', '18.01', 2027, 'Forum uji', '2027-03-10T02:00:00.000Z', 'Aula', 'kabupaten', 'planned', 'test')"),
    env.DB.prepare("INSERT OR IGNORE INTO follow_up_actions (id, forum_id, regency_code, owner_agency_id, description, due_date, status, notes) VALUES ('tl_hostile_console', 'frm_hostile_console', '18.01', ?, 'Survei lokasi', '2027-04-30', 'open', '[]')").bind(DEMO.agency),
  ]);
  followUpId = "tl_hostile_console";
  taskId = (await env.DB.prepare("SELECT id FROM review_tasks WHERE queue_key = ? LIMIT 1").bind(DEMO.agency).first<string>("id")) ?? "tidak-ada";
});
afterAll(async () => {
  await lifecycles[Symbol.asyncDispose]();
});

const text = fc.oneof(hostileString, htmlPayload, fc.constantFrom(...NUMERIC_STRINGS, ...REGION_CODES, "", " "));
const encoding = fc.constantFrom("urlencoded", "multipart");

/** One console form, hostile values in every field it reads (and the ones it does not). */
function formProperty(path: string, fields: readonly string[], echoed: readonly string[]) {
  return fc.asyncProperty(fc.tuple(...fields.map(() => text)), encoding, async (values, enc) => {
    const headers: Record<string, string> = { cookie: admin.cookie };
    const pairs: [string, string][] = [["_csrf", admin.csrfToken], ...fields.map((f, i) => [f, values[i]!] as [string, string])];
    const before = await snapshot();
    const seen = await inspect(await call(path, { method: "POST", headers, body: encodeForm(enc, pairs, headers), redirect: "manual" }), "page");
    expect([200, 201, 303, 400, 404, 409, 413, 422]).toContain(seen.status);
    await expectNoWrite(seen, before);
    if (seen.status === 422) {
      for (const f of echoed) {
        const value = wellFormed(values[fields.indexOf(f)]!);
        if (/[<>"']/.test(value)) expectEscaped(seen.text, value, false);
      }
      expect(seen.text).not.toMatch(/(scopeCode|displayName|expiresInDays|eventTypes|overlapHours)\s*:/);
    }
  });
}

describe("the console's forms", () => {
  it("accounts", async () => {
    await fc.assert(formProperty("/konsol/akun", ["username", "displayName", "role", "scopeCode", "password"], ["username", "displayName"]), { numRuns: RUNS.medium });
  }, 120_000);
  it("tokens", async () => {
    await fc.assert(formProperty("/konsol/akun/token", ["name", "role", "scopeCode", "expiresInDays"], ["name", "expiresInDays"]), { numRuns: RUNS.medium });
  }, 120_000);
  it("webhook endpoints and secrets", async () => {
    await fc.assert(formProperty(`/konsol/webhook/${DEMO.agency}/alamat`, ["url", "eventTypes"], ["url"]), { numRuns: RUNS.medium });
    await fc.assert(formProperty(`/konsol/webhook/${DEMO.agency}/rahasia`, ["overlapHours"], ["overlapHours"]), { numRuns: RUNS.medium });
  }, 120_000);
  it("exports", async () => {
    await fc.assert(formProperty("/konsol/ekspor", ["year", "view", "format", "agency", "kecamatan", "status", "stage"], ["year"]), { numRuns: RUNS.medium });
  }, 120_000);
  it("follow-ups", async () => {
    await fc.assert(formProperty(`/konsol/tindak-lanjut/${followUpId}`, ["status", "note"], ["note"]), { numRuns: RUNS.medium });
  }, 120_000);
});

describe("the reviewer's search and filters", () => {
  it("never answer 5xx and show the search escaped", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, text, text, async (...raw) => {
        const [search, kecamatan, desa, due] = raw.map(wellFormed) as [string, string, string, string];
        const item = await inspect(await call(`/telaah/${taskId}?cari=${encodeURIComponent(search)}`, { headers: { cookie: reviewer.cookie } }), "page");
        if (item.status === 200 && /[<>"']/.test(search)) expectEscaped(item.text, search.trim().slice(0, 100), false);
        const list = await inspect(await call(`/telaah?kecamatan=${encodeURIComponent(kecamatan)}&desa=${encodeURIComponent(desa)}&tenggat=${encodeURIComponent(due)}`, { headers: { cookie: reviewer.cookie } }), "page");
        expect(list.status).toBe(200);
      }),
      { numRuns: RUNS.medium },
    );
  }, 120_000);
});
