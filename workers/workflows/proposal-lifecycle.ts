/**
 * Each proposal's durable lifecycle, one Workflow instance per proposal (instance id = proposal id):
 * kecamatan verification (or return to the village) → routing through the queue → every agency's review
 * (or Bappeda triage) → outcome. D1 is the truth: events only wake the workflow, which then reads the tasks,
 * so an event that arrives early or twice changes nothing. Every wait has a deadline: a reminder, then an
 * escalation to Bappeda, then a recorded outcome; nothing waits forever.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { proposalOutcome, type DecisionName } from "../../shared/reviews/decisions.ts";
import { eq } from "drizzle-orm";
import { proposals } from "../../shared/db/schema.ts";
import type { Env } from "../env.ts";
import { auditInsert } from "../storage/audit.ts";
import { database, runBatch } from "../storage/database.ts";
import { renjaLineStatements } from "../storage/renja.ts";
import { openCrossAgencyFlags } from "../storage/forums.ts";
import { findProposal } from "../storage/proposals.ts";
import { applyTransition, DAY_MS, dueIn, markOverdue, openTaskStatement, TASK_DAYS, tasksOf, type TaskRow } from "../storage/reviews.ts";

export interface ProposalLifecycleParams {
  proposalId: string;
}

/** The one event type every wake-up uses; the payload says what happened. */
export const LIFECYCLE_EVENT = "proposal-update";

export interface LifecycleWake {
  kind: "verification_decided" | "resubmitted" | "withdrawn" | "routed" | "review_decided" | "triage_decided";
  taskId?: string;
}

const RESUBMISSION_DEADLINE = "30 days";
/** After the due date: a reminder; a week later escalation to Bappeda; a month after that, an outcome. */
const GRACE_MS = 7 * DAY_MS;
const FINAL_MS = 30 * DAY_MS;
/** How long routing may take before Bappeda triages by hand (the message may be in the dead-letter queue). */
const ROUTING_PATIENCE_MS = 2 * DAY_MS;
/** A planning season: a forum that has not settled an overlap by then leaves the proposal carried over. */
const FORUM_PATIENCE_MS = 120 * DAY_MS;

/**
 * Wake-up events usually end a wait at once; the windows bound how late a lost event is noticed. The routing
 * queue answers in seconds, so its windows start short; people take days, so waiting on them starts at an hour
 * (short windows there only wake every proposal of a busy day for a check that finds nothing).
 */
export function waitWindow(round: number, waitingFor: "routing" | "people"): "30 seconds" | "5 minutes" | "1 hour" | "1 day" {
  if (waitingFor === "people") return round === 1 ? "1 hour" : "1 day";
  return round === 1 ? "30 seconds" : round === 2 ? "5 minutes" : round === 3 ? "1 hour" : "1 day";
}

/** What the deadlines ask for now, one stage at a time: reminder, then escalation, then giving up. */
export function overdueStage(open: readonly Pick<TaskRow, "dueAt" | "remindedAt" | "escalatedAt">[], now: number): "none" | "remind" | "escalate" | "expire" {
  const due = Math.min(...open.map((t) => Date.parse(t.dueAt)));
  if (now < due) return "none";
  if (open.some((t) => !t.remindedAt)) return "remind";
  if (now < due + GRACE_MS) return "none";
  if (open.some((t) => !t.escalatedAt)) return "escalate";
  return now < due + GRACE_MS + FINAL_MS ? "none" : "expire";
}

type Outcome = { status: string; reason?: string };

export class ProposalLifecycle extends WorkflowEntrypoint<Env, ProposalLifecycleParams> {
  /**
   * A step that still fails after its retries leaves the proposal visibly stuck (lifecycle_error), on
   * Bappeda's list of failed lifecycles, from where it can be retried; the instance itself ends as errored.
   */
  override async run(event: Readonly<WorkflowEvent<ProposalLifecycleParams>>, step: WorkflowStep): Promise<Outcome> {
    try {
      return await this.lifecycle(event.payload.proposalId, step);
    } catch (error) {
      await step.do("record failure", async () => {
        const id = event.payload.proposalId;
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const db = database(this.env.DB);
        const row = await findProposal(db, id);
        if (!row) return;
        await db.batch([
          db.update(proposals).set({ lifecycleError: message }).where(eq(proposals.id, id)),
          auditInsert(db, { regencyCode: row.regencyCode, actor: "system:lifecycle", action: "proposal.lifecycle_failed", entityType: "proposal", entityId: id, data: { error: message } }),
        ]);
      });
      throw error;
    }
  }

