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
import { fromBase64, randomToken, sha256Hex } from "../../../shared/access/bytes.ts";
import { minutesDocument } from "../../../shared/forum/minutes.ts";
import { minutesPdf as renderMinutesPdf } from "../../../shared/documents/minutes-pdf.ts";
import { letterheadFor, letterheadView } from "../planning/planning.ts";
import { localTime, regionZone } from "../../../shared/time/indonesian.ts";
import { DEFAULT_NUMBER_PATTERN } from "../../../shared/forum/minutes.ts";
import { findAccountByUsername } from "../../storage/credentials.ts";
import { letterheadOf, priorityExists } from "../../storage/priorities.ts";
import { findProposal, routedAgencies } from "../../storage/proposals.ts";
import { agencySubActivity } from "../../storage/renja.ts";
import { resolveTarget } from "../../../shared/renja/units.ts";
import { targetRequired } from "../renja/targets.ts";

import { auditInsert } from "../../storage/audit.ts";
import { flaggedProposals, flagsAmong } from "../../storage/overlaps.ts";
import { overlapClusters } from "../overlaps/overlaps.ts";
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
  attendeeBySignToken,
  finaliseMinutesStatement,
  minutesStillOpen,
  noOpenAgendaItem,
  setSignToken,
  signTokenStillValid,
  proposalCosts,
  type AgendaRow,
  type ForumRow,
} from "../../storage/forums.ts";
import { prepareWebhookEvent } from "../../storage/webhooks.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound, Refusal } from "../errors.ts";
import { assertStageOpen } from "../calendar/calendar.ts";

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
    // The signing link's hash stays in D1: whoever reads the forum must not learn what a link would carry.
    attendees: attendees.map(({ forumId: _f, signTokenHash: _h, signTokenExpiresAt, ...a }) => ({ ...a, signLinkExpiresAt: signTokenExpiresAt })),
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
    minutesFinalisedAt: null,
    minutesYear: null,
    minutesSeq: null,
    minutesNumber: null,
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
  await batchWhileOpen(db, forum, [
    insertLastAgendaItem(db, item),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.agenda_added", entityType: "forum", entityId: forumId, data: { itemId: item.id, proposals: proposalIds } }),
  ]);
  return forumView(db, forum);
}

export async function dropAgendaItem(deps: Deps, caller: Principal | undefined, { forumId, itemId }: { forumId: string; itemId: string }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  const batch = await tryBatch(db, [
    minutesStillOpen(db, forumId),
    agendaItemStillOpen(db, forumId, itemId),
    dropOpenAgendaItem(db, forumId, itemId),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.agenda_dropped", entityType: "forum", entityId: forumId, data: { itemId } }),
  ]);
  if (!batch.ok && batch.guard === "minutes_final") throw minutesFinal;
  // No open item of this forum by that id (any more): nothing was written.
  if (!batch.ok) throw notFound;
  return forumView(db, forum);
}

const itemClosed = (item: AgendaRow) =>
  new Refusal(409, "agenda_item_closed", { id: "Butir agenda ini sudah diputuskan atau dicoret.", en: "This agenda item is already decided or dropped." }, { details: { existing: { status: item.status, decision: item.decision } } });

/**
 * What a decision must say beyond its shape: a regional priority on the year's list, and for a split each part's
 * target in its sub-activity's indicator unit whenever that is not the unit the village asked in.
 */
async function checkForumDecision(deps: Deps, forum: ForumRow, item: AgendaRow, decision: ForumDecision): Promise<void> {
  const { db } = deps;
  if (decision.decision === "lead_agency" || decision.decision === "merged" || decision.decision === "split") {
    if (decision.priorityCode && !(await priorityExists(db, forum.regencyCode, forum.year, decision.priorityCode))) throw invalidInput([customIssue("priorityCode", "priority_unknown", deps.lang)]);
  }
  if (decision.decision !== "split") return;
  for (const id of JSON.parse(item.proposalIds) as string[]) {
    const proposal = await findProposal(db, id);
    if (!proposal) continue;
    const agencies = await routedAgencies(db, id);
    for (const [index, part] of decision.parts.entries()) {
      if (!agencies.includes(part.agencyId)) continue;
      const { indicatorUnit } = await agencySubActivity(db, proposal, part.agencyId);
      const resolved = resolveTarget({ volume: part.volume, volumeUnit: proposal.unit, indicatorUnit, given: part.target });
      if (resolved.kind === "required") throw targetRequired(deps.lang, `parts.${index}.target`, { volume: part.volume, volumeUnit: proposal.unit, indicatorUnit: indicatorUnit!, suggestion: resolved.suggestion });
    }
  }
}

