/**
 * The facts of proposals' stories, read from D1: their audit events, decided tasks, forum decisions and the names
 * they use. Read for many proposals at once (a desa's, a kecamatan's or a kabupaten's year for the public account)
 * in a fixed number of queries: the ids go in as one JSON parameter (`json_each`), not one query per 90 ids.
 */
import { and, asc, eq, inArray, sql, type SQLWrapper } from "drizzle-orm";
import type { Role } from "../../shared/access/roles.ts";
import { accounts, agencies, apiTokens, auditEvents, districtPlans, forumAgendaItems, forums, proposalRecommendations, proposals, regions, reviewTasks } from "../../shared/db/schema.ts";
import { originLabel } from "../../shared/proposals/channels.ts";
import type { StoryEvent, StoryFacts } from "../../shared/proposals/story.ts";
import { ancestorAt } from "../../shared/regions/codes.ts";
import type { Database } from "./database.ts";
import type { ProposalRow } from "./proposals.ts";

const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : {});
const idOf = (actor: string) => actor.replace(/\s+\(.*\)$/, "");

/** `column IN (the values)` with the values as one bound JSON array: D1 binds at most 100 parameters a statement. */
export const inJson = (column: SQLWrapper, values: readonly (string | number)[]) => sql`${column} IN (SELECT value FROM json_each(${JSON.stringify([...new Set(values)])}))`;

const groupBy = <T, K>(rows: readonly T[], key: (row: T) => K) => {
  const groups = new Map<K, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
};

export async function storyFacts(db: Database, proposal: ProposalRow): Promise<StoryFacts> {
  return (await storyFactsOf(db, [proposal])).get(proposal.id)!;
}

