/**
 * The load the intake and fault benches put on the API, as village offices and kecamatan verifiers would:
 * submissions with an Idempotency-Key from many villages' tokens and addresses (a share of them retried the
 * way a flaky connection retries), verification through the kecamatan queues and the decision endpoint, and
 * watching until every proposal reached an agency's queue or Bappeda's triage.
 */
import { mulberry32 } from "../../shared/random.ts";
import { agent, http, json, pool, RequestAborted, sleep, type Caller, type HttpResult, type Session, type Submission } from "./client.ts";

export type RetryMode = "none" | "lost_answer" | "dropped" | "double_tap";

export interface SubmissionOutcome {
  n: number;
  mode: RetryMode;
  villageCode: string;
  /** Proposal ids in the 2xx answers this submission got (more than one would be a duplicate). */
  ids: Set<string>;
  acked: boolean;
  /** When the first 2xx answer arrived (performance.now()). */
  ackedAt: number;
}

export interface LoadStats {
  requests: number;
  latencies: number[];
  status: Map<number, number>;
  serverErrors: number;
  rateLimited: number;
  abortedByUs: number;
  networkErrors: number;
  replayed: number;
  /** Answers no client should get here (4xx other than 429); a few kept as samples. */
  unexpected: number;
  unexpectedSamples: string[];
  startedAt: number;
  endedAt: number;
  outcomes: SubmissionOutcome[];
}

export interface LoadOptions {
  concurrency: number;
  /** Share of submissions retried with the same Idempotency-Key (the issue: a fifth). */
  retryShare: number;
  seed: number;
  /**
   * Keep retrying a submission (same key) after network errors and 5xx until it is acknowledged or this
   * deadline (ms from now) passes: the restart scenario, where the server disappears for a while.
   */
  persistentMs?: number;
  /** Called after each submission finishes (progress, or the fault scenario's trigger). */
  onProgress?: (done: number) => void;
}

const MODES: RetryMode[] = ["lost_answer", "dropped", "double_tap"];

export function newStats(): LoadStats {
  return { requests: 0, latencies: [], status: new Map(), serverErrors: 0, rateLimited: 0, abortedByUs: 0, networkErrors: 0, replayed: 0, unexpected: 0, unexpectedSamples: [], startedAt: 0, endedAt: 0, outcomes: [] };
}