/** One decision on an agenda item: its effects, the agencies' webhooks, then every affected lifecycle is woken. */
export async function decideAgendaItem(deps: Deps, caller: Principal | undefined, { forumId, itemId, decision }: { forumId: string; itemId: string; decision: ForumDecision }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  const item = (await agendaOf(db, forumId)).find((i) => i.id === itemId);
  if (!item) throw notFound;
  if (item.status !== "open") throw itemClosed(item);
  if (forum.minutesFinalisedAt) throw minutesFinal;
  await assertStageOpen(deps, forum.regencyCode, forum.year, "forum.decide");
  await checkForumDecision(deps, forum, item, decision);
  const effects = await decisionEffects(db, forum, item, decision, principal.id);
  if ("invalid" in effects) throw invalidInput([customIssue(effects.path, effects.invalid as "agency_unknown", deps.lang)]);
  const events = await Promise.all(
    effects.agencyIds.map((agencyId) => prepareWebhookEvent(db, agencyId, forum.regencyCode, "forum.decision", { forumId, agendaItemId: itemId, decision: decision.decision, proposalIds: effects.proposalIds })),
  );
  const batch = await tryBatch(db, [minutesStillOpen(db, forumId), ...effects.statements, ...events.flatMap((e) => e.statements)]);
  if (!batch.ok && batch.guard === "minutes_final") throw minutesFinal;
  // Another decision (or a drop) on the item committed between our read and our batch, which wrote nothing.
  if (!batch.ok) throw itemClosed((await agendaOf(db, forumId)).find((i) => i.id === itemId)!);
  await enqueueDeliveries(deps.env, events.flatMap((e) => e.messages));
  await wakeLifecycles(deps.env, effects.proposalIds, { kind: "forum_decided", agendaItemId: itemId });
  return forumView(db, forum);
}

export async function addAttendee(deps: Deps, caller: Principal | undefined, { forumId, attendee }: { forumId: string; attendee: { name: string; position: string; agencyId?: string | undefined; username?: string | undefined } }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  if (attendee.agencyId && !(await agencyOf(db, forum.regencyCode, attendee.agencyId))) throw invalidInput([customIssue("agencyId", "agency_unknown", deps.lang)]);
  // The attendee's own account, so they can sign for themselves when signed in.
  const account = attendee.username ? await findAccountByUsername(db, attendee.username) : undefined;
  if (attendee.username && (!account || account.regencyCode !== forum.regencyCode)) throw invalidInput([customIssue("username", "account_unknown", deps.lang)]);
  const id = sortableId("hdr");
  await batchWhileOpen(db, forum, [
    insertAttendee(db, { id, forumId, name: attendee.name, position: attendee.position, agencyId: attendee.agencyId ?? null, accountId: account?.id ?? null }),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.attendee_added", entityType: "forum", entityId: forumId, data: { attendeeId: id, name: attendee.name } }),
  ]);
  return forumView(db, forum);
}

const minutesFinal = new Refusal(409, "minutes_final", { id: "Berita acara forum ini sudah final: agenda, peserta dan tindak lanjut tidak dapat diubah lagi.", en: "This forum's minutes are final: agenda, attendees and follow-ups can no longer change." });
const minutesNotFinal = new Refusal(409, "minutes_not_final", { id: "Berita acara belum difinalkan Bappeda, jadi belum dapat ditandatangani.", en: "Bappeda has not finalised the minutes yet, so they cannot be signed." });
const meetingNotHeld = new Refusal(409, "meeting_not_held", { id: "Forum belum dilaksanakan: berita acara baru dapat difinalkan dan ditandatangani sejak tanggal forum.", en: "The forum has not taken place yet: its minutes can be finalised and signed from the meeting date on." });
const notTheAttendee = new Refusal(403, "not_the_attendee", { id: "Hanya peserta itu sendiri yang dapat menandatangani, dengan akunnya sendiri atau tautan yang dikirim kepadanya.", en: "Only the attendee can sign, with their own account or the link sent to them." });
const linkInvalid = new Refusal(404, "link_invalid", { id: "Tautan tanda tangan ini tidak berlaku (sudah dipakai, diganti atau kedaluwarsa).", en: "This signing link is not valid (used, replaced or expired)." });

