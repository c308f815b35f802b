/** A kecamatan's Musrenbang list for a year: open until the kecamatan closes it. */
import { and, eq } from "drizzle-orm";
import { districtPlans } from "../../shared/db/schema.ts";
import { abortIfRow, type Database } from "./database.ts";

export type DistrictPlanRow = typeof districtPlans.$inferSelect;

const planWhere = (districtCode: string, year: number) => and(eq(districtPlans.districtCode, districtCode), eq(districtPlans.year, year));

export async function districtPlan(db: Database, districtCode: string, year: number) {
  return db.query.districtPlans.findFirst({ where: planWhere(districtCode, year) });
}

/** Rolls a batch back once the list is closed: a kecamatan's change that lost the race with its closing writes nothing. */
export const districtListOpen = (db: Database, districtCode: string, year: number) => abortIfRow(db, "district_list_closed", districtPlans, planWhere(districtCode, year));

export const closeDistrictPlan = (db: Database, row: DistrictPlanRow) => db.insert(districtPlans).values(row);
