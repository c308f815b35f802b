/**
 * Each proposal's durable lifecycle, one Workflow instance per proposal (instance id = proposal id):
 * kecamatan verification (or return to the village; a village's proposal only, shared/proposals/channels.ts) →
 * routing through the queue → every agency's review
 * (or Bappeda triage) → the forum, while a cross-agency overlap is open → outcome.
 *
 * D1 is the truth: a wake-up event only ends a wait, after which a step reads D1, so an event that arrives early
 * or twice changes nothing, and a lost one is re-sent by the cron's nudge. Waits on people therefore last until
 * the next deadline (reminder, escalation, outcome), not a polling window: a typical proposal takes a dozen steps.
 *
 * Cloudflare replays `run()` from the top after hibernation with the finished steps' cached results, and the code
 * between steps runs again with a new clock. So nothing here reads the clock, draws randomness or does I/O outside
 * `step.do`: every decision about time is made inside a step (workers/usecases/lifecycle/stages.ts) and comes back
 * as its cached result. Step names (shared/lifecycle/steps.ts) are built from round counters only.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { LIFECYCLE_EVENT, type LifecycleWake, type ProposalLifecycleParams } from "../../shared/contracts.ts";
import { RESUBMISSION_DEADLINE, waitMs, waitWindow } from "../../shared/lifecycle/deadlines.ts";
import { awaitingStep, LIFECYCLE_STEPS as STEP } from "../../shared/lifecycle/steps.ts";
import type { Env } from "../env.ts";
import type { TaskRow } from "../storage/reviews.ts";
import { depsOf, type Deps } from "../usecases/deps.ts";
import {
  checkTasks,
  forumState,
  openFallbackTriage,
  openVerification,
  recordLifecycleFailure,
  recordOutcome,
  requestRoutingStage,
  resubmissionState,
  routingResult,
  startLifecycleStage,
  transition,
  type LifecycleStart,
  type OpenedTask,
} from "../usecases/lifecycle/stages.ts";
import { passesDistrictVerification } from "../../shared/proposals/channels.ts";

type Outcome = { status: string; reason?: string };
type Timeout = NonNullable<Parameters<WorkflowStep["waitForEvent"]>[1]["timeout"]>;
type ForumState = Awaited<ReturnType<typeof forumState>>;

export class ProposalLifecycle extends WorkflowEntrypoint<Env, ProposalLifecycleParams> {
  private get deps(): Deps {
    return depsOf(this.env);
  }

  /**
   * A step that still fails after its retries leaves the proposal visibly stuck (lifecycle_error), on
   * Bappeda's list of failed lifecycles, from where it can be retried; the instance itself ends as errored.
   */
  override async run(event: Readonly<WorkflowEvent<ProposalLifecycleParams>>, step: WorkflowStep): Promise<Outcome> {
    try {
      return await this.lifecycle(event.payload.proposalId, step);
    } catch (error) {
      await step.do(STEP.recordFailure, () => recordLifecycleFailure(this.deps, event.payload.proposalId, error));
      throw error;
    }
  }

  private async lifecycle(id: string, step: WorkflowStep): Promise<Outcome> {
    // One step before the first wait, since every step is a write to the instance's own storage.
    const start = await step.do(STEP.openVerification(1), () => startLifecycleStage(this.deps, id, Date.now()));
    const proposal = start.proposal;
    if (proposal.status === "withdrawn") return { status: "withdrawn" };
    // A pokir or a thematic line goes to routing directly; only a village's proposal meets the kecamatan.
    if (passesDistrictVerification(proposal.channel ?? "desa")) {
      const verified = await this.verification(step, id, proposal, start.task);
      if (verified !== "verified") return verified;
    }

    // Routing through the queue; Bappeda triage may send it round again with corrected codes.
    let reviewTasks: TaskRow[] = [];
    for (let attempt = 1; reviewTasks.length === 0; attempt++) {
      const routed = await this.awaitRouting(step, id, attempt);
      if (routed.kind === "agencies") {
        reviewTasks = routed.tasks;
        break;
      }
      const triage = await this.awaitTasks(step, STEP.triage(attempt), id, [routed.task.id], null);
      if (triage === "withdrawn") return { status: "withdrawn" };
      if (triage === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak dipilah Bappeda sampai batas waktu");
      if (triage[0]?.decision !== "route") return this.finish(step, id, proposal.regencyCode, "rejected", triage[0]?.decisionReason ?? "ditolak Bappeda");
    }

    // Every agency decides its part (a forum may close some parts as merged meanwhile).
    const decided = await this.awaitTasks(step, STEP.agencyReview, id, reviewTasks.map((t) => t.id), null);
    if (decided === "withdrawn") return { status: "withdrawn" };
    if (decided === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diputuskan OPD sampai batas waktu");

    // Planned twice across agencies: the sync forum settles it before there is an outcome.
    const forum = await this.awaitForum(step, id, proposal.regencyCode);
    if (forum === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diputuskan forum lintas perangkat daerah sampai batas waktu");

    return step.do(STEP.outcome, () => recordOutcome(this.deps, id, proposal.regencyCode, decided));
  }

  /** Kecamatan verification, as many rounds as the village needs to fix what was returned. */
  private async verification(step: WorkflowStep, id: string, proposal: LifecycleStart["proposal"], first: OpenedTask | null): Promise<"verified" | Outcome> {
    if (!first) return { status: "withdrawn" };
    for (let round = 1; ; round++) {
      const task: OpenedTask = round === 1 ? first : await step.do(STEP.openVerification(round), () => openVerification(this.deps, { id, ...proposal }, round, Date.now()));
      // A task just (re)opened has nothing to check yet: wait for the kecamatan first.
      const decided = await this.awaitTasks(step, STEP.verification(round), id, [task.id], task.open ? task.wakeInMs : null);
      if (decided === "withdrawn") return { status: "withdrawn" };
      if (decided === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diverifikasi kecamatan sampai batas waktu");
      const [verification] = decided;
      if (verification?.decision === "verified") break;
      await step.do(STEP.returned(round), () =>
        transition(this.deps, { proposalId: id, regencyCode: proposal.regencyCode, status: "returned", stage: "desa", actor: verification?.decidedBy ?? "kecamatan", action: "proposal.returned", dedupeKey: `${id}:returned:${round}`, data: { note: verification?.decisionReason } }),
      );
      const answer = await this.awaitResubmission(step, id, round);
      if (answer === "withdrawn") return { status: "withdrawn" };
      if (answer === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diperbaiki desa sampai batas waktu");
    }
    await step.do(STEP.verified, () =>
      transition(this.deps, { proposalId: id, regencyCode: proposal.regencyCode, status: "verified", stage: "kecamatan", actor: "system:lifecycle", action: "proposal.verified", dedupeKey: `${id}:verified` }),
    );
    return "verified";
  }

  /** Waits for one wake-up event; null when the timeout passed. */
  private async wake(step: WorkflowStep, name: string, timeout: Timeout): Promise<LifecycleWake | null> {
    try {
      const event = await step.waitForEvent<LifecycleWake>(name, { type: LIFECYCLE_EVENT, timeout });
      return event.payload;
    } catch {
      return null;
    }
  }

  /**
   * Waits until every task is decided (or closed by the forum), reading D1 after each wake-up, and otherwise
   * sleeping until the next deadline: a reminder at the due date, an escalation to Bappeda a week later, and
   * "expired" a month after that; "withdrawn" when the village withdrew. `firstWaitMs`: wait before the first check.
   */
  private async awaitTasks(step: WorkflowStep, names: ReturnType<typeof awaitingStep>, proposalId: string, taskIds: readonly string[], firstWaitMs: number | null): Promise<TaskRow[] | "withdrawn" | "expired"> {
    let wakeInMs = firstWaitMs;
    for (let round = 1; ; round++) {
      if (wakeInMs !== null) await this.wake(step, names.waiting(round), waitMs(wakeInMs));
      const state = await step.do(names.check(round), () => checkTasks(this.deps, proposalId, taskIds, `${proposalId}:${names.stage}`, Date.now()));
      if (state.kind === "done") return state.tasks;
      if (state.kind === "withdrawn" || state.kind === "expired") return state.kind;
      wakeInMs = state.wakeInMs;
    }
  }

  /** The village fixes what the kecamatan returned (or withdraws it); after 30 days the proposal is carried over. */
  private async awaitResubmission(step: WorkflowStep, proposalId: string, round: number): Promise<"resubmitted" | "withdrawn" | "expired"> {
    const names = STEP.resubmission(round);
    for (let check = 1; ; check++) {
      const woken = await this.wake(step, names.waiting(check), RESUBMISSION_DEADLINE);
      const state = await step.do(names.check(check), () => resubmissionState(this.deps, proposalId));
      if (state !== "returned") return state;
      // Woken by something else while the proposal still waits with the village: wait again; not woken: give up.
      if (!woken) return "expired";
    }
  }

  /**
   * While a cross-agency overlap flag of this proposal is open, the proposal is at the forum: it waits until a
   * forum decision or a dismissal wakes it, or until the planning season's patience ran out ("expired").
   */
  private async awaitForum(step: WorkflowStep, proposalId: string, regencyCode: string): Promise<"settled" | "expired"> {
    let since: number | null = null;
    for (let round = 1; ; round++) {
      const from = since;
      const state: ForumState = await step.do(STEP.forum.check(round), () => forumState(this.deps, proposalId, from, Date.now()));
      if (state.open === 0) return "settled";
      if (round === 1) {
        await step.do(STEP.atTheForum, () =>
          transition(this.deps, { proposalId, regencyCode, status: "in_forum", stage: "sync_forum", actor: "system:lifecycle", action: "proposal.in_forum", dedupeKey: `${proposalId}:in_forum` }),
        );
      }
      if (state.expired) return "expired";
      since = state.since;
      await this.wake(step, STEP.forum.waiting(round), waitMs(state.wakeInMs));
    }
  }

  /**
   * Asks the routing queue and waits for its answer (the consumer wakes the lifecycle); if routing never answers
   * within its patience (the message dead-lettered), Bappeda gets a triage task.
   */
  private async awaitRouting(step: WorkflowStep, proposalId: string, attempt: number): Promise<{ kind: "agencies"; tasks: TaskRow[] } | { kind: "triage"; task: TaskRow }> {
    const { requestedAt } = await step.do(STEP.requestRouting(attempt), () => requestRoutingStage(this.deps, proposalId, attempt, Date.now()));
    for (let round = 1; ; round++) {
      await this.wake(step, STEP.routingWaiting(attempt, round), waitWindow(round, "routing"));
      const result = await step.do(STEP.routingResult(attempt, round), () => routingResult(this.deps, proposalId, requestedAt, Date.now()));
      const reviews = result.tasks.filter((t) => t.kind === "agency_review");
      if (reviews.length > 0) return { kind: "agencies", tasks: reviews };
      const triage = result.tasks.find((t) => t.kind === "triage" && t.status !== "decided");
      if (triage) return { kind: "triage", task: triage };
      if (result.expired) break;
    }
    const opened = await step.do(STEP.fallbackTriage(attempt), () => openFallbackTriage(this.deps, proposalId, attempt, Date.now()));
    return { kind: "triage", task: opened };
  }

  private async finish(step: WorkflowStep, proposalId: string, regencyCode: string, status: "carried_over" | "rejected", reason: string): Promise<Outcome> {
    await step.do(STEP.finish(status), () => transition(this.deps, { proposalId, regencyCode, status, actor: "system:lifecycle", action: `proposal.${status}`, dedupeKey: `${proposalId}:finish`, data: { reason } }));
    return { status, reason };
  }
}
