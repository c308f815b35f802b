/**
 * Local D1 for the overlap bench: SQL files executed with `wrangler d1 execute --local --file` (what
 * `npm run seed` does), the bench Worker started with `wrangler dev`, all against one --persist-to directory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import { sqlLiteral } from "../../shared/db/upsert-sql.ts";

export const projectRoot = join(import.meta.dirname, "../..");

/** Offline wrangler (as scripts/wrangler.ts runs it), its debug logs kept in `logDir` (the bench's temporary directory). */
export function wranglerEnv(logDir: string): NodeJS.ProcessEnv {
  return { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true", WRANGLER_LOG_PATH: logDir };
}

/** Short-lived children (wrangler d1, psql, initdb) still running, so an interrupted bench can end them. */
const running = new Set<ChildProcess>();
export function track<T extends ChildProcess>(child: T): T {
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}
export function killRunning(): void {
  for (const child of running) child.kill("SIGTERM");
}

/** Runs wrangler to completion; its output is kept and shown only when it fails. */
export function wrangler(args: readonly string[], logDir: string): Promise<void> {
  const bin = join(projectRoot, "node_modules/.bin/wrangler");
  return new Promise((resolve, reject) => {
    const child = track(spawn(bin, args, { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"], env: wranglerEnv(logDir) }));
    const held: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => held.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => held.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) return resolve();
      reject(new Error(`wrangler ${args.join(" ")} failed (exit ${code ?? signal}):\n${Buffer.concat(held).toString().slice(-4000)}`));
    });
  });
}

export const BENCH_CONFIG = "bench/wrangler.overlap.toml";
/** D1 refuses statements over 100 KB; stay clearly under it, as shared/db/upsert-sql.ts does. */
export const MAX_STATEMENT_BYTES = 90_000;

/**
 * Writes statements into files of at most `maxBytes` each (one `wrangler d1 execute` per file: each runs as one
 * D1 batch, and a smaller file keeps wrangler's memory and its one request to workerd bounded).
 */
export async function writeSqlFiles(dir: string, name: string, statements: Iterable<string>, maxBytes: number): Promise<{ files: string[]; bytes: number; statements: number }> {
  const files: string[] = [];
  let out: ReturnType<typeof createWriteStream> | null = null;
  let size = 0;
  let bytes = 0;
  let count = 0;
  const close = async () => {
    if (out === null) return;
    out.end();
    await once(out, "finish");
    out = null;
  };
  for (const statement of statements) {
    const length = Buffer.byteLength(statement) + 1;
    if (out === null || size + length > maxBytes) {
      await close();
      const file = join(dir, `${name}-${String(files.length).padStart(3, "0")}.sql`);
      files.push(file);
      out = createWriteStream(file);
      size = 0;
    }
    if (!out.write(`${statement}\n`)) await once(out, "drain");
    size += length;
    bytes += length;
    count++;
  }
  await close();
  return { files, bytes, statements: count };
}

/** Multi-row INSERTs of (band_key, proposal_id) near the statement limit. */
export function* bucketStatements(rows: Iterable<readonly [string, string]>): Generator<string> {
  const head = 'INSERT INTO "overlap_buckets" ("band_key", "proposal_id") VALUES ';
  const tail = " ON CONFLICT DO NOTHING;";
  let values: string[] = [];
  let size = head.length + tail.length;
  for (const [key, id] of rows) {
    const tuple = `(${sqlLiteral(key)},${sqlLiteral(id)})`;
    if (size + tuple.length + 1 > MAX_STATEMENT_BYTES && values.length > 0) {
      yield head + values.join(",") + tail;
      values = [];
      size = head.length + tail.length;
    }
    values.push(tuple);
    size += tuple.length + 1;
  }
  if (values.length > 0) yield head + values.join(",") + tail;
}

const persistArgs = (persistTo: string) => ["--local", "--persist-to", persistTo, "--config", BENCH_CONFIG];

export async function applyMigrations(persistTo: string, logDir: string): Promise<void> {
  await wrangler(["d1", "migrations", "apply", "DB", ...persistArgs(persistTo)], logDir);
}

export async function executeFile(persistTo: string, file: string, logDir: string): Promise<void> {
  await wrangler(["d1", "execute", "DB", ...persistArgs(persistTo), "--file", file, "--yes"], logDir);
}

/** The D1 SQLite files under a persist directory (database, WAL, shared memory) and their total size. */
export async function d1Files(persistTo: string): Promise<{ database: string | null; bytes: number }> {
  const dir = join(persistTo, "v3/d1/miniflare-D1DatabaseObject");
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch {
    return { database: null, bytes: 0 };
  }
  let bytes = 0;
  let database: string | null = null;
  for (const name of names) {
    if (!name.includes(".sqlite")) continue;
    bytes += (await stat(join(dir, name))).size;
    if (name.endsWith(".sqlite") && name !== "metadata.sqlite") database = join(dir, name);
  }
  return { database, bytes };
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

export interface DevServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `wrangler dev` for the bench Worker in its own process group, so stop() ends wrangler and its workerd together. */
export async function startDev(persistTo: string, logFile: string, logDir: string): Promise<DevServer> {
  const port = await freePort();
  const inspector = await freePort();
  const bin = join(projectRoot, "node_modules/.bin/wrangler");
  const log = createWriteStream(logFile);
  const child = spawn(
    bin,
    ["dev", "--config", BENCH_CONFIG, "--persist-to", persistTo, "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false", "--log-level", "warn"],
    { cwd: projectRoot, env: wranglerEnv(logDir), stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = once(child, "exit");
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    await gone;
    clearTimeout(timer);
    // workerd may outlive wrangler by a moment; make sure nothing of the group is left.
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // group empty
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`wrangler dev exited early, see ${logFile}`);
    try {
      const response = await fetch(`${url}/ready`);
      await response.arrayBuffer();
      return { url, child, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await stop();
  throw new Error(`wrangler dev did not answer within 60 s, see ${logFile}`);
}
