/**
 * `npm run bench:intake`: proposal submissions through POST /api/v1/proposals, half at 50 and half at 200
 * concurrent clients, from every village of Lampung Selatan (one API token and one address per village office, the
 * tokens created by Bappeda through POST /api/v1/tokens), a fifth of them retried with the same Idempotency-Key the
 * way a flaky connection retries (answer lost and sent again, connection dropped a few ms in and sent again, or two
 * sends at once). After each level the 17 kecamatan verifiers work their queues through the API, and the bench
 * waits until every proposal reached an agency's review queue or Bappeda's triage. Then it checks D1: exactly as
 * many proposals as submissions, no duplicate, every one routed or in triage, no duplicate task, no failed
 * lifecycle, no crash of wrangler dev's runtime.
 *
 * The issue's size is TOTAL=10000 (5,000 at 50 clients, then 5,000 at 200, into one database: 10,000 stored). On
 * this 2-core machine that takes about 33 minutes, nearly all of it verification and routing, and wrangler dev
 * then holds about 19,300 open files (see NOFILE), just under this sandbox's 20,000. The default is 2,000 (about
 * 6 minutes); the submission figures (throughput, latency, CPU per submission) are the same.
 *
 * wrangler dev reloads the Worker when a file of the checkout changes, cutting off requests and workflow steps:
 * do not edit the checkout during a run (or run the bench from a clone). The checks count reloads.
 *
 * It starts its own instance (migrations, the `npm start` seed, `wrangler dev` offline in a temporary
 * --persist-to directory on a free port) unless BASE is given. Options (environment):
 *   BASE=http://127.0.0.1:8787  use a running `npm start` instead (checks then go through the API)
 *   TOTAL=2000                  submissions in all, split evenly over the levels (the issue: 10000)
 *   CONCURRENCY=50,200          concurrent clients per level
 *   RETRY_SHARE=0.2             share of submissions retried with the same Idempotency-Key
 *   VERIFY_CONCURRENCY=34       concurrent verification decisions (2 per kecamatan)
 *   LOG_LEVEL=info              wrangler dev --log-level (info = what `npm start` prints: one line per request)
 *   PROFILE=1                   afterwards, a CPU ablation and timing breakdown per submission on a second
 *                               instance (bench/intake-profile-worker.ts: the same Worker, bindings timed);
 *                               PROFILE=only runs just that (PROFILE_N=400 requests per variant)
 *   NOFILE=1048576              open-files limit to ask for wrangler dev ("inherit": the shell's). Local workerd
 *                               keeps the SQLite files of live Workflow instances open (database, WAL, shared
 *                               memory): measured 19,287 descriptors with 10,300 waiting proposals; where the
 *                               hard limit cannot be raised (this sandbox: 20,000) more than that fails
 *   KEEP_TMP=1                  keep the temporary directory (persisted state, wrangler logs)
 *
 * Rate limits: wrangler.toml allows 120 submissions a minute per account and 600 per address. wrangler dev passes
 * a client's CF-Connecting-IP header through to the Worker (checked: sign-in throttling keys on it), so the bench
 * sends each village office's own address and token, as a kabupaten's real load would arrive; every village
 * stays far under both limits and the project's own wrangler.toml is used unchanged.
 */
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { DEMO_KABUPATEN } from "../shared/demo/demo-kabupaten.ts";
import { agent, createTokens, http, json, kabupaten, pool, signInBappeda, sleep, submissions, type Caller, type HttpResult, type Session } from "./lib/client.ts";
import { groupCpuSeconds, groupMemory, Instance, withCleanup } from "./lib/instance.ts";
import { submitAll, verifyAll, waitRouted, type LoadStats, type VerifyStats } from "./lib/load.ts";
import { fmt, secs, summary, table } from "./lib/report.ts";

const TOTAL = Number(process.env.TOTAL ?? 2_000);
const LEVELS = (process.env.CONCURRENCY ?? "50,200").split(",").map(Number);
const RETRY_SHARE = Number(process.env.RETRY_SHARE ?? 0.2);
const VERIFY_CONCURRENCY = Number(process.env.VERIFY_CONCURRENCY ?? 34);
const LOG_LEVEL = process.env.LOG_LEVEL ?? "info";
const ROUTING_DEADLINE_MS = Number(process.env.ROUTING_DEADLINE_S ?? 240) * 1000;
const TARGET_RATE = 500;
const TARGET_P99 = 100;

