/**
 * Text similarity that rewards the rare words carrying the need (posyandu, talud, SDN 1 Sidomulyo) over the generic
 * ones every planning line has (pembangunan, kegiatan, desa, peningkatan, penyediaan).
 *
 * A token's weight is its inverse document frequency in the reference corpus (nomenclature + kamus usulan, see
 * corpus-table.ts), capped low for the rule-based generic words. Words the corpus never saw weigh as rare when no
 * dictionary knows them (names, identifiers) and as ordinary when they are plain Indonesian (bocor, hujan).
 * Score = a mix of weighted containment (shared / lighter side) and weighted Dice (shared / mean side).
 */
import { DOCUMENT_COUNT, DOCUMENT_FREQUENCY } from "./corpus-table.ts";
import { GENERIC_WORDS, TARGET_WORDS } from "./lexicon.ts";
import { canonicalWord, type TextAnalysis } from "./normalize.ts";

/** "idf+rules": corpus IDF with the generic-word list capped low (default); "idf" or "rules" alone, for comparison. */
export type WeightMode = "idf" | "rules" | "idf+rules";

export interface SimilarityConfig {
  mode: WeightMode;
  /** Weight of the generic words: they may match but add little. */
  genericWeight: number;
  /** Weight of an ordinary Indonesian word absent from the planning corpus (bocor, hujan, putus). */
  unseenWeight: number;
  /** Weight of a name or identifier (no dictionary knows it). */
  nameWeight: number;
  /** Factor on target-group words (miskin, balita, tani): who a line is for is not what it is. */
  targetFactor: number;
  /** Weight of one word of a place name both texts mention (a two-word village must not count as two rare words). */
  placeWordWeight: number;
  /** Added to document frequencies: ordinary words seen once or twice in the corpus must not weigh as names. */
  dfSmoothing: number;
  /** Shared meaningful (non-name, non-generic) weight below which a match is only names or filler. */
  minTopicWeight: number;
  /** Share of containment against Dice in the score. */
  containment: number;
  /** Match tokens one edit apart that the normaliser could not correct (Sidomulyo / Sidomulya). */
  fuzzy: boolean;
  /** Document frequencies the IDF weights come from (default: the generated corpus table). */
  frequencies: { readonly count: number; readonly df: Readonly<Record<string, number>> };
}

export const DEFAULT_SIMILARITY: Readonly<SimilarityConfig> = Object.freeze({
  mode: "idf+rules",
  genericWeight: 0.12,
  unseenWeight: 0.45,
  nameWeight: 0.6,
  targetFactor: 0.5,
  placeWordWeight: 0.3,
  dfSmoothing: 3,
  minTopicWeight: 0.3,
  containment: 0.5,
  fuzzy: true,
  frequencies: Object.freeze({ count: DOCUMENT_COUNT, df: DOCUMENT_FREQUENCY }),
});

let genericCanonical: ReadonlySet<string> | null = null;
/** The generic words in canonical (stemmed) form, e.g. penyediaan -> sedia. */
export function genericTokens(): ReadonlySet<string> {
  genericCanonical ??= new Set([...GENERIC_WORDS].flatMap((word) => [word, ...canonicalWord(word)]));
  return genericCanonical;
}

/** Weight in (0, 1] of one canonical token; `isName` tells whether no dictionary knows it. */
export function tokenWeight(token: string, isName: boolean, config: Readonly<SimilarityConfig> = DEFAULT_SIMILARITY): number {
  if (config.mode !== "idf" && genericTokens().has(token)) return config.genericWeight;
  if (isName) return config.nameWeight;
  const factor = TARGET_WORDS.has(token) ? config.targetFactor : 1;
  if (config.mode === "rules") return factor * config.unseenWeight;
  const df = config.frequencies.df[token];
  if (df === undefined) return factor * config.unseenWeight;
  const k = config.dfSmoothing;
  const n = config.frequencies.count;
  return factor * Math.max(0.05, Math.log((n + k) / (df + k)) / Math.log((n + k) / k));
}

