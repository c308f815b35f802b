/**
 * `npm run bench:overlap`: how fast one overlap check is as the data grows, side by side in one run with Decidim's
 * pg_trgm query on PostgreSQL and with a brute-force scan. Prints one table (progress goes to stderr).
 *
 * Corpus (bench/lib/overlap-corpus.ts): proposals written from the real templates over every desa of Provinsi Lampung (18,
 * 2,651 villages in 15 kabupaten/kota, by default; `--scope 18.01` for Lampung Selatan alone), one planning year,
 * 5% of them rewritten variants of another proposal of the same village (abbreviations, synonyms, typos, another
 * agency's code); each routed to the agency its code names (review_tasks); the overlap index (overlap_buckets) and
 * the flags (overlap_flags) as a system holds them once every proposal has been routed and checked. Node computes
 * the band keys with the Worker's own overlapBandKeys (checked on a sample) and the flags with scoreOverlap.
 *
 * (a) detectOverlaps: bench/overlap-worker.ts under `wrangler dev` (workerd, local D1 in a throwaway --persist-to),
 *     migrations applied and the corpus loaded with `wrangler d1 execute --file` (multi-row INSERTs under D1's
 *     100 KB statement limit, files of ~48 MB). Each check is timed inside the Worker around the call.
 * (b) PostgreSQL 15 + pg_trgm from Debian (installed with apt-get when missing), a throwaway cluster on a loopback
 *     port: Decidim's `GREATEST(similarity(title, $1), similarity(body, $1)) >= 0.25 LIMIT 10` (no index can serve
 *     it) and the index-assisted `title % $1 OR body % $1 LIMIT 10` (GIN gin_trgm_ops on both columns,
 *     pg_trgm.similarity_threshold = 0.25). title = activity, body = problem + description, $1 = the checked
 *     proposal's activity. Timed server-side (bench/lib/overlap-pg.ts).
 * (c) brute force: the Worker reads every open proposal of the kabupaten-year from D1 and scores each against the
 *     checked one, on every check.
 *
 * Options: --sizes 10000,100000  --scope 18  --checks 200  --keep (leave the temporary directory).
 * No assertions: the targets of issue 7 are printed as met or not.
 */
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { agencyId } from "../shared/agencies/agencies.ts";
import { agencies, agencyResponsibilities, overlapFlags, proposals, reviewTasks } from "../shared/db/schema.ts";
import { upsertStatements } from "../shared/db/upsert-sql.ts";
import { DEMO_KABUPATEN } from "../shared/demo/demo-kabupaten.ts";
import { LSH_BANDS, LSH_ROWS } from "../shared/overlap/minhash.ts";
import { subActivityRows } from "../shared/reference/nomenclature.ts";
import { regionRows } from "../shared/reference/regions.ts";
import { seedPlan } from "../scripts/seed-plan.ts";
import { readDemoAgencies, readReferenceSources } from "../scripts/reference-sources.ts";
import { mulberry32 } from "../shared/random.ts";
import { BENCH_YEAR, buildCorpus, routingTables, VARIANT_SHARE, type Corpus } from "./lib/overlap-corpus.ts";
import { applyMigrations, BENCH_CONFIG, bucketStatements, d1Files, executeFile, killRunning, projectRoot, startDev, writeSqlFiles, type DevServer } from "./lib/overlap-d1.ts";
import { DECIDIM_QUERY, ensurePostgres, loadProposals, startCluster, timeQuery, type Cluster } from "./lib/overlap-pg.ts";
import { bytes, fmt, mean, percentile, seconds, table } from "./lib/overlap-stats.ts";

