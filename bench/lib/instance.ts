/**
 * An isolated Musrenbang Sync for the intake and fault benches: what `npm start` does (migrations, the seed from
 * scripts/seed.ts, `wrangler dev` offline), but in a temporary --persist-to directory on a free port, in
 * its own process group so it can be stopped (or killed, for the restart fault) as a whole and started again on
 * the same data. Everything it starts is registered for cleanup, also when the bench fails or is interrupted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { once } from "node:events";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { plannedSeed } from "../../scripts/seed.ts";

export const projectRoot = join(import.meta.dirname, "../..");
const wranglerBin = join(projectRoot, "node_modules/.bin/wrangler");

/** Offline wrangler, as scripts/wrangler.ts runs it; its debug logs go to the bench's temporary directory. */
export function offlineEnv(logDir: string): NodeJS.ProcessEnv {
  return { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true", WRANGLER_LOG_PATH: logDir };
}

// ---------------------------------------------------------------------------------------------------- cleanup

const cleanups = new Set<() => Promise<void>>();
let exiting = false;

/** Runs every registered cleanup once (latest first); safe to call more than once. */
export async function cleanupAll(): Promise<void> {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    await fn().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n${signal}: stopping what the bench started`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

/** Runs `main`, then always cleans up; exits non-zero when it threw. */
export async function withCleanup(main: () => Promise<number | void>): Promise<void> {
  let code = 0;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    code = 1;
  } finally {
    await cleanupAll();
  }
  process.exit(code);
}

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  if (!process.env.KEEP_TMP) cleanups.add(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

// ---------------------------------------------------------------------------------------------------- wrangler

/** Runs wrangler to completion and returns its standard output; the output is shown only when it fails. */
export function wrangler(args: readonly string[], logDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(wranglerBin, args, { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"], env: offlineEnv(logDir) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const stdout = Buffer.concat(out).toString();
      if (code === 0) return resolve(stdout);
      reject(new Error(`wrangler ${args.join(" ").slice(0, 300)} failed (exit ${code ?? signal}):\n${(stdout + Buffer.concat(err).toString()).slice(-4000)}`));
    });
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

export interface InstanceOptions {
  /** Wrangler config, relative to the project root (default: the project's wrangler.toml). */
  config?: string;
  /** Extra `--var NAME:value` for wrangler dev. */
  vars?: Record<string, string>;
  /** wrangler dev --log-level (default "info", as `npm start`). */
  logLevel?: string;
  /**
   * Open-files limit to ask for wrangler dev (default: env NOFILE, else 1048576; "inherit" keeps the shell's).
   * Local workerd keeps the SQLite files of live Workflow instances open (database, WAL, shared memory): 10,000
   * waiting lifecycles held 19,287 descriptors in bench:intake. Raising the hard limit needs
   * CAP_SYS_RESOURCE; without it the soft limit goes up to the hard one and no further (check nofile()).
   */
  nofile?: number | "inherit";
}

/** Open-files limit (soft) this process got, from /proc. */
export async function currentNofile(pid: number | "self" = "self"): Promise<number> {
  const limits = await readFile(`/proc/${pid}/limits`, "utf8").catch(() => "");
  return Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? Number.NaN);
}

export class Instance {
  readonly persistTo: string;
  readonly dir: string;
  readonly config: string;
  port = 0;
  url = "";
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private starts = 0;
  private readonly options: InstanceOptions;

  private constructor(dir: string, options: InstanceOptions) {
    this.dir = dir;
    this.persistTo = join(dir, "state");
    this.options = options;
    this.config = options.config ?? "wrangler.toml";
    cleanups.add(() => this.stop());
  }

  /** A fresh instance: temporary directory, migrations and seed applied, not started yet. */
  static async create(prefix: string, options: InstanceOptions = {}): Promise<Instance> {
    const instance = new Instance(await tempDir(prefix), options);
    await instance.prepare();
    return instance;
  }

  private d1Args() {
    return ["--local", "--persist-to", this.persistTo, "--config", this.config];
  }

  /** `wrangler d1 migrations apply`, then the seed `npm start` loads (the same plannedSeed as scripts/seed.ts). */
  private async prepare(): Promise<void> {
    const t0 = Date.now();
    await wrangler(["d1", "migrations", "apply", "DB", ...this.d1Args()], this.dir);
    const plan = await plannedSeed({ remote: false, kabupaten: [] });
    const file = join(this.dir, "seed.sql");
    await writeFile(file, plan.statements.join("\n"));
    await wrangler(["d1", "execute", "DB", ...this.d1Args(), "--file", file, "--yes"], this.dir);
    await rm(file, { force: true });
    console.log(`instance: migrated and seeded ${this.persistTo} in ${((Date.now() - t0) / 1000).toFixed(1)} s (${Object.entries(plan.counts).map(([k, n]) => `${k}=${n}`).join(" ")})`);
  }

  /** SQL through `wrangler d1 execute --local --persist-to ... --json` (works next to a running wrangler dev). */
  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const out = await wrangler(["d1", "execute", "DB", ...this.d1Args(), "--json", "--command", sql], this.dir);
    const parsed = JSON.parse(out) as { results: T[]; success: boolean }[];
    return parsed.flatMap((r) => r.results);
  }

  /** `wrangler dev` in its own process group; resolves once /health answers. Same port on every restart. `vars` add to the options' for this start. */
  async start(vars: Record<string, string> = {}): Promise<void> {
    if (this.child) throw new Error("already running");
    if (!this.port) this.port = await freePort();
    const inspector = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    this.starts++;
    const logFile = join(this.dir, `wrangler-dev-${this.starts}.log`);
    this.log = createWriteStream(logFile);
    const args = [
      "dev",
      "--config", this.config,
      "--persist-to", this.persistTo,
      "--ip", "127.0.0.1",
      "--port", String(this.port),
      "--inspector-port", String(inspector),
      "--test-scheduled",
      "--show-interactive-dev-session=false",
      "--log-level", this.options.logLevel ?? "info",
      ...Object.entries({ ...this.options.vars, ...vars }).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ];
    const nofile = this.options.nofile ?? (process.env.NOFILE === "inherit" ? "inherit" : Number(process.env.NOFILE ?? 1_048_576));
    // Through sh, to raise the open-files limit first (root may raise the hard limit too); `exec` keeps the pid.
    const raise = nofile === "inherit" ? "" : `ulimit -Hn ${nofile} 2>/dev/null; ulimit -n ${nofile} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; `;
    const child = spawn("/bin/sh", ["-c", `${raise}exec "$0" "$@"`, wranglerBin, ...args], { cwd: projectRoot, env: offlineEnv(this.dir), stdio: ["ignore", "pipe", "pipe"], detached: true });
    this.child = child;
    child.stdout?.pipe(this.log);
    child.stderr?.pipe(this.log);
    child.on("exit", () => {
      if (this.child === child) this.child = null;
    });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.child !== child) throw new Error(`wrangler dev exited early, see ${logFile}`);
      try {
        const response = await fetch(`${this.url}/health`);
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await this.stop();
    throw new Error(`wrangler dev did not answer /health within 90 s, see ${logFile}`);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The open-files limit wrangler dev runs with. */
  async nofile(): Promise<number> {
    return this.child?.pid ? currentNofile(this.child.pid) : Number.NaN;
  }

  /** What wrangler dev's logs say went wrong: runtime crashes (it restarts workerd) and SQLite open failures. */
  async logProblems(): Promise<{ crashes: number; reloads: number; cantOpen: number; errors: number }> {
    const result = { crashes: 0, reloads: 0, cantOpen: 0, errors: 0 };
    for (const name of await readdir(this.dir)) {
      if (!name.startsWith("wrangler-dev-")) continue;
      // Colour codes split "[ERROR]" in wrangler's output.
      const text = stripVTControlCharacters(await readFile(join(this.dir, name), "utf8"));
      result.crashes += text.match(/Workers runtime crashed unexpectedly/g)?.length ?? 0;
      // wrangler dev reloads the Worker when a source file changes: in-flight requests and steps are cut off.
      result.reloads += text.match(/Reloading local server/g)?.length ?? 0;
      result.cantOpen += text.match(/SQLITE_CANTOPEN/g)?.length ?? 0;
      result.errors += text.match(/\[ERROR\]/g)?.length ?? 0;
    }
    return result;
  }

  /** Ends wrangler dev and its workerd processes: the whole process group, SIGTERM (or SIGKILL: a crash). */
  async stop(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    const pid = child.pid;
    const gone = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, "exit").then(() => undefined);
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    await gone;
    clearTimeout(timer);
    // workerd may outlive wrangler by a moment: nothing of the group may be left.
    for (let i = 0; i < 20; i++) {
      try {
        process.kill(-pid, 0);
      } catch {
        break;
      }
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.child = null;
    this.log?.end();
    this.log = null;
  }

  /** Runs the cron handler once (the lifecycle reconciler and the webhook sweep), as `npm start` does at boot. */
  async cron(): Promise<void> {
    const response = await fetch(`${this.url}/__scheduled?cron=${encodeURIComponent("*/10 * * * *")}`);
    await response.arrayBuffer();
  }
}

/** CPU seconds (user+system) of a process group's processes, from /proc: what wrangler dev and workerd used. */
export async function groupCpuSeconds(pgid: number | undefined): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (pgid === undefined) return result;
  const ticks = 100; // USER_HZ on Linux
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const name = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      // fields[0] = state (field 3); pgrp is field 5, utime 14, stime 15
      if (Number(fields[2]) !== pgid) continue;
      const cpu = (Number(fields[11]) + Number(fields[12])) / ticks;
      const cmd = (await readFile(`/proc/${entry}/cmdline`, "utf8")).split("\0").filter(Boolean);
      // wrangler dev runs two workerd processes: its proxy on the public port, and the Worker itself (with D1,
      // Queues, Workflows, rate limiters as Durable Objects) on an internal one, with the inspector.
      const isWorkerd = name === "workerd" || cmd.some((c) => c.endsWith("/workerd"));
      const label = isWorkerd ? (cmd.some((c) => c.startsWith("--inspector-addr")) ? "workerd-main" : "workerd-proxy") : "wrangler-node";
      result.set(`${label}#${entry}`, cpu);
    } catch {
      // process ended meanwhile
    }
  }
  return result;
}

/** Resident memory (MB) of a process group's processes, summed, and the most descriptors one of them holds. */
export async function groupMemory(pgid: number | undefined): Promise<{ rssMb: number; maxFds: number }> {
  if (pgid === undefined) return { rssMb: 0, maxFds: 0 };
  let kb = 0;
  let maxFds = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${entry}/status`, "utf8"));
      kb += Number(rss?.[1] ?? 0);
      maxFds = Math.max(maxFds, (await readdir(`/proc/${entry}/fd`)).length);
    } catch {
      // process ended meanwhile
    }
  }
  return { rssMb: kb / 1024, maxFds };
}
