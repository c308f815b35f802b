/**
 * The public account without sign-in: a desa's and a kecamatan's pages and the kabupaten's files tell each
 * outcome with its reason (merged into which, rejected why, funded in which Renja line and pagu, carried over to
 * when), count and sum per stage, and carry nothing private; files are versioned and licensed; answers are cached.
 */
import { env } from "cloudflare:workers";
import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_COLUMNS_V1 } from "../../shared/public/account.ts";
import { PublicDocumentSchema } from "../../shared/schemas/public.ts";
import { createApp } from "../../workers/http/app.tsx";
import { installRowsMeter, rowsReadBy } from "../support/d1-meter.ts";
import { call, DEMO } from "../support/principals.ts";
import { PRIVATE, REASONS, yearOfOutcomes, type YearOfOutcomes } from "../support/public-account.ts";

let data: YearOfOutcomes;

beforeAll(async () => {
  installRowsMeter();
  data = await yearOfOutcomes();
});

const text = async (path: string, headers: Record<string, string> = {}) => {
  const response = await call(path, { headers });
  expect(response.status, path).toBe(200);
  return { response, body: await response.text() };
};

/** Nothing a person typed about a house or a person, and no reviewer's name, in anything public. */
function expectNothingPrivate(body: string) {
  for (const secret of [PRIVATE.address, PRIVATE.phone, String(PRIVATE.latitude), String(PRIVATE.longitude), PRIVATE.file, PRIVATE.reviewer, PRIVATE.verifierName, PRIVATE.problem, "acc_demo", "system:"]) expect(body).not.toContain(secret);
}

describe("a desa's page", () => {
  it("tells every outcome in plain words with its reason, and where the others stand", async () => {
    const { body, response } = await text(`/publik/${data.year}/desa/${DEMO.village}`);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(body).toContain("Kelurahan Way Urang · usulan 2031");
    const card = (code: string) => body.slice(body.indexOf(`id="${code}"`), body.indexOf("</article>", body.indexOf(`id="${code}"`)));
    expect(card(data.codes.accepted)).toContain("Didanai dalam Renja Dinas Pekerjaan Umum dan Penataan Ruang, sub kegiatan 1.03.06.2.01.0012 (Pembangunan Sistem Drainase Lingkungan)");
    expect(card(data.codes.accepted)).toContain("pagu Rp 60.000.000");
    expect(card(data.codes.accepted)).toContain(REASONS.accepted);
    expect(card(data.codes.merged)).toContain(`Digabungkan ke usulan <a href="/lacak/${data.codes.accepted}">${data.codes.accepted}</a>`);
    expect(card(data.codes.merged)).toContain(REASONS.merged);
    expect(card(data.codes.rejected)).toContain("Ditolak");
    expect(card(data.codes.rejected)).toContain(REASONS.rejected);
    expect(card(data.codes.carried)).toContain("Dialihkan ke tahun 2032");
    expect(card(data.codes.carried)).toContain(REASONS.carried);
    expect(card(data.codes.underWay)).toContain("Masih berjalan");
    expect(body).toContain("<svg");
    expectNothingPrivate(body);
  });

  it("speaks English with Accept-Language: en", async () => {
    const { body } = await text(`/publik/${data.year}/desa/${DEMO.village}`, { "accept-language": "en" });
    expect(body).toContain(`Merged into proposal <a href="/lacak/${data.codes.accepted}">${data.codes.accepted}</a>`);
    expect(body).toContain("Carried over to 2032");
    expect(body).toContain("Proposals and rupiah per stage");
  });
});

describe("a kecamatan's page", () => {
  it("shows the chart of counts and rupiah per stage, the desa and every proposal with its outcome", async () => {
    const { body } = await text(`/publik/${data.year}/kecamatan/${DEMO.district}`);
    expect(body).toContain("Kecamatan Kalianda · usulan 2031");
    // opd_review: merged, rejected, carried over, under way at Rp 75.000.000 each; renja: the funded one at its pagu.
    expect(body).toContain("Forum Perangkat Daerah: 4 usulan, Rp 300.000.000");
    expect(body).toContain("Renja OPD: 1 usulan, Rp 60.000.000");
    expect(body).toContain(`href="/publik/2031/desa/${DEMO.village}"`);
    for (const reason of Object.values(REASONS)) expect(body).toContain(reason);
    expectNothingPrivate(body);
  });
});

