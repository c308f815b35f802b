import { env } from "cloudflare:workers";
import { randomToken } from "../../../shared/access/bytes.ts";
import { type Caller, DEMO } from "../../support/principals.ts";
import { adminOnly, expectAll, type MatrixCase, placeFor, type Where } from "../matrix.ts";

/** An account to act on: a district verifier of the caller's kecamatan, of another one, or of another kabupaten. */
async function accountIn(where: Where, caller: Caller | null) {
  const place = placeFor(where, caller);
  const id = `acc_${randomToken(8)}`;
  await env.DB.prepare(
    `INSERT INTO accounts (id, username, display_name, password_hash, role, regency_code, scope_code, created_by)
     VALUES (?, ?, 'Uji', 'x', 'district_verifier', ?, ?, 'test')`,
  )
    .bind(id, `uji.${id.toLowerCase()}`, place.regency, place.district)
    .run();
  return id;
}

/** An integration token of the caller's agency, of another agency, or of another kabupaten's. */
async function tokenIn(where: Where, caller: Caller | null) {
  const place = placeFor(where, caller);
  const id = `tok_${randomToken(8)}`;
  await env.DB.prepare(
    `INSERT INTO api_tokens (id, token_hash, name, role, regency_code, scope_code, created_by, expires_at)
     VALUES (?, ?, 'uji', 'integration', ?, ?, 'test', '2099-01-01T00:00:00.000Z')`,
  )
    .bind(id, `hash-${id}`, place.regency, place.agency)
    .run();
  return id;
}

export const accountCases: MatrixCase[] = [
  {
    group: "auth",
    name: "GET /api/v1/auth/me",
    request: async () => ({ path: "/api/v1/auth/me" }),
    expect: expectAll([200, 200, 200], { anonymous: [401, 401, 401] }),
  },
  {
    group: "accounts",
    name: "GET /api/v1/accounts",
    request: async () => ({ path: "/api/v1/accounts" }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  {
    group: "accounts",
    name: "POST /api/v1/accounts (scope in the kabupaten / in another)",
    request: async (where, caller) => ({
      path: "/api/v1/accounts",
      method: "POST",
      body: {
        username: `baru.${randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, "x")}`,
        displayName: "Akun Baru",
        password: "kata-sandi-panjang",
        role: "village_operator",
        scopeCode: where === "in" ? DEMO.otherVillageSameDistrict : placeFor(where, caller).village,
      },
    }),
    expect: adminOnly([201, 201, 422], [403, 403, 403]),
  },
  {
    group: "accounts",
    name: "POST /api/v1/accounts/{id}/disable",
    request: async (where, caller) => ({ path: `/api/v1/accounts/${await accountIn(where, caller)}/disable`, method: "POST" }),
    expect: adminOnly([200, 200, 404], [403, 403, 404]),
  },
  {
    group: "tokens",
    name: "GET /api/v1/tokens",
    request: async () => ({ path: "/api/v1/tokens" }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  {
    group: "tokens",
    name: "POST /api/v1/tokens (scope in the kabupaten / in another)",
    request: async (where, caller) => ({
      path: "/api/v1/tokens",
      method: "POST",
      body: { name: "Sistem OPD", role: "integration", scopeCode: where === "in" ? DEMO.otherAgency : placeFor(where, caller).agency },
    }),
    expect: adminOnly([201, 201, 422], [403, 403, 403]),
  },
  {
    group: "tokens",
    name: "POST /api/v1/tokens/{id}/revoke",
    request: async (where, caller) => ({ path: `/api/v1/tokens/${await tokenIn(where, caller)}/revoke`, method: "POST" }),
    expect: adminOnly([200, 200, 404], [403, 403, 404]),
  },
];