const { values: flags } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    scope: { type: "string", default: "18" },
    checks: { type: "string", default: "200" },
    keep: { type: "boolean", default: false },
  },
});
const SIZES = flags.sizes.split(",").map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const SCOPE = flags.scope;
const CHECKS = Number(flags.checks);
const WARMUP = 20;
/** Each slower method runs until this much time is spent (at least MIN_RUNS), at most CHECKS times. */
const SLOW_BUDGET_MS = 20_000;
const MIN_RUNS = 8;
const FILE_BYTES = 48_000_000;
/** Index-assisted variant: Decidim's contract (up to 10 similar proposals) served by the GIN indexes. */
const INDEXED_QUERY = "SELECT id FROM proposals WHERE title % $1 OR body % $1 LIMIT 10";
/** Decidim's predicate without its LIMIT: what a probe pays when fewer than 10 rows match (the whole table scanned). */
const FULL_SCAN_QUERY = DECIDIM_QUERY.replace(/ LIMIT 10$/, "");

const started = performance.now();
const progress = (line: string) => process.stderr.write(`[${seconds(performance.now() - started).padStart(7)}] ${line}\n`);
const label = (size: number) => (size % 1000 === 0 ? `${size / 1000}k` : String(size));

// ------------------------------------------------------------------------------------------------ cleanup
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    killRunning();
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`cleanup: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ------------------------------------------------------------------------------------------------ measurements
interface CheckAnswer {
  ms: number;
  candidates: number;
  flagged: number;
  d1: Record<string, number>;
  d1Calls: number;
}
interface ScanAnswer {
  ms: number;
  readMs: number;
  rescoreMs: number | null;
  compared: number;
  flagged: number;
}
interface Row {
  corpus: string;
  method: string;
  ms: number[];
  notes: string;
}
interface SizeResult {
  size: number;
  corpus: Corpus["stats"];
  checks: CheckAnswer[];
  roundTrip: number[];
  scans: ScanAnswer[];
  decidim: { ms: number[]; found: number[]; plan: string };
  fullScan: { ms: number[]; found: number[]; plan: string };
  indexed: { ms: number[]; found: number[]; plan: string };
  d1: { fileBytes: number; buckets: number; bucketBytes: number; tables: { name: string; bytes: number }[] };
  phases: Record<string, number>;
  sqlBytes: number;
  sqlFiles: number;
  loadavg: [number, number];
}

async function post<T>(url: string): Promise<{ body: T; roundTrip: number }> {
  const t = performance.now();
  const response = await fetch(url, { method: "POST" });
  const text = await response.text();
  const roundTrip = performance.now() - t;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${text.slice(0, 500)}`);
  return { body: JSON.parse(text) as T, roundTrip };
}

/** Deterministic sample of distinct proposal ids. */
function sample(ids: readonly string[], count: number, seed: number): string[] {
  const rng = mulberry32(seed);
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, ids.length)) chosen.add(ids[Math.floor(rng() * ids.length)]!);
  return [...chosen];
}

/** Checkpoints the WAL into the database file (no wrangler runs now) and measures tables and indexes with dbstat. */
async function inspectDatabase(file: string): Promise<{ tables: { name: string; bytes: number }[]; buckets: number }> {
  const emit = process.emitWarning;
  process.emitWarning = (() => {}) as typeof process.emitWarning; // node:sqlite's "experimental" notice
  const { DatabaseSync } = await import("node:sqlite");
  process.emitWarning = emit;
  const db = new DatabaseSync(file);
  try {
    db.exec("PRAGMA wal_checkpoint(TRUNCATE);");
    const tables = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC").all() as { name: string; bytes: number }[];
    const { n } = db.prepare("SELECT count(*) AS n FROM overlap_buckets").get() as { n: number };
    return { tables: tables.map((t) => ({ name: String(t.name), bytes: Number(t.bytes) })), buckets: Number(n) };
  } finally {
    db.close();
  }
}

