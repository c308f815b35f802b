/**
 * `npm run admin:create -- --kabupaten 18.01 --username admin.bappeda [--name "Admin Bappeda ..."] [--remote]`
 * creates the first Bappeda admin (planning_admin) of a kabupaten; every other account is then made by that admin
 * through the API. The password is typed at the prompt without echo (or piped on standard input, first line):
 * never an argument, so never in shell history, process lists or logs. It is hashed here with the Worker's own
 * PBKDF2 (shared/access/password.ts) and only the hash travels, in a temporary SQL file run by
 * `wrangler d1 execute` against the local D1 exactly as against the deployed one. The insert is guarded in SQL:
 * it does nothing when the kabupaten already has an active admin or the username is taken, so two operators at
 * once still make one admin.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as v from "valibot";
import { randomToken } from "../shared/access/bytes.ts";
import { hashPassword } from "../shared/access/password.ts";
import { AccountCreateSchema } from "../shared/schemas/accounts.ts";
import { fieldIssues } from "../shared/schemas/issues.ts";
import { sqlLiteral } from "../shared/db/upsert-sql.ts";
import { d1Query, d1Target, wrangler, type D1Target } from "./wrangler.ts";

const ACTOR = "cli:admin-create";

export class Refused extends Error {}

/** Reads a line without echoing it when standard input is a terminal; the first line of the pipe otherwise. */
async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = "";
    for await (const chunk of input) text += String(chunk);
    return text.split(/\r?\n/, 1)[0] ?? "";
  }
  // Echo goes off before the prompt shows, so nothing typed after it is displayed.
  input.setRawMode(true);
  process.stderr.write(prompt);
  input.resume();
  input.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let value = "";
    const onData = (keys: string) => {
      for (const key of keys) {
        if (key === "\r" || key === "\n") {
          done();
          process.stderr.write("\n");
          return resolve(value);
        }
        if (key === "\u0003" || key === "\u0004") {
          done();
          process.stderr.write("\n");
          return reject(new Refused("dibatalkan"));
        }
        if (key === "\u007f" || key === "\b") value = value.slice(0, -1);
        else if (key >= " ") value += key;
      }
    };
    const done = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
    };
    input.on("data", onData);
  });
}

async function askPassword(): Promise<string> {
  const password = await readSecret("Kata sandi admin (tidak ditampilkan): ");
  if (process.stdin.isTTY && (await readSecret("Ulangi kata sandi: ")) !== password) throw new Refused("kedua kata sandi tidak sama");
  return password;
}

/** Why the guarded insert would do nothing, asked before the password is typed and again if it did nothing. */
async function obstacle(target: D1Target, regencyCode: string, username: string): Promise<string | null> {
  const [row] = await d1Query<{ regency: number; admins: number; taken: number }>(
    target,
    `SELECT (SELECT count(*) FROM regions WHERE code = ${sqlLiteral(regencyCode)} AND level = 'regency') AS regency,
            (SELECT count(*) FROM accounts WHERE regency_code = ${sqlLiteral(regencyCode)} AND role = 'planning_admin' AND active = 1) AS admins,
            (SELECT count(*) FROM accounts WHERE username = ${sqlLiteral(username)}) AS taken`,
  );
  if (!row?.regency) return `kabupaten ${regencyCode} belum ada di basis data: jalankan dulu npm run seed -- --kabupaten ${regencyCode}${target.remote ? " --remote" : ""}`;
  if (row.admins) return `kabupaten ${regencyCode} sudah punya admin Bappeda; akun berikutnya dibuat oleh admin itu (POST /api/v1/accounts)`;
  if (row.taken) return `nama pengguna ${username} sudah dipakai`;
  return null;
}

