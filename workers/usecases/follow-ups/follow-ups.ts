/** Follow-up actions (rencana tindak lanjut) agreed at a forum: their owner agency reports progress until done. */
import type { Principal } from "../../../shared/access/roles.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { agencyOf } from "../../storage/agencies.ts";
import { auditInsert } from "../../storage/audit.ts";
import { nowIso, tryBatch } from "../../storage/database.ts";
import { findFollowUp, followUpStatusUnchanged, followUpsOf, insertFollowUp, updateFollowUpStatement, type FollowUpRow } from "../../storage/forums.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound, Refusal } from "../errors.ts";
import { forumBatchWhileOpen, forumFor, forumView } from "../forums/forums.ts";
import { regionZone, todayIn } from "../../../shared/time/indonesian.ts";

export interface FollowUpCreate {
  ownerAgencyId: string;
  description: string;
  dueDate: string;
  agendaItemId?: string | undefined;
}

export async function addFollowUp(deps: Deps, caller: Principal | undefined, { forumId, followUp }: { forumId: string; followUp: FollowUpCreate }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  if (!(await agencyOf(db, forum.regencyCode, followUp.ownerAgencyId))) throw invalidInput([customIssue("ownerAgencyId", "agency_unknown", deps.lang)]);
  // A commitment due yesterday is no plan: the date is checked against today in the kabupaten's own zone.
  if (followUp.dueDate < todayIn(regionZone(forum.regencyCode))) throw invalidInput([customIssue("dueDate", "date_in_past", deps.lang)]);
  const id = sortableId("rtl");
  await forumBatchWhileOpen(db, forum, [
    insertFollowUp(db, { id, forumId, agendaItemId: followUp.agendaItemId ?? null, regencyCode: forum.regencyCode, ownerAgencyId: followUp.ownerAgencyId, description: followUp.description, dueDate: followUp.dueDate, status: "open", notes: "[]" }),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "follow_up.created", entityType: "follow_up", entityId: id, data: { ownerAgencyId: followUp.ownerAgencyId, dueDate: followUp.dueDate } }),
  ]);
  return forumView(db, forum);
}

const changedMeanwhile = (current: FollowUpRow) =>
  new Refusal(409, "follow_up_changed", { id: "Status tindak lanjut ini baru saja diubah orang lain. Muat ulang lalu coba lagi.", en: "Someone else just changed this follow-up's status. Reload and try again." }, { details: { status: current.status } });

/**
 * The owner agency (or Bappeda) reports progress on a follow-up action. A status change applies only to the
 * status it was made from (or is already the same); a note alone leaves the status as it is.
 */
export async function updateFollowUp(deps: Deps, caller: Principal | undefined, { followUpId, status, note }: { followUpId: string; status?: FollowUpRow["status"] | undefined; note?: string | undefined }) {
  const { db } = deps;
  const action = await findFollowUp(db, followUpId);
  if (!action) throw notFound;
  const principal = authorize(caller, "review.decide", { regencyCode: action.regencyCode, agencyIds: [action.ownerAgencyId] });
  const view = (row: FollowUpRow) => ({ ...row, notes: JSON.parse(row.notes) as unknown[] });
  if (!status && !note) return view(action);
  const guard = status ? [followUpStatusUnchanged(db, followUpId, action.status, status)] : [];
  const batch = await tryBatch(db, [
    ...guard,
    updateFollowUpStatement(db, followUpId, { status, note: note ? { at: nowIso(), by: principal.name, note } : undefined }),
    auditInsert(db, { regencyCode: action.regencyCode, actor: principal.id, action: "follow_up.updated", entityType: "follow_up", entityId: followUpId, data: { ...(status ? { status } : {}), ...(note ? { note } : {}) } }),
  ]);
  if (!batch.ok) throw changedMeanwhile((await findFollowUp(db, followUpId))!);
  return view((batch.results[guard.length] as FollowUpRow[])[0]!);
}

/** Follow-ups of the caller's agency (or all, for Bappeda); `overdueOnly` lists only those past due and not done. */
export async function listFollowUps(deps: Deps, caller: Principal | undefined, { overdueOnly }: { overdueOnly: boolean }) {
  const principal = authorizeInOwnScope(caller, "agency.read");
  const today = new Date().toISOString().slice(0, 10);
  const rows = await followUpsOf(deps.db, principal.regencyCode, principal.role === "planning_admin" ? null : principal.scopeCode, overdueOnly ? today : null);
  return rows.map(({ notes, ...f }) => ({ ...f, notes: JSON.parse(notes) as unknown[], overdue: f.dueDate < today && f.status !== "done" }));
}
