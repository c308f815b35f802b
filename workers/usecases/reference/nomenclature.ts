/** Looking up the sub-activity nomenclature by code or by words. */
import { searchCatalogue } from "../../../shared/routing/classify.ts";
import { catalogueIndex, indicatorUnits as units, searchSubActivities, subActivitiesByCode } from "../../storage/nomenclature.ts";
import type { Deps } from "../deps.ts";

const LIMIT = 30;

/**
 * A code (or its start) is looked up as typed; words are read the way the classifier reads a proposal, so
 * "saluran" finds the drainase codes. Literal matches (province codes, words the normaliser does not know) follow.
 */
export async function findSubActivities(deps: Deps, { query }: { query: string }) {
  const q = query.trim().slice(0, 100);
  if (q.length < 2) return [];
  const literal = await searchSubActivities(deps.db, q, LIMIT);
  if (/^[\d.]+$/.test(q)) return literal;
  const codes = searchCatalogue(q, await catalogueIndex(deps.db), LIMIT);
  const found = await subActivitiesByCode(deps.db, codes);
  const seen = new Set(found.map((s) => s.code));
  return [...found, ...literal.filter((s) => !seen.has(s.code))].slice(0, LIMIT);
}

/** The output indicator's unit per sub-activity code, for decision forms that ask for a target in it. */
export const indicatorUnits = (deps: Deps, codes: readonly string[]) => units(deps.db, codes);
