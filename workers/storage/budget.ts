/** Budget envelopes (pagu indikatif) and what accepted proposals already draw on them. */
import { and, eq, exists, inArray, ne, sql } from "drizzle-orm";
import { budgetEnvelopes, proposals, reviewTasks } from "../../shared/db/schema.ts";
import { ACCEPTED_STATUSES, LIVE_STATUSES } from "../../shared/proposals/lifecycle.ts";
import { abortUnless, type Database } from "./database.ts";

export type EnvelopeKind = "agency" | "district";

/** Sets an envelope's amount, creating it the first time. */
export function upsertEnvelope(db: Database, row: typeof budgetEnvelopes.$inferInsert) {
  return db
    .insert(budgetEnvelopes)
    .values(row)
    .onConflictDoUpdate({ target: [budgetEnvelopes.regencyCode, budgetEnvelopes.year, budgetEnvelopes.kind, budgetEnvelopes.target], set: { amount: row.amount, updatedBy: row.updatedBy, updatedAt: row.updatedAt } });
}

const envelopeWhere = (regencyCode: string, year: number, kind: EnvelopeKind, target: string) =>
  and(eq(budgetEnvelopes.regencyCode, regencyCode), eq(budgetEnvelopes.year, year), eq(budgetEnvelopes.kind, kind), eq(budgetEnvelopes.target, target));

export async function envelope(db: Database, regencyCode: string, year: number, kind: EnvelopeKind, target: string) {
  return db.query.budgetEnvelopes.findFirst({ where: envelopeWhere(regencyCode, year, kind, target) });
}

/** What accepted decisions already commit against an envelope: an agency's accepted tasks, a kecamatan's accepted proposals. */
function committedQuery(db: Database, regencyCode: string, year: number, kind: EnvelopeKind, target: string, exceptProposal = "") {
  const accepted = db
    .selectDistinct({ proposalId: reviewTasks.proposalId })
    .from(reviewTasks)
    .where(and(eq(reviewTasks.kind, "agency_review"), inArray(reviewTasks.decision, [...ACCEPTED_STATUSES]), kind === "agency" ? eq(reviewTasks.agencyId, target) : undefined));
  return db
    .select({ total: sql<number>`coalesce(sum(${proposals.estimatedCost}), 0)` })
    .from(proposals)
    .where(
      and(
        eq(proposals.regencyCode, regencyCode),
        eq(proposals.year, year),
        ne(proposals.id, exceptProposal),
        kind === "district" ? eq(proposals.districtCode, target) : undefined,
        inArray(proposals.id, accepted),
      ),
    );
}

export async function committed(db: Database, regencyCode: string, year: number, kind: EnvelopeKind, target: string, exceptProposal = ""): Promise<number> {
  return (await committedQuery(db, regencyCode, year, kind, target, exceptProposal).get())?.total ?? 0;
}

/**
 * Rolls an accepting batch back when the envelope (if one is set) cannot take `cost` for `proposalId` any more:
 * the same sum as `committed`, evaluated inside the batch, so parallel accepts cannot all fit into the same room.
 */
export function envelopeGuard(db: Database, regencyCode: string, year: number, kind: EnvelopeKind, target: string, proposalId: string, cost: number) {
  const limit = db.select({ amount: budgetEnvelopes.amount }).from(budgetEnvelopes).where(envelopeWhere(regencyCode, year, kind, target));
  return abortUnless(db, "envelope_exceeded", sql`NOT ${exists(limit)} OR (${committedQuery(db, regencyCode, year, kind, target, proposalId)}) + ${cost} <= (${limit})`);
}

/** The proposals competing for an envelope: live proposals routed to the agency, or of the kecamatan. */
export async function envelopeCandidates(db: Database, regencyCode: string, year: number, kind: EnvelopeKind, target: string) {
  const routed = db.selectDistinct({ proposalId: reviewTasks.proposalId }).from(reviewTasks).where(and(eq(reviewTasks.kind, "agency_review"), eq(reviewTasks.agencyId, target), ne(reviewTasks.status, "cancelled")));
  return db
    .select({ id: proposals.id, status: proposals.status, estimatedCost: proposals.estimatedCost, districtRank: proposals.districtRank, villageRank: proposals.villageRank, activity: proposals.activity, trackingCode: proposals.trackingCode })
    .from(proposals)
    .where(
      and(
        eq(proposals.regencyCode, regencyCode),
        eq(proposals.year, year),
        inArray(proposals.status, [...LIVE_STATUSES]),
        kind === "agency" ? inArray(proposals.id, routed) : eq(proposals.districtCode, target),
      ),
    );
}

/** Every envelope of a kabupaten's year with what accepted proposals already draw on it and the room left. */
export async function envelopesWithRoom(db: Database, regencyCode: string, year: number) {
  const rows = await db.select().from(budgetEnvelopes).where(and(eq(budgetEnvelopes.regencyCode, regencyCode), eq(budgetEnvelopes.year, year)));
  return Promise.all(
    rows.map(async (e) => {
      const used = await committed(db, e.regencyCode, e.year, e.kind, e.target);
      return { year: e.year, kind: e.kind, target: e.target, amount: e.amount, used, remaining: e.amount - used };
    }),
  );
}
