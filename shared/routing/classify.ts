/**
 * Suggests sub-activity codes for a proposal that came without one, from its words against the nomenclature.
 * Each suggestion carries its score and the words that matched, so the kecamatan or Bappeda can judge it.
 * Uses the overlap detector's Indonesian normalisation, so "pemb. jln" and "saluran/drainase" match as they do there.
 */
import { tokenize } from "../overlap/normalize.ts";
import { tokenWeight } from "../overlap/similarity.ts";
import { displayToken } from "../overlap/lexicon.ts";

export interface CatalogueEntry {
  code: string;
  name: string;
  kegiatanName: string;
}

export interface Suggestion {
  code: string;
  score: number;
  reason: string;
  /** The proposal's words that matched, canonical. */
  words: string[];
}

/** Below this a suggestion is not trusted to route on its own: the proposal goes to Bappeda triage. */
export const SUGGESTION_THRESHOLD = 0.45;

interface IndexedEntry {
  code: string;
  tokens: ReadonlySet<string>;
}

export interface CatalogueIndex {
  entries: readonly IndexedEntry[];
  byToken: ReadonlyMap<string, readonly number[]>;
}

const bidang = (code: string) => code.split(".").slice(0, 2).join(".");

export function indexCatalogue(catalogue: readonly CatalogueEntry[]): CatalogueIndex {
  const entries = catalogue.map((entry) => ({ code: entry.code, tokens: new Set(tokenize(`${entry.name} ${entry.kegiatanName}`)) }));
  const byToken = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    for (const token of entry.tokens) byToken.set(token, [...(byToken.get(token) ?? []), index]);
  });
  return { entries, byToken };
}

/**
 * How much a word belongs to a bidang: the share of the catalogue entries holding the word that are in it.
 * "drainase" sits in a dozen public-works entries and one farm-water one, so a village's drainase is PUPR's.
 */
function affinity(index: CatalogueIndex, word: string, code: string): number {
  const holders = index.byToken.get(word) ?? [];
  if (holders.length === 0) return 0;
  return holders.filter((i) => bidang(index.entries[i]!.code) === bidang(code)).length / holders.length;
}

/**
 * Score = weight of the proposal's words found in the entry over the weight of all its words, so a rare word
 * that matches (drainase) counts for more than a generic one (pembangunan). Ties go to the shorter entry.
 */
export function suggestSubActivities(text: string, index: CatalogueIndex, limit = 3): Suggestion[] {
  const tokens = [...new Set(tokenize(text))];
  const weights = new Map(tokens.map((t) => [t, tokenWeight(t, false)]));
  const total = [...weights.values()].reduce((sum, w) => sum + w, 0);
  if (total === 0) return [];
  const matched = new Map<number, string[]>();
  for (const token of tokens) for (const i of index.byToken.get(token) ?? []) matched.set(i, [...(matched.get(i) ?? []), token]);
  return [...matched.entries()]
    .map(([i, words]) => {
      const entry = index.entries[i]!;
      const weight = words.reduce((sum, w) => sum + (weights.get(w) ?? 0), 0);
      // Entries that say much more than the proposal are a weaker fit than ones that say just as much.
      const precision = weight / [...entry.tokens].reduce((sum, t) => sum + tokenWeight(t, false), 0);
      const belonging = words.reduce((sum, w) => sum + affinity(index, w, entry.code), 0) / words.length;
      const score = Math.round(((weight / total) * 0.6 + Math.min(precision, 1) * 0.25 + belonging * 0.15) * 1000) / 1000;
      return { code: entry.code, score, reason: `kata kunci sama: ${words.map(displayToken).join(", ")}`, words, size: entry.tokens.size };
    })
    .sort((a, b) => b.score - a.score || a.size - b.size || a.code.localeCompare(b.code))
    .slice(0, limit)
    .map(({ size: _size, ...suggestion }) => suggestion);
}

/**
 * The catalogue entries a person's search words name, in code order: every word of the query, normalised as the
 * classifier reads proposals ("saluran", "selokan" and "got" are all drainase; "jln" is jalan), must be in the
 * entry. When no entry holds them all, the entries that hold the most weight of them come instead, best first.
 */
export function searchCatalogue(query: string, index: CatalogueIndex, limit = 30): string[] {
  const tokens = [...new Set(tokenize(query))];
  if (tokens.length === 0) return [];
  const holders = tokens.map((token) => new Set(index.byToken.get(token) ?? []));
  const all = [...holders[0]!].filter((i) => holders.every((h) => h.has(i)));
  if (all.length === 0) return suggestSubActivities(query, index, limit).map((s) => s.code);
  return all
    .map((i) => index.entries[i]!.code)
    .sort()
    .slice(0, limit);
}
