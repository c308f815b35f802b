/** The sub-activity nomenclature: searching it, indexing it for the classifier, and proposals' classifications. */
import { and, eq, inArray, like, or, type SQL } from "drizzle-orm";
import { proposalClassifications, subActivities } from "../../shared/db/schema.ts";
import { indexCatalogue, type CatalogueIndex } from "../../shared/routing/classify.ts";
import { chunked, type Database } from "./database.ts";

/** D1 refuses LIKE patterns over 50 bytes; a longer word is cut to fit (no real word in a name is that long). */
function likeWord(word: string): string {
  let cut = word;
  while (new TextEncoder().encode(cut).length > 40) cut = cut.slice(0, -1);
  return cut.replace(/[%_]/g, "");
}

const SEARCH_COLUMNS = { code: subActivities.code, name: subActivities.name, kegiatanName: subActivities.kegiatanName, bidangName: subActivities.bidangName, unit: subActivities.unit };

/** Sub-activities whose code starts with, or whose name contains, every word typed. */
export async function searchSubActivities(db: Database, query: string, limit = 30) {
  const words = query.split(/\s+/).map(likeWord).filter(Boolean).slice(0, 6);
  const conditions: SQL[] = words.map((word) => or(like(subActivities.code, `${word}%`), like(subActivities.name, `%${word}%`), like(subActivities.kegiatanName, `%${word}%`))!);
  return db
    .select(SEARCH_COLUMNS)
    .from(subActivities)
    .where(and(...conditions))
    .orderBy(subActivities.code)
    .limit(limit);
}

/** The same columns as a search, for codes found another way, in the order given. */
export async function subActivitiesByCode(db: Database, codes: readonly string[]) {
  const rows = await chunked(codes, (part) => db.select(SEARCH_COLUMNS).from(subActivities).where(inArray(subActivities.code, part)));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return codes.flatMap((code) => byCode.get(code) ?? []);
}

let catalogue: Promise<CatalogueIndex> | undefined;

/** The KABKOT nomenclature indexed once per isolate: it changes once a year. */
export function catalogueIndex(db: Database): Promise<CatalogueIndex> {
  catalogue ??= db
    .select({ code: subActivities.code, name: subActivities.name, kegiatanName: subActivities.kegiatanName })
    .from(subActivities)
    .where(eq(subActivities.governmentLevel, "KABKOT"))
    .then(indexCatalogue)
    .catch((error: unknown) => {
      catalogue = undefined;
      throw error;
    });
  return catalogue;
}

export async function classificationOf(db: Database, proposalId: string) {
  return db.select().from(proposalClassifications).where(eq(proposalClassifications.proposalId, proposalId));
}

export function classificationStatement(db: Database, proposalId: string, c: { code: string; source: "village" | "suggested"; score: number; reason: string }) {
  return db.insert(proposalClassifications).values({ proposalId, subActivityCode: c.code, source: c.source, score: c.score, reason: c.reason }).onConflictDoNothing();
}

/** The output indicator's unit of each code (nomenclature), for the codes given. */
export async function indicatorUnits(db: Database, codes: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await chunked([...new Set(codes)], (part) => db.select({ code: subActivities.code, unit: subActivities.unit }).from(subActivities).where(inArray(subActivities.code, part)));
  return new Map(rows.map((r) => [r.code, r.unit]));
}