/** Each proposal's story facts, by proposal id. */
export async function storyFactsOf(db: Database, rows: readonly ProposalRow[]): Promise<Map<string, StoryFacts>> {
  if (rows.length === 0) return new Map();
  const ids = rows.map((p) => p.id);
  const regencies = rows.map((p) => p.regencyCode);
  const years = rows.map((p) => p.year);
  const [places, events, tasks, items, plans, asked] = await Promise.all([
    db.select({ code: regions.code, name: regions.name }).from(regions).where(inJson(regions.code, [...rows.map((p) => p.villageCode), ...rows.map((p) => p.districtCode)])),
    db
      .select({ entityId: auditEvents.entityId, at: auditEvents.createdAt, actor: auditEvents.actor, action: auditEvents.action, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "proposal"), inJson(auditEvents.entityId, ids)))
      .orderBy(asc(auditEvents.id)),
    db.select().from(reviewTasks).where(inJson(reviewTasks.proposalId, ids)).orderBy(asc(reviewTasks.createdAt)),
    // The kabupaten's decided agenda items: few, and matched to their proposals below.
    db
      .select({ item: forumAgendaItems, title: forums.title })
      .from(forumAgendaItems)
      .innerJoin(forums, eq(forums.id, forumAgendaItems.forumId))
      .where(and(inJson(forums.regencyCode, regencies), eq(forumAgendaItems.status, "decided"))),
    db.select().from(districtPlans).where(and(inJson(districtPlans.districtCode, rows.map((p) => p.districtCode)), inJson(districtPlans.year, years))),
    db
      .select()
      .from(proposalRecommendations)
      .where(and(inJson(proposalRecommendations.proposalId, ids), eq(proposalRecommendations.level, "desa"), eq(proposalRecommendations.source, ""))),
  ]);
  const names = new Map(places.map((p) => [p.code, p.name]));
  const eventsOf = groupBy(events, (e) => e.entityId);
  const tasksOfProposal = groupBy(tasks, (t) => t.proposalId);
  const askedOf = new Map(asked.map((r) => [r.proposalId, r]));
  const itemsOf = new Map<string, typeof items>();
  for (const entry of items) for (const id of JSON.parse(entry.item.proposalIds) as string[]) itemsOf.set(id, [...(itemsOf.get(id) ?? []), entry]);

  const partial = rows.map((proposal) => {
    const own: StoryEvent[] = (eventsOf.get(proposal.id) ?? []).map((r) => ({ at: r.at, actor: r.actor, action: r.action, data: parse(r.data) }));
    // A closed kecamatan list is one event of the kecamatan; each of its proposals tells it with its rank.
    const plan = plans.find((p) => p.districtCode === proposal.districtCode && p.year === proposal.year);
    if (plan && proposal.districtRank !== null) own.push({ at: plan.closedAt, actor: plan.closedBy, action: "proposal.district_closed", data: { rank: proposal.districtRank } });
    const ownTasks = tasksOfProposal.get(proposal.id) ?? [];
    const verification = ownTasks.filter((t) => t.kind === "verification").at(-1);
    const decided = ownTasks.filter((t) => t.kind === "agency_review" && t.status === "decided" && t.decidedAt && t.agencyId);
    const agencyDecisions = decided.map((t) => ({ at: t.decidedAt!, agencyId: t.agencyId!, decision: t.decision ?? "", reason: t.decisionReason, data: parse(t.decisionData), decidedBy: t.decidedBy ?? "" }));
    const forumDecisions = (itemsOf.get(proposal.id) ?? []).map(({ item, title }) => ({ at: item.decidedAt ?? item.id, agendaItemId: item.id, forumTitle: title, decision: item.decision ?? "", data: parse(item.decisionData), decidedBy: item.decidedBy ?? "" }));
    const actors = [...own.map((e) => e.actor), ...ownTasks.map((t) => t.decidedBy ?? ""), ...forumDecisions.map((f) => f.decidedBy)].map(idOf).filter(Boolean);
    const mergedIds = [...own.map((e) => e.data.mergedIntoId), ...agencyDecisions.map((a) => a.data.mergedIntoId)].filter((id): id is string => typeof id === "string");
    return { proposal, own, verification, agencyDecisions, forumDecisions, actors, mergedIds };
  });

  const actors = partial.flatMap((p) => p.actors);
  const [targets, agencyRows, accountRows, tokenRows] = await Promise.all([
    db.select({ id: proposals.id, trackingCode: proposals.trackingCode }).from(proposals).where(inJson(proposals.id, partial.flatMap((p) => p.mergedIds))),
    db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.regencyCode, [...new Set(regencies)])),
    db.select({ id: accounts.id, name: accounts.displayName, role: accounts.role }).from(accounts).where(inJson(accounts.id, actors)),
    db.select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role }).from(apiTokens).where(inJson(apiTokens.id, actors)),
  ]);
  const trackingCodes = Object.fromEntries(targets.map((t) => [t.id, t.trackingCode]));
  const agencyNames = Object.fromEntries(agencyRows.map((a) => [a.id, a.name]));
  const people = Object.fromEntries([...accountRows, ...tokenRows].map((p) => [p.id, { name: p.name, role: p.role as Role }]));
  return new Map(
    partial.map(({ proposal, own, verification, agencyDecisions, forumDecisions }) => {
      const desa = askedOf.get(proposal.id);
      const facts: StoryFacts = {
        villageCode: proposal.villageCode,
        villageName: names.get(proposal.villageCode) ?? proposal.villageCode,
        districtName: names.get(ancestorAt(proposal.villageCode, "district") ?? proposal.districtCode) ?? proposal.districtCode,
        // A pokir or thematic line says who proposed it (a kecamatan- or kabupaten-wide line's place is its region's name above).
        ...(proposal.channel === "desa" ? {} : { proposer: originLabel({ channel: proposal.channel, villageName: null, theme: proposal.theme, member: null, groupName: proposal.proposerGroup }) }),
        asked: { volume: desa?.volume ?? proposal.volume, unit: desa?.unit ?? proposal.unit, cost: desa?.cost ?? proposal.estimatedCost, subActivityCode: desa ? desa.subActivityCode : proposal.subActivityCode },
        events: own,
        verification: verification ? { decision: verification.decision, reason: verification.decisionReason, decidedBy: verification.decidedBy } : null,
        agencyDecisions,
        forumDecisions,
        trackingCodes,
        agencyNames,
        people,
      };
      return [proposal.id, facts];
    }),
  );
}
