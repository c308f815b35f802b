/**
 * The public account under hostile input, and the rule that nothing private leaks from it: hostile years, codes,
 * path traversal and huge parameters never give a 5xx or write anything; stored markup renders escaped; the pages
 * and files never carry an account's name or username, a token, a phone number or an audit actor of the demo data,
 * and a signed-in caller is shown exactly what the public is.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_INTEGRATION_TOKEN, DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { createApp } from "../../workers/http/app.tsx";
import { call, DEMO, OTHER, signIn } from "../support/principals.ts";
import { yearOfOutcomes } from "../support/public-account.ts";
import { expectEscaped, expectNoWrite, hostileString, hugeString, inspect, NUMERIC_STRINGS, REGION_CODES, RUNS, snapshot, wellFormed } from "./hostile.ts";

const TRAVERSALS = ["..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "..%5C..%5C", "%252e%252e%252f", "18.01%2F..%2F18.02", "18.01%00", "18.01.06.1008%2F..", "18.01/..", "%2F%2Fevil.example"];
const YEARS = ["1999", "2101", "0000", "99999", "027", "2027.0", "2e3", "-2027", "+2027", "٢٠٢٧", "２０２７", "NaN", ""];

describe("public pages and files with hostile years, codes and parameters", () => {
  const encode = (text: string) => encodeURIComponent(wellFormed(text));
  const value = fc.oneof(
    { weight: 3, arbitrary: hostileString },
    { weight: 2, arbitrary: fc.constantFrom<string>(...NUMERIC_STRINGS, ...REGION_CODES, ...YEARS) },
    { weight: 1, arbitrary: hugeString },
  );
  const builders = [
    (v: string) => ["page", `/publik/${encode(v)}/desa/${DEMO.village}`],
    (v: string) => ["page", `/publik/2027/desa/${encode(v)}`],
    (v: string) => ["page", `/publik/2027/kecamatan/${encode(v)}`],
    (v: string) => ["page", `/publik/2027/kabupaten/${encode(v)}`],
    (v: string) => ["page", `/publik/2027/kabupaten/${DEMO.regency}?cari=${encode(v)}`],
    (v: string) => ["page", `/publik?tahun=${encode(v)}`],
    (v: string) => ["api", `/api/v1/public/${encode(v)}/${DEMO.regency}/proposals.csv`],
    (v: string) => ["api", `/api/v1/public/2027/${encode(v)}/proposals.json`],
  ] as const;

  it("answer 200 or 404, never 5xx, write nothing, and show what was asked for escaped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...builders), value, async (build, v) => {
        const [kind, path] = build(v) as [ "page" | "api", string];
        const before = await snapshot();
        const seen = await inspect(await call(path, { redirect: "manual" }), kind);
        expect([200, 404], path.slice(0, 200)).toContain(seen.status);
        await expectNoWrite(seen, before);
        if (kind === "page" && /xss[0-9a-z]+q/.test(v)) expectEscaped(seen.text, wellFormed(v), false);
      }),
      { numRuns: RUNS.light * 2 },
    );
  }, 120_000);

  it("refuse traversal and out-of-range years with 404 before reading a region, with or without the edge cache", async () => {
    const app = createApp();
    const cachedEnv = { ...env, PUBLIC_CACHE_SECONDS: "60" };
    const paths = [
      ...TRAVERSALS.flatMap((t) => [`/publik/2027/desa/${t}`, `/publik/2027/kecamatan/${t}`, `/publik/2027/kabupaten/${t}`, `/api/v1/public/2027/${t}/proposals.csv`]),
      ...YEARS.filter(Boolean).flatMap((y) => [`/publik/${encodeURIComponent(y)}/desa/${DEMO.village}`, `/api/v1/public/${encodeURIComponent(y)}/${DEMO.regency}/proposals.json`]),
      `/publik/2027/desa/${"1".repeat(100_000)}`,
      `/publik/2027/kecamatan/18.01.99`,
      `/publik/2027/desa/99.99.99.9999`,
      // A real kabupaten this deployment does not run, and a desa of it.
      `/api/v1/public/2027/31.71/proposals.csv`,
      `/publik/2027/kabupaten/18.03`,
    ];
    for (const path of paths) {
      for (const answer of [await call(path), await app.fetch(new Request(`https://musrenbang.test${path}`), cachedEnv)]) {
        expect(answer.status, path.slice(0, 120)).toBe(404);
        expect(answer.headers.get("x-cache")).toBeNull();
      }
    }
    // A search longer than any place name is cut, not refused.
    const long = await call(`/publik/2027/kabupaten/${DEMO.regency}?cari=${"way ".repeat(5_000)}`);
    expect(long.status).toBe(200);
  }, 60_000);
});

describe("nothing private leaks", () => {
  let secrets: string[] = [];

  beforeAll(async () => {
    await yearOfOutcomes(2027);
    const db = env.DB;
    const [accounts, tokens, actors] = await db.batch([
      db.prepare("SELECT id, username, display_name AS name FROM accounts"),
      db.prepare("SELECT id, name, token_hash AS hash FROM api_tokens"),
      // Who acted, as recorded: audit actors and deciders, some with the person's own name ("acc_x (Siti)").
      db.prepare("SELECT DISTINCT actor FROM audit_events UNION SELECT DISTINCT decided_by FROM review_tasks WHERE decided_by IS NOT NULL UNION SELECT DISTINCT decided_by FROM forum_agenda_items WHERE decided_by IS NOT NULL"),
    ]);
    const recorded = (actors!.results as { actor: string }[]).map((a) => a.actor);
    secrets = [
      ...(accounts!.results as { id: string; username: string; name: string }[]).flatMap((a) => [a.id, a.username, a.name]),
      ...(tokens!.results as { id: string; name: string; hash: string }[]).flatMap((t) => [t.id, t.name, t.hash]),
      ...recorded,
      ...recorded.flatMap((a) => a.match(/\((.+)\)$/)?.[1] ?? []),
      DEMO_INTEGRATION_TOKEN.token,
      DEMO_PASSWORD,
    ];
    expect(secrets.length).toBeGreaterThan(10);
  });

  async function publicOutputs(headers: Record<string, string> = {}) {
    const paths = [
      "/publik?tahun=2027",
      `/publik/2027/kabupaten/${DEMO.regency}`,
      `/publik/2027/kabupaten/${DEMO.regency}?cari=a`,
      `/api/v1/public/2027/${DEMO.regency}/proposals.csv`,
      `/api/v1/public/2027/${DEMO.regency}/proposals.json`,
    ];
    const doc = (await (await call(`/api/v1/public/2027/${DEMO.regency}/proposals.json`)).json()) as { proposals: { districtCode: string; villageCode: string }[] };
    // Every kecamatan page holds all its proposals; the desa pages add their stories (the first 40 desa, for time).
    const districts = new Set(doc.proposals.map((p) => `/publik/2027/kecamatan/${p.districtCode}`));
    const villages = [...new Set(doc.proposals.map((p) => `/publik/2027/desa/${p.villageCode}`))].slice(0, 40);
    const places = [...districts, ...villages, `/publik/2027/desa/${DEMO.village}`];
    const outputs = new Map<string, string>();
    for (const path of [...paths, ...places]) {
      const response = await call(path, { headers });
      expect(response.status, path).toBe(200);
      outputs.set(path, await response.text());
    }
    return outputs;
  }

  it("the pages and files of the demo kabupaten hold no account, username, token, phone number or audit actor", async () => {
    const outputs = await publicOutputs();
    expect(outputs.size).toBeGreaterThan(20);
    const phone = /(?:\+62|\b0)8\d{7,11}\b/;
    for (const [path, body] of outputs) {
      for (const secret of secrets) expect(body.includes(secret), `${path} holds "${secret}"`).toBe(false);
      expect(body, path).not.toMatch(phone);
      expect(body, path).not.toMatch(/"(?:address|rt|rw|latitude|longitude|description|problem|beneficiaryGroup|createdBy|decidedBy|person)"/);
    }
  }, 120_000);

  it("a signed-in caller is shown exactly what the public is", async () => {
    const admin = await signIn("admin.bappeda", DEMO_PASSWORD);
    for (const path of [`/publik/2027/desa/${DEMO.village}`, `/publik/2027/kecamatan/${DEMO.district}`, `/api/v1/public/2027/${DEMO.regency}/proposals.json`]) {
      const anonymous = await (await call(path)).text();
      const signedIn = await (await call(path, { headers: admin.headers })).text();
      expect(signedIn, path).toBe(anonymous);
      expect(signedIn).not.toContain("Admin Bappeda Lampung Selatan");
    }
    // Another kabupaten's data is public too, and only its own.
    const other = await (await call(`/api/v1/public/2027/${OTHER.regency}/proposals.csv`)).text();
    expect(other).not.toContain("Lampung Selatan");
  });
});
