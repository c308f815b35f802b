/** The review queues: an agency's reviews, a kecamatan's verifications, Bappeda's triage and escalations; claiming and assigning. */
import type { Principal } from "../../../shared/access/roles.ts";
import { auditInsert } from "../../storage/audit.ts";
import { findAgency } from "../../storage/agencies.ts";
import { findProposal, type ProposalRow } from "../../storage/proposals.ts";
import { tryBatch } from "../../storage/database.ts";
import { assignOpenTask, escalatedTasks, listQueue, taskStillOpen, type QueueFilters, type TaskRow } from "../../storage/reviews.ts";
import { flagsOf } from "../../storage/overlaps.ts";
import { indicatorUnits } from "../../storage/nomenclature.ts";
import { proposalsByIds as chunkedProposals } from "../../storage/proposals.ts";
import { regionNames, villagesMatching } from "../../storage/regions.ts";
import { authorize, authorizeInOwnScope, requirePrincipal } from "../access.ts";
import { proposalDetail } from "../proposals/story.ts";
import type { Deps } from "../deps.ts";
import { forbidden, notFound, Refusal } from "../errors.ts";
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

export type WorkState = "waiting" | "decided" | "all";

export interface WorkListQuery {
  state: WorkState;
  desa?: string | undefined;
  limit: number;
  cursor?: { dueAt: string; id: string } | undefined;
}

/**
 * The queue a person works in the web UI, by role, a page at a time, earliest due first: still to decide, decided, or
 * all; a kecamatan also by desa. With the villages it may filter by.
 */
export async function workList(deps: Deps, caller: Principal | undefined, query: WorkListQuery) {
  const principal = requirePrincipal(caller);
  const queue = queueOf(principal);
  if (!queue) throw forbidden;
  const filters = { ...(query.state === "waiting" ? { waiting: true } : query.state === "decided" ? { status: "decided" } : {}), ...(query.desa ? { desa: query.desa } : {}) };
  const page = await listQueue(deps.db, queue.kind, queue.key, filters, query.limit, query.cursor);
  const villages = principal.role === "district_verifier" ? await villagesMatching(deps.db, `${principal.scopeCode}.%`) : [];
  return { principal, kind: queue.kind, ...page, villages: villages.map((v) => ({ code: v.code, name: v.name })).sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The task of the caller's queue to do after `taskId`: the earliest due still waiting, other than it. */
export async function nextWaitingTask(deps: Deps, principal: Principal, taskId: string): Promise<string | null> {
  const queue = queueOf(principal);
  if (!queue) return null;
  const { rows } = await listQueue(deps.db, queue.kind, queue.key, { waiting: true }, 2);
  return rows.map((r) => r.task.id).find((id) => id !== taskId) ?? null;
}

/** One task of the caller's queue with everything about its proposal, the proposal's overlap flags, and the next task to decide. */
export async function workItem(deps: Deps, caller: Principal | undefined, taskId: string) {
  const { task, principal } = await taskFor(deps, caller, taskId);
  const { detail } = await proposalDetail(deps, principal, task.proposalId);
  const flags = await flagsOf(deps.db, task.proposalId);
  const others = await chunkedProposals(deps.db, flags.map((f) => (f.proposalA === task.proposalId ? f.proposalB : f.proposalA)));
  const names = await regionNames(deps.db, others.map((o) => o.villageCode));
  const code = detail.subActivityCode;
  return {
    principal,
    task,
    detail,
    indicatorUnit: code ? ((await indicatorUnits(deps.db, [code])).get(code) ?? null) : null,
    next: await nextWaitingTask(deps, principal, task.id),
    flags: flags.map((f) => {
      const other = others.find((o) => o.id === (f.proposalA === task.proposalId ? f.proposalB : f.proposalA));
      return {
        id: f.id,
        kind: f.kind,
        status: f.status,
        score: f.score,
        reasons: JSON.parse(f.reasons) as string[],
        other: other ? { id: other.id, trackingCode: other.trackingCode, activity: other.activity, villageName: names.get(other.villageCode) ?? other.villageCode, status: other.status } : null,
      };
    }),
  };
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
