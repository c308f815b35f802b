/** Accounts, sessions, API tokens and sign-in counters in D1. Secrets are stored only as hashes. */
import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Principal, Role } from "../../shared/access/roles.ts";
import { randomToken, sha256Hex } from "../../shared/access/bytes.ts";
import { windowsEndedBy, type ThrottleState } from "../../shared/access/throttle.ts";
import { accounts, apiTokens, loginThrottle, sessions } from "../../shared/db/schema.ts";
import { abortIfRow, abortUnlessRow, nowIso, type Database } from "./database.ts";

export const SESSION_HOURS = 12;

export function accountPrincipal(account: typeof accounts.$inferSelect): Principal {
  return {
    kind: "account",
    id: account.id,
    name: account.displayName,
    role: account.role as Role,
    regencyCode: account.regencyCode,
    scopeCode: account.scopeCode,
  };
}

export async function findAccountByUsername(db: Database, username: string) {
  return db.query.accounts.findFirst({ where: eq(accounts.username, username) });
}

/** A new session: the raw cookie value goes to the browser once, D1 keeps its hash. */
export async function newSession(accountId: string) {
  const token = randomToken();
  const row = {
    tokenHash: await sha256Hex(token),
    accountId,
    csrfToken: randomToken(24),
    expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString(),
  };
  return { token, row };
}

export const insertSession = (db: Database, row: typeof sessions.$inferInsert) => db.insert(sessions).values(row);

export const deleteSession = (db: Database, tokenHash: string) => db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));

export async function sessionPrincipal(db: Database, cookieValue: string) {
  const tokenHash = await sha256Hex(cookieValue);
  const found = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, nowIso()), eq(accounts.active, true)))
    .get();
  if (!found) return null;
  return { principal: accountPrincipal(found.account), session: { tokenHash, csrfToken: found.session.csrfToken } };
}

export async function tokenPrincipal(db: Database, bearer: string): Promise<{ principal: Principal; lastUsedAt: string | null } | null> {
  const token = await db.query.apiTokens.findFirst({
    where: and(eq(apiTokens.tokenHash, await sha256Hex(bearer)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, nowIso())),
  });
  if (!token) return null;
  const principal: Principal = {
    kind: "token",
    id: token.id,
    name: token.name,
    role: token.role as Role,
    regencyCode: token.regencyCode,
    scopeCode: token.scopeCode,
  };
  return { principal, lastUsedAt: token.lastUsedAt };
}

/** Marks the token used at `now`, unless a request since `staleBefore` already did (concurrent requests write once). */
export const touchToken = (db: Database, id: string, now: string, staleBefore: string) =>
  db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))));

export async function throttleStates(db: Database, keys: readonly string[]) {
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, [...keys]));
  return new Map<string, ThrottleState>(rows.map((r) => [r.key, r]));
}

/** One more on a counter, in SQL so parallel requests each add theirs; a window that has ended starts again at 1. */
export function countOn(db: Database, key: string, now: Date) {
  const at = now.toISOString();
  const ended = sql`${loginThrottle.windowStartedAt} <= ${windowsEndedBy(now)}`;
  return db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: at })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { failures: sql`CASE WHEN ${ended} THEN 1 ELSE ${loginThrottle.failures} + 1 END`, windowStartedAt: sql`CASE WHEN ${ended} THEN ${at} ELSE ${loginThrottle.windowStartedAt} END` },
    });
}

/**
 * Counts a sign-in attempt on each limited counter and rolls the batch back (guard "too_many_attempts") when one
 * is over its limit: counting and checking are one atomic step, before any password is checked.
 */
export function countAttempt(db: Database, limits: readonly { key: string; limit: number }[], now: Date) {
  const over = or(...limits.map(({ key, limit }) => and(eq(loginThrottle.key, key), gt(loginThrottle.failures, limit))));
  return [...limits.map(({ key }) => countOn(db, key, now)), abortIfRow(db, "too_many_attempts", loginThrottle, over)];
}

/** Gives back an attempt counted on `key` (a sign-in that succeeded). */
export const uncount = (db: Database, key: string) =>
  db.update(loginThrottle).set({ failures: sql`${loginThrottle.failures} - 1` }).where(and(eq(loginThrottle.key, key), gt(loginThrottle.failures, 0)));

export const throttleOf = (db: Database, key: string) => db.select().from(loginThrottle).where(eq(loginThrottle.key, key));

export function clearThrottle(db: Database, key: string) {
  return db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** The name a principal id is known by: an account's display name or a token's name; the id when neither. */
export async function principalName(db: Database, id: string): Promise<string> {
  const account = await db.query.accounts.findFirst({ where: eq(accounts.id, id), columns: { displayName: true } });
  if (account) return account.displayName;
  const token = await db.query.apiTokens.findFirst({ where: eq(apiTokens.id, id), columns: { name: true } });
  return token?.name ?? id;
}

export type AccountRow = typeof accounts.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;

export async function accountsOf(db: Database, regencyCode: string) {
  return db.select().from(accounts).where(eq(accounts.regencyCode, regencyCode)).orderBy(accounts.username);
}

export async function findAccount(db: Database, id: string) {
  return db.query.accounts.findFirst({ where: eq(accounts.id, id) });
}

export async function usernameTaken(db: Database, username: string): Promise<boolean> {
  return !!(await db.query.accounts.findFirst({ where: eq(accounts.username, username), columns: { id: true } }));
}

/** Creates an account; put first, the guard refuses a username taken meanwhile (by a parallel request). */
export const insertAccount = (db: Database, row: typeof accounts.$inferInsert) =>
  [abortIfRow(db, "username_taken", accounts, eq(accounts.username, row.username)), db.insert(accounts).values(row).returning()] as const;

/** Disables an active account and ends its sessions; the guard keeps the first disabling time (and its audit). */
export function disableAccountStatements(db: Database, id: string) {
  return [
    abortUnlessRow(db, "account_disabled", accounts, and(eq(accounts.id, id), eq(accounts.active, true))),
    db.update(accounts).set({ active: false, disabledAt: nowIso() }).where(eq(accounts.id, id)).returning(),
    db.delete(sessions).where(eq(sessions.accountId, id)),
  ] as const;
}

export async function tokensOf(db: Database, regencyCode: string) {
  return db.select().from(apiTokens).where(eq(apiTokens.regencyCode, regencyCode)).orderBy(desc(apiTokens.createdAt));
}

export async function findToken(db: Database, id: string) {
  return db.query.apiTokens.findFirst({ where: eq(apiTokens.id, id) });
}

export const insertToken = (db: Database, row: typeof apiTokens.$inferInsert) => db.insert(apiTokens).values(row).returning();

/** Revokes a token once; the guard keeps the first revocation time (and its audit). */
export const revokeTokenStatements = (db: Database, id: string) =>
  [
    abortUnlessRow(db, "token_revoked", apiTokens, and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))),
    db.update(apiTokens).set({ revokedAt: nowIso() }).where(eq(apiTokens.id, id)).returning(),
  ] as const;