/** A write to the forum's minutes, refused once they are final (checked again inside the batch). */
async function batchWhileOpen(db: Database, forum: ForumRow, statements: Parameters<typeof runBatch>[1]) {
  if (forum.minutesFinalisedAt) throw minutesFinal;
  const batch = await tryBatch(db, [minutesStillOpen(db, forum.id), ...statements]);
  if (!batch.ok) throw batch.guard === "minutes_final" ? minutesFinal : new Error(`forum batch stopped by guard ${batch.guard}`);
}

export { batchWhileOpen as forumBatchWhileOpen };

const meetingHeld = (forum: ForumRow, now: Date) => new Date(forum.heldAt).getTime() <= now.getTime();

/**
 * Bappeda finalises the minutes once the forum has met and every agenda item is decided or dropped: they get
 * their number (the kabupaten's next of the meeting's year, in its letterhead's pattern) and stay as they are.
 */
export async function finaliseMinutes(deps: Deps, caller: Principal | undefined, { forumId }: { forumId: string }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  if (forum.minutesFinalisedAt) return forumView(db, forum);
  const now = new Date();
  if (!meetingHeld(forum, now)) throw meetingNotHeld;
  const open = (await agendaOf(db, forumId)).filter((i) => i.status === "open");
  if (open.length > 0) throw new Refusal(409, "agenda_open", { id: "Masih ada butir agenda yang belum diputuskan atau dicoret.", en: "Some agenda items are neither decided nor dropped." }, { details: { openItems: open.map((i) => i.position) } });
  const zone = regionZone(forum.regencyCode);
  const year = localTime(forum.heldAt, zone).year;
  const pattern = (await letterheadOf(db, forum.regencyCode))?.numberPattern ?? DEFAULT_NUMBER_PATTERN;
  const at = now.toISOString();
  // A parallel finalisation elsewhere in the kabupaten may take the same number first: the unique index refuses
  // ours and we count again.
  for (let attempt = 0; ; attempt++) {
    try {
      const batch = await tryBatch(db, [
        noOpenAgendaItem(db, forumId),
        finaliseMinutesStatement(db, forum, year, pattern, at),
        auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.minutes_finalised", entityType: "forum", entityId: forumId, data: { year } }),
      ]);
      if (!batch.ok) throw new Refusal(409, "agenda_open", { id: "Masih ada butir agenda yang belum diputuskan atau dicoret.", en: "Some agenda items are neither decided nor dropped." });
      break;
    } catch (error) {
      if (attempt < 3 && /UNIQUE constraint failed: forums\.regency_code/.test(String((error as Error).cause ?? error))) continue;
      throw error;
    }
  }
  return forumView(db, (await findForum(db, forumId))!);
}

/** The rules every signature keeps: the minutes are final, and the forum has met. */
function checkSignable(forum: ForumRow, now: Date) {
  if (!meetingHeld(forum, now)) throw meetingNotHeld;
  if (!forum.minutesFinalisedAt) throw minutesNotFinal;
}

/**
 * An attendee signs the minutes (berita acara) for themselves, signed in with the account they were recorded
 * with: nobody signs for someone else, Bappeda included. The time is recorded once.
 */
export async function signMinutes(deps: Deps, caller: Principal | undefined, { forumId, attendeeId }: { forumId: string; attendeeId: string }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "agency.read");
  const { db } = deps;
  const attendee = await findAttendee(db, forumId, attendeeId);
  if (!attendee) throw notFound;
  if (principal.kind !== "account" || attendee.accountId !== principal.id) throw notTheAttendee;
  checkSignable(forum, new Date());
  if (!attendee.signedAt) {
    // Signed twice at once: the first sign-off stands, the second batch rolls back; both answer with the forum.
    await tryBatch(db, [
      ...markSigned(db, attendeeId, "session"),
      auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.minutes_signed", entityType: "forum", entityId: forumId, data: { attendeeId, name: attendee.name, via: "session" } }),
    ]);
  }
  return forumView(db, forum);
}

