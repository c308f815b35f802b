/**
 * Forums in D1: the agenda built from open overlap clusters, and what a forum decision does to the proposals,
 * their review tasks and their overlap flags. Each decision and all its effects are one batch.
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { buildAgenda, type ForumScope } from "../../shared/forum/agenda.ts";
import type { ForumDecision } from "../../shared/forum/decisions.ts";
import { auditEvents, followUpActions, forumAgendaItems, forumAttendees, forums, overlapFlags, proposalSources, proposals, reviewTasks } from "../../shared/db/schema.ts";
import { sortableId } from "../../shared/proposals/ids.ts";
import { isOpenTask, OPEN_TASK_STATUSES } from "../../shared/reviews/decisions.ts";
import { abortIfRow, abortUnlessRow, chunked, IN_LIST_PART, nowIso, parts, type Database } from "./database.ts";
import { transitionStatements } from "./reviews.ts";
import { recommendationStatement } from "./recommendations.ts";

export type ForumRow = typeof forums.$inferSelect;
export type AgendaRow = typeof forumAgendaItems.$inferSelect;

export function forumScope(forum: ForumRow): ForumScope {
  return { kind: forum.scopeKind, districts: forum.scopeDistricts ? (JSON.parse(forum.scopeDistricts) as string[]) : [], theme: forum.theme };
}

/** Agenda rows for the open cross-agency clusters of the forum's year and scope, biggest budget first. */
export async function agendaFromClusters(db: Database, forum: ForumRow): Promise<(typeof forumAgendaItems.$inferInsert)[]> {
  const flags = await db
    .select({ clusterId: overlapFlags.clusterId, a: overlapFlags.proposalA, b: overlapFlags.proposalB })
    .from(overlapFlags)
    .where(and(eq(overlapFlags.regencyCode, forum.regencyCode), eq(overlapFlags.year, forum.year), eq(overlapFlags.status, "open"), eq(overlapFlags.kind, "cross_agency")));
  const ids = [...new Set(flags.flatMap((f) => [f.a, f.b]))];
  const rows = await chunked(ids, (part) =>
    db.select({ id: proposals.id, districtCode: proposals.districtCode, estimatedCost: proposals.estimatedCost, activity: proposals.activity, problem: proposals.problem }).from(proposals).where(inArray(proposals.id, part)),
  );
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, districtCode: r.districtCode, estimatedCost: r.estimatedCost, text: `${r.activity} ${r.problem}` }]));
  const clusters = new Map<string, Set<string>>();
  for (const f of flags) clusters.set(f.clusterId, new Set([...(clusters.get(f.clusterId) ?? []), f.a, f.b]));
  const agenda = buildAgenda(
    [...clusters.entries()].map(([clusterId, members]) => ({ clusterId, proposals: [...members].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])) })),
    forumScope(forum),
  );
  return agenda.map((entry, index) => ({
    id: sortableId("agd"),
    forumId: forum.id,
    clusterId: entry.clusterId,
    proposalIds: JSON.stringify(entry.proposalIds),
    position: index + 1,
    budgetAtStake: entry.budgetAtStake,
    status: "open" as const,
  }));
}

export async function agendaOf(db: Database, forumId: string) {
  return db.select().from(forumAgendaItems).where(eq(forumAgendaItems.forumId, forumId)).orderBy(asc(forumAgendaItems.position));
}

/** Rolls a batch back unless the forum's agenda item is still open when it runs (put it first). */
export function agendaItemStillOpen(db: Database, forumId: string, itemId: string) {
  return abortUnlessRow(db, "agenda_item_closed", forumAgendaItems, and(eq(forumAgendaItems.id, itemId), eq(forumAgendaItems.forumId, forumId), eq(forumAgendaItems.status, "open")));
}

export interface DecisionEffects {
  statements: BatchItem<"sqlite">[];
  /** Proposals whose lifecycle must be woken, and the agencies to tell. */
  proposalIds: string[];
  agencyIds: string[];
}

