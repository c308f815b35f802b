/** Bappeda runs the cross-agency forum: agenda, decisions, attendees and minutes, follow-ups; and the budget envelopes. */
import { and, asc, eq, inArray, lt } from "drizzle-orm";
import type * as v from "valibot";
import type { Principal } from "../../../shared/access/roles.ts";
import { fitEnvelope } from "../../../shared/budget/fit.ts";
import { agencies, budgetEnvelopes, followUpActions, forumAgendaItems, forumAttendees, forums, proposals } from "../../../shared/db/schema.ts";
import type { ForumDecision } from "../../../shared/forum/decisions.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import type { AgendaAddSchema, AttendeeSchema, EnvelopeSetSchema, FitQuerySchema, FollowUpCreateSchema, FollowUpUpdateSchema, ForumCreate } from "../../../shared/schemas/forums.ts";
import { auditInsert } from "../../storage/audit.ts";
import { committed, envelopeCandidates, envelopesWithRoom } from "../../storage/budget.ts";
import { chunked, database, nowIso, runBatch, type Database } from "../../storage/database.ts";
import { agendaFromClusters, agendaOf, decisionEffects, type ForumRow } from "../../storage/forums.ts";
import { enqueueDeliveries, prepareWebhookEvent } from "../../storage/webhooks.ts";
import { LIFECYCLE_EVENT } from "../../workflows/proposal-lifecycle.ts";
import { notifyLifecycle } from "../../workflows/start.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { preferredLanguage } from "../messages.ts";
import { invalidInput } from "../validation.ts";

const lang = (c: AppContext) => preferredLanguage(c.req.header("accept-language"));

/** The forum, with the caller allowed to `action` on it (404 outside its kabupaten). */
async function forumFor(c: AppContext, forumId: string, action: "forum.manage" | "agency.read"): Promise<{ forum: ForumRow; principal: Principal }> {
  const forum = await database(c.env.DB).query.forums.findFirst({ where: eq(forums.id, forumId) });
  if (!forum) throw notFound;
  return { forum, principal: authorize(c, action, { regencyCode: forum.regencyCode }) };
}

export async function forumView(db: Database, forum: ForumRow) {
  const agenda = await agendaOf(db, forum.id);
  const ids = [...new Set(agenda.flatMap((item) => JSON.parse(item.proposalIds) as string[]))];
  const rows = await chunked(ids, (part) => db.select().from(proposals).where(inArray(proposals.id, part)));
  const attendees = await db.select().from(forumAttendees).where(eq(forumAttendees.forumId, forum.id)).orderBy(asc(forumAttendees.name));
  const followUps = await db.select().from(followUpActions).where(eq(followUpActions.forumId, forum.id)).orderBy(asc(followUpActions.dueDate));
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

export async function createForum(c: AppContext, body: ForumCreate) {
  const admin = authorizeInOwnScope(c, "forum.manage");
  if (body.scopeKind === "districts" && !body.scopeDistricts?.length) throw invalidInput([{ path: "scopeDistricts", code: "required", message: lang(c) === "id" ? "Pilih kecamatan." : "Choose the districts." }]);
  if (body.scopeKind === "theme" && !body.theme) throw invalidInput([{ path: "theme", code: "required", message: lang(c) === "id" ? "Sebutkan tema." : "Give the theme." }]);
  const db = database(c.env.DB);
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
    db.insert(forums).values(forum),
    ...agenda.map((item) => db.insert(forumAgendaItems).values(item)),
    auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "forum.created", entityType: "forum", entityId: forum.id, data: { title: forum.title, agendaItems: agenda.length } }),
  ]);
  return c.json(await forumView(db, forum), 201);
}

export async function listForums(c: AppContext) {
  const principal = authorizeInOwnScope(c, "agency.read");
  const rows = await database(c.env.DB).select().from(forums).where(eq(forums.regencyCode, principal.regencyCode)).orderBy(asc(forums.heldAt));
  return c.json({ forums: rows.map(({ scopeDistricts, ...f }) => ({ ...f, scopeDistricts: scopeDistricts ? (JSON.parse(scopeDistricts) as string[]) : null })) }, 200);
}

