/**
 * Bappeda runs the cross-agency forum: the agenda built from open overlap clusters, one decision per item (whose
 * effects on proposals, tasks and flags are one batch), attendees and their sign-off of the minutes.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import type { ForumDecision } from "../../../shared/forum/decisions.ts";
import type { Language } from "../../../shared/i18n.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import type { ForumCreate } from "../../../shared/schemas/forums.ts";
import { wakeLifecycles } from "../../messaging/lifecycle.ts";
import { enqueueDeliveries } from "../../messaging/webhooks.ts";
import { agencyList, agencyOf } from "../../storage/agencies.ts";
import { findRegion } from "../../storage/regions.ts";
import { auditInsert } from "../../storage/audit.ts";
import { envelopesWithRoom } from "../../storage/budget.ts";
import { nowIso, runBatch, tryBatch, type Database } from "../../storage/database.ts";
import {
  agendaFromClusters,
  agendaItemStillOpen,
  agendaOf,
  decisionEffects,
  dropOpenAgendaItem,
  findAttendee,
  findForum,
  forumDetails,
  forumsOf,
  insertAgendaItem,
  insertAttendee,
  insertForum,
  insertLastAgendaItem,
  markSigned,
  proposalCosts,
  type AgendaRow,
  type ForumRow,
} from "../../storage/forums.ts";
import { prepareWebhookEvent } from "../../storage/webhooks.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound, Refusal } from "../errors.ts";

/** The forum, with the caller allowed to `action` on it (404 outside its kabupaten). */
export async function forumFor(deps: Deps, caller: Principal | undefined, forumId: string, action: "forum.manage" | "agency.read"): Promise<{ forum: ForumRow; principal: Principal }> {
  const forum = await findForum(deps.db, forumId);
  if (!forum) throw notFound;
  return { forum, principal: authorize(caller, action, { regencyCode: forum.regencyCode }) };
}

export async function forumView(db: Database, forum: ForumRow) {
  const { agenda, proposals: rows, attendees, followUps } = await forumDetails(db, forum.id);
  // The room left in each envelope of the year, so the forum decides with the budget in view.
  const envelopes = (await envelopesWithRoom(db, forum.regencyCode, forum.year)).map(({ year: _year, ...e }) => e);
  return {
    ...forum,
    envelopes,
    scopeDistricts: forum.scopeDistricts ? (JSON.parse(forum.scopeDistricts) as string[]) : null,
    agenda: agenda.map((item) => ({
      id: item.id,
      position: item.position,
      clusterId: item.clusterId,
      budgetAtStake: item.budgetAtStake,
      status: item.status,
      decision: item.decision,
      decisionData: item.decisionData ? (JSON.parse(item.decisionData) as Record<string, unknown>) : null,
      proposals: (JSON.parse(item.proposalIds) as string[]).map((id) => {
        const p = rows.find((r) => r.id === id);
        return { id, trackingCode: p?.trackingCode ?? "", activity: p?.activity ?? "", villageCode: p?.villageCode ?? "", estimatedCost: p?.estimatedCost ?? 0, status: p?.status ?? "" };
      }),
    })),
    attendees: attendees.map(({ forumId: _f, ...a }) => a),
    followUps: followUps.map(({ notes, ...f }) => ({ ...f, notes: JSON.parse(notes) as unknown[] })),
  };
}

export type ForumView = Awaited<ReturnType<typeof forumView>>;

function required(lang: Language, path: string, id: string, en: string) {
  return invalidInput([{ path, code: "required", message: lang === "id" ? id : en }]);
}

export async function createForum(deps: Deps, caller: Principal | undefined, body: ForumCreate): Promise<ForumView> {
  const admin = authorizeInOwnScope(caller, "forum.manage");
  if (body.scopeKind === "districts" && !body.scopeDistricts?.length) throw required(deps.lang, "scopeDistricts", "Pilih kecamatan.", "Choose the districts.");
  if (body.scopeKind === "theme" && !body.theme) throw required(deps.lang, "theme", "Sebutkan tema.", "Give the theme.");
  const { db } = deps;
  const forum: ForumRow = {
    id: sortableId("frm"),
    regencyCode: admin.regencyCode,
    year: body.year,
    title: body.title,
    heldAt: body.heldAt,
    place: body.place,
    scopeKind: body.scopeKind,
    scopeDistricts: body.scopeDistricts ? JSON.stringify(body.scopeDistricts) : null,
    theme: body.theme ?? null,
    status: "planned",
    createdBy: admin.id,
    createdAt: nowIso(),
  };
  const agenda = await agendaFromClusters(db, forum);
  await runBatch(db, [
    insertForum(db, forum),
    ...agenda.map((item) => insertAgendaItem(db, item)),
    auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "forum.created", entityType: "forum", entityId: forum.id, data: { title: forum.title, agendaItems: agenda.length } }),
  ]);
  return forumView(db, forum);
}

export async function listForums(deps: Deps, caller: Principal | undefined) {
  const principal = authorizeInOwnScope(caller, "agency.read");
  return forumsOf(deps.db, principal.regencyCode);
}

export async function readForum(deps: Deps, caller: Principal | undefined, { forumId }: { forumId: string }) {
  const { forum } = await forumFor(deps, caller, forumId, "agency.read");
  return forumView(deps.db, forum);
}