/**
 * The changes a forum decision makes. Refuses (returns a field error code) when the decision names an agency
 * or proposal that is not part of the item.
 */
export async function decisionEffects(db: Database, forum: ForumRow, item: AgendaRow, decision: ForumDecision, actor: string): Promise<DecisionEffects | { invalid: string; path: string }> {
  const ids = JSON.parse(item.proposalIds) as string[];
  const tasks = await chunked(ids, (part) => db.select().from(reviewTasks).where(and(eq(reviewTasks.kind, "agency_review"), inArray(reviewTasks.proposalId, part))));
  const agencies = [...new Set(tasks.flatMap((t) => (t.agencyId ? [t.agencyId] : [])))];
  const now = nowIso();
  const closeTasks = (which: typeof tasks, why: Record<string, unknown>) =>
    which
      .filter(isOpenTask)
      // Only while still open: an agency that decided meanwhile keeps its decision.
      .map((t) => db.update(reviewTasks).set({ status: "cancelled", decision: "merged", decisionData: JSON.stringify(why), decidedBy: actor, decidedAt: now }).where(and(eq(reviewTasks.id, t.id), inArray(reviewTasks.status, [...OPEN_TASK_STATUSES]))));
  // Each id is bound twice, so half a part per statement; all of them go into the decision's one batch.
  const flags = (status: "resolved" | "dismissed", reason?: string) =>
    parts(ids, IN_LIST_PART / 2).map((part) =>
      db
        .update(overlapFlags)
        .set({ status, updatedAt: now, ...(status === "dismissed" ? { dismissedReason: reason ?? null, dismissedBy: actor } : {}) })
        .where(and(eq(overlapFlags.status, "open"), or(inArray(overlapFlags.proposalA, part), inArray(overlapFlags.proposalB, part)))),
    );
  const statements: BatchItem<"sqlite">[] = [];
  const ref = { forumId: forum.id, agendaItemId: item.id, decision: decision.decision };
  const regencyCode = forum.regencyCode;

  switch (decision.decision) {
    case "lead_agency": {
      const lead = decision.leadAgencyId;
      if (!agencies.includes(lead)) return { invalid: "agency_unknown", path: "leadAgencyId" };
      // A proposal with no part at the lead agency lives on in the lead agency's proposal: it is merged into it.
      const into = ids.find((id) => tasks.some((t) => t.proposalId === id && t.agencyId === lead))!;
      const absorbed = ids.filter((id) => !tasks.some((t) => t.proposalId === id && t.agencyId === lead));
      statements.push(
        ...closeTasks(tasks.filter((t) => t.agencyId !== lead && !absorbed.includes(t.proposalId)), { ...ref, leadAgencyId: lead }),
        ...closeTasks(tasks.filter((t) => absorbed.includes(t.proposalId)), { ...ref, leadAgencyId: lead, mergedIntoId: into }),
        ...absorbed.map((sourceProposalId) => db.insert(proposalSources).values({ proposalId: into, sourceProposalId, forumItemId: item.id }).onConflictDoNothing()),
        ...absorbed.flatMap((id) =>
          transitionStatements(db, { proposalId: id, regencyCode, status: "merged", actor, action: "proposal.merged", dedupeKey: `${id}:forum:${item.id}`, data: { ...ref, leadAgencyId: lead, mergedIntoId: into } }),
        ),
        ...flags("resolved"),
      );
      break;
    }
    case "merged": {
      if (!ids.includes(decision.intoProposalId)) return { invalid: "proposal_unknown", path: "intoProposalId" };
      const merged = ids.filter((id) => id !== decision.intoProposalId);
      statements.push(
        ...closeTasks(tasks.filter((t) => merged.includes(t.proposalId)), { ...ref, mergedIntoId: decision.intoProposalId }),
        ...merged.map((sourceProposalId) => db.insert(proposalSources).values({ proposalId: decision.intoProposalId, sourceProposalId, forumItemId: item.id }).onConflictDoNothing()),
        ...merged.flatMap((id) =>
          transitionStatements(db, { proposalId: id, regencyCode, status: "merged", actor, action: "proposal.merged", dedupeKey: `${id}:forum:${item.id}`, data: { ...ref, mergedIntoId: decision.intoProposalId } }),
        ),
        ...flags("resolved"),
      );
      break;
    }
    case "split": {
      const unknown = decision.parts.findIndex((p) => !agencies.includes(p.agencyId));
      if (unknown >= 0) return { invalid: "agency_unknown", path: `parts.${unknown}.agencyId` };
      // Each agency's part is what the forum agreed at its level, for every proposal of the item.
      const units = new Map((await chunked(ids, (part) => db.select({ id: proposals.id, unit: proposals.unit }).from(proposals).where(inArray(proposals.id, part)))).map((p) => [p.id, p.unit]));
      const agreed = ids.flatMap((proposalId) =>
        decision.parts.map((p) => recommendationStatement(db, { proposalId, level: "forum", source: p.agencyId, volume: p.volume, unit: units.get(proposalId) ?? null, cost: p.estimatedCost, subActivityCode: null, note: p.note ?? decision.reason ?? null, decidedBy: actor, decidedAt: now })),
      );
      statements.push(...flags("resolved"), ...agreed);
      break;
    }
    case "kept_separate":
      statements.push(...flags("dismissed", decision.reason));
      break;
    case "rejected":
      statements.push(
        ...closeTasks(tasks, ref),
        ...ids.flatMap((id) => transitionStatements(db, { proposalId: id, regencyCode, status: "rejected", actor, action: "proposal.rejected", dedupeKey: `${id}:forum:${item.id}`, data: { ...ref, reason: decision.reason } })),
        ...flags("resolved"),
      );
      break;
  }
  const { decision: _name, ...details } = decision;
  // First in the batch: of two decisions on the item, the second rolls back whole (no effect, audit or webhook).
  statements.unshift(agendaItemStillOpen(db, forum.id, item.id));
  statements.push(
    db.update(forumAgendaItems).set({ status: "decided", decision: decision.decision, decisionData: JSON.stringify(details), decidedBy: actor, decidedAt: now }).where(eq(forumAgendaItems.id, item.id)),
    db.insert(auditEvents).values({ regencyCode, actor, action: "forum.decided", entityType: "forum_agenda_item", entityId: item.id, data: JSON.stringify({ forumId: forum.id, decision: decision.decision, proposals: ids }) }),
  );
  return { statements, proposalIds: ids, agencyIds: agencies };
}