export async function getForum(c: AppContext, forumId: string) {
  const { forum } = await forumFor(c, forumId, "agency.read");
  return c.json(await forumView(database(c.env.DB), forum), 200);
}

export async function addAgendaItem(c: AppContext, forumId: string, body: v.InferOutput<typeof AgendaAddSchema>) {
  const { forum, principal } = await forumFor(c, forumId, "forum.manage");
  const db = database(c.env.DB);
  const rows = await db.select({ id: proposals.id, cost: proposals.estimatedCost }).from(proposals).where(and(inArray(proposals.id, body.proposalIds), eq(proposals.regencyCode, forum.regencyCode)));
  const missing = body.proposalIds.findIndex((id) => !rows.some((r) => r.id === id));
  if (missing >= 0) throw invalidInput([customIssue(`proposalIds.${missing}`, "proposal_unknown", lang(c))]);
  const position = (await agendaOf(db, forumId)).length + 1;
  const item = { id: sortableId("agd"), forumId, clusterId: null, proposalIds: JSON.stringify([...body.proposalIds].sort()), position, budgetAtStake: rows.reduce((s, r) => s + r.cost, 0), status: "open" as const };
  await db.batch([
    db.insert(forumAgendaItems).values(item),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.agenda_added", entityType: "forum", entityId: forumId, data: { itemId: item.id, proposals: body.proposalIds } }),
  ]);
  return c.json(await forumView(db, forum), 201);
}

export async function dropAgendaItem(c: AppContext, forumId: string, itemId: string) {
  const { forum, principal } = await forumFor(c, forumId, "forum.manage");
  const db = database(c.env.DB);
  const [updated] = await db.batch([
    db.update(forumAgendaItems).set({ status: "dropped" }).where(and(eq(forumAgendaItems.id, itemId), eq(forumAgendaItems.forumId, forumId), eq(forumAgendaItems.status, "open"))).returning(),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.agenda_dropped", entityType: "forum", entityId: forumId, data: { itemId } }),
  ]);
  if (!updated[0]) throw notFound;
  return c.json(await forumView(db, forum), 200);
}

export async function decideAgendaItem(c: AppContext, forumId: string, itemId: string, decision: ForumDecision) {
  const { forum, principal } = await forumFor(c, forumId, "forum.manage");
  const db = database(c.env.DB);
  const item = (await agendaOf(db, forumId)).find((i) => i.id === itemId);
  if (!item) throw notFound;
  if (item.status !== "open") {
    throw new ApiError(409, "agenda_item_closed", { id: "Butir agenda ini sudah diputuskan atau dicoret.", en: "This agenda item is already decided or dropped." }, { details: { existing: { status: item.status, decision: item.decision } } });
  }
  const effects = await decisionEffects(db, forum, item, decision, principal.id);
  if ("invalid" in effects) throw invalidInput([customIssue(effects.path, effects.invalid as "agency_unknown", lang(c))]);
  const events = await Promise.all(
    effects.agencyIds.map((agencyId) => prepareWebhookEvent(db, agencyId, forum.regencyCode, "forum.decision", { forumId, agendaItemId: itemId, decision: decision.decision, proposalIds: effects.proposalIds })),
  );
  await runBatch(db, [...effects.statements, ...events.flatMap((e) => e.statements)]);
  await enqueueDeliveries(c.env, events.flatMap((e) => e.messages));
  await Promise.all(effects.proposalIds.map((id) => notifyLifecycle(c.env, id, { type: LIFECYCLE_EVENT, payload: { kind: "forum_decided" } })));
  return c.json(await forumView(db, forum), 200);
}

