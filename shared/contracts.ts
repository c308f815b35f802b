/**
 * The asynchronous contracts: what travels on each queue, what wakes a proposal's lifecycle, and what starts each
 * workflow. Typed once here, so a producer and its consumer cannot drift apart.
 */
import type { Principal } from "./access/roles.ts";

/** A request to the proposal-routing queue. */
export interface RoutingMessage {
  proposalId: string;
  attempt?: number;
  /** "overlap_check" re-checks overlaps only (Bappeda's recheck of a planning year); default: route. */
  kind?: "route" | "overlap_check";
}

/** A signed webhook to deliver, on the webhook-delivery queue; the delivery row in D1 holds the payload. */
export interface DeliveryMessage {
  deliveryId: string;
  regencyCode: string;
}

/** The one event type every lifecycle wake-up uses; the payload says what happened. */
export const LIFECYCLE_EVENT = "proposal-update";

/**
 * What happened to a proposal, told to its lifecycle. The lifecycle reads D1 after any wake-up, so the kind only
 * says why it woke; a kind it does not know is a compile error at the sender.
 */
export type LifecycleWake =
  | { kind: "verification_decided"; taskId?: string }
  | { kind: "resubmitted" }
  | { kind: "withdrawn" }
  | { kind: "routed" }
  | { kind: "review_decided"; taskId: string }
  | { kind: "triage_decided"; taskId: string }
  | { kind: "forum_decided"; agendaItemId: string }
  | { kind: "overlap_dismissed"; flagId: string }
  /** The cron saw D1 ahead of the lifecycle (a wake-up lost between a write and its send): look again. */
  | { kind: "nudged" };

export type LifecycleWakeKind = LifecycleWake["kind"];

export interface ProposalLifecycleParams {
  proposalId: string;
}

/** A large spreadsheet import committed in the background, as the person who committed it. */
export interface ProposalImportParams {
  importId: string;
  principal: Principal;
}

export interface RenjaExportParams {
  exportId: string;
}

/** A budget scenario's run: `runId` names its outcomes; the run before it (if any) is cleared once this one is stored. */
export interface BudgetScenarioRunParams {
  scenarioId: string;
  runId: string;
  previousRunId: string | null;
}
