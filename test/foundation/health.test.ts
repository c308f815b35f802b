import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("GET /health", () => {
  it("answers 200 with the newest applied migration", async () => {
    const response = await exports.default.fetch("http://localhost/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: { reachable: true, migration: env.TEST_MIGRATIONS.at(-1)!.name, appliedMigrations: env.TEST_MIGRATIONS.length },
    });
  });
});

describe("OpenAPI document and docs", () => {
  it("describes the declared routes", async () => {
    const response = await exports.default.fetch("http://localhost/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain("/health");
  });

  it("serves the Scalar reference page from this origin only, under a CSP with a fresh nonce", async () => {
    const response = await exports.default.fetch("http://localhost/docs");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("/openapi.json");
    // No CDN, no fonts or proxies elsewhere: not one absolute URL on the page.
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toMatch(/<script src="\/docs\/scalar\.js" nonce="[\w-]+"><\/script>/);
    expect(html).toContain('"withDefaultFonts":false');
    const policy = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([\w-]+)'/.exec(policy)![1]!;
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/https?:|unsafe-eval|\*/);
    expect(/script-src [^;]*/.exec(policy)![0]).not.toContain("unsafe-inline");
    // Every script on the page carries the nonce.
    expect([...html.matchAll(/<script\b[^>]*>/g)].every(([tag]) => tag.includes(`nonce="${nonce}"`))).toBe(true);
    const again = await exports.default.fetch("http://localhost/docs");
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);
  });

  it("answers unknown API paths with the JSON error shape, in Indonesian by default", async () => {
    const response = await exports.default.fetch("http://localhost/api/v1/tidak-ada");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "Alamat atau data tidak ditemukan." } });
    const english = await exports.default.fetch("http://localhost/api/v1/tidak-ada", { headers: { "accept-language": "en" } });
    expect(((await english.json()) as { error: { message: string } }).error.message).toBe("Not found.");
  });

  it("answers unknown pages with a readable page", async () => {
    const response = await exports.default.fetch("http://localhost/tidak-ada");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(await response.text()).toContain("Alamat atau data tidak ditemukan.");
  });
});
