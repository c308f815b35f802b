import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEMO_INTEGRATION_TOKEN } from "../../shared/demo/demo-accounts.ts";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, json, signIn } from "../support/principals.ts";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("API tokens", () => {
  it("are shown once, work as Bearer, and stop working when revoked (audited)", async () => {
    const admin = await signIn("admin.bappeda", DEMO_PASSWORD);
    const created = await call("/api/v1/tokens", json({ name: "Sistem Dinkes", role: "integration", scopeCode: "18.01-dinkes", expiresInDays: 30 }, admin.headers));
    expect(created.status).toBe(201);
    const { id, token, expiresAt } = (await created.json()) as { id: string; token: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const me = await call("/api/v1/auth/me", { headers: bearer(token) });
    expect(((await me.json()) as { principal: unknown }).principal).toMatchObject({ kind: "token", role: "integration", scopeCode: "18.01-dinkes" });

    expect((await call(`/api/v1/tokens/${id}/revoke`, { method: "POST", headers: admin.headers })).status).toBe(200);
    const after = await call("/api/v1/auth/me", { headers: bearer(token) });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe("invalid_token");

    const events = await env.DB.prepare("SELECT action FROM audit_events WHERE entity_id = ? ORDER BY id").bind(id).all<{ action: string }>();
    expect(events.results.map((e) => e.action)).toEqual(["token.created", "token.revoked"]);
  });

  it("refuse expired tokens and malformed Authorization headers", async () => {
    await env.DB.prepare(
      `INSERT INTO api_tokens (id, token_hash, name, role, regency_code, scope_code, created_by, expires_at)
       VALUES ('tok_expired', (SELECT token_hash FROM api_tokens WHERE id = 'tok_demo_pupr') || 'x', 'lama', 'integration', '18.01', '18.01-pupr', 'test', '2020-01-01T00:00:00.000Z')`,
    ).run();
    expect((await call("/api/v1/auth/me", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect((await call("/api/v1/auth/me", { headers: bearer("msk_tidak_ada") })).status).toBe(401);
    expect((await call("/api/v1/auth/me", { headers: bearer(DEMO_INTEGRATION_TOKEN.token) })).status).toBe(200);
  });

  it("are refused for a scope that does not fit the role, with the field named", async () => {
    const admin = await signIn("admin.bappeda", DEMO_PASSWORD);
    const response = await call("/api/v1/tokens", json({ name: "Salah", role: "integration", scopeCode: "18.01.06" }, admin.headers));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: "validation_failed", fields: [{ path: "scopeCode", code: "scope_mismatch" }] } });
  });
});