async function benchSize(size: number, context: { tmp: string; cluster: Cluster; referenceStatements: string[]; regions: ReturnType<typeof regionRows>; routing: ReturnType<typeof routingTables> }): Promise<SizeResult> {
  const phases: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      phases[name] = (phases[name] ?? 0) + performance.now() - t;
    }
  };
  const tag = label(size);

  progress(`${tag}: generating the corpus (${SCOPE === "18" ? "Provinsi Lampung" : SCOPE}, ${VARIANT_SHARE * 100}% rewritten variants, band keys, steady-state flags)`);
  const corpus = await timed("generate", () => buildCorpus(context.regions, context.routing, { size, scope: SCOPE, threads: Math.min(2, availableParallelism()) }));
  const s = corpus.stats;
  progress(`${tag}: ${corpus.proposals.length} proposals, ${s.bucketRows} bucket rows, ${s.candidatePairs} candidate pairs, ${s.flags} flags (${s.crossAgencyFlags} cross-agency); ${s.variantsFlagged}/${corpus.variants.size} variants flagged`);

  // ---------------------------------------------------------------------------------------------- D1
  const sqlDir = join(context.tmp, `sql-${tag}`);
  const persist = join(context.tmp, `d1-${tag}`);
  await mkdir(sqlDir, { recursive: true });
  const written = await timed("write SQL", async () => {
    const reference = await writeSqlFiles(sqlDir, "0-reference", context.referenceStatements, FILE_BYTES);
    const rows = await writeSqlFiles(
      sqlDir,
      "1-proposals",
      [
        ...upsertStatements(proposals, corpus.proposals, { onConflict: "ignore" }),
        ...upsertStatements(reviewTasks, corpus.tasks, { onConflict: "ignore" }),
        ...upsertStatements(overlapFlags, corpus.flags, { onConflict: "ignore" }),
      ],
      FILE_BYTES,
    );
    function* bucketRows(): Generator<readonly [string, string]> {
      for (let i = 0; i < corpus.proposals.length; i++) for (const key of corpus.keys[i]!) yield [key, corpus.proposals[i]!.id!];
    }
    const buckets = await writeSqlFiles(sqlDir, "2-buckets", bucketStatements(bucketRows()), FILE_BYTES);
    return { files: [...reference.files, ...rows.files, ...buckets.files], bytes: reference.bytes + rows.bytes + buckets.bytes, buckets };
  });
  progress(`${tag}: ${written.files.length} SQL files, ${bytes(written.bytes)}; applying migrations and loading D1`);
  await timed("D1 migrations", () => applyMigrations(persist, context.tmp));
  for (const file of written.files) {
    const name = file.includes("2-buckets") ? "D1 load buckets" : "D1 load rows";
    await timed(name, () => executeFile(persist, file, context.tmp));
  }
  await rm(sqlDir, { recursive: true, force: true });
  const files = await d1Files(persist);
  if (files.database === null) throw new Error(`no D1 database under ${persist}`);
  const inspected = await inspectDatabase(files.database);
  const fileBytes = (await d1Files(persist)).bytes;
  const bucketBytes = inspected.tables.filter((t) => t.name === "overlap_buckets" || t.name.includes("overlap_buckets")).reduce((n, t) => n + t.bytes, 0);
  progress(`${tag}: D1 holds ${bytes(fileBytes)}, overlap_buckets ${inspected.buckets} rows / ${bytes(bucketBytes)} with its indexes`);

  // ---------------------------------------------------------------------------------------------- checks
  const ids = corpus.proposals.map((p) => p.id!);
  const probes = sample(ids, WARMUP + CHECKS, size ^ 0x5eed);
  const warm = probes.slice(0, WARMUP);
  const measured = probes.slice(WARMUP);
  const dev: DevServer = await timed("start wrangler dev", () => startDev(persist, join(context.tmp, `wrangler-dev-${tag}.log`), context.tmp));
  cleanups.push(() => dev.stop());
  const checks: CheckAnswer[] = [];
  const roundTrip: number[] = [];
  const scans: ScanAnswer[] = [];
  const load0 = loadavg()[0]!;
  try {
    await timed("checks", async () => {
      progress(`${tag}: ${warm.length} warm-up checks, then ${measured.length} timed checks`);
      for (const id of warm) await post<CheckAnswer>(`${dev.url}/check?id=${id}`);
      for (const id of measured) {
        const answer = await post<CheckAnswer>(`${dev.url}/check?id=${id}`);
        checks.push(answer.body);
        roundTrip.push(answer.roundTrip);
      }
    });
    await timed("scans", async () => {
      progress(`${tag}: brute-force scans (up to ${seconds(SLOW_BUDGET_MS)}, at least ${MIN_RUNS})`);
      await post<ScanAnswer>(`${dev.url}/scan?id=${warm[0]}`);
      let spent = 0;
      for (const id of measured) {
        const t = performance.now();
        scans.push((await post<ScanAnswer>(`${dev.url}/scan?id=${id}&rescore=1`)).body);
        spent += performance.now() - t;
        if (scans.length >= MIN_RUNS && spent > SLOW_BUDGET_MS) break;
      }
    });
  } finally {
    await dev.stop();
  }
  const load1 = loadavg()[0]!;
  await rm(persist, { recursive: true, force: true });

  // ---------------------------------------------------------------------------------------------- PostgreSQL
  const database = `bench_${tag}`;
  progress(`${tag}: loading PostgreSQL (COPY, GIN trigram indexes on title and body)`);
  await timed("PostgreSQL load", () =>
    loadProposals(
      context.cluster,
      database,
      corpus.proposals.map((p) => ({ id: p.id!, title: p.activity, body: [p.problem, p.description].filter(Boolean).join(" ") })),
      join(context.tmp, "pg"),
    ),
  );
  const byId = new Map(corpus.proposals.map((p) => [p.id!, p.activity]));
  const pgProbes = [...warm.slice(0, 5), ...measured].map((id) => byId.get(id)!);
  progress(`${tag}: timing Decidim's query (up to ${seconds(SLOW_BUDGET_MS)})`);
  const decidim = await timed("PostgreSQL queries", () => timeQuery(context.cluster, database, DECIDIM_QUERY, pgProbes, { warmup: 5, budgetMs: SLOW_BUDGET_MS, minRuns: MIN_RUNS * 2 }));
  progress(`${tag}: timing Decidim's predicate without LIMIT (up to ${seconds(SLOW_BUDGET_MS / 2)})`);
  const fullScan = await timed("PostgreSQL queries", () => timeQuery(context.cluster, database, FULL_SCAN_QUERY, pgProbes, { warmup: 1, budgetMs: SLOW_BUDGET_MS / 2, minRuns: 5 }));
  progress(`${tag}: timing the index-assisted query`);
  const indexed = await timed("PostgreSQL queries", () => timeQuery(context.cluster, database, INDEXED_QUERY, pgProbes, { warmup: 5, budgetMs: SLOW_BUDGET_MS, minRuns: MIN_RUNS * 2 }));
  await context.cluster.sql("postgres", `DROP DATABASE ${database};`);

  return {
    size,
    corpus: corpus.stats,
    checks,
    roundTrip,
    scans,
    decidim,
    fullScan,
    indexed,
    d1: { fileBytes, buckets: inspected.buckets, bucketBytes, tables: inspected.tables },
    phases,
    sqlBytes: written.bytes,
    sqlFiles: written.files.length,
    loadavg: [load0, load1],
  };
}