/** How long a signing link Bappeda sends stays valid. */
export const SIGN_LINK_DAYS = 7;

/**
 * Bappeda makes a one-time signing link for one attendee (to send by message or mail): it signs that attendee
 * only, once, within SIGN_LINK_DAYS; a new link replaces the old one. The token is shown once and stored hashed.
 */
export async function createSigningLink(deps: Deps, caller: Principal | undefined, { forumId, attendeeId }: { forumId: string; attendeeId: string }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  const attendee = await findAttendee(db, forumId, attendeeId);
  if (!attendee) throw notFound;
  checkSignable(forum, new Date());
  if (attendee.signedAt) throw new Refusal(409, "minutes_signed", { id: "Peserta ini sudah menandatangani.", en: "This attendee has already signed." });
  const token = randomToken(24);
  const expiresAt = new Date(Date.now() + SIGN_LINK_DAYS * 86_400_000).toISOString();
  await db.batch([
    setSignToken(db, attendeeId, await sha256Hex(token), expiresAt),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.sign_link_created", entityType: "forum", entityId: forumId, data: { attendeeId, expiresAt } }),
  ]);
  return { attendeeId, path: `/tanda-tangan/${token}`, expiresAt };
}

/** What a signing link shows before it is used: whose signature, on which minutes. */
export async function signingLinkView(deps: Deps, { token }: { token: string }) {
  const attendee = await attendeeBySignToken(deps.db, await sha256Hex(token));
  if (!attendee || attendee.signedAt || !attendee.signTokenExpiresAt || attendee.signTokenExpiresAt <= nowIso()) throw linkInvalid;
  const forum = (await findForum(deps.db, attendee.forumId))!;
  return { attendee: { id: attendee.id, name: attendee.name, position: attendee.position }, forum: { id: forum.id, title: forum.title, heldAt: forum.heldAt, place: forum.place, minutesNumber: forum.minutesNumber, regencyCode: forum.regencyCode } };
}

/** The attendee signs through the link: exactly the attendee it was made for, once, before it expires. */
export async function signWithLink(deps: Deps, { token }: { token: string }) {
  const { db } = deps;
  const hash = await sha256Hex(token);
  const attendee = await attendeeBySignToken(db, hash);
  if (!attendee) throw linkInvalid;
  const forum = (await findForum(db, attendee.forumId))!;
  checkSignable(forum, new Date());
  const batch = await tryBatch(db, [
    signTokenStillValid(db, attendee.id, hash, nowIso()),
    ...markSigned(db, attendee.id, "link"),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: `tautan:${attendee.id}`, action: "forum.minutes_signed", entityType: "forum", entityId: forum.id, data: { attendeeId: attendee.id, name: attendee.name, via: "link" } }),
  ]);
  if (!batch.ok) throw linkInvalid;
  return { attendee: { id: attendee.id, name: attendee.name }, forum: { id: forum.id, title: forum.title } };
}

/** What an agenda item is about, by name: the agencies its proposals are routed to, and why they were flagged. */
export interface AgendaContext {
  agencies: { id: string; name: string }[];
  /** Each proposal's agencies, by name. */
  proposalAgencies: Record<string, string[]>;
  /** The overlap reasons between its proposals, in the scorer's words. */
  reasons: { between: [string, string]; reasons: string[] }[];
}

/**
 * What the forum's page shows to Bappeda: the forum, the kabupaten's agencies, each agenda item's agencies and
 * overlap reasons (so lead agency and proposals are chosen by name from the item itself), and the open clusters
 * not on the agenda yet (to add one).
 */