describe("the kabupaten index", () => {
  it("lists kecamatan with their desa and finds a desa by part of its name", async () => {
    const { body } = await text(`/publik/${data.year}/kabupaten/${DEMO.regency}`);
    expect(body).toContain("Kalianda");
    expect(body).toContain(`href="/publik/2031/desa/${DEMO.village}"`);
    const { body: found } = await text(`/publik/${data.year}/kabupaten/${DEMO.regency}?cari=way%20ura`);
    expect(found).toContain("1 tempat cocok dengan &quot;way ura&quot;");
    expect(found).toMatch(/Kelurahan Way Urang<\/a>, Kec. Kalianda|Kelurahan Way Urang, Kec. Kalianda/);
    expect(found).toContain("5 usulan");
  });

  it("is linked from the home page of visitors and from /lacak", async () => {
    expect((await text("/")).body).toContain('href="/publik"');
    expect((await text("/lacak")).body).toContain('href="/publik"');
    const { body } = await text("/publik?tahun=2031");
    expect(body).toContain(`href="/publik/2031/kabupaten/${DEMO.regency}"`);
  });
});

describe("open data", () => {
  it("gives the kabupaten's year as CSV with the version 1 columns, the licence in the file and the headers", async () => {
    const { body, response } = await text(`/api/v1/public/${data.year}/${DEMO.regency}/proposals.csv`);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("x-schema-version")).toBe("1");
    expect(response.headers.get("link")).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
    expect(response.headers.get("content-disposition")).toContain("musrenbang-publik-v1-2031-18.01.csv");
    const lines = body.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe(PUBLIC_COLUMNS_V1.map((c) => c.header).join(","));
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.startsWith(data.codes.merged))).toContain(`,merged,Digabungkan ke usulan ${data.codes.accepted},${REASONS.merged},${data.codes.accepted},`);
    expect(lines.every((l, i) => i === 0 || l.includes("CC BY 4.0"))).toBe(true);
    expectNothingPrivate(body);
  });

  it("gives the same as JSON, valid against its documented schema, with totals", async () => {
    const { body } = await text(`/api/v1/public/${data.year}/${DEMO.regency}/proposals.json`);
    const doc = v.parse(PublicDocumentSchema, JSON.parse(body));
    expect(doc.totals.outcomes).toEqual({ under_way: 1, funded: 1, merged: 1, rejected: 1, carried_over: 1, withdrawn: 0 });
    expect(doc.proposals.find((p) => p.trackingCode === data.codes.accepted)).toMatchObject({ fundedPagu: 60_000_000, outcome: { kind: "funded", reason: REASONS.accepted, funding: [{ pagu: 60_000_000, volume: 80 }] } });
    expectNothingPrivate(body);
  });

  it("is documented in the API reference", async () => {
    const spec = (await (await call("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/api/v1/public/{year}/{regency}/proposals.csv", "/api/v1/public/{year}/{regency}/proposals.json"]));
  });
});

describe("the edge cache", () => {
  it("answers a second request from the cache without reading D1, per file and per page language", async () => {
    const app = createApp();
    const cachedEnv = { ...env, PUBLIC_CACHE_SECONDS: "60" };
    const fetchCached = (path: string, headers: Record<string, string> = {}) => app.fetch(new Request(`https://musrenbang.test${path}`, { headers }), cachedEnv);
    for (const path of [`/api/v1/public/2031/${DEMO.regency}/proposals.csv`, `/publik/2031/kecamatan/${DEMO.district}`]) {
      let first: Response | undefined;
      const missRows = await rowsReadBy(async () => (first = await fetchCached(path)));
      expect(first!.headers.get("x-cache"), path).toBe("MISS");
      expect(first!.headers.get("cache-control")).toBe("public, max-age=60");
      expect(first!.headers.get("set-cookie")).toBeNull();
      let second: Response | undefined;
      const hitRows = await rowsReadBy(async () => (second = await fetchCached(path)));
      expect(second!.headers.get("x-cache"), path).toBe("HIT");
      expect(await second!.text()).toBe(await first!.text());
      expect(missRows).toBeGreaterThan(0);
      expect(hitRows).toBe(0);
    }
    // Another language is another entry.
    expect((await fetchCached(`/publik/2031/kecamatan/${DEMO.district}`, { "accept-language": "en" })).headers.get("x-cache")).toBe("MISS");
  });
});
