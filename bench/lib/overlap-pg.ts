/**
 * A throwaway PostgreSQL cluster for the Decidim baseline: Debian's packages (installed when missing), initdb in a
 * temporary directory as the `postgres` user (initdb refuses root), listening on a free loopback port only.
 *
 * Timing is server-side: a PL/pgSQL function runs each probe as dynamic SQL (`EXECUTE ... USING`, planned with
 * the probe's value as a client's parameterised query is) between two clock_timestamp() readings, so the figures
 * are planning + execution in the server, without psql, the socket or EXPLAIN ANALYZE's per-row instrumentation.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdir, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { freePort, track } from "./overlap-d1.ts";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv; echo?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"], env: options.env ?? process.env }));
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.echo) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin?.on("error", () => {}); // the child may exit before reading all of it; its exit code tells
    child.stdin?.end(options.input);
  });
}

async function must(command: string, args: readonly string[], options: { input?: string; echo?: boolean } = {}): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.code}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** The newest PostgreSQL server binaries Debian installed, e.g. /usr/lib/postgresql/15/bin. */
function serverBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin/initdb")) && existsSync(join(root, v, "lib/pg_trgm.so")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], "bin");
}

/** PostgreSQL with pg_trgm from Debian: present, or installed with apt-get (printed as it goes). */
export async function ensurePostgres(log: (line: string) => void): Promise<string> {
  let bin = serverBin();
  if (bin !== null) {
    log(`postgresql: found ${bin}`);
    return bin;
  }
  if (userInfo().uid !== 0) throw new Error("PostgreSQL is not installed and installing it needs root (apt-get install postgresql postgresql-contrib)");
  log("postgresql: not installed; running apt-get update && apt-get install -y postgresql postgresql-contrib");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", "postgresql", "postgresql-contrib"]]) {
    log(`$ apt-get ${args.join(" ")}`);
    const result = await run("apt-get", args, { env, echo: true });
    if (result.code !== 0) throw new Error(`apt-get ${args.join(" ")} failed (${result.code})`);
  }
  bin = serverBin();
  if (bin === null) throw new Error("apt-get finished but no PostgreSQL server with pg_trgm was found under /usr/lib/postgresql");
  log(`postgresql: installed ${bin}`);
  return bin;
}

export interface Cluster {
  version: string;
  port: number;
  /** psql with ON_ERROR_STOP; -A -t output (unaligned, tuples only). */
  sql(database: string, script: string): Promise<string>;
  stop(): Promise<void>;
}

const asPostgres = (command: string, args: readonly string[]) => (userInfo().uid === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args]) as [string, string[]];

/** initdb + pg_ctl start in `dir` (owned by postgres), on a free 127.0.0.1 port, sockets in the same directory. */
export async function startCluster(bin: string, dir: string): Promise<Cluster> {
  await mkdir(dir, { recursive: true });
  if (userInfo().uid === 0) {
    const { uid, gid } = await postgresIds();
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o700);
  const data = join(dir, "data");
  const port = await freePort();
  await must(...asPostgres(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]));
  // Defaults otherwise (a stock server, as Decidim gets it); no fsync: the data is thrown away.
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await must(...asPostgres(join(bin, "pg_ctl"), ["-D", data, "-l", join(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]));
  const psql = existsSync(join(bin, "psql")) ? join(bin, "psql") : "psql";
  const sql = (database: string, script: string) =>
    must(...asPostgres(psql, ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", database, "-f", "-"]), { input: script });
  const version = (await sql("postgres", "SHOW server_version;")).trim();
  let stopped = false;
  return {
    version,
    port,
    sql,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await run(...asPostgres(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]));
    },
  };
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await must("id", ["-u", "postgres"])).trim());
  const gid = Number((await must("id", ["-g", "postgres"])).trim());
  return { uid, gid };
}

/** COPY text format: backslash, tab and line breaks escaped. */
const copyField = (value: string) => value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

export interface PgRow {
  id: string;
  title: string;
  body: string;
}