// ------------------------------------------------------------------------------------------------ report
function report(results: readonly SizeResult[], context: { pgVersion: string; cpus: number }): void {
  const rows: Row[] = [];
  for (const r of results) {
    const tag = label(r.size);
    const candidates = r.checks.map((c) => c.candidates);
    const d1Total = r.checks.map((c) => Object.values(c.d1).reduce((a, b) => a + b, 0));
    rows.push({
      corpus: tag,
      method: "ours: detectOverlaps (workerd, local D1)",
      ms: r.checks.map((c) => c.ms),
      notes: `n=${r.checks.length}; timed in the Worker (1 ms clock ticks); client round trip p50/p95 ${fmt(percentile(r.roundTrip, 50))}/${fmt(percentile(r.roundTrip, 95))}; candidates mean ${fmt(mean(candidates))} max ${Math.max(...candidates)}; flags mean ${fmt(mean(r.checks.map((c) => c.flagged)))}; D1 calls ${fmt(mean(r.checks.map((c) => c.d1Calls)), 0)}/check, ${fmt(mean(d1Total))} ms of it in D1`,
    });
    const foundAll = (f: number[]) => `${f.filter((n) => n >= 10).length}/${f.length} stopped at 10 rows`;
    rows.push({
      corpus: tag,
      method: "Decidim: GREATEST(similarity(..)) >= 0.25 LIMIT 10",
      ms: r.decidim.ms,
      notes: `n=${r.decidim.ms.length}; server-side; plan ${r.decidim.plan}; ${foundAll(r.decidim.found)}`,
    });
    rows.push({
      corpus: tag,
      method: "  same predicate without LIMIT (full scan)",
      ms: r.fullScan.ms,
      notes: `n=${r.fullScan.ms.length}; server-side; plan ${r.fullScan.plan}; what Decidim's query costs when fewer than 10 rows match; ${fmt(mean(r.fullScan.found), 0)} rows >= 0.25 on average`,
    });
    rows.push({
      corpus: tag,
      method: "pg_trgm index: title % $1 OR body % $1 LIMIT 10",
      ms: r.indexed.ms,
      notes: `n=${r.indexed.ms.length}; server-side; plan ${r.indexed.plan}; ${foundAll(r.indexed.found)}`,
    });
    const rescore = r.scans.map((s) => s.rescoreMs ?? Number.NaN);
    rows.push({
      corpus: tag,
      method: "brute force: scoreOverlap vs kabupaten-year",
      ms: r.scans.map((s) => s.ms),
      notes: `n=${r.scans.length}; all open proposals of the kabupaten-year read from D1 every check (read p50 ${fmt(percentile(r.scans.map((s) => s.readMs), 50))} ms), ${fmt(mean(r.scans.map((s) => s.compared)), 0)} compared on average; scoring alone with analyses cached in the isolate p50/p95 ${fmt(percentile(rescore, 50))}/${fmt(percentile(rescore, 95))} ms`,
    });
  }
  const footnote = [
    "Decidim's LIMIT 10 has no ORDER BY: the sequential scan stops at the first 10 rows scoring >= 0.25 anywhere in the table, and every",
    "activity in this corpus has 10 look-alikes somewhere in the province, so it never reads the whole table; the 'without LIMIT' row is",
    "what the same scan costs a proposal with fewer than 10 look-alikes. pg figures are server-side (plan + execution, clock_timestamp",
    "around EXECUTE in PL/pgSQL); ours are measured inside the Worker; the client round trip through wrangler dev adds the difference.",
  ];
  console.log(`\nOverlap check latency per proposal: PostgreSQL ${context.pgVersion}, ${context.cpus} CPUs, corpus over ${SCOPE === "18" ? "all 2,651 desa of Provinsi Lampung (18)" : SCOPE}, planning year ${BENCH_YEAR}`);
  console.log(
    table(
      ["corpus", "method", "p50 ms", "p95 ms", "notes"],
      rows.map((r) => [r.corpus, r.method, fmt(percentile(r.ms, 50)), fmt(percentile(r.ms, 95)), r.notes]),
      [false, false, true, true, false],
    ),
  );
  console.log(footnote.join("\n"));

  console.log("\nWhere a check's time goes (mean ms per check, timed around each D1 call inside the Worker; 'rest' = JavaScript: text analysis, scoring, clustering, drizzle)");
  const labels = [...new Set(results.flatMap((r) => r.checks.flatMap((c) => Object.keys(c.d1))))].sort();
  const breakdown = (name: string, checks: readonly CheckAnswer[]) => {
    const total = mean(checks.map((c) => c.ms));
    const parts = labels.map((l) => mean(checks.map((c) => c.d1[l] ?? 0)));
    return [name, String(checks.length), fmt(total, 2), ...parts.map((p) => fmt(p, 2)), fmt(total - parts.reduce((a, b) => a + b, 0), 2), fmt(mean(checks.map((c) => c.candidates)), 1), ""];
  };
  console.log(
    table(
      ["checks", "n", "total", ...labels, "rest", "candidates", ""],
      results.flatMap((r) => {
        const p95 = percentile(r.checks.map((c) => c.ms), 95);
        return [breakdown(`${label(r.size)} all`, r.checks), breakdown(`${label(r.size)} >= p95`, r.checks.filter((c) => c.ms >= p95))];
      }),
      [false, true, true, ...labels.map(() => true), true, true],
    ),
  );
  console.log("(cluster-read: the open flags around the proposal and its candidates, for the incremental cluster merge)");

  console.log("\nD1 size (SQLite file under --persist-to after loading, WAL checkpointed; dbstat per table and index)");
  console.log(
    table(
      ["corpus", "proposals", "file", "overlap_buckets rows", "buckets + indexes", "per 100k proposals", "largest objects"],
      results.map((r) => [
        label(r.size),
        String(r.size),
        bytes(r.d1.fileBytes),
        String(r.d1.buckets),
        bytes(r.d1.bucketBytes),
        `file ${bytes((r.d1.fileBytes * 100_000) / r.size)}, ${Math.round((r.d1.buckets * 100_000) / r.size)} bucket rows`,
        r.d1.tables.slice(0, 4).map((t) => `${t.name} ${bytes(t.bytes)}`).join(", "),
      ]),
      [false, true, true, true, true, false, false],
    ),
  );
  console.log(`(${LSH_BANDS} bands x ${LSH_ROWS} rows per proposal: one overlap_buckets row per band, band_key a 53-bit integer + proposal_id 30 bytes, in the table and its primary-key index)`);

  const small = results.find((r) => r.size === Math.min(...results.map((x) => x.size)));
  const large = results.find((r) => r.size === Math.max(...results.map((x) => x.size)));
  if (small && large) {
    const p95 = (r: SizeResult) => percentile(r.checks.map((c) => c.ms), 95);
    const p50 = (r: SizeResult) => percentile(r.checks.map((c) => c.ms), 50);
    const growth = p95(large) / p95(small);
    const vsDecidim = percentile(large.decidim.ms, 95) / p95(large);
    const vsDecidim50 = percentile(large.decidim.ms, 50) / p50(large);
    const vsIndexed = percentile(large.indexed.ms, 95) / p95(large);
    const met = (ok: boolean) => (ok ? "MET" : "NOT MET");
    console.log(`\nTargets (issue 7), ${label(large.size)} against ${label(small.size)}:`);
    console.log(`- p95 under 20 ms at ${label(large.size)}: ${fmt(p95(large))} ms -> ${met(p95(large) < 20)}`);
    console.log(`- under 2x growth from ${label(small.size)} to ${label(large.size)}: p95 ${fmt(p95(small))} -> ${fmt(p95(large))} ms = ${fmt(growth, 2)}x (p50 ${fmt(p50(small))} -> ${fmt(p50(large))} ms = ${fmt(p50(large) / p50(small), 2)}x) -> ${met(growth < 2)}`);
    console.log(`- at least 10x faster than Decidim's pg_trgm query at ${label(large.size)}: p95 ${fmt(percentile(large.decidim.ms, 95))} vs ${fmt(p95(large))} ms = ${fmt(vsDecidim, 1)}x (p50 ${fmt(vsDecidim50, 1)}x) -> ${met(vsDecidim >= 10)}; against the index-assisted query p95 ${fmt(vsIndexed, 1)}x`);
  }

  console.log("\nRun (wall clock; the machine's 1-minute load average is shown because other work shares its CPUs)");
  console.log(
    table(
      ["corpus", "generate", "write SQL", "D1 migrate", "D1 rows", "D1 buckets", "wrangler dev", "checks", "scans", "PG load", "PG queries", "load avg", ""],
      results.map((r) => {
        const p = (k: string) => seconds(r.phases[k] ?? 0);
        return [label(r.size), p("generate"), p("write SQL"), p("D1 migrations"), p("D1 load rows"), `${p("D1 load buckets")} (${Math.round(r.corpus.bucketRows / ((r.phases["D1 load buckets"] ?? 1) / 1000) / 1000)}k rows/s)`, p("start wrangler dev"), p("checks"), p("scans"), p("PostgreSQL load"), p("PostgreSQL queries"), `${fmt(r.loadavg[0], 1)}-${fmt(r.loadavg[1], 1)}`, ""];
      }),
    ),
  );
  for (const r of results) {
    console.log(`${label(r.size)}: ${r.sqlFiles} SQL files (${bytes(r.sqlBytes)}), corpus build ${Object.entries(r.corpus.phases).map(([k, v]) => `${k} ${seconds(v)}`).join(", ")}; ${r.corpus.regencies} kabupaten/kota, ${r.corpus.villages} desa, up to ${r.corpus.proposalsPerRegencyMax} proposals per kabupaten-year; ${r.corpus.flags} steady-state flags (${r.corpus.crossAgencyFlags} cross-agency) from ${r.corpus.candidatePairs} candidate pairs`);
  }
  console.log(`total ${seconds(performance.now() - started)}`);
}

