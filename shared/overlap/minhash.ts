/**
 * MinHash signatures and LSH band keys, so that candidate overlaps are found through an index instead of a scan:
 * each proposal stores its band keys in `overlap_buckets(band_key, proposal_id)`; a new proposal's candidates are
 * the proposals sharing at least one key, and every candidate is then verified exactly with scoreOverlap.
 *
 * Features = the canonical tokens that carry meaning (generic words left out). Hash family: FNV-1a of the token,
 * then the murmur3 finaliser of that value xor a per-permutation seed: deterministic, 32-bit, identical in Node
 * and workerd. LSH_BANDS bands of LSH_ROWS rows: a pair whose feature sets have Jaccard J becomes a candidate with
 * probability 1 - (1 - J^ROWS)^BANDS: 0.67 at J = 0.15, 0.86 at 0.2, 0.96 at 0.25, 0.996 at 0.33. The dev pairs the
 * scorer flags have J >= 0.14 (5th percentile 0.2, median 0.5): 97.5% of them share a key, measured with this hash
 * family (scripts/overlap-lsh-recall.ts, data/overlap-dev/LABELLING.md). Rows = 2 rather than 3 because texts are
 * short (about 4 features) and true overlaps often share only one or two of them.
 *
 * `scope` prefixes every key, e.g. with the village code: the scorer multiplies pairs from different desa by 0.4,
 * which keeps them below the threshold, so scoping by village loses no flag and keeps buckets small.
 */
import { analyzeText, type TextAnalysis } from "./normalize.ts";
import { isRoutine } from "./routine.ts";
import { genericTokens } from "./similarity.ts";

export const MINHASH_PERMUTATIONS = 96;
export const LSH_BANDS = 48;
export const LSH_ROWS = 2;

/** FNV-1a over UTF-16 code units. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's 32-bit finaliser: a bijection that mixes every input bit into every output bit. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS: readonly number[] = Array.from({ length: MINHASH_PERMUTATIONS }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9)));

/** The tokens a signature is built from: meaning-carrying canonical tokens, generic words left out. */
export function overlapFeatures(analysis: TextAnalysis): string[] {
  const generic = genericTokens();
  return analysis.tokens.filter((token) => !generic.has(token));
}

/** MinHash signature of a feature set; null when there is no feature to hash. */
export function minhashSignature(features: Iterable<string>): Uint32Array | null {
  const signature = new Uint32Array(MINHASH_PERMUTATIONS).fill(0xffffffff);
  let any = false;
  for (const feature of new Set(features)) {
    any = true;
    const base = fnv1a32(feature);
    for (let i = 0; i < MINHASH_PERMUTATIONS; i++) {
      const h = fmix32(base ^ (SEEDS[i] ?? 0));
      if (h < (signature[i] ?? 0)) signature[i] = h;
    }
  }
  return any ? signature : null;
}

const hex8 = (value: number) => value.toString(16).padStart(8, "0");

/** One key per band: `scope|band:values`, e.g. "35.07.21.2012|7:9f3a01c2003be7d1". */
export function lshBandKeys(signature: Uint32Array, scope = ""): string[] {
  const keys: string[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    let values = "";
    for (let row = 0; row < LSH_ROWS; row++) values += hex8(signature[band * LSH_ROWS + row] ?? 0);
    keys.push(`${scope}|${band}:${values}`);
  }
  return keys;
}

/**
 * Band keys of a proposal text, ready for `overlap_buckets`. Routine office lines get none: they never overlap,
 * and every agency has them, so they would only fill buckets.
 */
export function overlapBandKeys(text: string, scope = ""): string[] {
  return overlapBandKeysIn(text, [scope]);
}

/** The band keys of one text under several scopes, its signature computed once. */
export function overlapBandKeysIn(text: string, scopes: readonly string[]): string[] {
  const analysis = analyzeText(text);
  if (isRoutine(analysis)) return [];
  const signature = minhashSignature(overlapFeatures(analysis));
  return signature === null ? [] : scopes.flatMap((scope) => lshBandKeys(signature, scope));
}

/** Share of equal signature positions: an unbiased estimate of the feature sets' Jaccard similarity. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length === 0 ? 0 : same / a.length;
}

/** Probability that a pair with feature Jaccard `jaccard` shares at least one band key. */
export function candidateProbability(jaccard: number, bands = LSH_BANDS, rows = LSH_ROWS): number {
  return 1 - (1 - jaccard ** rows) ** bands;
}

/**
 * A band key as a 53-bit integer (two independent 32-bit hashes), so the D1 index stores 8 bytes instead of a
 * ~30-character string. A collision only adds a candidate, which the exact scorer then rejects.
 */
export function bandKeyNumber(key: string): number {
  const high = fnv1a32(key) >>> 11; // 21 bits
  const low = fmix32(fnv1a32(`${key}#`) ^ 0x9e3779b9); // 32 bits
  return high * 2 ** 32 + low;
}
