/**
 * What counts as a known word of planning Indonesian (as opposed to a name, an identifier or a typo): the lexicon's
 * own tokens, the reference corpus, and the Sastrawi dictionary. Shared by the normaliser and by the place and
 * facility readers, which must not take an ordinary word for a village or a school name.
 */
import { Stemmer } from "sastrawijs";
import { DOCUMENT_FREQUENCY } from "./corpus-table.ts";
import { GENERIC_WORDS, PHRASES, STOP_WORDS, TAGS, WORDS } from "./lexicon.ts";
import { MINED_ACRONYMS } from "./mined-vocabulary.ts";

/** School kinds as written, to their canonical token (SDN 1 -> sd1). */
export const SCHOOL_TYPES: Readonly<Record<string, string>> = {
  sd: "sd", sdn: "sd", smp: "smp", smpn: "smp", sma: "sma", sman: "sma", smk: "smk", smkn: "smk",
  mi: "mi", min: "mi", mts: "mts", mtsn: "mts", ma: "ma", man: "ma", tk: "tk", tkn: "tk", slb: "slb", slbn: "slb",
};

/** Every token the hand-written lexicon produces. */
export const LEXICON_TOKENS: ReadonlySet<string> = new Set([
  ...Object.values(WORDS).flatMap((value) => value.split(" ")),
  ...PHRASES.flatMap(([, value]) => value.split(" ")),
  ...Object.keys(TAGS),
  ...Object.values(TAGS).flat(),
  ...Object.values(SCHOOL_TYPES),
]);

/** Every token the lexicon and the mined vocabulary produce: never stemmed, never "corrected". */
export const CANONICAL: ReadonlySet<string> = new Set([...LEXICON_TOKENS, ...Object.values(MINED_ACRONYMS)]);

let stemmer: Stemmer | null = null;
export function sastrawi(): Stemmer {
  // The dictionary is ~30k words: build it once per isolate, on first use.
  stemmer ??= new Stemmer();
  return stemmer;
}

/** Whether a word is ordinary Indonesian or planning vocabulary (as opposed to a name, an identifier or a typo). */
export function isKnownWord(word: string): boolean {
  if (CANONICAL.has(word) || word in WORDS || STOP_WORDS.has(word) || GENERIC_WORDS.has(word)) return true;
  if (DOCUMENT_FREQUENCY[word] !== undefined) return true;
  if (/\d/.test(word)) return false;
  // Affixed verbs and nouns the stemmer fails on (mengembalikan, pengecatan) are words, not names.
  if (/^(?:me|di|ber|ter|pe|per|ke)[a-z]{3,}(?:kan|an|nya)$/.test(word)) return true;
  const dictionary = sastrawi();
  return dictionary.find(word) || dictionary.stem(word) !== word;
}

