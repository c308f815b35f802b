/** Looking up the sub-activity nomenclature by code or by words. */
import { indicatorUnits as units, searchSubActivities } from "../../storage/nomenclature.ts";
import type { Deps } from "../deps.ts";

export async function findSubActivities(deps: Deps, { query }: { query: string }) {
  const q = query.trim().slice(0, 100);
  return q.length >= 2 ? searchSubActivities(deps.db, q) : [];
}

/** The output indicator's unit per sub-activity code, for decision forms that ask for a target in it. */
export const indicatorUnits = (deps: Deps, codes: readonly string[]) => units(deps.db, codes);
