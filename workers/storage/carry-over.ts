/** Carry-over offers and the village's choices in D1 (shared/proposals/carry-over.ts). */
import { and, asc, eq, inArray, notExists, sql } from "drizzle-orm";
import { carryOverChoices, proposals } from "../../shared/db/schema.ts";
import { OFFERED_STATUSES, type CarryOverChoice } from "../../shared/proposals/carry-over.ts";
import { abortIfRow, type Database } from "./database.ts";

const unchosen = (db: Database) => notExists(db.select({ one: sql`1` }).from(carryOverChoices).where(eq(carryOverChoices.fromProposalId, proposals.id)));

/** The village's proposals of `year - 1` offered for `year`: ended carried over or rejected, not chosen about yet. */
export async function offersFor(db: Database, villageCode: string, year: number) {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.villageCode, villageCode), eq(proposals.year, year - 1), inArray(proposals.status, [...OFFERED_STATUSES]), unchosen(db)))
    .orderBy(asc(proposals.villageRank), asc(proposals.createdAt));
}

export async function choiceFor(db: Database, fromProposalId: string) {
  return db.query.carryOverChoices.findFirst({ where: eq(carryOverChoices.fromProposalId, fromProposalId) });
}

/**
 * Put first in the batch of a keep or a drop: rolls it back when a choice about the proposal, or a proposal
 * carrying it, committed since it was read, so two keeps, or a keep and a drop, at once leave exactly one.
 */
export const carryOverUnchosen = (db: Database, fromProposalId: string) => [
  abortIfRow(db, "carry_over_chosen", carryOverChoices, eq(carryOverChoices.fromProposalId, fromProposalId)),
  abortIfRow(db, "carry_over_chosen", proposals, eq(proposals.carriedFrom, fromProposalId)),
];

export const insertCarryOverChoice = (db: Database, fromProposalId: string, choice: CarryOverChoice, proposalId: string | null, decidedBy: string) =>
  db.insert(carryOverChoices).values({ fromProposalId, choice, proposalId, decidedBy });