  private async lifecycle(id: string, step: WorkflowStep): Promise<Outcome> {
    // One step before the first wait, since every step is a write to the instance's own storage and a busy day
    // starts thousands: the proposal's place and its verification task (intake opens the task in the proposal's
    // own batch; here it is opened for proposals that arrived another way, such as the demo seed).
    const start = await step.do("open verification 1", async () => {
      const row = await findProposal(database(this.env.DB), id);
      if (!row) throw new Error(`proposal ${id} not found`);
      const proposal = { regencyCode: row.regencyCode, districtCode: row.districtCode, status: row.status };
      if (row.status === "withdrawn") return { proposal, task: null };
      return { proposal, task: await this.openTask({ proposalId: id, regencyCode: row.regencyCode, kind: "verification", agencyId: null, queueKey: row.districtCode }, 1) };
    });
    const proposal = start.proposal;
    if (proposal.status === "withdrawn" || !start.task) return { status: "withdrawn" };

    // Kecamatan verification, as many rounds as the village needs to fix what was returned.
    for (let round = 1; ; round++) {
      const task =
        round === 1
          ? start.task
          : await step.do(`open verification ${round}`, () =>
              this.openTask({ proposalId: id, regencyCode: proposal.regencyCode, kind: "verification", agencyId: null, queueKey: proposal.districtCode }, round),
            );
      // A task just (re)opened has nothing to check yet: wait for the kecamatan first.
      const decided = await this.awaitTasks(step, `verification ${round}`, id, [task.id], { waitFirst: task.open });
      if (decided === "withdrawn") return { status: "withdrawn" };
      if (decided === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diverifikasi kecamatan sampai batas waktu");
      const [verification] = decided;
      if (verification?.decision === "verified") break;
      await step.do(`returned ${round}`, () =>
        applyTransition(this.env.DB, { proposalId: id, regencyCode: proposal.regencyCode, status: "returned", stage: "desa", actor: verification?.decidedBy ?? "kecamatan", action: "proposal.returned", dedupeKey: `${id}:returned:${round}`, data: { note: verification?.decisionReason } }),
      );
      const answer = await this.wake(step, `resubmission ${round}`, RESUBMISSION_DEADLINE);
      if (!answer) return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diperbaiki desa sampai batas waktu");
      if (answer.kind === "withdrawn") return { status: "withdrawn" };
    }
    await step.do("verified", () =>
      applyTransition(this.env.DB, { proposalId: id, regencyCode: proposal.regencyCode, status: "verified", stage: "kecamatan", actor: "system:lifecycle", action: "proposal.verified", dedupeKey: `${id}:verified` }),
    );

    // Routing through the queue; Bappeda triage may send it round again with corrected codes.
    let reviewTasks: TaskRow[] = [];
    for (let attempt = 1; reviewTasks.length === 0; attempt++) {
      await step.do(`request routing ${attempt}`, () => this.env.PROPOSAL_ROUTING.send({ proposalId: id, attempt }));
      const routed = await this.awaitRouting(step, id, attempt);
      if (routed.kind === "agencies") {
        reviewTasks = routed.tasks;
        break;
      }
      const triage = await this.awaitTasks(step, `triage ${attempt}`, id, [routed.task.id]);
      if (triage === "withdrawn") return { status: "withdrawn" };
      if (triage === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak dipilah Bappeda sampai batas waktu");
      if (triage[0]?.decision !== "route") return this.finish(step, id, proposal.regencyCode, "rejected", triage[0]?.decisionReason ?? "ditolak Bappeda");
    }

    // Every agency decides its part (a forum may close some parts as merged meanwhile).
    const decided = await this.awaitTasks(step, "agency review", id, reviewTasks.map((t) => t.id));
    if (decided === "withdrawn") return { status: "withdrawn" };
    if (decided === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diputuskan OPD sampai batas waktu");

    // Planned twice across agencies: the sync forum settles it before there is an outcome.
    const forum = await this.awaitForum(step, id, proposal.regencyCode);
    if (forum === "expired") return this.finish(step, id, proposal.regencyCode, "carried_over", "tidak diputuskan forum lintas perangkat daerah sampai batas waktu");

    return step.do("outcome", async () => {
      const current = await findProposal(database(this.env.DB), id);
      // The forum already decided this proposal's fate (merged into another, or rejected).
      if (current && (current.status === "merged" || current.status === "rejected")) return { status: current.status };
      if (decided.length === 0) return { status: current?.status ?? "in_review" };
      const outcome = proposalOutcome(decided.map((t) => t.decision as DecisionName));
      const changes = Object.assign({}, ...decided.filter((t) => t.decision === "accepted_with_changes").map((t) => (JSON.parse(t.decisionData ?? "{}") as { changes?: object }).changes ?? {}));
      await applyTransition(this.env.DB, {
        proposalId: id,
        regencyCode: proposal.regencyCode,
        status: outcome,
        stage: outcome === "accepted" || outcome === "accepted_with_changes" ? "renja" : "opd_review",
        actor: "system:lifecycle",
        action: `proposal.${outcome}`,
        dedupeKey: `${id}:outcome`,
        data: { decisions: decided.map((t) => ({ agencyId: t.agencyId, decision: t.decision })) },
        set: changes,
      });
      // What was agreed becomes Renja lines, ready for Bappeda's export.
      const db = database(this.env.DB);
      await runBatch(db, await renjaLineStatements(db, id));
      return { status: outcome };
    });
  }

  private async openTask(task: { proposalId: string; regencyCode: string; kind: TaskRow["kind"]; agencyId: string | null; queueKey: string }, round: number) {
    const db = database(this.env.DB);
    await db.batch([openTaskStatement(db, { ...task, dueAt: dueIn(TASK_DAYS[task.kind]) })]);
    // A returned proposal reopens its verification: the same task row, open again for this round.
    const existing = (await tasksOf(db, task.proposalId, task.kind)).find((t) => t.queueKey === task.queueKey)!;
    if (round > 1 && existing.status === "decided") {
      await this.env.DB.prepare("UPDATE review_tasks SET status = 'open', decision = NULL, decision_reason = NULL, decided_at = NULL, due_at = ? WHERE id = ?")
        .bind(dueIn(TASK_DAYS[task.kind]), existing.id)
        .run();
      return { id: existing.id, open: true };
    }
    return { id: existing.id, open: existing.status === "open" || existing.status === "claimed" };
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
    name: string,
    proposalId: string,
    taskIds: readonly string[],
    { waitFirst = false } = {},
  ): Promise<TaskRow[] | "withdrawn" | "expired"> {
    for (let round = 1; ; round++) {
      if (waitFirst && round === 1) {
        await this.wake(step, `${name}: waiting ${round}`, waitWindow(round, "people"));
        continue;
      }
      const state = await step.do(`${name}: check ${round}`, async () => {
        const db = database(this.env.DB);
        if ((await findProposal(db, proposalId))?.status === "withdrawn") return { kind: "withdrawn" as const };
        const tasks = (await tasksOf(db, proposalId)).filter((t) => taskIds.includes(t.id));
        const open = tasks.filter((t) => t.status === "open" || t.status === "claimed");
        if (open.length === 0) return { kind: "done" as const, tasks: tasks.filter((t) => t.status === "decided") };
        const overdue = overdueStage(open, Date.now());
        if (overdue === "remind" || overdue === "escalate") {
          await markOverdue(this.env, taskIds, overdue === "remind" ? "reminded" : "escalated", `${proposalId}:${name}:${overdue}`);
        }
        return { kind: overdue === "expire" ? ("expired" as const) : ("waiting" as const) };
      });
      if (state.kind === "done") return state.tasks;
      if (state.kind === "withdrawn" || state.kind === "expired") return state.kind;
      await this.wake(step, `${name}: waiting ${round}`, waitWindow(round, "people"));
    }
  }

  /**
   * While a cross-agency overlap flag of this proposal is open, the proposal is at the forum: it waits, reading
   * D1 after each wake-up, until the forum decides (or Bappeda dismisses the flag). "expired" after FORUM_PATIENCE.
   */
  private async awaitForum(step: WorkflowStep, proposalId: string, regencyCode: string): Promise<"settled" | "expired"> {
    const since = await step.do("forum: since", async () => Date.now());
    for (let round = 1; ; round++) {
      const open = await step.do(`forum: check ${round}`, async () => (await openCrossAgencyFlags(database(this.env.DB), proposalId)).length);
      if (open === 0) return "settled";
      if (round === 1) {
        await step.do("forum: at the forum", () =>
          applyTransition(this.env.DB, { proposalId, regencyCode, status: "in_forum", stage: "sync_forum", actor: "system:lifecycle", action: "proposal.in_forum", dedupeKey: `${proposalId}:in_forum` }),
        );
      }
      if (Date.now() - since > FORUM_PATIENCE_MS) return "expired";
      await this.wake(step, `forum: waiting ${round}`, waitWindow(round, "people"));
    }
  }

  /** The routing consumer answers with the tasks it opened; if it never does, Bappeda gets a triage task. */
  private async awaitRouting(step: WorkflowStep, proposalId: string, attempt: number): Promise<{ kind: "agencies"; tasks: TaskRow[] } | { kind: "triage"; task: TaskRow }> {
    const since = await step.do(`routing ${attempt}: requested at`, async () => Date.now());
    for (let round = 1; Date.now() - since < ROUTING_PATIENCE_MS || round === 1; round++) {
      const tasks = await step.do(`routing ${attempt}: result ${round}`, async () =>
        (await tasksOf(database(this.env.DB), proposalId)).filter((t) => t.kind !== "verification" && t.status !== "cancelled"),
      );
      const reviews = tasks.filter((t) => t.kind === "agency_review");
      if (reviews.length > 0) return { kind: "agencies", tasks: reviews };
      const triage = tasks.find((t) => t.kind === "triage" && t.status !== "decided");
      if (triage) return { kind: "triage", task: triage };
      await this.wake(step, `routing ${attempt}: waiting ${round}`, waitWindow(round, "routing"));
    }
    // The routing message never came back (dead-lettered and not yet replayed): Bappeda sorts it out by hand.
    const opened = await step.do(`routing ${attempt}: fallback triage`, async () => {
      const db = database(this.env.DB);
      const proposal = (await findProposal(db, proposalId))!;
      await db.batch([openTaskStatement(db, { proposalId, regencyCode: proposal.regencyCode, kind: "triage", agencyId: null, queueKey: proposal.regencyCode, dueAt: dueIn(TASK_DAYS.triage) })]);
      await applyTransition(this.env.DB, { proposalId, regencyCode: proposal.regencyCode, status: "triage", stage: "opd_review", actor: "system:lifecycle", action: "proposal.triage", dedupeKey: `${proposalId}:fallback-triage:${attempt}`, data: { reason: "routing tidak selesai" } });
      return (await tasksOf(db, proposalId, "triage")).find((t) => t.status !== "decided")!;
    });
    return { kind: "triage", task: opened };
  }

  private async finish(step: WorkflowStep, proposalId: string, regencyCode: string, status: "carried_over" | "rejected", reason: string): Promise<Outcome> {
    await step.do(`finish ${status}`, () =>
      applyTransition(this.env.DB, { proposalId, regencyCode, status, actor: "system:lifecycle", action: `proposal.${status}`, dedupeKey: `${proposalId}:finish`, data: { reason } }),
    );
    return { status, reason };
  }
}
