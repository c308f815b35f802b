/**
 * Each proposal's durable lifecycle, one Workflow instance per proposal (instance id = proposal id):
 * kecamatan verification (or return to the village) → routing through the queue → every agency's review
 * (or Bappeda triage) → the forum, while a cross-agency overlap is open → outcome. D1 is the truth: events only
 * wake the workflow, which then reads the tasks, so an event that arrives early or twice changes nothing. Every
 * wait has a deadline: a reminder, then an escalation to Bappeda, then a recorded outcome; nothing waits forever.
 * What each step does is in workers/usecases/lifecycle/stages.ts; step names in shared/lifecycle/steps.ts.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { LIFECYCLE_EVENT, type LifecycleWake, type ProposalLifecycleParams } from "../../shared/contracts.ts";
import { FORUM_PATIENCE_MS, RESUBMISSION_DEADLINE, ROUTING_PATIENCE_MS, waitWindow } from "../../shared/lifecycle/deadlines.ts";
import { awaitingStep, LIFECYCLE_STEPS as STEP } from "../../shared/lifecycle/steps.ts";
import type { Env } from "../env.ts";
import { requestRouting } from "../messaging/routing.ts";
import { depsOf, type Deps } from "../usecases/deps.ts";
import {
  checkTasks,
  openFallbackTriage,
  openForumFlags,
  openVerification,
  recordLifecycleFailure,
  recordOutcome,
  routingResult,
  startLifecycleStage,
  transition,
} from "../usecases/lifecycle/stages.ts";
import type { TaskRow } from "../storage/reviews.ts";

type Outcome = { status: string; reason?: string };

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
    // One step before the first wait, since every step is a write to the instance's own storage and a busy day
    // starts thousands.
    const start = await step.do(STEP.openVerification(1), () => startLifecycleStage(this.deps, id));
    const proposal = start.proposal;
    if (proposal.status === "withdrawn" || !start.task) return { status: "withdrawn" };

    // Kecamatan verification, as many rounds as the village needs to fix what was returned.
    for (let round = 1; ; round++) {
      const task = round === 1 ? start.task : await step.do(STEP.openVerification(round), () => openVerification(this.deps, { id, ...proposal }, round));
      // A task just (re)opened has nothing to check yet: wait for the kecamatan first.
      const decided = await this.awaitTasks(step, STEP.verification(round), id, [task.id], { waitFirst: task.open });
      if (decided === "withdrawn") return { status: "withdrawn" };
      if (decided === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diverifikasi kecamatan sampai batas waktu");
      const [verification] = decided;
      if (verification?.decision === "verified") break;
      await step.do(STEP.returned(round), () =>
        transition(this.deps, { proposalId: id, regencyCode: proposal.regencyCode, status: "returned", stage: "desa", actor: verification?.decidedBy ?? "kecamatan", action: "proposal.returned", dedupeKey: `${id}:returned:${round}`, data: { note: verification?.decisionReason } }),
      );
      const answer = await this.wake(step, STEP.resubmission(round), RESUBMISSION_DEADLINE);
      if (!answer) return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diperbaiki desa sampai batas waktu");
      if (answer.kind === "withdrawn") return { status: "withdrawn" };
    }
    await step.do(STEP.verified, () =>
      transition(this.deps, { proposalId: id, regencyCode: proposal.regencyCode, status: "verified", stage: "kecamatan", actor: "system:lifecycle", action: "proposal.verified", dedupeKey: `${id}:verified` }),
    );

    // Routing through the queue; Bappeda triage may send it round again with corrected codes.
    let reviewTasks: TaskRow[] = [];
    for (let attempt = 1; reviewTasks.length === 0; attempt++) {
      await step.do(STEP.requestRouting(attempt), () => requestRouting(this.env, id, attempt));
      const routed = await this.awaitRouting(step, id, attempt);
      if (routed.kind === "agencies") {
        reviewTasks = routed.tasks;
        break;
      }
      const triage = await this.awaitTasks(step, STEP.triage(attempt), id, [routed.task.id]);
      if (triage === "withdrawn") return { status: "withdrawn" };
      if (triage === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak dipilah Bappeda sampai batas waktu");
      if (triage[0]?.decision !== "route") return this.finish(step, id, proposal.regencyCode, "rejected", triage[0]?.decisionReason ?? "ditolak Bappeda");
    }

    // Every agency decides its part (a forum may close some parts as merged meanwhile).
    const decided = await this.awaitTasks(step, STEP.agencyReview, id, reviewTasks.map((t) => t.id));
    if (decided === "withdrawn") return { status: "withdrawn" };
    if (decided === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diputuskan OPD sampai batas waktu");

    // Planned twice across agencies: the sync forum settles it before there is an outcome.
    const forum = await this.awaitForum(step, id, proposal.regencyCode);
    if (forum === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diputuskan forum lintas perangkat daerah sampai batas waktu");

    return step.do(STEP.outcome, () => recordOutcome(this.deps, id, proposal.regencyCode, decided));
  }

  /** Waits for one wake-up event; null when the deadline passed. */
  private async wake(step: WorkflowStep, name: string, timeout: string): Promise<LifecycleWake | null> {
    try {
      const event = await step.waitForEvent<LifecycleWake>(name, { type: LIFECYCLE_EVENT, timeout: timeout as "1 day" });
      return event.payload;
    } catch {
      return null;
    }
  }

  /**
   * Waits until every task is decided, reading D1 after each wake-up or window, so a lost or early event
   * costs at most one window. Past the earliest due date it sends a reminder, a week later escalates to
   * Bappeda, and a month after that gives up ("expired"); "withdrawn" when the village withdrew.
   */
  private async awaitTasks(
    step: WorkflowStep,
    names: ReturnType<typeof awaitingStep>,
    proposalId: string,
    taskIds: readonly string[],
    { waitFirst = false } = {},
  ): Promise<TaskRow[] | "withdrawn" | "expired"> {
    for (let round = 1; ; round++) {
      if (waitFirst && round === 1) {
        await this.wake(step, names.waiting(round), waitWindow(round, "people"));
        continue;
      }
      const state = await step.do(names.check(round), () => checkTasks(this.deps, proposalId, taskIds, `${proposalId}:${names.stage}`, Date.now()));
      if (state.kind === "done") return state.tasks;
      if (state.kind === "withdrawn" || state.kind === "expired") return state.kind;
      await this.wake(step, names.waiting(round), waitWindow(round, "people"));
    }
  }

  /**
   * While a cross-agency overlap flag of this proposal is open, the proposal is at the forum: it waits, reading
   * D1 after each wake-up, until the forum decides (or Bappeda dismisses the flag). "expired" after FORUM_PATIENCE.
   */
  private async awaitForum(step: WorkflowStep, proposalId: string, regencyCode: string): Promise<"settled" | "expired"> {
    const since = await step.do(STEP.forumSince, async () => Date.now());
    for (let round = 1; ; round++) {
      const open = await step.do(STEP.forum.check(round), () => openForumFlags(this.deps, proposalId));
      if (open === 0) return "settled";
      if (round === 1) {
        await step.do(STEP.atTheForum, () =>
          transition(this.deps, { proposalId, regencyCode, status: "in_forum", stage: "sync_forum", actor: "system:lifecycle", action: "proposal.in_forum", dedupeKey: `${proposalId}:in_forum` }),
        );
      }
      if (Date.now() - since > FORUM_PATIENCE_MS) return "expired";
      await this.wake(step, STEP.forum.waiting(round), waitWindow(round, "people"));
    }
  }

  /** The routing consumer answers with the tasks it opened; if it never does, Bappeda gets a triage task. */
  private async awaitRouting(step: WorkflowStep, proposalId: string, attempt: number): Promise<{ kind: "agencies"; tasks: TaskRow[] } | { kind: "triage"; task: TaskRow }> {
    const since = await step.do(STEP.routingRequestedAt(attempt), async () => Date.now());
    for (let round = 1; Date.now() - since < ROUTING_PATIENCE_MS || round === 1; round++) {
      const tasks = await step.do(STEP.routingResult(attempt, round), () => routingResult(this.deps, proposalId));
      const reviews = tasks.filter((t) => t.kind === "agency_review");
      if (reviews.length > 0) return { kind: "agencies", tasks: reviews };
      const triage = tasks.find((t) => t.kind === "triage" && t.status !== "decided");
      if (triage) return { kind: "triage", task: triage };
      await this.wake(step, STEP.routingWaiting(attempt, round), waitWindow(round, "routing"));
    }
    const opened = await step.do(STEP.fallbackTriage(attempt), () => openFallbackTriage(this.deps, proposalId, attempt));
    return { kind: "triage", task: opened };
  }

  private async finish(step: WorkflowStep, proposalId: string, regencyCode: string, status: "carried_over" | "rejected", reason: string): Promise<Outcome> {
    await step.do(STEP.finish(status), () => transition(this.deps, { proposalId, regencyCode, status, actor: "system:lifecycle", action: `proposal.${status}`, dedupeKey: `${proposalId}:finish`, data: { reason } }));
    return { status, reason };
  }
}