export async function addAgendaItem(deps: Deps, caller: Principal | undefined, { forumId, proposalIds }: { forumId: string; proposalIds: string[] }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  const rows = await proposalCosts(db, forum.regencyCode, proposalIds);
  const missing = proposalIds.findIndex((id) => !rows.some((r) => r.id === id));
  if (missing >= 0) throw invalidInput([customIssue(`proposalIds.${missing}`, "proposal_unknown", deps.lang)]);
  const item = { id: sortableId("agd"), forumId, clusterId: null, proposalIds: JSON.stringify([...proposalIds].sort()), budgetAtStake: rows.reduce((s, r) => s + r.cost, 0), status: "open" as const };
  await db.batch([
    insertLastAgendaItem(db, item),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.agenda_added", entityType: "forum", entityId: forumId, data: { itemId: item.id, proposals: proposalIds } }),
  ]);
  return forumView(db, forum);
}

export async function dropAgendaItem(deps: Deps, caller: Principal | undefined, { forumId, itemId }: { forumId: string; itemId: string }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  const batch = await tryBatch(db, [
    agendaItemStillOpen(db, forumId, itemId),
    dropOpenAgendaItem(db, forumId, itemId),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.agenda_dropped", entityType: "forum", entityId: forumId, data: { itemId } }),
  ]);
  // No open item of this forum by that id (any more): nothing was written.
  if (!batch.ok) throw notFound;
  return forumView(db, forum);
}

const itemClosed = (item: AgendaRow) =>
  new Refusal(409, "agenda_item_closed", { id: "Butir agenda ini sudah diputuskan atau dicoret.", en: "This agenda item is already decided or dropped." }, { details: { existing: { status: item.status, decision: item.decision } } });

/** One decision on an agenda item: its effects, the agencies' webhooks, then every affected lifecycle is woken. */
export async function decideAgendaItem(deps: Deps, caller: Principal | undefined, { forumId, itemId, decision }: { forumId: string; itemId: string; decision: ForumDecision }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  const item = (await agendaOf(db, forumId)).find((i) => i.id === itemId);
  if (!item) throw notFound;
  if (item.status !== "open") throw itemClosed(item);
  const effects = await decisionEffects(db, forum, item, decision, principal.id);
  if ("invalid" in effects) throw invalidInput([customIssue(effects.path, effects.invalid as "agency_unknown", deps.lang)]);
  const events = await Promise.all(
    effects.agencyIds.map((agencyId) => prepareWebhookEvent(db, agencyId, forum.regencyCode, "forum.decision", { forumId, agendaItemId: itemId, decision: decision.decision, proposalIds: effects.proposalIds })),
  );
  const batch = await tryBatch(db, [...effects.statements, ...events.flatMap((e) => e.statements)]);
  // Another decision (or a drop) on the item committed between our read and our batch, which wrote nothing.
  if (!batch.ok) throw itemClosed((await agendaOf(db, forumId)).find((i) => i.id === itemId)!);
  await enqueueDeliveries(deps.env, events.flatMap((e) => e.messages));
  await wakeLifecycles(deps.env, effects.proposalIds, { kind: "forum_decided", agendaItemId: itemId });
  return forumView(db, forum);
}

export async function addAttendee(deps: Deps, caller: Principal | undefined, { forumId, attendee }: { forumId: string; attendee: { name: string; position: string; agencyId?: string | undefined } }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  if (attendee.agencyId && !(await agencyOf(db, forum.regencyCode, attendee.agencyId))) throw invalidInput([customIssue("agencyId", "agency_unknown", deps.lang)]);
  const id = sortableId("hdr");
  await db.batch([
    insertAttendee(db, { id, forumId, name: attendee.name, position: attendee.position, agencyId: attendee.agencyId ?? null }),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.attendee_added", entityType: "forum", entityId: forumId, data: { attendeeId: id, name: attendee.name } }),
  ]);
  return forumView(db, forum);
}

/** An attendee signs the minutes (berita acara); the time is recorded once. */
export async function signMinutes(deps: Deps, caller: Principal | undefined, { forumId, attendeeId }: { forumId: string; attendeeId: string }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  const attendee = await findAttendee(db, forumId, attendeeId);
  if (!attendee) throw notFound;
  if (!attendee.signedAt) {
    // Signed twice at once: the first sign-off stands, the second batch rolls back; both answer with the forum.
    await tryBatch(db, [
      ...markSigned(db, attendeeId),
      auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.minutes_signed", entityType: "forum", entityId: forumId, data: { attendeeId, name: attendee.name } }),
    ]);
  }
  return forumView(db, forum);
}

/** What the forum's page shows to Bappeda: the forum and the kabupaten's agencies to choose from. */
export async function forumWorkspace(deps: Deps, caller: Principal | undefined, { forumId }: { forumId: string }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  return { principal, forum: await forumView(deps.db, forum), agencies: await agencyList(deps.db, forum.regencyCode) };
}

/** The minutes (berita acara): the forum, the agencies by name and the kabupaten's name for the heading. */
export async function forumMinutes(deps: Deps, caller: Principal | undefined, { forumId }: { forumId: string }) {
  const { forum } = await forumFor(deps, caller, forumId, "agency.read");
  const regency = await findRegion(deps.db, forum.regencyCode);
  return { forum: await forumView(deps.db, forum), agencies: await agencyList(deps.db, forum.regencyCode), regencyName: regency?.name ?? forum.regencyCode };
}
