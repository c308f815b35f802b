/** Bappeda manages the accounts and API tokens of its own kabupaten. */
import { desc, eq } from "drizzle-orm";
import { randomToken, sha256Hex } from "../../../shared/access/bytes.ts";
import { hashPassword } from "../../../shared/access/password.ts";
import type { Role } from "../../../shared/access/roles.ts";
import type { AccountCreate, TokenCreate } from "../../../shared/schemas/accounts.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { accounts, apiTokens, sessions } from "../../../shared/db/schema.ts";
import { auditInsert } from "../../storage/audit.ts";
import { database, nowIso } from "../../storage/database.ts";
import { scopeExists } from "../../storage/scopes.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { preferredLanguage } from "../messages.ts";
import { invalidInput } from "../validation.ts";

type AccountRow = typeof accounts.$inferSelect;
type TokenRow = typeof apiTokens.$inferSelect;

/** What leaves the server about an account: never its password hash. */
const publicAccount = ({ passwordHash: _hash, createdBy: _by, disabledAt: _at, ...account }: AccountRow) => account;
/** What leaves the server about a token: never its hash. */
const publicToken = ({ tokenHash: _hash, createdBy: _by, ...token }: TokenRow) => token;

const newId = (prefix: string) => `${prefix}_${randomToken(12)}`;

async function checkScope(c: AppContext, role: Role, regencyCode: string, scopeCode: string) {
  if (!(await scopeExists(database(c.env.DB), role, regencyCode, scopeCode))) {
    throw invalidInput([customIssue("scopeCode", "scope_mismatch", preferredLanguage(c.req.header("accept-language")))]);
  }
}

export async function listAccounts(c: AppContext) {
  const admin = authorizeInOwnScope(c, "account.read");
  const rows = await database(c.env.DB).select().from(accounts).where(eq(accounts.regencyCode, admin.regencyCode)).orderBy(accounts.username);
  return c.json({ accounts: rows.map(publicAccount) }, 200);
}

export async function createAccount(c: AppContext, body: AccountCreate) {
  const admin = authorizeInOwnScope(c, "account.manage");
  await checkScope(c, body.role, admin.regencyCode, body.scopeCode);
  const db = database(c.env.DB);
  if (await db.query.accounts.findFirst({ where: eq(accounts.username, body.username), columns: { id: true } })) {
    throw new ApiError(409, "username_taken", { id: "Nama pengguna sudah dipakai.", en: "Username is already taken." });
  }
  const row = {
    id: newId("acc"),
    username: body.username,
    displayName: body.displayName,
    passwordHash: await hashPassword(body.password),
    role: body.role,
    regencyCode: admin.regencyCode,
    scopeCode: body.scopeCode,
    createdBy: admin.id,
  };
  const [inserted] = await db.batch([
    db.insert(accounts).values(row).returning(),
    auditInsert(db, {
      regencyCode: admin.regencyCode,
      actor: admin.id,
      action: "account.created",
      entityType: "account",
      entityId: row.id,
      data: { username: row.username, role: row.role, scopeCode: row.scopeCode },
    }),
  ]);
  return c.json(publicAccount(inserted[0]!), 201);
}

export async function disableAccount(c: AppContext, id: string) {
  const db = database(c.env.DB);
  const account = await db.query.accounts.findFirst({ where: eq(accounts.id, id) });
  if (!account) throw notFound;
  const admin = authorize(c, "account.manage", { regencyCode: account.regencyCode });
  const [updated] = await db.batch([
    db.update(accounts).set({ active: false, disabledAt: nowIso() }).where(eq(accounts.id, id)).returning(),
    db.delete(sessions).where(eq(sessions.accountId, id)),
    auditInsert(db, { regencyCode: account.regencyCode, actor: admin.id, action: "account.disabled", entityType: "account", entityId: id }),
  ]);
  return c.json(publicAccount(updated[0]!), 200);
}

export async function listTokens(c: AppContext) {
  const admin = authorizeInOwnScope(c, "account.read");
  const rows = await database(c.env.DB).select().from(apiTokens).where(eq(apiTokens.regencyCode, admin.regencyCode)).orderBy(desc(apiTokens.createdAt));
  return c.json({ tokens: rows.map(publicToken) }, 200);
}

export async function createToken(c: AppContext, body: TokenCreate) {
  const admin = authorizeInOwnScope(c, "token.manage");
  await checkScope(c, body.role, admin.regencyCode, body.scopeCode);
  const db = database(c.env.DB);
  const token = `msk_${randomToken(32)}`;
  const row = {
    id: newId("tok"),
    tokenHash: await sha256Hex(token),
    name: body.name,
    role: body.role,
    regencyCode: admin.regencyCode,
    scopeCode: body.scopeCode,
    createdBy: admin.id,
    expiresAt: new Date(Date.now() + body.expiresInDays * 86_400_000).toISOString(),
  };
  const [inserted] = await db.batch([
    db.insert(apiTokens).values(row).returning(),
    auditInsert(db, {
      regencyCode: admin.regencyCode,
      actor: admin.id,
      action: "token.created",
      entityType: "api_token",
      entityId: row.id,
      data: { name: row.name, role: row.role, scopeCode: row.scopeCode, expiresAt: row.expiresAt },
    }),
  ]);
  return c.json({ ...publicToken(inserted[0]!), token }, 201);
}

export async function revokeToken(c: AppContext, id: string) {
  const db = database(c.env.DB);
  const token = await db.query.apiTokens.findFirst({ where: eq(apiTokens.id, id) });
  if (!token) throw notFound;
  const admin = authorize(c, "token.manage", { regencyCode: token.regencyCode });
  const [updated] = await db.batch([
    db
      .update(apiTokens)
      .set({ revokedAt: token.revokedAt ?? nowIso() })
      .where(eq(apiTokens.id, id))
      .returning(),
    auditInsert(db, { regencyCode: token.regencyCode, actor: admin.id, action: "token.revoked", entityType: "api_token", entityId: id }),
  ]);
  return c.json(publicToken(updated[0]!), 200);
}
