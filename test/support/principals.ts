/**
 * Callers for tests: an API token per role and scope, written straight into D1 (hashing passwords for every
 * test would cost seconds), and the demo accounts for cookie sessions.
 */
import { env, exports } from "cloudflare:workers";
import type { Role } from "../../shared/access/roles.ts";
import { randomToken, sha256Hex } from "../../shared/access/bytes.ts";

export const DEMO = {
  regency: "18.01",
  district: "18.01.06", // Kalianda
  village: "18.01.06.1008", // Way Urang
  otherVillageSameDistrict: "18.01.06.2001", // Jondong
  otherDistrict: "18.01.04", // Natar
  villageInOtherDistrict: "18.01.04.2001",
  agency: "18.01-pupr",
  otherAgency: "18.01-dinkes",
  member: "18.01-dprd-01", // Hj. Siti Rohmah (demo DPRD member)
  otherMember: "18.01-dprd-02",
  theme: "perempuan",
  otherTheme: "anak",
} as const;

/** A second kabupaten of the same province, with one agency, to prove kabupaten isolation. */
export const OTHER = {
  regency: "18.02",
  district: "18.02.01",
  village: "18.02.01.2001",
  agency: "18.02-pupr",
  member: "18.02-dprd-01",
} as const;

export async function ensureOtherKabupaten(): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO agencies (id, regency_code, short_name, name) VALUES (?, ?, 'PUPR', 'Dinas PUPR Lampung Tengah')").bind(OTHER.agency, OTHER.regency),
    env.DB.prepare("INSERT OR IGNORE INTO agency_responsibilities (regency_code, code_prefix, agency_id) VALUES (?, '1.03', ?)").bind(OTHER.regency, OTHER.agency),
    env.DB.prepare("INSERT OR IGNORE INTO dprd_members (id, regency_code, name, fraksi, dapil) VALUES (?, ?, 'Anggota DPRD Lampung Tengah', 'Golkar', 'Dapil 1')").bind(OTHER.member, OTHER.regency),
  ]);
}

export interface Caller {
  role: Role;
  regencyCode: string;
  scopeCode: string;
  headers: Record<string, string>;
}

export async function tokenCaller(role: Role, regencyCode: string, scopeCode: string): Promise<Caller> {
  const token = `msk_test_${randomToken(16)}`;
  await env.DB.prepare(
    `INSERT INTO api_tokens (id, token_hash, name, role, regency_code, scope_code, created_by, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, 'test', '2099-01-01T00:00:00.000Z')`,
  )
    .bind(`tok_${randomToken(8)}`, await sha256Hex(token), `test ${role}`, role, regencyCode, scopeCode)
    .run();
  return { role, regencyCode, scopeCode, headers: { authorization: `Bearer ${token}` } };
}

/** One caller per role in the demo kabupaten, scoped to Kalianda / Way Urang / Dinas PUPR. */
export async function demoCallers() {
  return {
    village_operator: await tokenCaller("village_operator", DEMO.regency, DEMO.village),
    district_verifier: await tokenCaller("district_verifier", DEMO.regency, DEMO.district),
    agency_reviewer: await tokenCaller("agency_reviewer", DEMO.regency, DEMO.agency),
    integration: await tokenCaller("integration", DEMO.regency, DEMO.agency),
    planning_admin: await tokenCaller("planning_admin", DEMO.regency, DEMO.regency),
    dprd_member: await tokenCaller("dprd_member", DEMO.regency, DEMO.member),
    dprd_secretariat: await tokenCaller("dprd_secretariat", DEMO.regency, DEMO.regency),
    thematic_group: await tokenCaller("thematic_group", DEMO.regency, DEMO.theme),
  };
}

export const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

export function call(path: string, init?: RequestInit) {
  return exports.default.fetch(`https://musrenbang.test${path}`, init);
}

/** Signs in through the JSON API; returns the cookie and CSRF token a browser would hold. */
export async function signIn(username: string, password: string) {
  const response = await call("/api/v1/auth/login", json({ username, password }));
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, "x-csrf-token": csrfToken } };
}
