/**
 * The region names the overlap scorer resolves a kabupaten's texts against: its own districts and villages, read
 * once per isolate and regency (a few hundred rows through the primary key), never the whole country per check.
 */
import { and, gte, inArray, lt, or } from "drizzle-orm";
import { regions } from "../../shared/db/schema.ts";
import { Gazetteer } from "../../shared/overlap/places.ts";
import type { Database } from "./database.ts";

const loaded = new Map<string, Gazetteer>();

export async function kabupatenPlaces(db: Database, regencyCode: string): Promise<Gazetteer> {
  const cached = loaded.get(regencyCode);
  if (cached !== undefined) return cached;
  const rows = await db
    .select({ code: regions.code, level: regions.level, name: regions.name })
    .from(regions)
    // Codes under 32.04 sort between "32.04." and "32.04/" ("/" follows "." in ASCII).
    .where(or(and(gte(regions.code, `${regencyCode}.`), lt(regions.code, `${regencyCode}/`)), inArray(regions.code, [regencyCode, regencyCode.slice(0, 2)])));
  const gazetteer = new Gazetteer(rows, true);
  loaded.set(regencyCode, gazetteer);
  return gazetteer;
}
