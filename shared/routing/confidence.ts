/** Which text suggestions are confident enough to route a proposal on without a person. */
import { bidangOf } from "../reference/nomenclature.ts";
import { SUGGESTION_THRESHOLD, type Suggestion } from "./classify.ts";

/**
 * The best suggestion, and a runner-up of another bidang when nearly as good and matching words the best did
 * not: the proposal names two pieces of work ("jalan dan drainase"), not one word found in two catalogues.
 */
export function pickConfident(suggestions: readonly Suggestion[]): Suggestion[] {
  const [best, ...rest] = suggestions;
  if (!best || best.score < SUGGESTION_THRESHOLD) return [];
  const second = rest.find(
    (s) => s.score >= Math.max(SUGGESTION_THRESHOLD, best.score - 0.05) && bidangOf(s.code) !== bidangOf(best.code) && s.words.some((w) => !best.words.includes(w)),
  );
  return second ? [best, second] : [best];
}
