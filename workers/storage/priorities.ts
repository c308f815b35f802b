/** Bappeda's regional development priorities per year (prioritas dan sasaran daerah), and the kabupaten's letterhead. */
import { and, asc, eq, inArray, isNotNull, notInArray } from "drizzle-orm";
import { letterheads, regionalPriorities, renjaLines } from "../../shared/db/schema.ts";
import { abortIfRow, type Database } from "./database.ts";

export type PriorityRow = typeof regionalPriorities.$inferSelect;
export type LetterheadRow = typeof letterheads.$inferSelect;

export async function prioritiesOf(db: Database, regencyCode: string, year: number): Promise<PriorityRow[]> {
  return db.select().from(regionalPriorities).where(and(eq(regionalPriorities.regencyCode, regencyCode), eq(regionalPriorities.year, year))).orderBy(asc(regionalPriorities.position));
}

export async function priorityExists(db: Database, regencyCode: string, year: number, code: string): Promise<boolean> {
  return !!(await db.query.regionalPriorities.findFirst({ where: and(eq(regionalPriorities.regencyCode, regencyCode), eq(regionalPriorities.year, year), eq(regionalPriorities.code, code)) }));
}

/**
 * The statements that make the year's list exactly `rows`: the batch rolls back (guard `priority_in_use`) when a
 * priority left out is still the tag of an agreed activity, so a tag never points at nothing.
 */
export function replacePriorities(db: Database, regencyCode: string, year: number, rows: readonly PriorityRow[]) {
  const kept = rows.map((r) => r.code);
  const year_ = and(eq(regionalPriorities.regencyCode, regencyCode), eq(regionalPriorities.year, year));
  return [
    abortIfRow(db, "priority_in_use", renjaLines, and(eq(renjaLines.regencyCode, regencyCode), eq(renjaLines.year, year), kept.length ? notInArray(renjaLines.priorityCode, kept) : isNotNull(renjaLines.priorityCode))),
    db.delete(regionalPriorities).where(kept.length ? and(year_, notInArray(regionalPriorities.code, kept)) : year_),
    ...rows.map((row) =>
      db
        .insert(regionalPriorities)
        .values(row)
        .onConflictDoUpdate({ target: [regionalPriorities.regencyCode, regionalPriorities.year, regionalPriorities.code], set: { position: row.position, priority: row.priority, target: row.target, updatedBy: row.updatedBy, updatedAt: row.updatedAt } }),
    ),
  ];
}

/** Priorities by code for the lines of one export page. */
export async function prioritiesByCode(db: Database, regencyCode: string, year: number, codes: readonly string[]): Promise<Map<string, PriorityRow>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select().from(regionalPriorities).where(and(eq(regionalPriorities.regencyCode, regencyCode), eq(regionalPriorities.year, year), inArray(regionalPriorities.code, [...codes])));
  return new Map(rows.map((r) => [r.code, r]));
}

export async function letterheadOf(db: Database, regencyCode: string): Promise<LetterheadRow | undefined> {
  return db.query.letterheads.findFirst({ where: eq(letterheads.regencyCode, regencyCode) });
}

export const upsertLetterhead = (db: Database, row: LetterheadRow) => db.insert(letterheads).values(row).onConflictDoUpdate({ target: letterheads.regencyCode, set: { ...row, regencyCode: undefined } });
