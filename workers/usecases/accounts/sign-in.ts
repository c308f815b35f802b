/**
 * Signing in, shared by the JSON API and the login form: throttled as shared/access/throttle.ts says, every success
 * and failure audited, the session written in the same batch as its audit event. The HTTP layer sets the cookie.
 */
import { DECOY_PASSWORD_HASH, verifyPassword } from "../../../shared/access/password.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { MAX_FAILURES, retryAfterSeconds, slowDownMs, throttleKeys, type ThrottleState } from "../../../shared/access/throttle.ts";
import type { Login } from "../../../shared/schemas/accounts.ts";
import { auditInsert } from "../../storage/audit.ts";
import {
  accountPrincipal,
  clearThrottle,
  countAttempt,
  countOn,
  deleteSession,
  findAccountByUsername,
  insertSession,
  newSession,
  throttleOf,
  throttleStates,
  uncount,
} from "../../storage/credentials.ts";
import { tryBatch } from "../../storage/database.ts";
import type { Deps } from "../deps.ts";
import { Refusal } from "../errors.ts";

export const invalidCredentials = new Refusal(401, "invalid_credentials", { id: "Nama pengguna atau kata sandi salah.", en: "Wrong username or password." });

const tooManyAttempts = (seconds: number) =>
  new Refusal(
    429,
    "too_many_attempts",
    {
      id: `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${Math.ceil(seconds / 60)} menit.`,
      en: `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes.`,
    },
    { details: { retryAfterSeconds: seconds } },
  );

export interface SignedIn {
  principal: Principal;
  csrfToken: string;
  /** The session cookie's value: given to the browser once, stored only as a hash. */
  sessionToken: string;
}

/**
 * Counts the attempt (refusing it with 429 when this address is over its limit, at this account or at all), waits
 * as long as the account's recent failures ask, and only then checks the password.
 */
async function admitAttempt(deps: Deps, keys: ReturnType<typeof throttleKeys>, now: Date): Promise<void> {
  const { db } = deps;
  const limits = [
    { key: keys.accountAtAddress, limit: MAX_FAILURES.accountAtAddress },
    { key: keys.address, limit: MAX_FAILURES.address },
  ];
  const batch = await tryBatch(db, [...countAttempt(db, limits, now), throttleOf(db, keys.account)]);
  if (!batch.ok) {
    const states = await throttleStates(db, limits.map((l) => l.key));
    throw tooManyAttempts(Math.max(1, ...limits.map(({ key, limit }) => retryAfterSeconds(states.get(key), limit, now))));
  }
  const wait = slowDownMs((batch.results.at(-1) as ThrottleState[])[0], now);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

export async function signIn(deps: Deps, { username, password, address }: Login & { address: string }): Promise<SignedIn> {
  const { db } = deps;
  const now = new Date();
  const keys = throttleKeys(username.toLowerCase(), address);
  await admitAttempt(deps, keys, now);

  const account = await findAccountByUsername(db, username.toLowerCase());
  // Verify against a decoy when the account is missing, so the answer takes as long either way.
  const passwordOk = await verifyPassword(password, account?.passwordHash ?? DECOY_PASSWORD_HASH);
  if (!account || !account.active || !passwordOk) {
    // The attempt is already counted at the address; the account's failures are what slow the next ones down.
    await db.batch([
      countOn(db, keys.account, now),
      auditInsert(db, {
        regencyCode: account?.regencyCode ?? null,
        actor: `anonymous@${address}`,
        action: "auth.sign_in_failed",
        entityType: "account",
        entityId: account?.id ?? `username:${username.toLowerCase()}`,
        data: { reason: !account ? "unknown_username" : !account.active ? "disabled" : "wrong_password" },
      }),
    ]);
    throw invalidCredentials;
  }

  const { token, row } = await newSession(account.id);
  await db.batch([
    insertSession(db, row),
    // The owner is in: its account and this address start afresh, and the address gets its attempt back.
    clearThrottle(db, keys.accountAtAddress),
    clearThrottle(db, keys.account),
    uncount(db, keys.address),
    auditInsert(db, { regencyCode: account.regencyCode, actor: account.id, action: "auth.signed_in", entityType: "account", entityId: account.id, data: { address } }),
  ]);
  return { principal: accountPrincipal(account), csrfToken: row.csrfToken, sessionToken: token };
}

export async function signOut(deps: Deps, principal: Principal | undefined, session: { tokenHash: string } | undefined): Promise<void> {
  if (!session || !principal) return;
  const { db } = deps;
  await db.batch([
    deleteSession(db, session.tokenHash),
    auditInsert(db, { regencyCode: principal.regencyCode, actor: principal.id, action: "auth.signed_out", entityType: "account", entityId: principal.id }),
  ]);
}