// ------------------------------------------------------------------------------------------------ main
async function main(): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), "musrenbang-overlap-bench-"));
  // postgres (initdb runs as that user) must reach its directory below this one.
  await chmod(tmp, 0o711);
  cleanups.push(async () => {
    if (flags.keep) {
      progress(`kept ${tmp}`);
      return;
    }
    await rm(tmp, { recursive: true, force: true });
  });
  const benchWrangler = join(projectRoot, "bench/.wrangler");
  if (!existsSync(benchWrangler)) cleanups.push(() => rm(benchWrangler, { recursive: true, force: true }));

  const rootDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync(join(projectRoot, "wrangler.toml"), "utf8"))?.[1];
  const benchDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync(join(projectRoot, BENCH_CONFIG), "utf8"))?.[1];
  if (rootDate !== benchDate) progress(`warning: ${BENCH_CONFIG} compatibility_date ${benchDate} differs from wrangler.toml ${rootDate}`);

  const pgBin = await ensurePostgres(progress);
  const cluster = await startCluster(pgBin, join(tmp, "pg"));
  cleanups.push(() => cluster.stop());
  progress(`PostgreSQL ${cluster.version} on 127.0.0.1:${cluster.port}`);

  const sources = await readReferenceSources(projectRoot);
  const province = SCOPE.split(".")[0]!;
  const regions = regionRows(sources, [province]);
  const regencies = regions.filter((r) => r.level === "regency" && (r.code === SCOPE || r.code.startsWith(`${SCOPE}.`) || SCOPE.startsWith(`${r.code}.`))).map((r) => r.code);
  const catalogue = subActivityRows(sources.nomenclature)
    .filter((r) => r.governmentLevel === "KABKOT")
    .map((r) => ({ code: r.code, name: r.name, kegiatanName: r.kegiatanName }));
  const routing = routingTables(regencies, catalogue);
  // Reference data as `npm run seed` builds it (regions of the province, nomenclature, Lampung Selatan's OPD), no
  // demo proposals; the other kabupaten get the same OPD structure under their own codes.
  const LAMPUNG_SELATAN_AGENCIES = readDemoAgencies(projectRoot);
  const plan = await seedPlan(sources, {
    regionsUnder: [province],
    kabupaten: [{ regencyCode: DEMO_KABUPATEN.regencyCode, agencies: LAMPUNG_SELATAN_AGENCIES }],
    demo: { ...DEMO_KABUPATEN, proposalCount: 0 },
  });
  const others = regencies.filter((r) => r !== DEMO_KABUPATEN.regencyCode);
  const referenceStatements = [
    ...plan.statements,
    ...upsertStatements(agencies, others.flatMap((r) => LAMPUNG_SELATAN_AGENCIES.map((a) => ({ id: agencyId(r, a.shortName), regencyCode: r, shortName: a.shortName, name: a.name }))), { onConflict: "update" }),
    ...upsertStatements(
      agencyResponsibilities,
      others.flatMap((r) => LAMPUNG_SELATAN_AGENCIES.flatMap((a) => a.codePrefixes.map((codePrefix) => ({ regencyCode: r, codePrefix, agencyId: agencyId(r, a.shortName) })))),
      { onConflict: "update" },
    ),
  ];

  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await benchSize(size, { tmp, cluster, referenceStatements, regions, routing }));
  report(results, { pgVersion: cluster.version, cpus: availableParallelism() });
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench:overlap failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
