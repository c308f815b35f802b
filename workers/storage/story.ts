/** The facts of a proposal's story, read from D1: its audit events, decided tasks, forum decisions and the names they use. */
import { originLabel } from "../../shared/proposals/channels.ts";
import { and, asc, eq, inArray, like } from "drizzle-orm";
import type { Role } from "../../shared/access/roles.ts";
import { regions, accounts, agencies, apiTokens, auditEvents, districtPlans, forumAgendaItems, forums, proposals } from "../../shared/db/schema.ts";
import type { StoryEvent, StoryFacts } from "../../shared/proposals/story.ts";
import { chunked, type Database } from "./database.ts";
import { villagePlace, type ProposalRow } from "./proposals.ts";
import { recommendationAt } from "./recommendations.ts";
import { tasksOf } from "./reviews.ts";

const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : {});
const idOf = (actor: string) => actor.replace(/\s+\(.*\)$/, "");

export async function storyFacts(db: Database, proposal: ProposalRow): Promise<StoryFacts> {
  const [place, rows, tasks, items, plan, asked] = await Promise.all([
    villagePlace(db, proposal.villageCode),
    db
      .select({ at: auditEvents.createdAt, actor: auditEvents.actor, action: auditEvents.action, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "proposal"), eq(auditEvents.entityId, proposal.id)))
      .orderBy(asc(auditEvents.id)),
    tasksOf(db, proposal.id),
    db
      .select({ item: forumAgendaItems, title: forums.title })
      .from(forumAgendaItems)
      .innerJoin(forums, eq(forums.id, forumAgendaItems.forumId))
      .where(and(eq(forumAgendaItems.status, "decided"), like(forumAgendaItems.proposalIds, `%"${proposal.id}"%`))),
    db.query.districtPlans.findFirst({ where: and(eq(districtPlans.districtCode, proposal.districtCode), eq(districtPlans.year, proposal.year)) }),
    recommendationAt(db, proposal.id, "desa"),
  ]);
  const events: StoryEvent[] = rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, data: parse(r.data) }));
  // A closed kecamatan list is one event of the kecamatan; each of its proposals tells it with its rank.
  if (plan && proposal.districtRank !== null) events.push({ at: plan.closedAt, actor: plan.closedBy, action: "proposal.district_closed", data: { rank: proposal.districtRank } });
  const verification = tasks.filter((t) => t.kind === "verification").at(-1);
  const decided = tasks.filter((t) => t.kind === "agency_review" && t.status === "decided" && t.decidedAt && t.agencyId);
  const agencyDecisions = decided.map((t) => ({ at: t.decidedAt!, agencyId: t.agencyId!, decision: t.decision ?? "", reason: t.decisionReason, data: parse(t.decisionData), decidedBy: t.decidedBy ?? "" }));
  const forumDecisions = items.map(({ item, title }) => ({ at: item.decidedAt ?? item.id, agendaItemId: item.id, forumTitle: title, decision: item.decision ?? "", data: parse(item.decisionData), decidedBy: item.decidedBy ?? "" }));

  const mergedIds = [...events.map((e) => e.data.mergedIntoId), ...agencyDecisions.map((a) => a.data.mergedIntoId)].filter((id): id is string => typeof id === "string");
  const actors = [...new Set([...events.map((e) => e.actor), ...tasks.map((t) => t.decidedBy ?? ""), ...forumDecisions.map((f) => f.decidedBy)].map(idOf).filter(Boolean))];
  const [targets, agencyRows, accountRows, tokenRows] = await Promise.all([
    chunked(mergedIds, (part) => db.select({ id: proposals.id, trackingCode: proposals.trackingCode }).from(proposals).where(inArray(proposals.id, part))),
    db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.regencyCode, proposal.regencyCode)),
    chunked(actors, (part) => db.select({ id: accounts.id, name: accounts.displayName, role: accounts.role }).from(accounts).where(inArray(accounts.id, part))),
    chunked(actors, (part) => db.select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role }).from(apiTokens).where(inArray(apiTokens.id, part))),
  ]);
  // A kecamatan-wide or kabupaten-wide line sits in a region that is not a desa: its own name.
  const wide = place ? null : await db.query.regions.findFirst({ where: eq(regions.code, proposal.villageCode), columns: { name: true } });
  return {
    villageCode: proposal.villageCode,
    villageName: place?.villageName ?? wide?.name ?? proposal.villageCode,
    districtName: place?.districtName ?? wide?.name ?? proposal.districtCode,
    ...(proposal.channel === "desa" ? {} : { proposer: originLabel({ channel: proposal.channel, villageName: null, theme: proposal.theme, member: null, groupName: proposal.proposerGroup }) }),
    asked: { volume: asked?.volume ?? proposal.volume, unit: asked?.unit ?? proposal.unit, cost: asked?.cost ?? proposal.estimatedCost, subActivityCode: asked ? asked.subActivityCode : proposal.subActivityCode },
    events,
    verification: verification ? { decision: verification.decision, reason: verification.decisionReason, decidedBy: verification.decidedBy } : null,
    agencyDecisions,
    forumDecisions,
    trackingCodes: Object.fromEntries(targets.map((t) => [t.id, t.trackingCode])),
    agencyNames: Object.fromEntries(agencyRows.map((a) => [a.id, a.name])),
    people: Object.fromEntries([...accountRows, ...tokenRows].map((p) => [p.id, { name: p.name, role: p.role as Role }])),
  };
}