export async function forumWorkspace(deps: Deps, caller: Principal | undefined, { forumId }: { forumId: string }) {
  const { forum, principal } = await forumFor(deps, caller, forumId, "forum.manage");
  const { db } = deps;
  const [view, agencies] = await Promise.all([forumView(db, forum), agencyList(db, forum.regencyCode)]);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const ids = [...new Set(view.agenda.flatMap((item) => item.proposals.map((p) => p.id)))];
  const [{ routed }, flags] = await Promise.all([flaggedProposals(db, ids), flagsAmong(db, ids)]);
  const activity = new Map(view.agenda.flatMap((item) => item.proposals.map((p) => [p.id, p.activity] as const)));
  const items: Record<string, AgendaContext> = {};
  for (const item of view.agenda) {
    const mine = new Set(item.proposals.map((p) => p.id));
    const agencyIds = [...new Set(routed.filter((t) => mine.has(t.proposalId) && t.agencyId).map((t) => t.agencyId!))];
    items[item.id] = {
      agencies: agencyIds.map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name, "id")),
      proposalAgencies: Object.fromEntries(item.proposals.map((p) => [p.id, routed.filter((t) => t.proposalId === p.id && t.agencyId).map((t) => names.get(t.agencyId!) ?? t.agencyId!)])),
      reasons: flags.filter((f) => mine.has(f.proposalA) && mine.has(f.proposalB)).map((f) => ({ between: [activity.get(f.proposalA) ?? "", activity.get(f.proposalB) ?? ""], reasons: JSON.parse(f.reasons) as string[] })),
    };
  }
  // Open clusters none of whose proposals is on the agenda yet: what Bappeda may still add.
  const onAgenda = new Set(view.agenda.filter((item) => item.status !== "dropped").flatMap((item) => item.proposals.map((p) => p.id)));
  const clusters = (await overlapClusters(deps, principal, { year: forum.year }))
    .map((c) => ({ pagu: c.pagu, proposals: [...new Map(c.flags.flatMap((f) => f.proposals.map((p) => [p.id, { id: p.id, activity: p.activity }] as const))).values()] }))
    .filter((c) => c.proposals.every((p) => !onAgenda.has(p.id)));
  return { principal, forum: view, agencies, items, clusters };
}

/** The berita acara's text and letterhead for a forum, whoever may see it. */
async function minutesOf(deps: Deps, forum: ForumRow) {
  const regency = await findRegion(deps.db, forum.regencyCode);
  const [view, agencies, letterhead] = await Promise.all([forumView(deps.db, forum), agencyList(deps.db, forum.regencyCode), letterheadFor(deps, forum.regencyCode)]);
  const head = letterheadView(letterhead);
  const document = minutesDocument({ regencyCode: forum.regencyCode, regencyName: regency?.name ?? forum.regencyCode, forum: view, agencies, place: head.place });
  return { forum: view, document, letterhead: head };
}

/** The minutes (berita acara) for anyone of the kabupaten: the forum, the document's text and the letterhead. */
export async function forumMinutes(deps: Deps, caller: Principal | undefined, { forumId }: { forumId: string }) {
  const { forum } = await forumFor(deps, caller, forumId, "agency.read");
  return minutesOf(deps, forum);
}

async function renderPdf(minutes: Awaited<ReturnType<typeof minutesOf>>) {
  const { forum, document, letterhead } = minutes;
  const logo = letterhead.logo ? { contentType: letterhead.logo.contentType, bytes: fromBase64(letterhead.logo.base64) } : null;
  const bytes = await renderMinutesPdf(document, { lines: letterhead.lines, logo }, new Date(forum.minutesFinalisedAt ?? forum.createdAt));
  return { bytes, filename: `berita-acara-${(forum.minutesNumber ?? forum.id).replace(/[^\w.-]+/g, "-")}.pdf` };
}

/** The berita acara as an A4 PDF, with the letterhead's logo. */
export async function minutesPdf(deps: Deps, caller: Principal | undefined, { forumId }: { forumId: string }) {
  const { forum } = await forumFor(deps, caller, forumId, "agency.read");
  return renderPdf(await minutesOf(deps, forum));
}

/** The PDF an attendee reads through their signing link before signing (the link is their only credential). */
export async function minutesPdfByLink(deps: Deps, { token }: { token: string }) {
  const { forum } = await signingLinkView(deps, { token });
  return renderPdf(await minutesOf(deps, (await findForum(deps.db, forum.id))!));
}
