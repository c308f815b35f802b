/**
 * A faithful port of PostgreSQL pg_trgm `similarity(a, b)` (contrib/pg_trgm/trgm_op.c), the baseline Decidim uses:
 * lower case; words are runs of alphanumerics; each word is padded with two spaces before and one after; the set of
 * 3-character trigrams of the padded words; similarity = |A ∩ B| / |A ∪ B| computed in single precision (float4),
 * 0 when either side has no trigram. Checked against PostgreSQL 15 (see data/overlap-dev/LABELLING.md).
 */

const WORD = /[\p{L}\p{N}]+/gu;

/** The trigram set pg_trgm's show_trgm() would list for a text. */
export function trigrams(text: string): Set<string> {
  const set = new Set<string>();
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const chars = [" ", " ", ...match[0], " "];
    for (let i = 0; i + 3 <= chars.length; i++) set.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return set;
}

/** pg_trgm similarity(a, b). */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return Math.fround(Math.fround(common) / Math.fround(ta.size + tb.size - common));
}

/** pg_trgm's default `pg_trgm.similarity_threshold` and Decidim's cut-off. */
export const TRIGRAM_THRESHOLD = 0.25;
