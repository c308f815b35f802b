/** Region names and codes (Kemendagri): provinces, kabupaten/kota, kecamatan, desa/kelurahan. */
import { and, eq, inArray, like } from "drizzle-orm";
import { regions } from "../../shared/db/schema.ts";
import { chunked, type Database } from "./database.ts";

/** The villages whose code matches `pattern` (a code, or a LIKE prefix such as "18.01.%"). */
export async function villagesMatching(db: Database, pattern: string) {
  return db.select().from(regions).where(and(eq(regions.level, "village"), like(regions.code, pattern)));
}

export async function districtsOf(db: Database, regencyCode: string) {
  return db.select().from(regions).where(and(eq(regions.level, "district"), like(regions.code, `${regencyCode}.%`)));
}

/** Names of the given region codes. */
export async function regionNames(db: Database, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await chunked([...new Set(codes)], (part) => db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, part)));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function findRegion(db: Database, code: string) {
  return db.query.regions.findFirst({ where: eq(regions.code, code) });
}
