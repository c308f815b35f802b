/**
 * Hostile input against sign-in (JSON and the login form), account creation and API token creation. Every
 * answer: no 5xx, the API error shape; a refusal writes nothing, except that a failed sign-in (401) records
 * exactly its audit event and throttle counters.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../shared/access/password.ts";
import { call, demoCallers, DEMO, json } from "../support/principals.ts";
import {
  expectEscaped,
  expectNoWrite,
  headerValue,
  hostileBody,
  hostileString,
  htmlPayload,
  inspect,
  jsonContentType,
  RUNS,
  snapshot,
  wellFormed,
  type Snapshot,
  encodeForm,
} from "./hostile.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
const MASUK_USER = "hostile.masuk";
const MASUK_PASSWORD = "kata-sandi-uji-masuk";
beforeAll(async () => {
  callers = await demoCallers();
  await env.DB.prepare(
    `INSERT INTO accounts (id, username, display_name, password_hash, role, regency_code, scope_code, created_by)
     VALUES ('acc_hostile_masuk', ?, 'Uji Masuk', ?, 'village_operator', ?, ?, 'test')`,
  )
    .bind(MASUK_USER, await hashPassword(MASUK_PASSWORD), DEMO.regency, DEMO.village)
    .run();
});

const countOf = (s: Snapshot, table: string) => Number(s.rows[table]!.split(":")[0]);

/** A fresh client address per request, so the per-address throttle does not answer for the property. */
let address = 0;
const nextAddress = () => `10.${(++address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;

describe("POST /api/v1/auth/login", () => {
  it("never answers 5xx; a refusal writes nothing but a failed sign-in's audit event and throttle", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody({ username: "tidak.ada", password: "salah-kata-sandi" }), jsonContentType, fc.option(headerValue, { nil: undefined }), async (body, contentType, lang) => {
        const headers: Record<string, string> = { "content-type": contentType, "cf-connecting-ip": nextAddress() };
        if (lang !== undefined) headers["accept-language"] = lang;
        const before = await snapshot();
        const seen = await inspect(await call("/api/v1/auth/login", { method: "POST", headers, body }), "api");
        // 413: bodies over the sign-in limit (test/hostile/body-limits.test.ts).
        expect([200, 400, 401, 413, 415, 422, 429]).toContain(seen.status);
        await expectNoWrite(seen, before, seen.status === 401 ? ["audit_events", "login_throttle"] : []);
        if (seen.status === 401) expect(countOf(await snapshot(), "audit_events")).toBe(countOf(before, "audit_events") + 1);
      }),
      { numRuns: RUNS.medium },
    );
  }, 60_000);
});

describe("POST /masuk (the login form)", () => {
  it("GET /masuk puts a hostile `next` back into the form escaped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(htmlPayload.map((p) => `/usulan?x=${p}`), hostileString), async (next) => {
        const seen = await inspect(await call(`/masuk?next=${encodeURIComponent(wellFormed(next))}`), "page");
        expect(seen.status).toBe(200);
        if (/[<>"']/.test(next)) expectEscaped(seen.text, wellFormed(next), false);
      }),
      { numRuns: RUNS.medium },
    );
  }, 60_000);

  it("never answers 5xx, re-renders what was typed escaped, and only redirects to this site", async () => {
    const page = await call("/masuk");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const next = fc.oneof(
      fc.constantFrom("/usulan", "//evil.example", "/\\evil.example", "/\\/evil.example", "https://evil.example", "javascript:alert(1)", "/%2F%2Fevil.example", "/\t/evil.example", "/usulan?x=<script>", "\\\\evil.example", " /usulan"),
      hostileString,
    );
    const form = fc.record({
      username: fc.oneof(fc.constant(MASUK_USER), hostileString, htmlPayload),
      password: fc.oneof(fc.constant(MASUK_PASSWORD), hostileString),
      next: fc.option(next, { nil: undefined }),
      csrf: fc.constantFrom("right", "right", "right", "wrong", "missing"),
      encoding: fc.constantFrom("urlencoded", "multipart"),
    });
    await fc.assert(
      fc.asyncProperty(form, async ({ username, password, next: nextPath, csrf: csrfMode, encoding }) => {
        const pairs: [string, string][] = [["username", wellFormed(username)], ["password", wellFormed(password)]];
        if (nextPath !== undefined) pairs.push(["next", wellFormed(nextPath)]);
        if (csrfMode === "right") pairs.push(["_csrf", csrf]);
        if (csrfMode === "wrong") pairs.push(["_csrf", "palsu"]);
        const headers: Record<string, string> = { cookie, "cf-connecting-ip": nextAddress() };
        const body = encodeForm(encoding, pairs, headers);
        const before = await snapshot();
        const response = await call("/masuk", { method: "POST", headers, body, redirect: "manual" });
        const seen = await inspect(response, "page");
        if (seen.status === 303) {
          const location = response.headers.get("location")!;
          // A browser reads "/\evil" as "//evil": only a single slash followed by neither slash nor backslash stays here.
          expect(location, `redirect to ${location}`).toMatch(/^\/(?![\/\\])/);
          const resolved = new URL(location, "https://musrenbang.test/masuk");
          expect(resolved.origin).toBe("https://musrenbang.test");
        } else {
          expect([401, 403, 413, 422, 429]).toContain(seen.status);
          await expectNoWrite(seen, before, seen.status === 401 ? ["audit_events", "login_throttle"] : []);
          if (seen.status !== 403 && seen.status !== 413 && /[<>"'&]/.test(username)) expectEscaped(seen.text, wellFormed(username), false);
        }
      }),
      // Found: "/\evil.example" passes safeNext and a browser follows it off-site.
      { numRuns: RUNS.heavy * 2, examples: [[{ username: MASUK_USER, password: MASUK_PASSWORD, next: "/\\evil.example", csrf: "right", encoding: "urlencoded" }]] },
    );
  }, 60_000);
});

describe("POST /api/v1/accounts", () => {
  let serial = 0;
  const validAccount = () => ({
    username: `hostile.${++serial}.${Date.now().toString(36)}`,
    displayName: "Akun Uji Hostile",
    password: "kata-sandi-panjang",
    role: "village_operator",
    scopeCode: DEMO.otherVillageSameDistrict,
  });

  it("never answers 5xx and a refusal writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constant(null).chain(() => hostileBody(validAccount())),
        jsonContentType,
        fc.constantFrom("planning_admin", "planning_admin", "planning_admin", "village_operator") as fc.Arbitrary<keyof typeof callers>,
        async (body, contentType, who) => {
          const before = await snapshot();
          const seen = await inspect(await call("/api/v1/accounts", { method: "POST", headers: { ...callers[who].headers, "content-type": contentType }, body }), "api");
          await expectNoWrite(seen, before);
          if (seen.status === 201) {
            const after = await snapshot();
            expect(countOf(after, "accounts")).toBe(countOf(before, "accounts") + 1);
            expect(countOf(after, "audit_events")).toBe(countOf(before, "audit_events") + 1);
            expect(JSON.stringify(seen.json)).not.toMatch(/password/i);
          }
        },
      ),
      { numRuns: RUNS.medium },
    );
  }, 60_000);

  it("shows a hostile display name escaped on the pages of the account it names", async () => {
    await fc.assert(
      fc.asyncProperty(htmlPayload, fc.constantFrom("", "Operator ", "\u202e"), async (payload, prefix) => {
        const account = { ...validAccount(), displayName: `${prefix}${payload}` };
        const created = await call("/api/v1/accounts", json(account, callers.planning_admin.headers));
        const seen = await inspect(created, "api");
        if (seen.status !== 201) {
          expect(seen.status).toBe(422); // e.g. over 120 characters
          return;
        }
        const stored = (seen.json as { displayName: string }).displayName;
        const login = await call("/api/v1/auth/login", json({ username: account.username, password: account.password }, { "cf-connecting-ip": nextAddress() }));
        expect(login.status).toBe(200);
        const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
        for (const path of ["/", "/usulan/baru"]) {
          const page = await inspect(await call(path, { headers: { cookie } }), "page");
          expect(page.status).toBe(200);
          expectEscaped(page.text, stored);
        }
      }),
      { numRuns: RUNS.heavy / 2 },
    );
  }, 60_000);
});

describe("POST /api/v1/tokens", () => {
  it("never answers 5xx, never leaks a token hash, and a refusal writes nothing", async () => {
    const base = { name: "Sistem OPD uji", role: "integration", scopeCode: DEMO.agency, expiresInDays: 30 };
    await fc.assert(
      fc.asyncProperty(hostileBody(base), jsonContentType, fc.constantFrom("planning_admin", "planning_admin", "integration") as fc.Arbitrary<keyof typeof callers>, async (body, contentType, who) => {
        const before = await snapshot();
        const seen = await inspect(await call("/api/v1/tokens", { method: "POST", headers: { ...callers[who].headers, "content-type": contentType }, body }), "api");
        await expectNoWrite(seen, before);
        if (seen.status === 201) {
          const created = seen.json as { token: string; expiresAt: string };
          expect(created.token).toMatch(/^msk_/);
          expect(JSON.stringify(created)).not.toMatch(/tokenHash|token_hash/);
          expect(Number.isFinite(Date.parse(created.expiresAt))).toBe(true);
          expect(countOf(await snapshot(), "api_tokens")).toBe(countOf(before, "api_tokens") + 1);
        }
      }),
      { numRuns: RUNS.light },
    );
  }, 60_000);
});
