/**
 * Runs a Workflow class's `run()` outside the runtime, against a step cache, on a virtual clock: the way Cloudflare
 * replays an instance that wakes from hibernation. `record` executes steps for real (local D1 as in every test) and
 * caches their results; waits end at the first wake-up event in the inbox or at their timeout, the clock jumping
 * to whichever comes first, with people's scheduled actions run at their time. `replay` runs `run()` again from the
 * top at another clock with the cache: finished steps return their cached results, and the first step that is not
 * in the cache is reported (`NextStep`) instead of run.
 */
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import type { WorkflowEvent, WorkflowStep } from "cloudflare:workers";
import { LIFECYCLE_EVENT, type LifecycleWake, type RoutingMessage } from "../../shared/contracts.ts";
import type { Env } from "../../workers/env.ts";
import { depsOf } from "../../workers/usecases/deps.ts";
import { routeProposal } from "../../workers/usecases/routing/route-proposal.ts";

/** The step a run asked for that was not in the cache (replay), or the one it was told to stop at (record). */
export class NextStep extends Error {
  readonly step: string;
  constructor(step: string) {
    super(`next step: ${step}`);
    this.step = step;
  }
}

type Cached = { value: unknown } | { event: unknown } | { timeout: true };

const UNITS: Record<string, number> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000, month: 2_592_000_000, year: 31_536_000_000 };

export function durationMs(duration: string | number): number {
  if (typeof duration === "number") return duration;
  const [, amount, unit] = /^(\d+(?:\.\d+)?) (second|minute|hour|day|week|month|year)s?$/.exec(duration) ?? [];
  if (!amount || !unit) throw new Error(`unreadable duration ${duration}`);
  return Number(amount) * UNITS[unit]!;
}

interface Action {
  at: number;
  run: () => Promise<void>;
}

export interface RunOptions {
  /** Stop (without running it) when the run asks for this step; the recording then ends there. */
  stopAt?: string;
  /** Virtual delay between a routing request and the consumer routing it. */
  routingDelayMs?: number;
}

export class SimulatedInstance {
  clock: number;
  readonly cache = new Map<string, Cached>();
  /** Every step asked for while recording, in order: `do` steps and waits alike (Cloudflare bills both). */
  readonly asked: string[] = [];
  private readonly inbox: { at: number; payload: LifecycleWake }[] = [];
  private actions: Action[] = [];
  private replaying = false;
  private stopAt: string | undefined;
  readonly env: Env;

  private readonly options: RunOptions;

  constructor(start: number, options: RunOptions = {}) {
    this.clock = start;
    this.options = options;
    this.stopAt = options.stopAt;
    const instance = this;
    // The lifecycle wakes and routes through these: wake-ups land in the inbox, routing runs at its virtual time.
    const lifecycles = {
      async get() {
        return { sendEvent: async (event: { type: string; payload: LifecycleWake }) => void instance.inbox.push({ at: instance.clock, payload: event.payload }) };
      },
    };
    const routing = {
      async send(body: RoutingMessage) {
        instance.schedule(instance.clock + (instance.options.routingDelayMs ?? 1_000), () => routeProposal(depsOf(instance.env), body).then(() => undefined));
      },
    };
    this.env = { ...env, PROPOSAL_LIFECYCLE: lifecycles, PROPOSAL_ROUTING: routing } as unknown as Env;
  }

  /** A person's (or the queue's) action at a virtual time. */
  schedule(at: number, run: () => Promise<void>): void {
    this.actions = [...this.actions, { at, run }].sort((a, b) => a.at - b.at);
  }

  private setClock(at: number): void {
    this.clock = at;
    vi.setSystemTime(at);
  }

  /** Called with the first step not to run; the run then hangs there, as an instance sleeps at a wait. */
  private halt: (step: string) => void = () => {};
  private failed: (error: unknown) => void = () => {};

