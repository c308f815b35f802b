/**
 * Guessing passwords in parallel: every attempt is counted before its password is checked, so at most the limit
 * is checked per window however many requests arrive at once; and guesses from many addresses slow an account
 * down but never lock its owner out.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../shared/access/password.ts";
import { MAX_FAILURES } from "../../shared/access/throttle.ts";
import { call, DEMO, json } from "../support/principals.ts";
import { errorCode, inRounds, outcomes } from "../support/concurrency.ts";

const PASSWORD = "kata-sandi-pemilik-akun";
const ROUNDS = 3;
const GUESSES = 28;

async function account(username: string) {
  await env.DB.prepare(
    `INSERT INTO accounts (id, username, display_name, password_hash, role, regency_code, scope_code, created_by)
     VALUES (?, ?, 'Pemilik Akun', ?, 'village_operator', ?, ?, 'test')`,
  )
    .bind(`acc_${username}`, username, await hashPassword(PASSWORD), DEMO.regency, DEMO.village)
    .run();
  return username;
}

const attempt = (username: string, password: string, address: string, headers: Record<string, string> = {}) =>
  call("/api/v1/auth/login", json({ username, password }, { "cf-connecting-ip": address, ...headers }));

/** Guesses whose password was checked (401) and those refused before any check (429). */
function tally({ statuses, bodies }: Awaited<ReturnType<typeof outcomes>>) {
  expect(bodies.filter((b) => errorCode(b) !== "invalid_credentials").every((b) => errorCode(b) === "too_many_attempts")).toBe(true);
  return { checked: statuses.filter((s) => s === 401).length, refused: statuses.filter((s) => s === 429).length };
}

describe(`parallel guesses from one address (${ROUNDS} rounds of ${GUESSES})`, () => {
  it("at one account: at most its limit is checked, and the right password from there is refused too", async () => {
    let checked = 0;
    await inRounds(ROUNDS, async (round) => {
      const username = await account(`tebakan.paralel.${round}`);
      const address = `203.0.113.${100 + round}`;
      const guesses = await Promise.all(Array.from({ length: GUESSES }, (_, i) => attempt(username, `salah-${i}-abcdef`, address)));
      const result = tally(await outcomes(guesses));
      expect(result.checked).toBe(MAX_FAILURES.accountAtAddress);
      checked += result.checked;
      expect((await attempt(username, PASSWORD, address)).status).toBe(429);
    });
    expect(checked).toBe(ROUNDS * MAX_FAILURES.accountAtAddress);
  }, 60_000);

  it("across accounts: at most the address's limit is checked", async () => {
    await inRounds(ROUNDS, async (round) => {
      const address = `203.0.113.${150 + round}`;
      const guesses = await Promise.all(Array.from({ length: GUESSES }, (_, i) => attempt(`tidak.ada.${round}.${i}`, "salah-salah-salah", address)));
      expect(tally(await outcomes(guesses))).toEqual({ checked: MAX_FAILURES.address, refused: GUESSES - MAX_FAILURES.address });
    });
  }, 60_000);

  it("a client's X-Forwarded-For does not make it another address", async () => {
    const address = "203.0.113.200";
    for (let i = 0; i < MAX_FAILURES.address; i++) expect((await attempt(`xff.${i}`, "salah-salah-salah", address, { "x-forwarded-for": `198.51.100.${i}` })).status).toBe(401);
    expect((await attempt("xff.last", "salah-salah-salah", address, { "x-forwarded-for": "198.51.100.250" })).status).toBe(429);
  }, 60_000);
});

describe("guesses from many addresses", () => {
  it(`never lock the owner out: after 5 wrong passwords from 5 addresses the owner signs in, ${ROUNDS} times over`, async () => {
    const username = await account("pemilik.diincar");
    await inRounds(ROUNDS, async (round) => {
      for (let i = 0; i < 5; i++) expect((await attempt(username, `salah-${i}-abcdef`, `198.18.${round}.${i + 1}`)).status).toBe(401);
      expect((await attempt(username, PASSWORD, "192.0.2.10")).status).toBe(200);
    });
  }, 60_000);

  it("slow every further attempt on the account down instead", async () => {
    const username = await account("pemilik.diperlambat");
    for (let i = 0; i < 7; i++) expect((await attempt(username, `salah-${i}-abcdef`, `198.19.0.${i + 1}`)).status).toBe(401);
    const started = Date.now();
    expect((await attempt(username, PASSWORD, "192.0.2.11")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    // A successful sign-in ends the slow-down.
    const again = Date.now();
    expect((await attempt(username, PASSWORD, "192.0.2.11")).status).toBe(200);
    expect(Date.now() - again).toBeLessThan(1_000);
  }, 60_000);
});
