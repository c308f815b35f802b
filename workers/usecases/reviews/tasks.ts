/** The review queues: an agency's reviews, a kecamatan's verifications, Bappeda's triage and escalations; claiming and assigning. */
import type { Principal } from "../../../shared/access/roles.ts";
import { auditInsert } from "../../storage/audit.ts";
import { findAgency } from "../../storage/agencies.ts";
import { findProposal, type ProposalRow } from "../../storage/proposals.ts";
import { tryBatch } from "../../storage/database.ts";
import { assignOpenTask, escalatedTasks, listQueue, taskStillOpen, type QueueFilters, type TaskRow } from "../../storage/reviews.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { notFound, Refusal } from "../errors.ts";
import { taskFor } from "./decide.ts";

export interface QueuePage {
  filters: QueueFilters;
  limit: number;
  cursor?: { dueAt: string; id: string };
}

export async function agencyQueue(deps: Deps, caller: Principal | undefined, { agencyId, ...page }: QueuePage & { agencyId: string }) {
  const agency = await findAgency(deps.db, agencyId);
  if (!agency) throw notFound;
  authorize(caller, "review.read", { regencyCode: agency.regencyCode, agencyIds: [agencyId] });
  return listQueue(deps.db, "agency_review", agencyId, page.filters, page.limit, page.cursor);
}

export async function districtQueue(deps: Deps, caller: Principal | undefined, { districtCode, ...page }: QueuePage & { districtCode: string }) {
  authorize(caller, "proposal.verify", { regencyCode: districtCode.split(".").slice(0, 2).join("."), districtCode });
  return listQueue(deps.db, "verification", districtCode, page.filters, page.limit, page.cursor);
}

export async function triageQueue(deps: Deps, caller: Principal | undefined, page: QueuePage) {
  const admin = authorizeInOwnScope(caller, "triage.decide");
  return listQueue(deps.db, "triage", admin.regencyCode, page.filters, page.limit, page.cursor);
}

export async function escalations(deps: Deps, caller: Principal | undefined) {
  const admin = authorizeInOwnScope(caller, "triage.decide");
  return escalatedTasks(deps.db, admin.regencyCode);
}

/** The queue a person works in the web UI, by role, with its open and claimed tasks, earliest due first. */
export async function workQueue(deps: Deps, caller: Principal | undefined) {
  const queue = queueOf(caller);
  if (!queue) throw notFound;
  const open = await listQueue(deps.db, queue.kind, queue.key, { status: "open" }, 50);
  const claimed = await listQueue(deps.db, queue.kind, queue.key, { status: "claimed" }, 50);
  return { kind: queue.kind, rows: [...claimed.rows, ...open.rows].sort((a, b) => a.task.dueAt.localeCompare(b.task.dueAt)) };
}

function queueOf(principal: Principal | undefined): { kind: TaskRow["kind"]; key: string } | null {
  switch (principal?.role) {
    case "agency_reviewer":
      return { kind: "agency_review", key: principal.scopeCode };
    case "district_verifier":
      return { kind: "verification", key: principal.scopeCode };
    case "planning_admin":
      return { kind: "triage", key: principal.regencyCode };
    default:
      return null;
  }
}

const taskClosed = new Refusal(409, "task_closed", { id: "Tugas ini sudah selesai.", en: "This task is closed." });

/** Claims a task for the caller (assignee = the caller) or assigns it to someone, while it is still open. */
export async function assignTask(deps: Deps, caller: Principal | undefined, { taskId, assignee }: { taskId: string; assignee?: string }): Promise<{ task: TaskRow; proposal: ProposalRow }> {
  const { task, principal } = await taskFor(deps, caller, taskId);
  const { db } = deps;
  const to = assignee ?? principal.id;
  // A task decided meanwhile is not claimed, and its claim is not audited.
  const batch = await tryBatch(db, [
    taskStillOpen(db, task.id),
    assignOpenTask(db, task.id, to),
    auditInsert(db, { regencyCode: task.regencyCode, actor: principal.id, action: "review.assigned", entityType: "review_task", entityId: task.id, data: { assignee: to } }),
  ]);
  if (!batch.ok) throw taskClosed;
  return { task: (batch.results[1] as TaskRow[])[0]!, proposal: (await findProposal(db, task.proposalId))! };
}