/** The open cross-agency flags of a proposal: while any is open, its outcome waits for the sync forum. */
export async function openCrossAgencyFlags(db: Database, proposalId: string) {
  return db
    .select({ id: overlapFlags.id })
    .from(overlapFlags)
    .where(and(eq(overlapFlags.status, "open"), eq(overlapFlags.kind, "cross_agency"), or(eq(overlapFlags.proposalA, proposalId), eq(overlapFlags.proposalB, proposalId))));
}

export type AttendeeRow = typeof forumAttendees.$inferSelect;
export type FollowUpRow = typeof followUpActions.$inferSelect;

export async function findForum(db: Database, forumId: string) {
  return db.query.forums.findFirst({ where: eq(forums.id, forumId) });
}

export async function forumsOf(db: Database, regencyCode: string) {
  return db.select().from(forums).where(eq(forums.regencyCode, regencyCode)).orderBy(asc(forums.heldAt));
}

export const insertForum = (db: Database, forum: ForumRow) => db.insert(forums).values(forum);
export const insertAgendaItem = (db: Database, item: typeof forumAgendaItems.$inferInsert) => db.insert(forumAgendaItems).values(item);

/** An item added by hand goes last; its position is found inside the INSERT, so items added at once each get one. */
export const insertLastAgendaItem = (db: Database, item: Omit<typeof forumAgendaItems.$inferInsert, "position">) =>
  db
    .insert(forumAgendaItems)
    .values({ ...item, position: sql`(SELECT coalesce(max(${forumAgendaItems.position}), 0) + 1 FROM ${forumAgendaItems} WHERE ${forumAgendaItems.forumId} = ${item.forumId})` });

