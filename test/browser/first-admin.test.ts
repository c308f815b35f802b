/**
 * The first Bappeda admin of a real deployment, made the way the README tells an operator to, against a local D1
 * that went through the deployment's own set-up (migrations, `npm run seed -- --kabupaten 18.01`): the password is
 * piped (or typed at a terminal), never printed; the account signs in with the Worker's own password check; a second
 * admin for the same kabupaten is refused. The same commands with `--remote` act on the deployed D1.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../shared/access/password.ts";
import { d1Query, projectRoot, wrangler } from "../../scripts/wrangler.ts";

let persistTo: string;
const PASSWORD = "kata-sandi-pertama-Bappeda";

/** Runs an npm script of the project as an operator would; `input` goes to its standard input. */
function npmRun(args: readonly string[], input: string, viaTerminal = false): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, join(projectRoot, ...args[0]!.split("/")), ...args.slice(1)];
  // `script` gives the command a terminal, so the password prompt runs with echo off as for a person.
  const [bin, argv] = viaTerminal ? ["script", ["-q", "-e", "-c", command.map((a) => `'${a}'`).join(" "), "/dev/null"]] : [command[0]!, command.slice(1)];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { cwd: projectRoot, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    const answered = new Set<string>();
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      // At a terminal, type each answer once its prompt is shown (echo is off from then on), with the Enter a
      // terminal sends.
      for (const prompt of viaTerminal ? ["Kata sandi admin", "Ulangi kata sandi"] : []) {
        if (output.includes(prompt) && !answered.has(prompt)) {
          answered.add(prompt);
          child.stdin.write(`${PASSWORD}-tty\r`);
        }
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
    // At a terminal standard input stays open: closing it would reach the program as Ctrl+D.
    if (!viaTerminal) child.stdin.end(input);
  });
}

const adminCreate = (regency: string, username: string, input: string, viaTerminal = false) =>
  npmRun(["scripts/admin-create.ts", "--kabupaten", regency, "--username", username, "--persist-to", persistTo], input, viaTerminal);

const accountsOf = (regency: string) =>
  d1Query<{ id: string; username: string; role: string; scope_code: string; password_hash: string; created_by: string }>(
    { remote: false, persistTo },
    `SELECT id, username, role, scope_code, password_hash, created_by FROM accounts WHERE regency_code = '${regency}'`,
  );

beforeAll(async () => {
  persistTo = await mkdtemp(join(tmpdir(), "musrenbang-first-admin-"));
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], { ci: true, quiet: true });
  const seeded = await npmRun(["scripts/seed.ts", "--kabupaten", "18.01,18.02", "--persist-to", persistTo], "");
  expect(seeded, seeded.output).toMatchObject({ code: 0 });
}, 180_000);

afterAll(async () => {
  await rm(persistTo, { recursive: true, force: true });
});

describe("npm run admin:create", () => {
  it("creates the kabupaten's first admin from a piped password, prints no secret, and refuses a second", async () => {
    expect(await accountsOf("18.01")).toEqual([]);
    const first = await adminCreate("18.01", "admin.bappeda.lamsel", `${PASSWORD}\n`);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/Admin Bappeda 18\.01 dibuat: admin\.bappeda\.lamsel/);
    expect(first.output).not.toContain(PASSWORD);

    const [admin, ...others] = await accountsOf("18.01");
    expect(others).toEqual([]);
    expect(admin).toMatchObject({ username: "admin.bappeda.lamsel", role: "planning_admin", scope_code: "18.01", created_by: "cli:admin-create" });
    expect(admin!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword(PASSWORD, admin!.password_hash)).toBe(true);
    const [audit] = await d1Query<{ actor: string; data: string }>({ remote: false, persistTo }, `SELECT actor, data FROM audit_events WHERE entity_id = '${admin!.id}'`);
    expect(audit?.actor).toBe("cli:admin-create");
    expect(audit?.data).not.toContain("pbkdf2");

    const second = await adminCreate("18.01", "admin.kedua", `${PASSWORD}-lain\n`);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/sudah punya admin Bappeda/);
    expect((await accountsOf("18.01")).map((a) => a.username)).toEqual(["admin.bappeda.lamsel"]);
  }, 120_000);

  it("refuses a short password, a kabupaten not set up, and a username in use, writing nothing", async () => {
    const weak = await adminCreate("18.02", "admin.lamteng", "pendek\n");
    expect([weak.code, weak.output]).toEqual([1, expect.stringMatching(/kata sandi: Kata sandi minimal 10 karakter/)]);
    const unknown = await adminCreate("18.03", "admin.lampura", `${PASSWORD}\n`);
    expect([unknown.code, unknown.output]).toEqual([1, expect.stringMatching(/kabupaten 18\.03 belum ada di basis data/)]);
    const taken = await adminCreate("18.02", "admin.bappeda.lamsel", `${PASSWORD}\n`);
    expect([taken.code, taken.output]).toEqual([1, expect.stringMatching(/nama pengguna admin\.bappeda\.lamsel sudah dipakai/)]);
    expect(await accountsOf("18.02")).toEqual([]);
  }, 120_000);

  it.runIf(existsSync("/usr/bin/script"))("asks twice at a terminal with echo off", async () => {
    const typed = await adminCreate("18.02", "admin.lamteng", "", true);
    expect(typed.code, typed.output).toBe(0);
    expect(typed.output).toMatch(/Kata sandi admin \(tidak ditampilkan\): [\s\S]*Ulangi kata sandi: [\s\S]*dibuat: admin\.lamteng/);
    expect(typed.output).not.toContain(PASSWORD);
    const [admin] = await accountsOf("18.02");
    expect(await verifyPassword(`${PASSWORD}-tty`, admin!.password_hash)).toBe(true);
  }, 120_000);
});