  /** The cached result, or undefined when the step is to run now; never settles when the run is to stop here. */
  private async ask(name: string): Promise<Cached | undefined> {
    const cached = this.cache.get(name);
    if (cached) return cached;
    if (this.replaying || name === this.stopAt) {
      // Not thrown: the code under test may catch errors around a step (a wait's timeout), and must not see this.
      this.halt(name);
      return new Promise<never>(() => {});
    }
    this.asked.push(name);
    return undefined;
  }

  readonly step = {
    do: async (name: string, ...rest: unknown[]) => {
      const callback = rest.at(-1) as () => Promise<unknown>;
      const cached = await this.ask(name);
      if (cached && "value" in cached) return structuredClone(cached.value);
      // Cached as Cloudflare does: serialised, so what the next run gets back is a copy.
      const value = structuredClone(await callback());
      this.cache.set(name, { value });
      return structuredClone(value);
    },
    waitForEvent: async (name: string, options: { type: string; timeout?: string | number }) => {
      const cached = await this.ask(name);
      if (cached && "event" in cached) return { payload: cached.event, timestamp: new Date(this.clock), type: LIFECYCLE_EVENT };
      if (cached) throw new Error(`waitForEvent ${name} timed out`);
      const deadline = this.clock + durationMs(options.timeout ?? "1 day");
      for (;;) {
        const event = this.inbox.shift();
        if (event) {
          this.cache.set(name, { event: event.payload });
          return { payload: event.payload, timestamp: new Date(this.clock), type: options.type };
        }
        const next = this.actions[0];
        if (!next || next.at > deadline) break;
        this.actions = this.actions.slice(1);
        this.setClock(Math.max(this.clock, next.at));
        // A failing action is the scenario's mistake: it must not pass for a wait that timed out.
        await next.run().catch((error: unknown) => this.failed(error));
      }
      this.setClock(deadline);
      this.cache.set(name, { timeout: true });
      throw new Error(`waitForEvent ${name} timed out`);
    },
    sleep: async (name: string) => {
      if (!(await this.ask(name))) this.cache.set(name, { value: null });
    },
    sleepUntil: async (name: string) => {
      if (!(await this.ask(name))) this.cache.set(name, { value: null });
    },
  } as unknown as WorkflowStep;

  /** Runs `run()` until it returns (its output) or halts at a step it may not run (a `NextStep`). */
  private async runUntilHalt<P>(run: (event: WorkflowEvent<P>, step: WorkflowStep) => Promise<unknown>, payload: P, at: number): Promise<unknown> {
    vi.useFakeTimers({ toFake: ["Date"] });
    this.setClock(at);
    try {
      const halted = new Promise<NextStep>((resolve, reject) => {
        this.halt = (step) => resolve(new NextStep(step));
        this.failed = reject;
      });
      return await Promise.race([run(workflowEvent(payload, at), this.step), halted]);
    } finally {
      vi.useRealTimers();
    }
  }

  /** Runs `run()` from the top, recording; ends when it returns or reaches `stopAt`. */
  async record<P>(run: (event: WorkflowEvent<P>, step: WorkflowStep) => Promise<unknown>, payload: P): Promise<unknown> {
    return this.runUntilHalt(run, payload, this.clock);
  }

  /** Runs `run()` again from the top at `at`, with the cache: the first step it asks for that is not cached. */
  async replay<P>(run: (event: WorkflowEvent<P>, step: WorkflowStep) => Promise<unknown>, payload: P, at: number): Promise<string> {
    this.replaying = true;
    const recordedClock = this.clock;
    try {
      const result = await this.runUntilHalt(run, payload, at);
      return result instanceof NextStep ? result.step : "(run returned)";
    } finally {
      this.replaying = false;
      this.clock = recordedClock;
    }
  }
}

function workflowEvent<P>(payload: P, at: number): WorkflowEvent<P> {
  return { payload, timestamp: new Date(at), instanceId: "simulated" } as WorkflowEvent<P>;
}