export async function addAttendee(c: AppContext, forumId: string, body: v.InferOutput<typeof AttendeeSchema>) {
  const { forum, principal } = await forumFor(c, forumId, "forum.manage");
  const db = database(c.env.DB);
  if (body.agencyId && !(await db.query.agencies.findFirst({ where: and(eq(agencies.id, body.agencyId), eq(agencies.regencyCode, forum.regencyCode)) }))) {
    throw invalidInput([customIssue("agencyId", "agency_unknown", lang(c))]);
  }
  const id = sortableId("hdr");
  await db.batch([
    db.insert(forumAttendees).values({ id, forumId, name: body.name, position: body.position, agencyId: body.agencyId ?? null }),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.attendee_added", entityType: "forum", entityId: forumId, data: { attendeeId: id, name: body.name } }),
  ]);
  return c.json(await forumView(db, forum), 201);
}

/** An attendee signs the minutes (berita acara); the time is recorded once. */
export async function signMinutes(c: AppContext, forumId: string, attendeeId: string) {
  const { forum, principal } = await forumFor(c, forumId, "forum.manage");
  const db = database(c.env.DB);
  const attendee = await db.query.forumAttendees.findFirst({ where: and(eq(forumAttendees.id, attendeeId), eq(forumAttendees.forumId, forumId)) });
  if (!attendee) throw notFound;
  if (!attendee.signedAt) {
    await db.batch([
      db.update(forumAttendees).set({ signedAt: nowIso() }).where(eq(forumAttendees.id, attendeeId)),
      auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "forum.minutes_signed", entityType: "forum", entityId: forumId, data: { attendeeId, name: attendee.name } }),
    ]);
  }
  return c.json(await forumView(db, forum), 200);
}

export async function addFollowUp(c: AppContext, forumId: string, body: v.InferOutput<typeof FollowUpCreateSchema>) {
  const { forum, principal } = await forumFor(c, forumId, "forum.manage");
  const db = database(c.env.DB);
  if (!(await db.query.agencies.findFirst({ where: and(eq(agencies.id, body.ownerAgencyId), eq(agencies.regencyCode, forum.regencyCode)) }))) {
    throw invalidInput([customIssue("ownerAgencyId", "agency_unknown", lang(c))]);
  }
  const id = sortableId("rtl");
  await db.batch([
    db.insert(followUpActions).values({ id, forumId, agendaItemId: body.agendaItemId ?? null, regencyCode: forum.regencyCode, ownerAgencyId: body.ownerAgencyId, description: body.description, dueDate: body.dueDate, status: "open", notes: "[]" }),
    auditInsert(db, { regencyCode: forum.regencyCode, actor: principal.id, action: "follow_up.created", entityType: "follow_up", entityId: id, data: { ownerAgencyId: body.ownerAgencyId, dueDate: body.dueDate } }),
  ]);
  return c.json(await forumView(db, forum), 201);
}

/** The owner agency (or Bappeda) reports progress on a follow-up action. */
export async function updateFollowUp(c: AppContext, followUpId: string, body: v.InferOutput<typeof FollowUpUpdateSchema>) {
  const db = database(c.env.DB);
  const action = await db.query.followUpActions.findFirst({ where: eq(followUpActions.id, followUpId) });
  if (!action) throw notFound;
  const principal = authorize(c, "review.decide", { regencyCode: action.regencyCode, agencyIds: [action.ownerAgencyId] });
  const notes = [...(JSON.parse(action.notes) as unknown[]), ...(body.note ? [{ at: nowIso(), by: principal.name, note: body.note }] : [])];
  const [updated] = await db.batch([
    db.update(followUpActions).set({ status: body.status ?? action.status, notes: JSON.stringify(notes) }).where(eq(followUpActions.id, followUpId)).returning(),
    auditInsert(db, { regencyCode: action.regencyCode, actor: principal.id, action: "follow_up.updated", entityType: "follow_up", entityId: followUpId, data: { status: body.status ?? action.status } }),
  ]);
  return c.json({ ...updated[0]!, notes }, 200);
}