/** Drops an agenda item only while it is open. */
export const dropOpenAgendaItem = (db: Database, forumId: string, itemId: string) =>
  db.update(forumAgendaItems).set({ status: "dropped" }).where(and(eq(forumAgendaItems.id, itemId), eq(forumAgendaItems.forumId, forumId), eq(forumAgendaItems.status, "open")));

/** What a forum page shows beyond the forum row: its agenda's proposals, attendees and follow-ups. */
export async function forumDetails(db: Database, forumId: string) {
  const agenda = await agendaOf(db, forumId);
  const ids = [...new Set(agenda.flatMap((item) => JSON.parse(item.proposalIds) as string[]))];
  const rows = await chunked(ids, (part) => db.select().from(proposals).where(inArray(proposals.id, part)));
  const attendees = await db.select().from(forumAttendees).where(eq(forumAttendees.forumId, forumId)).orderBy(asc(forumAttendees.name));
  const followUps = await db.select().from(followUpActions).where(eq(followUpActions.forumId, forumId)).orderBy(asc(followUpActions.dueDate));
  return { agenda, proposals: rows, attendees, followUps };
}

/** The proposals of the kabupaten among `ids`, with their cost. */
export async function proposalCosts(db: Database, regencyCode: string, ids: readonly string[]) {
  return chunked(ids, (part) => db.select({ id: proposals.id, cost: proposals.estimatedCost }).from(proposals).where(and(inArray(proposals.id, part), eq(proposals.regencyCode, regencyCode))));
}

export const insertAttendee = (db: Database, row: typeof forumAttendees.$inferInsert) => db.insert(forumAttendees).values(row);

export async function findAttendee(db: Database, forumId: string, attendeeId: string) {
  return db.query.forumAttendees.findFirst({ where: and(eq(forumAttendees.id, attendeeId), eq(forumAttendees.forumId, forumId)) });
}

/** Records the attendee's sign-off once: put first, the guard keeps a second sign-off (and its audit event) out. */
export const markSigned = (db: Database, attendeeId: string, via: "session" | "link") => [
  abortUnlessRow(db, "minutes_signed", forumAttendees, and(eq(forumAttendees.id, attendeeId), isNull(forumAttendees.signedAt))),
  db.update(forumAttendees).set({ signedAt: nowIso(), signedVia: via, signTokenHash: null, signTokenExpiresAt: null }).where(eq(forumAttendees.id, attendeeId)),
];

/** The attendee a signing link was made for (by its token's hash), whether or not it is still valid. */
export async function attendeeBySignToken(db: Database, tokenHash: string) {
  return db.query.forumAttendees.findFirst({ where: eq(forumAttendees.signTokenHash, tokenHash) });
}

/** A new one-time signing link for an unsigned attendee; any earlier link of theirs stops working. */
export const setSignToken = (db: Database, attendeeId: string, tokenHash: string, expiresAt: string) =>
  db.update(forumAttendees).set({ signTokenHash: tokenHash, signTokenExpiresAt: expiresAt }).where(and(eq(forumAttendees.id, attendeeId), isNull(forumAttendees.signedAt)));

/** Rolls a batch back once the link was used, replaced or expired by the time it runs (put first). */
export const signTokenStillValid = (db: Database, attendeeId: string, tokenHash: string, now: string) =>
  abortUnlessRow(db, "link_invalid", forumAttendees, and(eq(forumAttendees.id, attendeeId), eq(forumAttendees.signTokenHash, tokenHash), gt(forumAttendees.signTokenExpiresAt, now), isNull(forumAttendees.signedAt)));

