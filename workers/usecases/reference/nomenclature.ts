/** Looking up the sub-activity nomenclature by code or by words. */
import { searchSubActivities } from "../../storage/nomenclature.ts";
import type { Deps } from "../deps.ts";

export async function findSubActivities(deps: Deps, { query }: { query: string }) {
  const q = query.trim().slice(0, 100);
  return q.length >= 2 ? searchSubActivities(deps.db, q) : [];
}
