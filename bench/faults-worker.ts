/**
 * Bench-only entry for `node bench/faults.ts` (config bench/wrangler.faults.toml): the real Worker
 * (workers/index.ts, unchanged) with a fault injector in front of the proposal-routing consumer. Never deployed.
 *
 * While faults are on (POST /__bench/routing-faults; wrangler dev listens on 127.0.0.1 only), each routing message is handed to the real
 * consumer (consumeRouting) one at a time with its D1 binding wrapped so that the routing's write batch:
 *   - fails before writing, at random with probability `transient` per attempt (D1 overloaded, an isolate lost);
 *   - commits and then fails, with probability `lostAck` per attempt (the Worker dies after the write, before
 *     the ack: the retry must not open a second task);
 *   - always fails for a `poison` share of proposals (chosen by a hash of the id), until faults are switched off,
 *     so those messages exhaust max_retries and reach the dead-letter queue.
 * The consumer's own catch → message.retry({ delaySeconds }) path runs unchanged; only the delay is capped
 * (`maxDelaySeconds`, default 1 s): the production backoff (5 s, 30 s, 2 min, 10 min, 30 min) would take ~45 min
 * to dead-letter a message. Every injected failure is counted, GET /__bench/routing-faults reports the counts.
 *
 * GET /__bench/lifecycle?id=<proposal id> answers the status of that proposal's Workflow instance (or the error
 * getting it), so the restart scenario can say what happened to a proposal whose lifecycle did not run.
 *
 * The hook this stands in for, in workers/ itself: an optional `ROUTING_FAULTS` var read only in local dev
 * (e.g. "transient=0.3,lostAck=0.1,poison=0.03"), applied by consumeRouting around routeProposal.
 */
import { fnv1a32 } from "../shared/overlap/minhash.ts";
import worker from "../workers/index.ts";
import type { Env } from "../workers/env.ts";
import type { RoutingMessage } from "../shared/contracts.ts";
import { consumeRouting } from "../workers/queues/proposal-routing.ts";

export { ProposalLifecycle, RenjaExport } from "../workers/index.ts";

interface Faults {
  transient: number;
  lostAck: number;
  poison: number;
  maxDelaySeconds: number;
}

const OFF: Faults = { transient: 0, lostAck: 0, poison: 0, maxDelaySeconds: 1 };
let faults: Faults = { ...OFF };
const counts = { messages: 0, transient: 0, lostAck: 0, poison: 0, passed: 0, retriesRequested: 0 };

class InjectedFault extends Error {
  override name = "InjectedFault";
}

/** FNV-1a of the proposal id, in [0, 1): the same proposals are poison on every attempt. */
const share = (id: string): number => fnv1a32(id) / 2 ** 32;

/** The D1 binding, with the first write batch of this attempt failing before or after it commits. */
function faultyDb(db: D1Database, mode: "transient" | "lostAck" | "poison"): D1Database {
  let fired = false;
  return new Proxy(db, {
    get(target, key) {
      if (key === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          if (fired) return target.batch(statements);
          fired = true;
          if (mode === "lostAck") {
            await target.batch(statements);
            throw new InjectedFault("injected: committed, then lost before the ack");
          }
          throw new InjectedFault(`injected: ${mode} failure before the write`);
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function routeWithFaults(batch: MessageBatch<RoutingMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    counts.messages++;
    const id = message.body.proposalId;
    const mode = share(id) < faults.poison ? "poison" : Math.random() < faults.transient ? "transient" : Math.random() < faults.lostAck ? "lostAck" : null;
    if (mode) counts[mode]++;
    else counts.passed++;
    const capped: Message<RoutingMessage> = {
      id: message.id,
      timestamp: message.timestamp,
      body: message.body,
      attempts: message.attempts,
      ack: () => message.ack(),
      retry: (options?: QueueRetryOptions) => {
        counts.retriesRequested++;
        message.retry({ delaySeconds: Math.min(options?.delaySeconds ?? 0, faults.maxDelaySeconds) });
      },
    };
    const single = { queue: batch.queue, messages: [capped], ackAll: () => capped.ack(), retryAll: () => capped.retry() } as unknown as MessageBatch<RoutingMessage>;
    await consumeRouting(single, mode ? { ...env, DB: faultyDb(env.DB, mode) } : env);
  }
}

export default {
  ...worker,
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/__bench/routing-faults") {
      if (request.method === "POST") faults = { ...OFF, ...((await request.json()) as Partial<Faults>) };
      return Response.json({ faults, counts });
    }
    if (url.pathname === "/__bench/lifecycle") {
      try {
        const instance = await env.PROPOSAL_LIFECYCLE.get(url.searchParams.get("id") ?? "");
        return Response.json({ exists: true, status: await instance.status() });
      } catch (error) {
        return Response.json({ exists: false, error: String(error) });
      }
    }
    return worker.fetch(request, env, ctx);
  },
  async queue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    const on = faults.transient > 0 || faults.lostAck > 0 || faults.poison > 0;
    if (batch.queue === "proposal-routing" && on) return routeWithFaults(batch as MessageBatch<RoutingMessage>, env);
    return worker.queue(batch, env);
  },
} satisfies ExportedHandler<Env, unknown>;
