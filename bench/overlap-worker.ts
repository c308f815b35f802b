/**
 * The overlap bench Worker (bench/wrangler.overlap.toml), started by bench/overlap.ts with `wrangler dev`:
 *
 * - `POST /check?id=` runs the real detectOverlaps (workers/storage/overlaps.ts) on one proposal, exactly as routing
 *   does (it also writes the proposal's band keys and its flags, and reclusters), and answers its elapsed time
 *   measured here around the call, the candidates and flags it reports, and where the time went: every D1 call is
 *   timed through a thin wrapper of the binding, labelled by the statement it runs; when the check found flags,
 *   recluster() (which detectOverlaps then runs) is run once more on its own and timed, outside `ms`.
 * - `POST /scan?id=` is the brute force the index replaces: every open proposal of the kabupaten-year read from D1
 *   (one query, agencies joined) and scored with scoreOverlap against the proposal, on every check. `&rescore=1`
 *   then runs the scoring loop once more and reports it apart: the analyses are cached by then, which is what an
 *   array kept in the isolate between checks would cost.
 *
 * workerd's clock moves in whole milliseconds (timer coarsening), so single timings are integers; the bench
 * reports percentiles over many checks and the client's round trip alongside.
 */
import { and, eq, notInArray } from "drizzle-orm";
import { agencies, proposals, reviewTasks } from "../shared/db/schema.ts";
import { scoreOverlap, type OverlapSubject } from "../shared/overlap/score.ts";
import { database } from "../workers/storage/database.ts";
import { detectOverlaps } from "../workers/storage/overlaps.ts";
import { overlapSubject } from "../shared/overlap/subject.ts";

interface BenchEnv {
  DB: D1Database;
}

interface Timing {
  label: string;
  ms: number;
}

/** What a statement is for, from its SQL (drizzle's statements for detectOverlaps). */
function label(sql: string): string {
  const s = sql.toLowerCase();
  if (s.includes("from \"overlap_buckets\"")) return "candidates";
  if (s.startsWith("select") && s.includes("from \"review_tasks\"")) return "agencies";
  if (s.startsWith("select") && s.includes("from \"regions\"")) return "regions";
  if (s.startsWith("select") && s.includes("from \"overlap_flags\"") && s.includes("\"status\" = ?")) return "cluster-read";
  if (s.startsWith("select") && s.includes("from \"overlap_flags\"")) return "flags-read";
  if (s.startsWith("select") && s.includes("from \"proposals\"") && s.includes("limit")) return "proposal";
  if (s.startsWith("select") && s.includes("from \"proposals\"")) return "candidate-rows";
  if (s.startsWith("insert into \"overlap_buckets\"")) return "w:buckets";
  if (s.startsWith("insert into \"overlap_flags\"")) return "w:flag-insert";
  if (s.startsWith("update \"overlap_flags\" set \"cluster_id\"")) return "w:cluster";
  if (s.startsWith("update \"overlap_flags\"")) return "w:flag-update";
  return "other";
}

/** The D1 binding with every call timed; statements stay the binding's own objects (batch needs them). */
function timedD1(db: D1Database, timings: Timing[]): D1Database {
  const labels = new WeakMap<D1PreparedStatement, string>();
  const wrap = (statement: D1PreparedStatement, name: string): D1PreparedStatement => {
    labels.set(statement, name);
    for (const method of ["all", "raw", "run", "first"] as const) {
      const original = (statement[method] as (...args: unknown[]) => Promise<unknown>).bind(statement);
      Object.defineProperty(statement, method, {
        value: async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await original(...args);
          } finally {
            timings.push({ label: name, ms: performance.now() - started });
          }
        },
      });
    }
    const bind = statement.bind.bind(statement);
    Object.defineProperty(statement, "bind", { value: (...values: unknown[]) => wrap(bind(...values), name) });
    return statement;
  };
  const timed = {
    prepare: (query: string) => wrap(db.prepare(query), label(query)),
    batch: async <T>(statements: D1PreparedStatement[]) => {
      const started = performance.now();
      try {
        return await db.batch<T>(statements);
      } finally {
        const names = [...new Set(statements.map((s) => labels.get(s) ?? "other"))].sort();
        timings.push({ label: `batch(${names.join("+")})`, ms: performance.now() - started });
      }
    },
    exec: (query: string) => db.exec(query),
    dump: () => db.dump(),
    withSession: (constraint?: string) => db.withSession(constraint),
  };
  return timed as unknown as D1Database;
}

