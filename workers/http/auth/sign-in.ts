/**
 * Signing in, shared by the JSON API and the login form: throttled per account and per address, every
 * success and failure audited, the session written in the same batch as its audit event.
 */
import { deleteCookie, setCookie } from "hono/cookie";
import { DECOY_PASSWORD_HASH, verifyPassword } from "../../../shared/access/password.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { afterFailure, MAX_FAILURES, retryAfterSeconds } from "../../../shared/access/throttle.ts";
import type { Login } from "../../../shared/schemas/accounts.ts";
import { sessions } from "../../../shared/db/schema.ts";
import { auditInsert } from "../../storage/audit.ts";
import {
  accountPrincipal,
  clearThrottle,
  findAccountByUsername,
  newSession,
  saveThrottle,
  SESSION_HOURS,
  throttleStates,
} from "../../storage/credentials.ts";
import { database } from "../../storage/database.ts";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { SESSION_COOKIE } from "../middleware/authenticate.ts";
import { eq } from "drizzle-orm";

export const invalidCredentials = new ApiError(401, "invalid_credentials", {
  id: "Nama pengguna atau kata sandi salah.",
  en: "Wrong username or password.",
});

const tooManyAttempts = (seconds: number) =>
  new ApiError(
    429,
    "too_many_attempts",
    {
      id: `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${Math.ceil(seconds / 60)} menit.`,
      en: `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes.`,
    },
    { details: { retryAfterSeconds: seconds } },
  );

export function clientAddress(c: AppContext): string {
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

export async function signIn(c: AppContext, { username, password }: Login): Promise<{ principal: Principal; csrfToken: string }> {
  const db = database(c.env.DB);
  const now = new Date();
  const accountKey = `account:${username.toLowerCase()}`;
  const addressKey = `address:${clientAddress(c)}`;
  const states = await throttleStates(db, [accountKey, addressKey]);
  const wait = Math.max(
    retryAfterSeconds(states.get(accountKey), MAX_FAILURES.account, now),
    retryAfterSeconds(states.get(addressKey), MAX_FAILURES.address, now),
  );
  if (wait > 0) {
    c.header("Retry-After", String(wait));
    throw tooManyAttempts(wait);
  }

  const account = await findAccountByUsername(db, username.toLowerCase());
  // Verify against a decoy when the account is missing, so the answer takes as long either way.
  const passwordOk = await verifyPassword(password, account?.passwordHash ?? DECOY_PASSWORD_HASH);
  if (!account || !account.active || !passwordOk) {
    await db.batch([
      saveThrottle(db, accountKey, afterFailure(states.get(accountKey), now)),
      saveThrottle(db, addressKey, afterFailure(states.get(addressKey), now)),
      auditInsert(db, {
        regencyCode: account?.regencyCode ?? null,
        actor: `anonymous@${clientAddress(c)}`,
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
    db.insert(sessions).values(row),
    clearThrottle(db, accountKey),
    auditInsert(db, {
      regencyCode: account.regencyCode,
      actor: account.id,
      action: "auth.signed_in",
      entityType: "account",
      entityId: account.id,
      data: { address: clientAddress(c) },
    }),
  ]);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    path: "/",
    maxAge: SESSION_HOURS * 3600,
  });
  return { principal: accountPrincipal(account), csrfToken: row.csrfToken };
}

export async function signOut(c: AppContext): Promise<void> {
  const session = c.get("session");
  const principal = c.get("principal");
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
  if (!session || !principal) return;
  const db = database(c.env.DB);
  await db.batch([
    db.delete(sessions).where(eq(sessions.tokenHash, session.tokenHash)),
    auditInsert(db, {
      regencyCode: principal.regencyCode,
      actor: principal.id,
      action: "auth.signed_out",
      entityType: "account",
      entityId: principal.id,
    }),
  ]);
}
