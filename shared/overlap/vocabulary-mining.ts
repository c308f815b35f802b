/**
 * The mining rules behind mined-vocabulary.ts (scripts/overlap-vocabulary.ts reads the sources and writes it): long
 * forms of acronyms as documents define them, the account lines agencies of many kinds write word for word, and the
 * stock words nearly every agency writes.
 * Pure, so the rules are tested without the source files.
 */
import { spellsAcronym } from "./acronyms.ts";
import { agencyUnit } from "./agency-units.ts";
import { FACILITY_WORDS, GENERIC_WORDS, STOP_WORDS, WORDS } from "./lexicon.ts";
import { LEXICON_TOKENS, sastrawi } from "./vocabulary.ts";

/** A line written by this many kinds of agency (parallel units count once) is office spending, not a need. */
export const MIN_AGENCY_KINDS = 5;

export interface WrittenLine {
  agency: string;
  line: string;
}

const words = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];

/** Long form -> acronym, both ways of writing a definition. */
export function mineAcronyms(texts: readonly string[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const add = (acronym: string, expansion: readonly string[]) => {
    const byExpansion = counts.get(acronym) ?? new Map<string, number>();
    const key = expansion.join(" ");
    byExpansion.set(key, (byExpansion.get(key) ?? 0) + 1);
    counts.set(acronym, byExpansion);
  };
  for (const text of texts) {
    const lower = text.toLowerCase();
    // "long form (ACR)": the shortest run of words before the bracket that spells it.
    for (const m of lower.matchAll(/([a-z][a-z ,/-]{2,160}?)\s*\(\s*([a-z][a-z0-9-]{1,9})\s*\)/g)) {
      const before = words(m[1] ?? "");
      const acronym = (m[2] ?? "").replaceAll("-", "");
      for (let take = 2; take <= Math.min(before.length, 10); take++) {
        const tail = before.slice(-take);
        if (spellsAcronym(acronym, tail)) {
          add(acronym, tail);
          break;
        }
      }
    }
    // "ACR (long form)".
    for (const m of lower.matchAll(/\b([a-z][a-z0-9]{1,9})\s*\(\s*([a-z][a-z ,/-]{3,160}?)\s*\)/g)) {
      const inside = words(m[2] ?? "");
      if (spellsAcronym(m[1] ?? "", inside)) add(m[1] ?? "", inside);
    }
  }
  const phrases = new Map<string, string>();
  for (const [acronym, byExpansion] of counts) {
    // Known already (hand rules, dictionary, grammar): the hand meaning wins; short ones are too ambiguous.
    if (acronym.length < 3 || /\d/.test(acronym) || acronym in WORDS || LEXICON_TOKENS.has(acronym) || STOP_WORDS.has(acronym) || sastrawi().find(acronym)) continue;
    const ranked = [...byExpansion].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    const [top, topCount] = ranked[0] ?? ["", 0];
    const topWords = new Set(top.split(" "));
    const variant = (expansion: string) => {
      const list = expansion.split(" ");
      return list.filter((w) => topWords.has(w)).length * 2 >= Math.max(list.length, topWords.size);
    };
    // Two meanings (TPA: tim profesi ahli / tempat pemrosesan akhir) unless one clearly dominates.
    if (ranked.some(([expansion, count]) => !variant(expansion) && count * 2 >= topCount)) continue;
    for (const [expansion] of ranked) {
      const list = expansion.split(" ");
      if (!variant(expansion) || list.every((w) => GENERIC_WORDS.has(w) || STOP_WORDS.has(w))) continue;
      if (!phrases.has(expansion)) phrases.set(expansion, acronym);
    }
  }
  return phrases;
}

/**
 * A word the hand lexicon gives a meaning (pelatihan, penyuluhan, kantor as a facility) keeps it: the hand list wins,
 * as for acronyms. Its own generic words are generic already.
 */
const handMeaning = (word: string) => !GENERIC_WORDS.has(word) && (word in WORDS || LEXICON_TOKENS.has(word) || FACILITY_WORDS.has(word));

/** A word written by agencies of at least this share of all kinds is stock wording of procurement and accounts. */
export const STOCK_WORD_SHARE = 0.4;

/**
 * Words agencies of most kinds write, whatever they plan ("belanja", "jasa", "konsultansi", "tenaga", "bahan",
 * "pemeliharaan", "sosialisasi"): they say how money is spent, not on what, and weigh as generic words. Parallel
 * units count as one kind. `isPlaceName` keeps the data's own place names out (Bandung is not stock wording).
 */
export function mineStockWords(lines: readonly WrittenLine[], isPlaceName: (word: string) => boolean, share = STOCK_WORD_SHARE): string[] {
  const kinds = new Map<string, Set<string>>();
  const all = new Set<string>();
  for (const { agency, line } of lines) {
    const kind = agencyUnit(agency, null)?.kind ?? "";
    all.add(kind);
    for (const word of new Set(words(line))) {
      const set = kinds.get(word) ?? new Set<string>();
      set.add(kind);
      kinds.set(word, set);
    }
  }
  return [...kinds]
    .filter(([word, set]) => set.size >= share * all.size && word.length >= 3 && !STOP_WORDS.has(word) && !handMeaning(word) && !isPlaceName(word))
    .map(([word]) => word)
    .sort();
}

/** A line as agencies repeat it: lower case, single spaces, no punctuation or leading numbering. */
const lineKey = (line: string) => words(line).join(" ");

/** Lines written identically by agencies of at least `minKinds` kinds. */
export function mineSharedLines(lines: readonly WrittenLine[], minKinds = MIN_AGENCY_KINDS): string[] {
  const kinds = new Map<string, Set<string>>();
  const written = new Map<string, string>();
  for (const { agency, line } of lines) {
    const key = lineKey(line);
    if (key === "" || key.split(" ").length > 12) continue;
    const kind = agencyUnit(agency, null)?.kind ?? "";
    const set = kinds.get(key) ?? new Set<string>();
    set.add(kind);
    kinds.set(key, set);
    if (!written.has(key)) written.set(key, line.trim().replace(/\s+/g, " "));
  }
  return [...kinds]
    .filter(([, set]) => set.size >= minKinds)
    .map(([key]) => written.get(key) ?? key)
    .sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1));
}

