/** Bappeda manages the accounts and API tokens of its own kabupaten. */
import { randomToken, sha256Hex } from "../../../shared/access/bytes.ts";
import { hashPassword } from "../../../shared/access/password.ts";
import type { Principal, Role } from "../../../shared/access/roles.ts";
import type { AccountCreate, TokenCreate } from "../../../shared/schemas/accounts.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { auditInsert } from "../../storage/audit.ts";
import {
  accountsOf,
  disableAccountStatements,
  findAccount,
  findToken,
  insertAccount,
  insertToken,
  revokeTokenStatements,
  tokensOf,
  usernameTaken,
  type AccountRow,
  type TokenRow,
} from "../../storage/credentials.ts";
import { tryBatch } from "../../storage/database.ts";
import { scopeExists } from "../../storage/scopes.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound, Refusal } from "../errors.ts";

/** What leaves the server about an account: never its password hash. */
export const publicAccount = ({ passwordHash: _hash, createdBy: _by, disabledAt: _at, ...account }: AccountRow) => account;
/** What leaves the server about a token: never its hash. */
export const publicToken = ({ tokenHash: _hash, createdBy: _by, ...token }: TokenRow) => token;

const usernameTakenRefusal = new Refusal(409, "username_taken", { id: "Nama pengguna sudah dipakai.", en: "Username is already taken." });

const newId = (prefix: string) => `${prefix}_${randomToken(12)}`;

async function checkScope(deps: Deps, role: Role, regencyCode: string, scopeCode: string) {
  if (!(await scopeExists(deps.db, role, regencyCode, scopeCode))) throw invalidInput([customIssue("scopeCode", "scope_mismatch", deps.lang)]);
}

export async function listAccounts(deps: Deps, caller: Principal | undefined) {
  const admin = authorizeInOwnScope(caller, "account.read");
  return (await accountsOf(deps.db, admin.regencyCode)).map(publicAccount);
}

export async function createAccount(deps: Deps, caller: Principal | undefined, body: AccountCreate) {
  const admin = authorizeInOwnScope(caller, "account.manage");
  await checkScope(deps, body.role, admin.regencyCode, body.scopeCode);
  const { db } = deps;
  if (await usernameTaken(db, body.username)) throw usernameTakenRefusal;
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
  const batch = await tryBatch(db, [
    ...insertAccount(db, row),
    auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "account.created", entityType: "account", entityId: row.id, data: { username: row.username, role: row.role, scopeCode: row.scopeCode } }),
  ]);
  if (!batch.ok) throw usernameTakenRefusal;
  return publicAccount((batch.results[1] as AccountRow[])[0]!);
}

export async function disableAccount(deps: Deps, caller: Principal | undefined, { id }: { id: string }) {
  const { db } = deps;
  const account = await findAccount(db, id);
  if (!account) throw notFound;
  const admin = authorize(caller, "account.manage", { regencyCode: account.regencyCode });
  const batch = await tryBatch(db, [
    ...disableAccountStatements(db, id),
    auditInsert(db, { regencyCode: account.regencyCode, actor: admin.id, action: "account.disabled", entityType: "account", entityId: id }),
  ]);
  // Disabled already (or meanwhile): it stays as it was disabled the first time.
  return publicAccount(batch.ok ? (batch.results[1] as AccountRow[])[0]! : (await findAccount(db, id))!);
}

export async function listTokens(deps: Deps, caller: Principal | undefined) {
  const admin = authorizeInOwnScope(caller, "account.read");
  return (await tokensOf(deps.db, admin.regencyCode)).map(publicToken);
}

export async function createToken(deps: Deps, caller: Principal | undefined, body: TokenCreate) {
  const admin = authorizeInOwnScope(caller, "token.manage");
  await checkScope(deps, body.role, admin.regencyCode, body.scopeCode);
  const { db } = deps;
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
    insertToken(db, row),
    auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "token.created", entityType: "api_token", entityId: row.id, data: { name: row.name, role: row.role, scopeCode: row.scopeCode, expiresAt: row.expiresAt } }),
  ]);
  return { ...publicToken(inserted[0]!), token };
}

export async function revokeToken(deps: Deps, caller: Principal | undefined, { id }: { id: string }) {
  const { db } = deps;
  const token = await findToken(db, id);
  if (!token) throw notFound;
  const admin = authorize(caller, "token.manage", { regencyCode: token.regencyCode });
  const batch = await tryBatch(db, [
    ...revokeTokenStatements(db, id),
    auditInsert(db, { regencyCode: token.regencyCode, actor: admin.id, action: "token.revoked", entityType: "api_token", entityId: id }),
  ]);
  // Revoked already (or meanwhile): it stays revoked from the first time.
  return publicToken(batch.ok ? (batch.results[1] as TokenRow[])[0]! : (await findToken(db, id))!);
}
