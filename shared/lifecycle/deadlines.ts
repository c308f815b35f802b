import type { TaskKind } from "../reviews/decisions.ts";

/**
 * How long people and machines have at each stage, and what a missed deadline leads to. Pure: the lifecycle and
 * the stores pass the clock in.
 */

export const DAY_MS = 86_400_000;

/** Days a person has for each kind of task before a reminder; the same again before escalation to Bappeda. */
export const TASK_DAYS: Readonly<Record<TaskKind, number>> = { verification: 14, agency_review: 21, triage: 7 };

/** After the due date: a reminder; a week later escalation to Bappeda; a month after that, an outcome. */
export const GRACE_MS = 7 * DAY_MS;
export const FINAL_MS = 30 * DAY_MS;

/** How long a returned proposal waits for the village to fix it. */
export const RESUBMISSION_DEADLINE = "30 days";
/** How long routing may take before Bappeda triages by hand (the message may be in the dead-letter queue). */
export const ROUTING_PATIENCE_MS = 2 * DAY_MS;
/** A planning season: a forum that has not settled an overlap by then leaves the proposal carried over. */
export const FORUM_PATIENCE_MS = 120 * DAY_MS;

export function dueIn(days: number, from: number): string {
  return new Date(from + days * DAY_MS).toISOString();
}

/** The due date of a new task of `kind` opened at `from`. */
export const taskDueAt = (kind: TaskKind, from: number): string => dueIn(TASK_DAYS[kind], from);

/**
 * Wake-up events usually end a wait at once; the windows bound how late a lost event is noticed. The routing
 * queue answers in seconds, so its windows start short; people take days, so waiting on them starts at an hour
 * (short windows there only wake every proposal of a busy day for a check that finds nothing).
 */
export function waitWindow(round: number, waitingFor: "routing" | "people"): "30 seconds" | "5 minutes" | "1 hour" | "1 day" {
  if (waitingFor === "people") return round === 1 ? "1 hour" : "1 day";
  return round === 1 ? "30 seconds" : round === 2 ? "5 minutes" : round === 3 ? "1 hour" : "1 day";
}

export interface Deadlines {
  dueAt: string;
  remindedAt: string | null;
  escalatedAt: string | null;
}

/** What the deadlines ask for now, one stage at a time: reminder, then escalation, then giving up. */
export function overdueStage(open: readonly Deadlines[], now: number): "none" | "remind" | "escalate" | "expire" {
  const due = Math.min(...open.map((t) => Date.parse(t.dueAt)));
  if (now < due) return "none";
  if (open.some((t) => !t.remindedAt)) return "remind";
  if (now < due + GRACE_MS) return "none";
  if (open.some((t) => !t.escalatedAt)) return "escalate";
  return now < due + GRACE_MS + FINAL_MS ? "none" : "expire";
}

/**
 * How long until the deadlines ask for something new (the due date, the escalation a week later, the end a month
 * after that): a lifecycle can sleep until then, since any decision wakes it at once.
 */
export function nextDeadlineIn(open: readonly Deadlines[], now: number): number {
  const due = Math.min(...open.map((t) => Date.parse(t.dueAt)));
  const next = [due, due + GRACE_MS, due + GRACE_MS + FINAL_MS].find((at) => at > now);
  return next === undefined ? 0 : next - now;
}

/** A wait's timeout: at least a minute (a deadline just passed is handled by the next check), at most a year (the platform's limit). */
export const waitMs = (ms: number) => Math.min(Math.max(ms, 60_000), 365 * DAY_MS);