interface Level {
  concurrency: number;
  tag: string;
  load: LoadStats;
  verify: VerifyStats;
  /** performance.now() when the last proposal of the level was seen routed (polling), null if never. */
  routedSeenAt: number | null;
  /** Wall clock of the level's first submission, for D1's timestamps. */
  wallStart: number;
  /** From D1: when the level's last routing task was written (ms since epoch). */
  lastRoutedWall: number | null;
  stillWaiting: Map<string, string>;
  cpu: Cpu;
  /** From the end of the submissions until all were routed: verification decisions, lifecycles, routing. */
  cpuAfter: Cpu;
}

function otherBenches(): string[] {
  try {
    return execFileSync("pgrep", ["-af", "bench/(overlap|faults)"], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.trim() && !l.includes("pgrep"));
  } catch {
    return [];
  }
}

interface Cpu {
  main: number;
  proxy: number;
  wrangler: number;
  client: number;
}

/** CPU seconds so far per process of wrangler dev (workerd main, workerd proxy, node), and this bench's own. */
async function cpuNow(instance: Instance | null): Promise<Map<string, number>> {
  const snapshot = new Map(await groupCpuSeconds(instance?.pid));
  const own = process.cpuUsage();
  snapshot.set("client#self", (own.user + own.system) / 1e6);
  return snapshot;
}

/**
 * CPU used between two snapshots, by role. Per process, so a workerd that wrangler restarted after a crash
 * counts from zero instead of going negative (what it used after the last sample before dying is lost).
 */
function cpuDelta(before: Map<string, number>, after: Map<string, number>): Cpu {
  const cpu: Cpu = { main: 0, proxy: 0, wrangler: 0, client: 0 };
  for (const [name, seconds] of after) {
    const used = seconds - (before.get(name) ?? 0);
    if (name.startsWith("workerd-main")) cpu.main += used;
    else if (name.startsWith("workerd-proxy")) cpu.proxy += used;
    else if (name.startsWith("client")) cpu.client += used;
    else cpu.wrangler += used;
  }
  return cpu;
}

interface StoredRow {
  id: string;
  marker: string;
  status: string;
  routed: number;
  lifecycle_error: string | null;
}