/** Rolls a batch back while an item of the forum's agenda is still open. */
export const noOpenAgendaItem = (db: Database, forumId: string) => abortIfRow(db, "agenda_open", forumAgendaItems, and(eq(forumAgendaItems.forumId, forumId), eq(forumAgendaItems.status, "open")));

/** Rolls a batch back when the forum's minutes were finalised meanwhile: what was signed stays as signed. */
export const minutesStillOpen = (db: Database, forumId: string) => abortIfRow(db, "minutes_final", forums, and(eq(forums.id, forumId), isNotNull(forums.minutesFinalisedAt)));

/**
 * Finalises the minutes and numbers them in the same statement: the kabupaten's next sequence number of `year`,
 * written into the pattern's {nomor} (3 digits) and {tahun}. Only a forum not yet final is changed; two
 * forums finalised at once cannot share a number (unique index), the loser's batch fails and is retried.
 */
export function finaliseMinutesStatement(db: Database, forum: ForumRow, year: number, pattern: string, at: string) {
  const next = sql`(SELECT coalesce(max(f.minutes_seq), 0) + 1 FROM ${forums} f WHERE f.regency_code = ${forum.regencyCode} AND f.minutes_year = ${year})`;
  return db
    .update(forums)
    .set({
      minutesFinalisedAt: at,
      minutesYear: year,
      minutesSeq: next,
      minutesNumber: sql`replace(replace(${pattern}, '{nomor}', printf('%03d', ${next})), '{tahun}', ${String(year)})`,
      status: "closed",
    })
    .where(and(eq(forums.id, forum.id), isNull(forums.minutesFinalisedAt)))
    .returning();
}

export const insertFollowUp = (db: Database, row: typeof followUpActions.$inferInsert) => db.insert(followUpActions).values(row);

export async function findFollowUp(db: Database, id: string) {
  return db.query.followUpActions.findFirst({ where: eq(followUpActions.id, id) });
}

/**
 * Appends a progress note inside the UPDATE (json_insert), so parallel notes are all kept, and sets the status
 * only when one is given, so a note never writes back a status read before someone else changed it.
 */
export const updateFollowUpStatement = (db: Database, id: string, change: { status?: FollowUpRow["status"] | undefined; note?: { at: string; by: string; note: string } | undefined }) =>
  db
    .update(followUpActions)
    .set({
      ...(change.status ? { status: change.status } : {}),
      notes: change.note ? sql`json_insert(${followUpActions.notes}, '$[#]', json(${JSON.stringify(change.note)}))` : sql`${followUpActions.notes}`,
    })
    .where(eq(followUpActions.id, id))
    .returning();

/** Rolls a batch back when someone else changed the follow-up's status since it was read as `read`. */
export const followUpStatusUnchanged = (db: Database, id: string, read: FollowUpRow["status"], next: FollowUpRow["status"]) =>
  abortUnlessRow(db, "follow_up_changed", followUpActions, and(eq(followUpActions.id, id), inArray(followUpActions.status, [read, next])));

/** Follow-ups of a kabupaten, of one owner agency when given; `overdueOn` (a date) keeps the unfinished ones due before it. */
export async function followUpsOf(db: Database, regencyCode: string, ownerAgencyId: string | null, overdueOn: string | null) {
  return db
    .select()
    .from(followUpActions)
    .where(
      and(
        eq(followUpActions.regencyCode, regencyCode),
        ownerAgencyId ? eq(followUpActions.ownerAgencyId, ownerAgencyId) : undefined,
        overdueOn ? lt(followUpActions.dueDate, overdueOn) : undefined,
        overdueOn ? inArray(followUpActions.status, ["open", "in_progress"]) : undefined,
      ),
    )
    .orderBy(asc(followUpActions.dueDate));
}