/** A database holding `proposals(id, title, body)` with GIN trigram indexes on title and body. */
export async function loadProposals(cluster: Cluster, database: string, rows: readonly PgRow[], dir: string): Promise<void> {
  const file = join(dir, `${database}.tsv`);
  await writeFile(file, rows.map((r) => `${copyField(r.id)}\t${copyField(r.title)}\t${copyField(r.body)}\n`).join(""));
  if (userInfo().uid === 0) {
    const { uid, gid } = await postgresIds();
    await chown(file, uid, gid);
  }
  await cluster.sql("postgres", `CREATE DATABASE ${database};`);
  await cluster.sql(
    database,
    `CREATE EXTENSION pg_trgm;
CREATE TABLE proposals (id text PRIMARY KEY, title text NOT NULL, body text NOT NULL);
\\copy proposals FROM '${file}'
CREATE INDEX proposals_title_trgm ON proposals USING gin (title gin_trgm_ops);
CREATE INDEX proposals_body_trgm ON proposals USING gin (body gin_trgm_ops);
VACUUM ANALYZE proposals;`,
  );
}

export const DECIDIM_QUERY = "SELECT id FROM proposals WHERE GREATEST(similarity(title, $1), similarity(body, $1)) >= 0.25 LIMIT 10";
export const INDEXED_QUERY = "SELECT id FROM proposals WHERE title % $1 OR body % $1";

export interface PgTiming {
  ms: number[];
  found: number[];
  plan: string;
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Runs `query` once per probe (after `warmup` unrecorded runs) in one session, timed in the server; stops early when
 * the recorded runs pass `budgetMs` (at least `minRuns`). Also returns the plan's scan nodes for one probe.
 */
export async function timeQuery(cluster: Cluster, database: string, query: string, probes: readonly string[], options: { warmup: number; budgetMs: number; minRuns: number }): Promise<PgTiming> {
  const counted = `SELECT count(*) FROM (${query}) q`;
  const script = `SET pg_trgm.similarity_threshold = 0.25;
CREATE TEMP TABLE probes (n int, q text);
INSERT INTO probes VALUES ${probes.map((q, n) => `(${n}, ${literal(q)})`).join(",\n")};
CREATE TEMP TABLE timings (n int, ms double precision, found int);
DO $bench$
DECLARE
  p record;
  t0 timestamptz;
  c int;
  spent double precision := 0;
  done int := 0;
BEGIN
  FOR p IN SELECT * FROM probes WHERE n < ${options.warmup} ORDER BY n LOOP
    EXECUTE ${literal(counted)} INTO c USING p.q;
  END LOOP;
  FOR p IN SELECT * FROM probes WHERE n >= ${options.warmup} ORDER BY n LOOP
    t0 := clock_timestamp();
    EXECUTE ${literal(counted)} INTO c USING p.q;
    INSERT INTO timings VALUES (p.n, extract(epoch FROM clock_timestamp() - t0) * 1000, c);
    spent := spent + extract(epoch FROM clock_timestamp() - t0) * 1000;
    done := done + 1;
    EXIT WHEN done >= ${options.minRuns} AND spent > ${options.budgetMs};
  END LOOP;
END
$bench$;
SELECT 'T', ms, found FROM timings ORDER BY n;
PREPARE probe(text) AS ${query};
EXPLAIN (COSTS OFF) EXECUTE probe(${literal(probes[0] ?? "")});
`;
  const out = await cluster.sql(database, script);
  const ms: number[] = [];
  const found: number[] = [];
  const plan: string[] = [];
  for (const line of out.split("\n")) {
    const [tag, a, b] = line.split("|");
    if (tag === "T" && a !== undefined && b !== undefined) {
      ms.push(Number(a));
      found.push(Number(b));
    } else if (line.trim() !== "") plan.push(line.trim());
  }
  const nodes = plan.filter((l) => /Scan|Limit|BitmapOr|Gather/.test(l)).map((l) => l.replace(/^->\s*/, "").replace(/ on proposals.*$| using .*$/, ""));
  return { ms, found, plan: [...new Set(nodes)].join(" > ") };
}