/** The guarded insert and its audit event; the event is written only if the account was. */
export function firstAdminSql(account: { id: string; username: string; displayName: string; passwordHash: string; regencyCode: string }): string {
  const [id, username, name, hash, regency] = [account.id, account.username, account.displayName, account.passwordHash, account.regencyCode].map(sqlLiteral);
  const data = sqlLiteral(JSON.stringify({ username: account.username, role: "planning_admin", scopeCode: account.regencyCode, firstAdmin: true }));
  return `INSERT INTO accounts (id, username, display_name, password_hash, role, regency_code, scope_code, created_by)
SELECT ${id}, ${username}, ${name}, ${hash}, 'planning_admin', ${regency}, ${regency}, '${ACTOR}'
WHERE EXISTS (SELECT 1 FROM regions WHERE code = ${regency} AND level = 'regency')
  AND NOT EXISTS (SELECT 1 FROM accounts WHERE regency_code = ${regency} AND role = 'planning_admin' AND active = 1)
  AND NOT EXISTS (SELECT 1 FROM accounts WHERE username = ${username});
INSERT INTO audit_events (regency_code, actor, action, entity_type, entity_id, data)
SELECT ${regency}, '${ACTOR}', 'account.created', 'account', ${id}, ${data}
WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ${id} AND created_by = '${ACTOR}');
`;
}

export async function createFirstAdmin(options: { regencyCode: string; username: string; displayName?: string | undefined; target: D1Target }): Promise<{ id: string; username: string }> {
  const { regencyCode, target } = options;
  if (!/^\d{2}\.\d{2}$/.test(regencyCode)) throw new Refused(`--kabupaten harus kode kabupaten/kota seperti 18.01, bukan "${regencyCode}"`);
  const shape = v.pick(AccountCreateSchema, ["username", "displayName", "password"]);
  const named = { username: options.username, displayName: options.displayName ?? `Admin Bappeda ${regencyCode}` };
  const early = v.safeParse(v.pick(AccountCreateSchema, ["username", "displayName"]), named);
  if (!early.success) throw new Refused(fieldIssues(early.issues, "id").map((i) => `${i.path}: ${i.message}`).join("; "));
  const blocked = await obstacle(target, regencyCode, early.output.username);
  if (blocked) throw new Refused(blocked);

  const checked = v.safeParse(shape, { ...named, password: await askPassword() });
  if (!checked.success) throw new Refused(fieldIssues(checked.issues, "id").map((i) => `${i.path === "password" ? "kata sandi" : i.path}: ${i.message}`).join("; "));
  const account = { id: `acc_${randomToken(12)}`, username: checked.output.username, displayName: checked.output.displayName, passwordHash: await hashPassword(checked.output.password), regencyCode };

  // The hash (never the password) sits in a private temporary file only while wrangler runs.
  const dir = await mkdtemp(join(tmpdir(), "musrenbang-admin-"));
  try {
    const file = join(dir, "admin.sql");
    await writeFile(file, firstAdminSql(account), { mode: 0o600 });
    await wrangler(["d1", "execute", "DB", ...d1Target(target), "--file", file, "--yes"], { ci: true, quiet: true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const [created] = await d1Query<{ id: string }>(target, `SELECT id FROM accounts WHERE id = ${sqlLiteral(account.id)}`);
  if (!created) throw new Refused((await obstacle(target, regencyCode, account.username)) ?? "akun tidak dibuat");
  return { id: account.id, username: account.username };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { kabupaten: { type: "string" }, username: { type: "string" }, name: { type: "string" }, remote: { type: "boolean", default: false }, "persist-to": { type: "string" } },
  });
  if (!values.kabupaten || !values.username) {
    console.error('pakai: npm run admin:create -- --kabupaten 18.01 --username admin.bappeda [--name "Admin Bappeda ..."] [--remote]');
    process.exit(2);
  }
  try {
    const admin = await createFirstAdmin({ regencyCode: values.kabupaten, username: values.username, displayName: values.name, target: { remote: values.remote, persistTo: values["persist-to"] } });
    console.log(`Admin Bappeda ${values.kabupaten} dibuat: ${admin.username} (${admin.id}). Masuk di /masuk, lalu buat akun lain lewat POST /api/v1/accounts.`);
  } catch (error) {
    console.error(`admin:create ditolak: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