/** Submits every proposal through POST /api/v1/proposals on `concurrency` lanes, each as its village's caller. */
export async function submitAll(base: string, subs: readonly Submission[], callers: ReadonlyMap<string, Caller>, options: LoadOptions): Promise<LoadStats> {
  const stats = newStats();
  const rng = mulberry32(options.seed);
  const modes = subs.map(() => (rng() < options.retryShare ? MODES[Math.floor(rng() * MODES.length)]! : "none"));
  const abortDelays = subs.map(() => 1 + Math.floor(rng() * 40));
  const keepAlive = agent(options.concurrency * 2);
  stats.startedAt = performance.now();
  let done = 0;

  const send = async (sub: Submission, outcome: SubmissionOutcome, abortAfterMs?: number): Promise<HttpResult | null> => {
    const caller = callers.get(sub.villageCode)!;
    stats.requests++;
    try {
      const result = await http(base, "POST", "/api/v1/proposals", {
        agent: keepAlive,
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${caller.token}`,
          "idempotency-key": sub.idempotencyKey,
          "cf-connecting-ip": caller.address,
        },
        body: sub.body,
        abortAfterMs,
        timeoutMs: 60_000,
      });
      stats.latencies.push(result.ms);
      stats.status.set(result.status, (stats.status.get(result.status) ?? 0) + 1);
      if (result.status >= 500) stats.serverErrors++;
      if (result.status === 429) stats.rateLimited++;
      if (result.status === 200 || result.status === 201) {
        const id = (JSON.parse(result.body) as { id: string }).id;
        outcome.ids.add(id);
        if (!outcome.acked) {
          outcome.acked = true;
          outcome.ackedAt = performance.now();
        }
        if (result.headers["idempotent-replayed"] === "true") stats.replayed++;
      } else if (result.status !== 429 && result.status < 500) {
        stats.unexpected++;
        if (stats.unexpectedSamples.length < 5) stats.unexpectedSamples.push(`#${sub.n} HTTP ${result.status} ${result.body.slice(0, 200)}`);
      }
      return result;
    } catch (error) {
      if (!(error instanceof RequestAborted)) throw error;
      if (error.byUs) stats.abortedByUs++;
      else stats.networkErrors++;
      return null;
    }
  };

  /** Sends until acknowledged: what a client does after a lost answer, a broken connection, a 429 or a 5xx. */
  const untilAcked = async (sub: Submission, outcome: SubmissionOutcome) => {
    const deadline = Date.now() + (options.persistentMs ?? 30_000);
    for (let attempt = 1; !outcome.acked; attempt++) {
      const result = await send(sub, outcome);
      if (outcome.acked) return;
      if (Date.now() > deadline) return;
      // A refusal other than 429 will not change by sending again.
      if (result && result.status >= 400 && result.status < 500 && result.status !== 429) return;
      const retryAfter = result?.status === 429 ? 1000 : Math.min(2000, 100 * attempt);
      await sleep(retryAfter);
    }
  };

  await pool(subs.length, options.concurrency, async (i) => {
    const sub = subs[i]!;
    const mode = modes[i]!;
    const outcome: SubmissionOutcome = { n: sub.n, mode, villageCode: sub.villageCode, ids: new Set(), acked: false, ackedAt: 0 };
    stats.outcomes.push(outcome);
    if (mode === "lost_answer") {
      // The answer never reached the village: it sends the same request again.
      await send(sub, outcome);
      await send(sub, outcome);
      await untilAcked(sub, outcome);
    } else if (mode === "dropped") {
      // The connection drops a few ms in: the request may or may not have reached the Worker.
      await send(sub, outcome, abortDelays[i]);
      await untilAcked(sub, outcome);
    } else if (mode === "double_tap") {
      // Two sends at once (a double tap, or a client that retries without waiting).
      await Promise.all([send(sub, outcome), send(sub, outcome)]);
      await untilAcked(sub, outcome);
    } else {
      await untilAcked(sub, outcome);
    }
    options.onProgress?.(++done);
  });
  stats.endedAt = performance.now();
  keepAlive.destroy();
  return stats;
}

// ---------------------------------------------------------------------------------------------------- verification

export interface VerifyStats {
  decisions: number;
  latencies: number[];
  serverErrors: number;
  status: Map<number, number>;
  startedAt: number;
  endedAt: number;
  lastDecisionAt: number;
}

interface QueuePage {
  tasks: { id: string; status: string; proposal: { id: string; districtCode: string } }[];
  nextCursor: string | null;
}

/**
 * Each kecamatan verifier works its queue (GET /api/v1/districts/{code}/verifications) and verifies every task
 * of the given proposals (POST /api/v1/reviews/{task}/decision), until all of them are verified or the deadline
 * passes. Tasks appear once each proposal's workflow opened them, so an empty page is polled again.
 */
export async function verifyAll(base: string, verifiers: readonly Caller[], proposals: ReadonlyMap<string, string>, options: { concurrency: number; deadlineMs: number }): Promise<VerifyStats> {
  const stats: VerifyStats = { decisions: 0, latencies: [], serverErrors: 0, status: new Map(), startedAt: performance.now(), endedAt: 0, lastDecisionAt: 0 };
  const byDistrict = new Map<string, Set<string>>();
  for (const [id, district] of proposals) {
    const set = byDistrict.get(district) ?? new Set<string>();
    set.add(id);
    byDistrict.set(district, set);
  }
  const keepAlive = agent(options.concurrency + verifiers.length);
  const deadline = Date.now() + options.deadlineMs;
  const lanesPer = Math.max(1, Math.floor(options.concurrency / Math.max(1, verifiers.length)));

  await Promise.all(
    verifiers.map(async (verifier) => {
      const pending = byDistrict.get(verifier.scopeCode);
      if (!pending) return;
      const headers = { authorization: `Bearer ${verifier.token}`, "cf-connecting-ip": verifier.address };
      while (pending.size > 0 && Date.now() < deadline) {
        const found: { taskId: string; proposalId: string }[] = [];
        let cursor: string | null = null;
        do {
          const page: QueuePage = await json<QueuePage>(
            await http(base, "GET", `/api/v1/districts/${verifier.scopeCode}/verifications?status=open&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { agent: keepAlive, headers }),
            `verification queue ${verifier.scopeCode}`,
          );
          for (const task of page.tasks) if (pending.has(task.proposal.id)) found.push({ taskId: task.id, proposalId: task.proposal.id });
          cursor = page.nextCursor;
        } while (cursor);
        if (found.length === 0) {
          await sleep(500);
          continue;
        }
        await pool(found.length, lanesPer, async (i) => {
          const { taskId, proposalId } = found[i]!;
          for (let attempt = 1; attempt <= 5; attempt++) {
            const result = await http(base, "POST", `/api/v1/reviews/${taskId}/decision`, {
              agent: keepAlive,
              headers: { ...headers, "content-type": "application/json" },
              body: JSON.stringify({ decision: "verified", reviewerName: "Verifikator bench" }),
            });
            stats.latencies.push(result.ms);
            stats.status.set(result.status, (stats.status.get(result.status) ?? 0) + 1);
            if (result.status >= 500) stats.serverErrors++;
            if (result.status === 200 || result.status === 201) {
              stats.decisions++;
              stats.lastDecisionAt = performance.now();
              pending.delete(proposalId);
              return;
            }
            if (result.status < 500 && result.status !== 429) throw new Error(`decision ${taskId}: HTTP ${result.status} ${result.body.slice(0, 300)}`);
            await sleep(200 * attempt);
          }
        });
      }
    }),
  );
  stats.endedAt = performance.now();
  keepAlive.destroy();
  return stats;
}

// ---------------------------------------------------------------------------------------------------- watching

interface ProposalPage {
  proposals: { id: string; status: string }[];
  nextCursor: string | null;
}

/** Status of each of `ids` that is still before routing (submitted, returned or verified), through Bappeda's list. */
export async function notYetRouted(base: string, session: Session, ids: ReadonlySet<string>): Promise<Map<string, string>> {
  const waiting = new Map<string, string>();
  const keepAlive = agent(3);
  await Promise.all(
    ["submitted", "returned", "verified"].map(async (status) => {
      let cursor: string | null = null;
      do {
        const page: ProposalPage = await json<ProposalPage>(
          await http(base, "GET", `/api/v1/proposals?status=${status}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { agent: keepAlive, headers: { cookie: session.cookie } }),
          `proposals ${status}`,
        );
        for (const p of page.proposals) if (ids.has(p.id)) waiting.set(p.id, p.status);
        cursor = page.nextCursor;
      } while (cursor);
    }),
  );
  keepAlive.destroy();
  return waiting;
}

/** Polls until none of `ids` waits before routing (reporting changes); returns when that was first seen, or null at the deadline. */
export async function waitRouted(base: string, session: Session, ids: ReadonlySet<string>, deadlineMs: number, onPoll?: (waiting: number) => void): Promise<{ doneAt: number | null; waiting: Map<string, string> }> {
  const deadline = Date.now() + deadlineMs;
  let waiting = new Map<string, string>();
  let reported = -1;
  while (Date.now() < deadline) {
    waiting = await notYetRouted(base, session, ids);
    if (waiting.size !== reported) onPoll?.(waiting.size);
    reported = waiting.size;
    if (waiting.size === 0) return { doneAt: performance.now(), waiting };
    await sleep(2000);
  }
  return { doneAt: null, waiting };
}
