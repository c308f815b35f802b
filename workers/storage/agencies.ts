/** The kabupaten's agencies (OPD) and which bidang or program each carries. */
import { and, asc, eq } from "drizzle-orm";
import { agencies, agencyResponsibilities } from "../../shared/db/schema.ts";
import type { Database } from "./database.ts";

export type AgencyRow = typeof agencies.$inferSelect;

export async function findAgency(db: Database, agencyId: string) {
  return db.query.agencies.findFirst({ where: eq(agencies.id, agencyId) });
}

/** The agency, only when it belongs to the kabupaten. */
export async function agencyOf(db: Database, regencyCode: string, agencyId: string) {
  return db.query.agencies.findFirst({ where: and(eq(agencies.id, agencyId), eq(agencies.regencyCode, regencyCode)) });
}

export async function agencyList(db: Database, regencyCode: string) {
  return db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.regencyCode, regencyCode)).orderBy(asc(agencies.name));
}

/** The kabupaten's responsibility table: code prefix (bidang U.BB or program U.BB.PP) → agency. */
export async function responsibilities(db: Database, regencyCode: string): Promise<Map<string, string>> {
  const rows = await db.select().from(agencyResponsibilities).where(eq(agencyResponsibilities.regencyCode, regencyCode));
  return new Map(rows.map((r) => [r.codePrefix, r.agencyId]));
}