/** Every stored bench proposal of this run: through D1 (own instance) or Bappeda's list (BASE). */
async function storedProposals(instance: Instance | null, base: string, session: Session, runTag: string): Promise<StoredRow[]> {
  if (instance) {
    return instance.query<StoredRow>(
      `SELECT p.id, substr(p.description, instr(p.description, '[bench ')) AS marker, p.status, p.lifecycle_error,
         EXISTS (SELECT 1 FROM review_tasks t WHERE t.proposal_id = p.id AND t.kind IN ('agency_review', 'triage')) AS routed
       FROM proposals p WHERE p.description LIKE '%[bench ${runTag}-%'`,
    );
  }
  const rows: StoredRow[] = [];
  let cursor: string | null = null;
  const keepAlive = agent(1);
  do {
    const page: { proposals: { id: string; description: string | null; status: string }[]; nextCursor: string | null } = await json(
      await http(base, "GET", `/api/v1/proposals?year=${DEMO_KABUPATEN.year}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { agent: keepAlive, headers: { cookie: session.cookie } }),
      "proposal list",
    );
    for (const p of page.proposals) {
      const at = p.description?.indexOf(`[bench ${runTag}-`) ?? -1;
      if (at >= 0) rows.push({ id: p.id, marker: p.description!.slice(at), status: p.status, routed: p.status === "in_review" || p.status === "triage" ? 1 : 0, lifecycle_error: null });
    }
    cursor = page.nextCursor;
  } while (cursor);
  keepAlive.destroy();
  return rows;
}

let peakRssMb = 0;
let peakFds = 0;
let benchStart = 0;
let rssTimer: ReturnType<typeof setInterval> | null = null;

async function main(): Promise<number> {
  const others = otherBenches();
  if (others.length > 0) console.warn(`WARNING: another bench is running and competes for the CPU; timings are not representative:\n  ${others.join("\n  ")}`);
  const runTag = `r${Date.now().toString(36)}`;
  benchStart = performance.now();
  if (process.env.PROFILE === "only") {
    console.log(await profileRun(await kabupaten(), runTag));
    return 0;
  }
  let instance: Instance | null = null;
  let base = process.env.BASE ?? "";
  if (!base) {
    instance = await Instance.create("bench-intake-", { logLevel: LOG_LEVEL });
    await instance.start();
    base = instance.url;
    const limit = await instance.nofile();
    console.log(`instance: wrangler dev on ${base} (persist ${instance.persistTo}, log level ${LOG_LEVEL}, open-files limit ${limit})`);
    if (2 * TOTAL > limit) {
      console.warn(
        `WARNING: ${TOTAL} waiting lifecycles need about ${2 * TOTAL} open files in wrangler dev (measured: 19,287 for 10,300) and the limit is ${limit}: expect SQLITE_CANTOPEN and 500s near the limit (raise the hard limit, e.g. NOFILE with CAP_SYS_RESOURCE)`,
      );
    }
    const sampled = instance;
    rssTimer = setInterval(() => {
      void groupMemory(sampled.pid).then(({ rssMb, maxFds }) => {
        peakRssMb = Math.max(peakRssMb, rssMb);
        peakFds = Math.max(peakFds, maxFds);
      });
    }, 5000);
  } else console.log(`using the running instance at ${base}`);

  // Callers: Bappeda creates one token per village operator and per kecamatan verifier through the API.
  const t0 = performance.now();
  const session = await signInBappeda(base);
  const kab = await kabupaten();
  const villageCallers = await createTokens(base, session, "village_operator", kab.villages.map((v) => v.code), `bench ${runTag}`);
  const verifiers = await createTokens(base, session, "district_verifier", kab.districts, `bench ${runTag}`);
  const byVillage = new Map<string, Caller>(villageCallers.map((c) => [c.scopeCode, c]));
  console.log(`tokens: ${villageCallers.length} village operators, ${verifiers.length} kecamatan verifiers, created through POST /api/v1/tokens as admin.bappeda in ${secs(performance.now() - t0)}`);

  const perLevel = Math.floor(TOTAL / LEVELS.length);
  const levels: Level[] = [];
  for (const [index, concurrency] of LEVELS.entries()) {
    const count = index === LEVELS.length - 1 ? TOTAL - perLevel * (LEVELS.length - 1) : perLevel;
    const tag = `${runTag}-c${concurrency}`;
    const subs = submissions(kab.villages, count, tag, 1801 + index, { evenly: true });
    console.log(`\nlevel ${index + 1}: ${count} submissions at ${concurrency} concurrent clients (${Math.round(RETRY_SHARE * 100)}% retried with the same Idempotency-Key)`);
    const cpu0 = await cpuNow(instance);
    const wallStart = Date.now();
    let last = 0;
    const levelStart = performance.now();
    const load = await submitAll(base, subs, byVillage, {
      concurrency,
      retryShare: RETRY_SHARE,
      seed: 42 + index,
      onProgress: (done) => {
        if (done - last >= count / 5 || done === count) {
          last = done;
          process.stdout.write(`  ${done}/${count} in ${secs(performance.now() - levelStart)}\n`);
        }
      },
    });
    const cpu1 = await cpuNow(instance);
    const ids = new Map<string, string>();
    for (const o of load.outcomes) for (const id of o.ids) ids.set(id, kab.villages.find((v) => v.code === o.villageCode)!.districtCode);
    console.log(`  submitted: ${load.outcomes.filter((o) => o.acked).length} acknowledged in ${secs(load.endedAt - load.startedAt)}; verifying through the kecamatan queues`);

    const verifyDeadline = Math.max(ROUTING_DEADLINE_MS, count * 250);
    const verify = await verifyAll(base, verifiers, ids, { concurrency: VERIFY_CONCURRENCY, deadlineMs: verifyDeadline });
    console.log(`  verified: ${verify.decisions} decisions in ${secs(verify.endedAt - verify.startedAt)}; waiting until all are routed`);
    const routed = await waitRouted(base, session, new Set(ids.keys()), ROUTING_DEADLINE_MS, (waiting) => process.stdout.write(`  not yet routed: ${waiting}\n`));
    const cpu2 = await cpuNow(instance);
    let lastRoutedWall: number | null = null;
    if (instance) {
      const [row] = await instance.query<{ last: string | null }>(
        `SELECT max(t.created_at) AS last FROM review_tasks t JOIN proposals p ON p.id = t.proposal_id
         WHERE t.kind IN ('agency_review', 'triage') AND p.description LIKE '%[bench ${tag} #%'`,
      );
      lastRoutedWall = row?.last ? Date.parse(row.last) : null;
    }
    levels.push({
      concurrency,
      tag,
      load,
      verify,
      routedSeenAt: routed.doneAt,
      wallStart,
      lastRoutedWall,
      stillWaiting: routed.waiting,
      cpu: cpuDelta(cpu0, cpu1),
      cpuAfter: cpuDelta(cpu1, cpu2),
    });
  }

  // ------------------------------------------------------------------------------------------------ checks
  if (rssTimer) clearInterval(rssTimer);
  const stored = await storedProposals(instance, base, session, runTag);
  const markers = new Map<string, number>();
  for (const row of stored) markers.set(row.marker, (markers.get(row.marker) ?? 0) + 1);
  const duplicates = stored.length - markers.size;
  const acked = new Set(levels.flatMap((l) => l.load.outcomes.flatMap((o) => [...o.ids])));
  const storedIds = new Set(stored.map((r) => r.id));
  const ackedMissing = [...acked].filter((id) => !storedIds.has(id)).length;
  const clientSawTwoIds = levels.reduce((n, l) => n + l.load.outcomes.filter((o) => o.ids.size > 1).length, 0);
  const unrouted = stored.filter((r) => !r.routed || !["in_review", "triage"].includes(r.status));
  const statuses = new Map<string, number>();
  for (const r of stored) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  const failedLifecycles = stored.filter((r) => r.lifecycle_error).length;
  let duplicateTasks = 0;
  if (instance) {
    const [row] = await instance.query<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT t.proposal_id, t.kind, t.queue_key FROM review_tasks t JOIN proposals p ON p.id = t.proposal_id
       WHERE p.description LIKE '%[bench ${runTag}-%' GROUP BY 1, 2, 3 HAVING count(*) > 1)`,
    );
    duplicateTasks = row?.n ?? 0;
  }
  // Not a target of the issue, but what concurrency does to data: two proposals of one village with one rank.
  let rankCollisions = Number.NaN;
  if (instance) {
    const [row] = await instance.query<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT village_code, year, village_rank FROM proposals WHERE description LIKE '%[bench ${runTag}-%' GROUP BY 1, 2, 3 HAVING count(*) > 1)`,
    );
    rankCollisions = row?.n ?? 0;
  }
  const problems = instance ? await instance.logProblems() : { crashes: 0, reloads: 0, cantOpen: 0, errors: 0 };
  const serverErrors = levels.reduce((n, l) => n + l.load.serverErrors + l.verify.serverErrors, 0);

  // ------------------------------------------------------------------------------------------------ profile
  let profile: string | null = null;
  if (process.env.PROFILE === "1") profile = await profileRun(kab, runTag);

  // ------------------------------------------------------------------------------------------------ report
  console.log(`\n== bench:intake: ${TOTAL} submissions, ${LEVELS.join(" then ")} concurrent clients, ${villageCallers.length} village tokens/addresses, ${machine()}`);
  console.log(
    table(
      ["concurrency", "submissions", "requests", "subm/s", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "5xx", "429", "dupl.", "verify", "last routed", "notes"],
      levels.map((l) => {
        const s = summary(l.load.latencies);
        const wall = l.load.endedAt - l.load.startedAt;
        const ackedCount = l.load.outcomes.filter((o) => o.acked).length;
        const levelDup = [...markers].filter(([m, n]) => m.startsWith(`[bench ${l.tag} `) && n > 1).reduce((a, [, n]) => a + n - 1, 0);
        const lastRouted = l.lastRoutedWall !== null ? l.lastRoutedWall - l.wallStart : l.routedSeenAt !== null ? l.routedSeenAt - l.load.startedAt : Number.NaN;
        return [
          String(l.concurrency),
          String(ackedCount),
          String(l.load.requests),
          fmt((ackedCount / wall) * 1000),
          fmt((l.load.requests / wall) * 1000),
          fmt(s.p50),
          fmt(s.p95),
          fmt(s.p99),
          fmt(s.max),
          String(l.load.serverErrors + l.verify.serverErrors),
          String(l.load.rateLimited),
          String(levelDup),
          `${l.verify.decisions} in ${secs(l.verify.endedAt - l.verify.startedAt)}`,
          secs(lastRouted),
          `submitting ${secs(wall)}; routed ${secs(l.lastRoutedWall !== null ? l.lastRoutedWall - (l.verify.lastDecisionAt - l.load.startedAt + l.wallStart) : Number.NaN)} after the last verification; ${l.load.replayed} replayed answers, ${l.load.abortedByUs} dropped by the client${l.load.unexpected ? `; ${l.load.unexpected} unexpected 4xx` : ""}`,
        ];
      }),
      [false, true, true, true, true, true, true, true, true, true, true, true, false, true],
    ),
  );
  if (instance) {
    console.log(
      `  wrangler dev: peak memory ${fmt(peakRssMb)} MB, peak open files ${peakFds} of ${await instance.nofile()} (SQLite files of live Workflow instances); ${problems.crashes} runtime crashes, ${problems.reloads} reloads, ${problems.cantOpen} SQLITE_CANTOPEN errors in its log; the whole bench took ${secs(performance.now() - benchStart)}`,
    );
  }
  console.log("  (latency: every answered request, replays included; last routed: from the level's first submission to the last agency-review/triage task written, verification by the 17 kecamatan verifiers included)");

  console.log("\nCPU per acknowledged submission, submission phase (the lifecycle steps each submission starts included):");
  console.log(
    table(
      ["concurrency", "workerd main ms", "workerd proxy ms", "wrangler node ms", "bench client ms", "main busy", "then verify+route: main ms", "notes"],
      levels.map((l) => {
        const n = l.load.outcomes.filter((o) => o.acked).length;
        const per = (x: number) => fmt((x * 1000) / n);
        const wall = (l.load.endedAt - l.load.startedAt) / 1000;
        return [
          String(l.concurrency),
          per(l.cpu.main),
          per(l.cpu.proxy),
          per(l.cpu.wrangler),
          per(l.cpu.client),
          instance ? `${fmt((l.cpu.main / wall) * 100, 0)}%` : "-",
          per(l.cpuAfter.main),
          instance ? `one thread: at most ${fmt(n / l.cpu.main)} subm/s at this cost` : "server CPU not measured (BASE)",
        ];
      }),
      [false, true, true, true, true, true, true],
    ),
  );
  console.log("  (main busy = CPU of the Worker's workerd process over the phase's wall time; 100% = one core, all of it on one event-loop thread;");
  console.log("   then verify+route = the same process's CPU per proposal from the end of the submissions until all were routed)");

  const checks: [string, boolean, string][] = [
    [`exactly ${TOTAL} proposals stored`, stored.length === TOTAL, `${stored.length} stored (${instance ? "SQL via wrangler d1 execute --json" : "Bappeda's proposal list"})`],
    ["no duplicate proposal", duplicates === 0 && clientSawTwoIds === 0, `${duplicates} duplicates in D1; ${clientSawTwoIds} submissions answered with two different ids`],
    ["every acknowledged submission stored", ackedMissing === 0 && acked.size === TOTAL, `${acked.size} acknowledged, ${ackedMissing} of them missing`],
    ["no 5xx", serverErrors === 0, `${serverErrors} (submissions and decisions)`],
    ["each routed (agency review) or in triage", unrouted.length === 0, `${[...statuses].map(([s, n]) => `${s}=${n}`).join(" ")}${unrouted.length ? `; ${unrouted.length} not routed` : ""}`],
    ["no duplicate review task", duplicateTasks === 0, instance ? `${duplicateTasks}` : "not checked (BASE)"],
    ["no failed lifecycle", failedLifecycles === 0, instance ? `${failedLifecycles}` : "not checked (BASE)"],
    [
      "wrangler dev's runtime did not crash or reload",
      problems.crashes === 0 && problems.reloads === 0,
      instance ? `${problems.crashes} crashes, ${problems.reloads} reloads (a source file changed), ${problems.cantOpen} SQLITE_CANTOPEN, ${problems.errors} [ERROR] lines in its log` : "not checked (BASE)",
    ],
  ];
  if (instance) checks.push(["(info) village ranks unique per village and year", rankCollisions === 0, `${rankCollisions} (village, year, rank) shared by two or more proposals`]);
  for (const l of levels) {
    const s = summary(l.load.latencies);
    const rate = (l.load.outcomes.filter((o) => o.acked).length / (l.load.endedAt - l.load.startedAt)) * 1000;
    checks.push([`target at ${l.concurrency} clients: >= ${TARGET_RATE} subm/s, p99 < ${TARGET_P99} ms`, rate >= TARGET_RATE && s.p99 < TARGET_P99, `${fmt(rate)} subm/s, p99 ${fmt(s.p99)} ms`]);
  }
  console.log("\nChecks:");
  console.log(table(["check", "result", "detail"], checks.map(([what, ok, detail]) => [what, ok ? "PASS" : "FAIL", detail])));
  if (profile) console.log(`\n${profile}`);
  for (const l of levels) if (l.load.unexpectedSamples.length) console.log(`unexpected answers at ${l.concurrency}: ${l.load.unexpectedSamples.join(" | ")}`);
  const correctness = checks.slice(0, 8).every(([, ok]) => ok);
  return correctness ? 0 : 1;
}

function machine(): string {
  return `Node ${process.version}, ${availableParallelism()} CPUs`;
}

/**
 * The breakdown (PROFILE=1), on a second instance running the same Worker through bench/intake-profile-worker.ts:
 * 1. an ablation: the same submissions with the Workflow create and/or the rate limiters stubbed out (header
 *    x-bench-stub), next to two cheap requests, each measured in CPU per request of wrangler dev's processes
 *    (including the lifecycle steps each submission sets off, waited out until the Worker is idle again);
 * 2. unloaded submissions, one at a time, with the Worker's Server-Timing: how long each waits on D1, the
 *    Workflow create and the rate limiters, and how much is left for CPU and wrangler dev's proxy.
 */
async function profileRun(kab: Awaited<ReturnType<typeof kabupaten>>, runTag: string): Promise<string> {
  console.log("\nprofile: second instance with bench/wrangler.intake-profile.toml");
  const instance = await Instance.create("bench-intake-profile-", { config: "bench/wrangler.intake-profile.toml", logLevel: LOG_LEVEL });
  await instance.start();
  const base = instance.url;
  const session = await signInBappeda(base);
  const callers = await createTokens(base, session, "village_operator", kab.villages.map((v) => v.code), `bench ${runTag} profile`);
  const byVillage = new Map(callers.map((c) => [c.scopeCode, c]));
  const keepAlive = agent(16);
  const N = Number(process.env.PROFILE_N ?? 400);
  let seed = 100;
  const submit = (sub: ReturnType<typeof submissions>[number], stub: string) => {
    const caller = byVillage.get(sub.villageCode)!;
    return http(base, "POST", "/api/v1/proposals", {
      agent: keepAlive,
      headers: { "content-type": "application/json", authorization: `Bearer ${caller.token}`, "idempotency-key": sub.idempotencyKey, "cf-connecting-ip": caller.address, "x-bench-stub": stub },
      body: sub.body,
    });
  };
  const busy = async () => {
    let total = 0;
    for (const [name, seconds] of await cpuNow(instance)) if (!name.startsWith("client")) total += seconds;
    return total;
  };
  /** Waits until wrangler dev's processes use under 5% of a core for a second (lifecycle steps done). */
  const settle = async () => {
    let before = await busy();
    for (let i = 0; i < 120; i++) {
      await sleep(1000);
      const now = await busy();
      if (now - before < 0.05) return;
      before = now;
    }
  };
  const variants: [string, (i: number) => Promise<HttpResult>][] = [
    ["GET /health (no auth, no D1)", () => http(base, "GET", "/health", { agent: keepAlive })],
    ["GET /api/v1/proposals?limit=1 (token, 2 D1 reads)", () => http(base, "GET", "/api/v1/proposals?limit=1", { agent: keepAlive, headers: { authorization: `Bearer ${callers[0]!.token}` } })],
  ];
  for (const [label, stub] of [
    ["submission, no Workflow, no rate limiter", "workflow,ratelimit"],
    ["submission, no Workflow", "workflow"],
    ["submission (as shipped)", ""],
  ] as const) {
    const subs = submissions(kab.villages, N, `${runTag}-p${seed}`, seed++, { evenly: true });
    variants.push([label, (i) => submit(subs[i]!, stub)]);
  }
  const ablation: string[][] = [];
  for (const [label, run] of variants) {
    await settle();
    const c0 = await cpuNow(instance);
    const t0 = performance.now();
    const latencies: number[] = [];
    await pool(N, 8, async (i) => {
      const result = await run(i);
      if (result.status >= 300) throw new Error(`${label}: HTTP ${result.status} ${result.body.slice(0, 200)}`);
      latencies.push(result.ms);
    });
    const wall = performance.now() - t0;
    await settle();
    const d = cpuDelta(c0, await cpuNow(instance));
    const per = (x: number) => (x * 1000) / N;
    ablation.push([label, fmt((N / wall) * 1000), fmt(summary(latencies).p50), fmt(per(d.main)), fmt(per(d.proxy)), fmt(per(d.wrangler)), fmt(1000 / per(d.main))]);
  }

  // Unloaded, one at a time: where a submission's latency goes.
  const subs = submissions(kab.villages, 200, `${runTag}-pseq`, seed++, { evenly: true });
  const timings = new Map<string, { ms: number; n: number }>();
  const client: number[] = [];
  for (const [i, sub] of subs.entries()) {
    const result = await submit(sub, "");
    if (i < 20) continue; // warm-up
    client.push(result.ms);
    for (const part of String(result.headers["server-timing"] ?? "").split(/,\s*/)) {
      const m = /^(\w+);dur=(\d+(?:\.\d+)?)(?:;desc="(\d+)")?/.exec(part);
      if (!m) continue;
      const entry = timings.get(m[1]!) ?? { ms: 0, n: 0 };
      entry.ms += Number(m[2]);
      entry.n += m[3] ? Number(m[3]) : 1;
      timings.set(m[1]!, entry);
    }
    await sleep(20);
  }
  keepAlive.destroy();
  await instance.stop();
  const n = client.length;
  const mean = summary(client).mean;
  const parts = [...timings].filter(([k]) => k !== "total").sort((a, b) => b[1].ms - a[1].ms);
  const waited = parts.reduce((a, [, v]) => a + v.ms, 0) / n;
  return [
    `Ablation (${N} requests each at 8 concurrent clients; CPU per request until the Worker is idle again, so the lifecycle steps a submission starts are included):`,
    table(["request", "req/s", "p50 ms", "workerd main ms", "workerd proxy ms", "wrangler node ms", "ceiling req/s (one thread)"], ablation, [false, true, true, true, true, true, true]),
    "",
    `One submission at a time (${n} after warm-up), mean ms per request from the Worker's Server-Timing:`,
    table(
      ["part", "ms", "calls"],
      [
        ["client-side latency", fmt(mean), ""],
        ...parts.map(([k, v]) => [`  awaiting ${k}`, fmt(v.ms / n), fmt(v.n / n, 1)]),
        ["  not awaiting bindings (Worker CPU, wrangler dev proxy, HTTP)", fmt(mean - waited), ""],
      ],
      [false, true, true],
    ),
  ].join("\n");
}

await withCleanup(main);
