/** The review queues: an agency's reviews, a kecamatan's verifications, Bappeda's triage and escalations; claiming and assigning. */
import type { Principal } from "../../../shared/access/roles.ts";
import { auditInsert } from "../../storage/audit.ts";
import { agenciesWithPrefixes, findAgency, responsibilities } from "../../storage/agencies.ts";
import { planRouting } from "../../../shared/routing/route.ts";
import { findProposal, type ProposalRow } from "../../storage/proposals.ts";
import { tryBatch } from "../../storage/database.ts";
import { assignOpenTask, escalatedTasks, listQueue, taskStillOpen, type QueueFilters, type TaskRow } from "../../storage/reviews.ts";
import { flagsOf } from "../../storage/overlaps.ts";
import { classificationOf, indicatorUnits, subActivitiesByCode } from "../../storage/nomenclature.ts";
import { proposalsByIds as chunkedProposals, routedAgencies } from "../../storage/proposals.ts";
import { districtsOf, regionNames, villagesMatching } from "../../storage/regions.ts";
import { authorize, authorizeInOwnScope, requirePrincipal } from "../access.ts";
import { proposalDetail } from "../proposals/story.ts";
import { findSubActivities } from "../reference/nomenclature.ts";
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
  kecamatan?: string | undefined;
  desa?: string | undefined;
  /** Only tasks due by then (ISO time): past due, or due within a few days. */
  dueBefore?: string | undefined;
  limit: number;
  cursor?: { dueAt: string; id: string } | undefined;
}

/**
 * The queue a person works in the web UI, by role, a page at a time, earliest due first: still to decide, decided, or
 * all; by kecamatan (an agency, Bappeda), desa and due date. With the kecamatan and villages it may filter by (an
 * agency or Bappeda picks the kecamatan first, then one of its villages).
 */
export async function workList(deps: Deps, caller: Principal | undefined, query: WorkListQuery) {
  const principal = requirePrincipal(caller);
  const queue = queueOf(principal);
  if (!queue) throw forbidden;
  const filters: QueueFilters = {
    ...(query.state === "waiting" ? { waiting: true } : query.state === "decided" ? { status: "decided" } : {}),
    ...(query.kecamatan && principal.role !== "district_verifier" ? { kecamatan: query.kecamatan } : {}),
    ...(query.desa ? { desa: query.desa } : {}),
    ...(query.dueBefore ? { dueBefore: query.dueBefore } : {}),
  };
  const page = await listQueue(deps.db, queue.kind, queue.key, filters, query.limit, query.cursor);
  const byName = <T extends { name: string }>(rows: T[]) => rows.sort((a, b) => a.name.localeCompare(b.name));
  const districts = principal.role === "district_verifier" ? [] : byName((await districtsOf(deps.db, principal.regencyCode)).map((d) => ({ code: d.code, name: d.name })));
  const villageScope = principal.role === "district_verifier" ? principal.scopeCode : districts.some((d) => d.code === query.kecamatan) ? query.kecamatan : undefined;
  const villages = villageScope ? await villagesMatching(deps.db, `${villageScope}.%`) : [];
  return { principal, kind: queue.kind, ...page, districts, villages: byName(villages.map((v) => ({ code: v.code, name: v.name }))) };
}

/** The task of the caller's queue to do after `taskId`: the earliest due still waiting, other than it. */
export async function nextWaitingTask(deps: Deps, principal: Principal, taskId: string): Promise<string | null> {
  const queue = queueOf(principal);
  if (!queue) return null;
  const { rows } = await listQueue(deps.db, queue.kind, queue.key, { waiting: true }, 2);
  return rows.map((r) => r.task.id).find((id) => id !== taskId) ?? null;
}

/**
 * Why a proposal is in this queue: the sub-activity codes it was routed on (chosen by the village, suggested from
 * its words or corrected by Bappeda) with their names, units, classifier scores and reasons. An agency sees the
 * codes its responsibilities hold; triage sees them all (none has an owner, or none was found).
 */
async function routingReason(deps: Deps, task: TaskRow) {
  const classified = await classificationOf(deps.db, task.proposalId);
  const plan = planRouting(
    classified.map((c) => c.subActivityCode),
    await responsibilities(deps.db, task.regencyCode),
  );
  const mine = task.agencyId ? new Set(plan.agencies.get(task.agencyId) ?? []) : null;
  const lines = classified.filter((c) => !mine || mine.has(c.subActivityCode));
  const named = new Map((await subActivitiesByCode(deps.db, lines.map((l) => l.subActivityCode))).map((s) => [s.code, s]));
  return lines.map((l) => ({ code: l.subActivityCode, name: named.get(l.subActivityCode)?.name ?? null, unit: named.get(l.subActivityCode)?.unit ?? null, source: l.source, score: l.score, reason: l.reason }));
}

/**
 * One task of the caller's queue with everything about its proposal, why it was routed here, the proposal's overlap
 * flags with the other proposals' agencies, the sub-activities an agency may change it to (`search`: words or a code),
 * and the next task to decide.
 */
export async function workItem(deps: Deps, caller: Principal | undefined, taskId: string, { search }: { search?: string | undefined } = {}) {
  const { task, principal } = await taskFor(deps, caller, taskId);
  const { detail } = await proposalDetail(deps, principal, task.proposalId);
  const flags = await flagsOf(deps.db, task.proposalId);
  const otherId = (f: (typeof flags)[number]) => (f.proposalA === task.proposalId ? f.proposalB : f.proposalA);
  const others = await chunkedProposals(deps.db, flags.map(otherId));
  const names = await regionNames(deps.db, others.map((o) => o.villageCode));
  const agencyNames = new Map((await agenciesWithPrefixes(deps.db, task.regencyCode)).map((a) => [a.id, a.name]));
  const otherAgencies = new Map(await Promise.all(others.map(async (o) => [o.id, (await routedAgencies(deps.db, o.id)).map((id) => agencyNames.get(id) ?? id)] as const)));
  const code = detail.subActivityCode;
  const routing = task.kind === "verification" ? [] : await routingReason(deps, task);
  return {
    principal,
    task,
    detail,
    routing,
    choices: task.kind === "agency_review" && search ? await findSubActivities(deps, { query: search }) : [],
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
        other: other
          ? { id: other.id, trackingCode: other.trackingCode, activity: other.activity, villageName: names.get(other.villageCode) ?? other.villageCode, status: other.status, agencies: otherAgencies.get(other.id) ?? [] }
          : null,
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