/** Open proposals of one kabupaten-year with their agency, as detectOverlaps builds its subjects. */
async function kabupatenSubjects(env: BenchEnv, regencyCode: string, year: number): Promise<OverlapSubject[]> {
  const db = database(env.DB);
  const rows = await db
    .select({ p: proposals, agencyId: reviewTasks.agencyId, agencyName: agencies.name })
    .from(proposals)
    .leftJoin(reviewTasks, and(eq(reviewTasks.proposalId, proposals.id), eq(reviewTasks.kind, "agency_review")))
    .leftJoin(agencies, eq(agencies.id, reviewTasks.agencyId))
    .where(and(eq(proposals.regencyCode, regencyCode), eq(proposals.year, year), notInArray(proposals.status, ["withdrawn", "rejected", "merged"])));
  const seen = new Set<string>();
  const subjects: OverlapSubject[] = [];
  for (const { p, agencyId, agencyName } of rows) {
    if (seen.has(p.id)) continue; // a proposal routed to two agencies: the first, as detectOverlaps does
    seen.add(p.id);
    subjects.push(overlapSubject(p, { agencyId, agencyName }));
  }
  return subjects;
}

async function scan(env: BenchEnv, id: string, rescore: boolean): Promise<Response> {
  const started = performance.now();
  const proposal = await database(env.DB).query.proposals.findFirst({ where: eq(proposals.id, id), columns: { regencyCode: true, year: true } });
  if (!proposal) return Response.json({ error: "not found" }, { status: 404 });
  const subjects = await kabupatenSubjects(env, proposal.regencyCode, proposal.year);
  const readMs = performance.now() - started;
  const me = subjects.find((s) => s.id === id);
  if (!me) return Response.json({ error: "not open" }, { status: 404 });
  let flagged = 0;
  for (const other of subjects) if (other !== me && scoreOverlap(me, other).kind !== null) flagged++;
  const ms = performance.now() - started;
  // The same loop again: every text analysis is now cached on its subject, as it would be for an array kept in
  // the isolate between checks, so this is the cost of scoring alone.
  let rescoreMs: number | null = null;
  if (rescore) {
    const again = performance.now();
    for (const other of subjects) if (other !== me) scoreOverlap(me, other);
    rescoreMs = performance.now() - again;
  }
  return Response.json({ ms, readMs, rescoreMs, compared: subjects.length - 1, flagged });
}

export default {
  async fetch(request: Request, env: BenchEnv): Promise<Response> {
    const url = new URL(request.url);
    const id = url.searchParams.get("id");
    if (request.method !== "POST" || id === null) return new Response("POST /check?id= | POST /scan?id=[&rescore=1]\n", { status: 404 });
    if (url.pathname === "/check") {
      const timings: Timing[] = [];
      const db = database(timedD1(env.DB, timings));
      const started = performance.now();
      const result = await detectOverlaps(db, id);
      const ms = performance.now() - started;
      const d1: Record<string, number> = {};
      for (const t of timings) d1[t.label] = (d1[t.label] ?? 0) + t.ms;
      return Response.json({ ms, ...result, d1, d1Calls: timings.length });
    }
    if (url.pathname === "/scan") return scan(env, id, url.searchParams.get("rescore") === "1");
    return new Response("not found\n", { status: 404 });
  },
};