export interface TextMatch {
  /** 0..1 */
  score: number;
  /** Matched tokens, heaviest first (for a fuzzy pair, the token of the first text). */
  shared: string[];
  /** Matched weight of meaningful tokens (not names, not generic words). */
  topicWeight: number;
  /** Proper names and places each side has and the other lacks ("Sitirejo" / "Parangargo"), numbered identifiers excluded. */
  unmatchedNames: [string[], string[]];
}

interface Match {
  token: string;
  tokens: string[];
  weight: number;
  name: boolean;
}

/** Weighted overlap of two analysed texts, 0..1. */
export function textSimilarity(a: TextAnalysis, b: TextAnalysis, config: Readonly<SimilarityConfig> = DEFAULT_SIMILARITY): TextMatch {
  const namesA = new Set(a.names);
  const namesB = new Set(b.names);
  const tokensA = new Set(a.tokens);
  const tokensB = new Set(b.tokens);
  // A place named on one side only says nothing for or against (the place check handles conflicting places);
  // a place both name counts, lightly per word.
  const oneSided = new Set([
    ...a.placeTokens.filter((t) => !tokensB.has(t)),
    ...b.placeTokens.filter((t) => !tokensA.has(t)),
  ]);
  const places = new Set([...a.placeTokens, ...b.placeTokens]);
  const weigh = (tokens: readonly string[], names: Set<string>) =>
    new Map(
      tokens
        .filter((t) => !oneSided.has(t))
        .map((t) => [t, places.has(t) ? config.placeWordWeight : tokenWeight(t, names.has(t), config)]),
    );
  const weightA = weigh(a.tokens, namesA);
  const weightB = weigh(b.tokens, namesB);

  const matches: Match[] = [];
  const unmatchedA: string[] = [];
  for (const [token, w] of weightA) {
    const other = weightB.get(token);
    if (other === undefined) unmatchedA.push(token);
    else matches.push({ token, tokens: [token], weight: Math.min(w, other), name: namesA.has(token) || namesB.has(token) });
  }
  if (config.fuzzy) {
    const unmatchedB = [...weightB.keys()].filter((t) => !weightA.has(t));
    for (const token of unmatchedA) {
      // Numbered identifiers (smp12 / smp13) are different facilities, never typos of each other.
      if (token.length < 5 || /\d/.test(token)) continue;
      const index = unmatchedB.findIndex((other) => other.length >= 5 && !/\d/.test(other) && withinOneEdit(token, other));
      if (index < 0) continue;
      const other = unmatchedB.splice(index, 1)[0] ?? token;
      matches.push({
        token,
        tokens: [token, other],
        weight: 0.9 * Math.min(weightA.get(token) ?? 0, weightB.get(other) ?? 0),
        name: namesA.has(token) || namesB.has(other),
      });
    }
  }
  const matched = new Set(matches.flatMap((m) => m.tokens));
  const own = (names: Set<string>, other: Set<string>) =>
    [...names].filter((t) => !other.has(t) && !matched.has(t) && !/\d/.test(t));
  const unmatchedNames: [string[], string[]] = [own(namesA, tokensB), own(namesB, tokensA)];

  let totalA = 0;
  for (const w of weightA.values()) totalA += w;
  let totalB = 0;
  for (const w of weightB.values()) totalB += w;
  if (totalA === 0 || totalB === 0) return { score: 0, shared: [], topicWeight: 0, unmatchedNames };

  let shared = 0;
  let topicWeight = 0;
  const generic = genericTokens();
  for (const match of matches) {
    shared += match.weight;
    if (!match.name && !generic.has(match.token)) topicWeight += match.weight;
  }
  const dice = (2 * shared) / (totalA + totalB);
  const contained = shared / Math.min(totalA, totalB);
  let score = config.containment * contained + (1 - config.containment) * dice;
  // Names alone ("Desa Sidomulyo" in a road line and a posyandu line) do not make the same need.
  if (topicWeight < config.minTopicWeight) score *= topicWeight / config.minTopicWeight / 2;
  matches.sort((x, y) => y.weight - x.weight || (x.token < y.token ? -1 : 1));
  return { score: Math.min(1, score), shared: matches.map((m) => m.token), topicWeight, unmatchedNames };
}

/** Levenshtein distance <= 1 (one insertion, deletion or substitution), or one swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
