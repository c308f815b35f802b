/**
 * `npm run bench:public`: what the public account costs to serve.
 * 1. D1 rows read per request, uncached and cached (bench/public-reads.workerd.ts in workerd, from D1's own
 *    rows_read; the demo kabupaten's 300 proposals of 2027 plus a desa with every kind of outcome).
 * 2. Requests per second against the project's own `wrangler dev` (offline, migrations and the `npm start` seed in
 *    a temporary directory), CONCURRENCY clients for SECONDS per request, once with the edge cache off
 *    (PUBLIC_CACHE_SECONDS=0: every request reads D1 and renders) and once as shipped (60 s: the Cache API answers).
 * Options (environment): CONCURRENCY=20 SECONDS=10 KEEP_TMP=1
 */
import { spawnSync } from "node:child_process";
import { agent, http } from "./lib/client.ts";
import { Instance, withCleanup } from "./lib/instance.ts";
import { fmt, summary, table } from "./lib/report.ts";

const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 10);

interface Reads {
  what: string;
  path: string;
  uncached: number;
  cached: number;
  bytes: number;
}

function rowsRead(): Reads[] {
  const run = spawnSync("npx", ["vitest", "run", "-c", "bench/vitest.public.config.ts", "--reporter=verbose"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const rows = [...(run.stdout + run.stderr).matchAll(/READS (\{.*\})/g)].map((m) => JSON.parse(m[1]!) as Reads);
  if (run.status !== 0 || rows.length === 0) throw new Error(`the workerd part failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
  return rows;
}

/** CONCURRENCY clients asking for `path` back to back for SECONDS; requests per second and latency. */
async function load(base: string, path: string) {
  const pool = agent(CONCURRENCY);
  const until = performance.now() + SECONDS * 1000;
  const latencies: number[] = [];
  let failed = 0;
  let hits = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const answer = await http(base, "GET", path, { agent: pool });
        if (answer.status !== 200) failed++;
        else latencies.push(answer.ms);
        if (answer.headers["x-cache"] === "HIT") hits++;
      }
    }),
  );
  pool.destroy();
  const s = summary(latencies);
  return { rps: latencies.length / SECONDS, p50: s.p50, p99: s.p99, failed, hits };
}

await withCleanup(async () => {
  const reads = rowsRead();
  console.log(`\nD1 rows read per request (workerd, demo kabupaten 2027):\n`);
  console.log(table(["request", "uncached rows", "cached rows", "bytes", "path"], reads.map((r) => [r.what, String(r.uncached), String(r.cached), String(r.bytes), r.path]), [false, true, true, true]));

  const instance = await Instance.create("public-bench");
  const rows: string[][] = [];
  for (const [mode, seconds] of [["uncached", "0"], ["cached", "60"]] as const) {
    await instance.start({ PUBLIC_CACHE_SECONDS: seconds });
    for (const r of reads) {
      await http(instance.url, "GET", r.path); // warms the isolate (and, cached, the entry)
      const m = await load(instance.url, r.path);
      rows.push([r.what, mode, fmt(m.rps), fmt(m.p50), fmt(m.p99), String(m.failed), `${m.hits} cache hits`]);
      console.log(`  ${r.what} ${mode}: ${fmt(m.rps)} req/s`);
    }
    await instance.stop();
  }
  console.log(`\nRequests per second, wrangler dev on this machine (${CONCURRENCY} clients, ${SECONDS} s each):\n`);
  console.log(table(["request", "cache", "req/s", "p50 ms", "p99 ms", "non-200", "note"], rows, [false, false, true, true, true, true]));
});
