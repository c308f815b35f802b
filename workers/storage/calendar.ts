/** The year's schedule in D1 (stage_windows): read per kabupaten and year, set whole, extended one window at a time. */
import { and, eq, sql } from "drizzle-orm";
import { stageWindows } from "../../shared/db/schema.ts";
import type { StageWindow } from "../../shared/calendar/windows.ts";
import { nowIso, type Database } from "./database.ts";

export type StageWindowRow = typeof stageWindows.$inferSelect;

export const windowsOf = (db: Database, regencyCode: string, year: number): Promise<StageWindowRow[]> =>
  db.select().from(stageWindows).where(and(eq(stageWindows.regencyCode, regencyCode), eq(stageWindows.year, year)));

/** The year's schedule made exactly `windows`: stages left out are no longer restricted. */
export function replaceWindows(db: Database, regencyCode: string, year: number, windows: readonly StageWindow[], by: string) {
  const now = nowIso();
  return [
    db.delete(stageWindows).where(and(eq(stageWindows.regencyCode, regencyCode), eq(stageWindows.year, year))),
    ...windows.map((w) => db.insert(stageWindows).values({ regencyCode, year, stage: w.stage, opensOn: w.opensOn, closesOn: w.closesOn, updatedBy: by, updatedAt: now })),
  ];
}

/** Moves a window's last day later, only if it is later than it is now (a parallel, longer extension wins). */
export const extendWindow = (db: Database, regencyCode: string, year: number, stage: string, closesOn: string, reason: string, by: string) =>
  db
    .update(stageWindows)
    .set({ closesOn, extendedReason: reason, updatedBy: by, updatedAt: nowIso() })
    .where(and(eq(stageWindows.regencyCode, regencyCode), eq(stageWindows.year, year), eq(stageWindows.stage, stage), sql`${closesOn} > ${stageWindows.closesOn}`))
    .returning();