/** Follow-ups of the caller's agency (or all, for Bappeda); `overdue=1` lists only those past due and not done. */
export async function listFollowUps(c: AppContext, overdueOnly: boolean) {
  const principal = authorizeInOwnScope(c, "agency.read");
  const today = new Date().toISOString().slice(0, 10);
  const rows = await database(c.env.DB)
    .select()
    .from(followUpActions)
    .where(
      and(
        eq(followUpActions.regencyCode, principal.regencyCode),
        principal.role === "planning_admin" ? undefined : eq(followUpActions.ownerAgencyId, principal.scopeCode),
        overdueOnly ? lt(followUpActions.dueDate, today) : undefined,
        overdueOnly ? inArray(followUpActions.status, ["open", "in_progress"]) : undefined,
      ),
    )
    .orderBy(asc(followUpActions.dueDate));
  return c.json({ followUps: rows.map(({ notes, ...f }) => ({ ...f, notes: JSON.parse(notes) as unknown[], overdue: f.dueDate < today && f.status !== "done" })) }, 200);
}

export async function setEnvelope(c: AppContext, body: v.InferOutput<typeof EnvelopeSetSchema>) {
  const admin = authorizeInOwnScope(c, "budget.manage");
  const db = database(c.env.DB);
  const targetOk =
    body.kind === "agency"
      ? !!(await db.query.agencies.findFirst({ where: and(eq(agencies.id, body.target), eq(agencies.regencyCode, admin.regencyCode)) }))
      : body.target.startsWith(`${admin.regencyCode}.`) && body.target.split(".").length === 3;
  if (!targetOk) throw invalidInput([customIssue("target", body.kind === "agency" ? "agency_unknown" : "region_unknown", lang(c))]);
  const row = { id: sortableId("pagu"), regencyCode: admin.regencyCode, ...body, updatedBy: admin.id, updatedAt: nowIso() };
  await db.batch([
    db
      .insert(budgetEnvelopes)
      .values(row)
      .onConflictDoUpdate({ target: [budgetEnvelopes.regencyCode, budgetEnvelopes.year, budgetEnvelopes.kind, budgetEnvelopes.target], set: { amount: body.amount, updatedBy: admin.id, updatedAt: row.updatedAt } }),
    auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "budget.envelope_set", entityType: "budget_envelope", entityId: `${body.year}:${body.kind}:${body.target}`, data: { amount: body.amount } }),
  ]);
  const used = await committed(db, admin.regencyCode, body.year, body.kind, body.target);
  return c.json({ ...body, used, remaining: body.amount - used }, 200);
}

export async function listEnvelopes(c: AppContext, year: number) {
  const principal = authorizeInOwnScope(c, "agency.read");
  const db = database(c.env.DB);
  return c.json({ envelopes: await envelopesWithRoom(db, principal.regencyCode, year) }, 200);
}

/** What fits an envelope by priority, and what falls out and why. */
export async function fit(c: AppContext, query: v.InferOutput<typeof FitQuerySchema>) {
  const principal = authorizeInOwnScope(c, "agency.read");
  const db = database(c.env.DB);
  const limit = await db.query.budgetEnvelopes.findFirst({
    where: and(eq(budgetEnvelopes.regencyCode, principal.regencyCode), eq(budgetEnvelopes.year, query.year), eq(budgetEnvelopes.kind, query.kind), eq(budgetEnvelopes.target, query.target)),
  });
  if (!limit) throw notFound;
  const candidates = await envelopeCandidates(db, principal.regencyCode, query.year, query.kind, query.target);
  const result = fitEnvelope(candidates, limit.amount);
  const byId = new Map(candidates.map((p) => [p.id, p]));
  const describe = (id: string) => ({ id, trackingCode: byId.get(id)!.trackingCode, activity: byId.get(id)!.activity, cost: byId.get(id)!.cost, districtRank: byId.get(id)!.districtRank, villageRank: byId.get(id)!.villageRank });
  return c.json(
    {
      amount: limit.amount,
      used: result.used,
      remaining: result.remaining,
      selected: result.selected.map(describe),
      excluded: result.excluded.map((e) => ({ ...describe(e.id), reason: e.reason })),
    },
    200,
  );
}
