/**
 * Signing in, shared by the JSON API and the login form: throttled per account and per address, every success
 * and failure audited, the session written in the same batch as its audit event. The HTTP layer sets the cookie.
 */
import { DECOY_PASSWORD_HASH, verifyPassword } from "../../../shared/access/password.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { afterFailure, MAX_FAILURES, retryAfterSeconds } from "../../../shared/access/throttle.ts";
import type { Login } from "../../../shared/schemas/accounts.ts";
import { auditInsert } from "../../storage/audit.ts";
import { accountPrincipal, clearThrottle, deleteSession, findAccountByUsername, insertSession, newSession, saveThrottle, throttleStates } from "../../storage/credentials.ts";
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

export async function signIn(deps: Deps, { username, password, address }: Login & { address: string }): Promise<SignedIn> {
  const { db } = deps;
  const now = new Date();
  const accountKey = `account:${username.toLowerCase()}`;
  const addressKey = `address:${address}`;
  const states = await throttleStates(db, [accountKey, addressKey]);
  const wait = Math.max(retryAfterSeconds(states.get(accountKey), MAX_FAILURES.account, now), retryAfterSeconds(states.get(addressKey), MAX_FAILURES.address, now));
  if (wait > 0) throw tooManyAttempts(wait);

  const account = await findAccountByUsername(db, username.toLowerCase());
  // Verify against a decoy when the account is missing, so the answer takes as long either way.
  const passwordOk = await verifyPassword(password, account?.passwordHash ?? DECOY_PASSWORD_HASH);
  if (!account || !account.active || !passwordOk) {
    await db.batch([
      saveThrottle(db, accountKey, afterFailure(states.get(accountKey), now)),
      saveThrottle(db, addressKey, afterFailure(states.get(addressKey), now)),
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
    clearThrottle(db, accountKey),
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
