/**
 * Bench-only entry for the intake timing breakdown (`PROFILE=1 npm run bench:intake`): the real Worker
 * (workers/index.ts, unchanged) with its bindings wrapped so every awaited call is timed per request (D1 queries
 * and batches, the Workflow create, the rate-limit calls, queue sends, R2) and reported back in a
 * `Server-Timing` header. Never deployed; config: bench/wrangler.intake-profile.toml.
 *
 * In workerd the clock only advances across I/O, so what this measures is time spent waiting on bindings;
 * the rest of the client-side latency is CPU in the Worker plus wrangler dev's proxy.
 *
 * For the ablation, a request may carry `x-bench-stub: workflow,ratelimit`: the Workflow create then does
 * nothing (no lifecycle is started) and the rate limiters answer "allowed" without their Durable Object, so the
 * bench can tell how much CPU each of them costs per submission.
 */
import worker from "../workers/index.ts";
import type { Env } from "../workers/env.ts";

export { ProposalLifecycle, RenjaExport } from "../workers/index.ts";

type Timings = Map<string, { ms: number; n: number }>;

const REAL = Symbol("real statement");

async function timed<T>(t: Timings, name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await run();
  } finally {
    const entry = t.get(name) ?? { ms: 0, n: 0 };
    entry.ms += Date.now() - started;
    entry.n += 1;
    t.set(name, entry);
  }
}

function statement(t: Timings, real: D1PreparedStatement, sql: string): D1PreparedStatement {
  const label = `d1_${/^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? "query"}`;
  const wrapped = {
    [REAL]: real,
    bind: (...values: unknown[]) => statement(t, real.bind(...values), sql),
    first: (column?: string) => timed(t, label, () => (column === undefined ? real.first() : real.first(column))),
    all: () => timed(t, label, () => real.all()),
    run: () => timed(t, label, () => real.run()),
    raw: (options?: { columnNames?: boolean }) => timed(t, label, () => real.raw(options as { columnNames: true })),
  };
  return wrapped as unknown as D1PreparedStatement;
}

function database(t: Timings, db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, key) {
      if (key === "prepare") return (sql: string) => statement(t, target.prepare(sql), sql);
      if (key === "batch") {
        return (statements: D1PreparedStatement[]) =>
          timed(t, "d1_batch", () => target.batch(statements.map((s) => (s as unknown as { [REAL]?: D1PreparedStatement })[REAL] ?? s)));
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function binding<T extends object>(t: Timings, name: string, real: T): T {
  return new Proxy(real, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? timed(t, `${name}_${String(key)}`, () => result) : result;
      };
    },
  });
}

const allowed: RateLimit = { limit: async () => ({ success: true }) };
const noWorkflow = { create: async () => ({ id: "stub" }) } as unknown as Env["PROPOSAL_LIFECYCLE"];

function timedEnv(env: Env, t: Timings, stubs: ReadonlySet<string>): Env {
  const limiter = (real: RateLimit) => binding(t, "ratelimit", stubs.has("ratelimit") ? allowed : real);
  return {
    ...env,
    DB: database(t, env.DB),
    PROPOSAL_LIFECYCLE: binding(t, "workflow", stubs.has("workflow") ? noWorkflow : env.PROPOSAL_LIFECYCLE),
    PROPOSAL_ROUTING: binding(t, "queue", env.PROPOSAL_ROUTING),
    WEBHOOK_DELIVERY: binding(t, "queue", env.WEBHOOK_DELIVERY),
    ATTACHMENTS: binding(t, "r2", env.ATTACHMENTS),
    SUBMISSIONS_PER_ACCOUNT: limiter(env.SUBMISSIONS_PER_ACCOUNT),
    REQUESTS_PER_ADDRESS: limiter(env.REQUESTS_PER_ADDRESS),
    SIGN_INS_PER_ADDRESS: limiter(env.SIGN_INS_PER_ADDRESS),
  };
}

export default {
  ...worker,
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const t: Timings = new Map();
    const started = Date.now();
    const stubs = new Set((request.headers.get("x-bench-stub") ?? "").split(",").map((s) => s.trim()).filter(Boolean));
    const response = await worker.fetch(request, timedEnv(env, t, stubs), ctx);
    const total = Date.now() - started;
    const headers = new Headers(response.headers);
    headers.set(
      "server-timing",
      [`total;dur=${total}`, ...[...t].map(([name, { ms, n }]) => `${name};dur=${ms};desc="${n}"`)].join(", "),
    );
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  },
} satisfies ExportedHandler<Env, unknown>;
