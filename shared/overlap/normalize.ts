/**
 * Indonesian normalisation of proposal text for overlap detection: "RT 12 Drainase 120 m" and "Pembangunan saluran
 * drainase RT 12" must meet on "drainase". Pure functions, no I/O: the same code runs in the Worker and in scripts.
 *
 * Steps: lower case, RT/RW and numbered facilities (SDN 1) taken out as place facts, quantities with units dropped,
 * "gorong-gorong" folded, phrases and abbreviations rewritten to canonical tokens, stop words dropped, the rest
 * stemmed with Sastrawi (only where the stem is a real base word), obvious typos corrected against the known
 * vocabulary, and concept tags added (SD -> sekolah, paving -> jalan).
 */
import { DOCUMENT_FREQUENCY } from "./corpus-table.ts";
import { GENERIC_WORDS, PHRASES, STOP_WORDS, TAGS, WORDS } from "./lexicon.ts";
import { MINED_ACRONYMS } from "./mined-vocabulary.ts";
import { spellsAcronym } from "./acronyms.ts";
import { findPlaces } from "./places.ts";
import { CANONICAL, isKnownWord, sastrawi, SCHOOL_TYPES } from "./vocabulary.ts";

export interface TextAnalysis {
  /** Canonical content tokens, first occurrence order, no duplicates. */
  tokens: string[];
  /**
   * The tokens no dictionary knows, except acronyms (PKTD, TBM): proper names and identifiers. They weigh as rare
   * words but cannot make an overlap alone.
   */
  names: string[];
  /** Tokens that are part of a place name after a place word ("desa way urang" -> way, urang). */
  placeTokens: string[];
  /** RT and RW numbers mentioned, without leading zeros. */
  rt: string[];
  rw: string[];
  /** Numbered facilities: "SDN 1", "SD Negeri 1" -> "sd1". */
  identifiers: string[];
}

export interface NormalizeOptions {
  /** Sastrawi stemming of words the lexicon does not know (default true). */
  stem?: boolean;
  /** Correct one-letter typos against the known vocabulary (default true). */
  typos?: boolean;
}

const FACILITY = /\b(sdn?|smpn?|sman?|smkn?|mi|min|mtsn?|man?|tkn?|slbn?)\s*(?:negeri\s*|inpres\s*|n\s+)?0*(\d{1,3})\b/g;
const RT_RW = /\b(rt|rw)\s*[.:]?\s*0*(\d{1,3})(?:\s*-\s*(?:\1\s*[.:]?\s*)?0*(\d{1,3}))?((?:\s*(?:,|&|dan)\s*0*\d{1,3}\b(?!(?:[.,]\d+)?\s*(?:m|km|meter|unit|titik|ttk|buah|bh|kk|orang|jiwa)\b))*)/g;
const UNITS =
  "m2|m3|km2|km|cm|mm|m|meter|mtr|ha|hektar|kg|ton|liter|ltr|lt|unit|paket|pkt|titik|ttk|lokal|orang|org|jiwa|kk|kpm|" +
  "buah|bh|ekor|kelompok|klp|lembaga|pos|bulan|bln|tahun|thn|hari|kali|ls|set|sr|ob|persen|ruas|segmen|lembar|kegiatan";
const QUANTITY = new RegExp(`\\b\\d+(?:[.,]\\d+)?(?:\\s*x\\s*\\d+(?:[.,]\\d+)?)*\\s*(?:${UNITS})\\b`, "g");
const PERCENT = /\d+(?:[.,]\d+)?\s*%/g;
const ACRONYM_DEFINITION = /([a-z]+(?:\s+[a-z]+){1,7})\s*\(\s*([a-z]{2,8})\s*\)/g;
const REDUPLICATION = /\b([a-z]+)\s*-\s*\1\b/g;
const PHRASE_PATTERNS = PHRASES.map(([source, replacement]) => ({
  pattern: new RegExp(`(?<![a-z0-9_])${source}(?![a-z0-9_])`, "g"),
  replacement: ` ${replacement} `,
  // The literal start of the phrase ("rumah" in "rumah sakit(?: umum)?"): a text without it cannot match.
  start: /^[a-z]+/.exec(source)?.[0] ?? "",
}));
const handPhrases = (text: string) =>
  PHRASE_PATTERNS.reduce((out, { pattern, replacement, start }) => (out.includes(start) ? out.replace(pattern, replacement) : out), text)
    .replace(/\s+/g, " ")
    .trim();
/**
 * Long forms mined from real documents (mined-vocabulary.ts), in one pattern, longest first: "unit sekolah baru"
 * -> usb. The hand rules go first: a long form they already rewrite in part ("ruang kelas" in "ruang kelas baru",
 * "air limbah" in "sistem pengelolaan air limbah domestik terpusat") keeps the hand reading.
 */
const MINED = new Map(Object.entries(MINED_ACRONYMS).filter(([expansion]) => handPhrases(expansion) === expansion));
const MINED_PHRASES = new RegExp(`(?<![a-z0-9_])(?:${[...MINED.keys()].sort((x, y) => y.length - x.length).join("|")})(?![a-z0-9_])`, "g");


/** Lower case, RT/RW and facilities marked, quantities dropped, punctuation to spaces, phrases rewritten. */
export function cleanText(text: string): string {
  return extract(text).cleaned;
}

interface Extracted {
  cleaned: string;
  /** Acronyms the text defines ("padat karya tunai desa (pktd)"): topic words, not names. */
  acronyms: Set<string>;
  rt: Set<string>;
  rw: Set<string>;
  identifiers: Set<string>;
}

function extract(text: string): Extracted {
  const rt = new Set<string>();
  const rw = new Set<string>();
  const identifiers = new Set<string>();
  const acronyms = new Set<string>();
  let s = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  s = s.replace(/[\u2010-\u2015]/g, "-").replace(/&/g, " dan ");
  s = s.replace(/\bs\s*[./]\s*d\b\.?/g, " sampai ");
  s = s.replace(RT_RW, (_match, kind: string, from: string, to: string | undefined, more: string) => {
    const target = kind === "rt" ? rt : rw;
    const start = Number(from);
    const end = to === undefined ? start : Number(to);
    // "RT 9-11" (or "RT 01-RT 02") is a range; a wide or reversed range is more likely a typo, keep its ends only.
    if (end > start && end - start <= 10) for (let n = start; n <= end; n++) target.add(String(n));
    else target.add(String(start)).add(String(end));
    // "RW 1, 2, 3" and "RW. 03,23,04,05" list several.
    for (const n of more.match(/\d+/g) ?? []) target.add(String(Number(n)));
    return " ";
  });
  s = s.replace(FACILITY, (_match, kind: string, number: string) => {
    const type = SCHOOL_TYPES[kind] ?? kind;
    identifiers.add(`${type}${Number(number)}`);
    return ` ${type} ${type}${Number(number)} `;
  });
  if (s.includes("(")) s = s.replace(ACRONYM_DEFINITION, (match, words: string, acronym: string) => {
    // "padat karya tunai desa (pktd)": keep the acronym only, the words say the same thing twice.
    const list = words.trim().split(/\s+/);
    for (let take = 2; take <= Math.min(list.length, acronym.length + 2); take++) {
      if (spellsAcronym(acronym, list.slice(-take))) {
        acronyms.add(acronym);
        return ` ${list.slice(0, -take).join(" ")} ${acronym} `;
      }
    }
    return match;
  });
  s = s.replace(QUANTITY, " ").replace(PERCENT, " ");
  s = s.replace(REDUPLICATION, "$1");
  s = s.replace(/[^a-z0-9]+/g, " ");
  s = handPhrases(s).replace(MINED_PHRASES, (phrase) => ` ${MINED.get(phrase) ?? phrase} `);
  return { cleaned: s.replace(/\s+/g, " ").trim(), acronyms, rt, rw, identifiers };
}

const wordCache = new Map<string, readonly string[]>();
const WORD_CACHE_LIMIT = 50_000;

/** Canonical tokens for one cleaned word (empty when it carries no meaning). */
export function canonicalWord(word: string, options: NormalizeOptions = {}): readonly string[] {
  const stem = options.stem ?? true;
  const typos = options.typos ?? true;
  const key = `${stem ? 1 : 0}${typos ? 1 : 0}${word}`;
  const cached = wordCache.get(key);
  if (cached) return cached;
  const result = withTags(canonicalBase(word, stem, typos));
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(key, result);
  return result;
}

function canonicalBase(word: string, stem: boolean, typos: boolean): readonly string[] {
  // A lone letter ("(P)", "Blok C") carries no meaning of its own.
  if (STOP_WORDS.has(word) || /^\d+$/.test(word) || word.length === 1) return [];
  const mapped = WORDS[word];
  if (mapped !== undefined) return mapped === "" ? [] : mapped.split(" ");
  if (CANONICAL.has(word)) return [word];
  if (stem && word.length > 4 && !/\d/.test(word)) {
    const base = sastrawi().stem(word);
    // Short stems are where Sastrawi goes wrong (pengadaan -> ada, pemadam -> adam): keep the word then.
    if (base !== word && base.length >= 4) {
      if (STOP_WORDS.has(base)) return [];
      const baseMapped = WORDS[base];
      if (baseMapped !== undefined) return baseMapped === "" ? [] : baseMapped.split(" ");
      return [base];
    }
  }
  if (typos && word.length >= 6 && !isKnownWord(word)) {
    const corrected = correctTypo(word);
    if (corrected !== null) return canonicalBase(corrected, stem, false);
  }
  return [word];
}

function withTags(tokens: readonly string[]): readonly string[] {
  const out: string[] = [];
  for (const token of tokens) {
    out.push(token);
    for (const tag of TAGS[token] ?? []) out.push(tag);
  }
  return out;
}

let deletionIndex: Map<string, string> | null = null;

/**
 * A one-edit typo of a vocabulary word ("drainse", "posyndu", "rehabilitasii"), found through a deletion index
 * (symmetric delete): every vocabulary word and its one-letter deletions point to the word. Ties go to the more
 * frequent word. Vocabulary = lexicon words and words of the reference corpus seen at least twice.
 */
export function correctTypo(word: string): string | null {
  if (deletionIndex === null) {
    const index = new Map<string, string>();
    const frequency = (w: string): number => DOCUMENT_FREQUENCY[w] ?? (CANONICAL.has(w) || w in WORDS ? 1 : 0);
    const vocabulary = new Set<string>([
      ...Object.keys(WORDS).filter((w) => w.length >= 4 && WORDS[w] !== ""),
      ...[...CANONICAL].filter((w) => w.length >= 4 && !w.includes("_")),
      ...Object.entries(DOCUMENT_FREQUENCY)
        .filter(([w, df]) => df >= 2 && w.length >= 4 && !/\d/.test(w) && !w.includes("_"))
        .map(([w]) => w),
    ]);
    const add = (key: string, target: string) => {
      const existing = index.get(key);
      if (existing === undefined || frequency(target) > frequency(existing)) index.set(key, target);
    };
    for (const w of vocabulary) {
      add(w, w);
      for (let i = 0; i < w.length; i++) add(w.slice(0, i) + w.slice(i + 1), w);
    }
    deletionIndex = index;
  }
  const candidates: string[] = [];
  const direct = deletionIndex.get(word);
  if (direct !== undefined && direct !== word && direct.length >= 6) candidates.push(direct);
  for (let i = 0; i < word.length; i++) {
    const hit = deletionIndex.get(word.slice(0, i) + word.slice(i + 1));
    if (hit !== undefined && hit !== word && hit.length >= 6 && Math.abs(hit.length - word.length) <= 1) candidates.push(hit);
  }
  if (candidates.length === 0) return null;
  // Same first letter: names rarely differ from a vocabulary word only in the middle, typos rarely at the start.
  const plausible = candidates.filter((c) => c[0] === word[0]);
  return plausible[0] ?? null;
}

/** Acronyms (PKTD, TBM, KPMD) carry a topic although no dictionary knows them: no vowel, or three consonants in a row. */
export function isAcronymLike(token: string): boolean {
  if (token.length < 2 || token.length > 6 || /\d/.test(token)) return false;
  const simplified = token.replace(/ng|ny/g, "N");
  return !/[aeiou]/.test(simplified) || /[^aeiou]{3}/.test(simplified);
}

const analyses = new Map<string, TextAnalysis>();
const ANALYSIS_CACHE_LIMIT = 5_000;

/**
 * Full analysis of one proposal text: canonical tokens plus the place facts written in it. Remembered per text (a
 * proposal is analysed for its band keys and again for scoring, and a candidate meets many checks); the result is
 * shared, callers must not change it.
 */
export function analyzeText(text: string, options: NormalizeOptions = {}): TextAnalysis {
  const key = `${options.stem ?? true ? 1 : 0}${options.typos ?? true ? 1 : 0}${text}`;
  const cached = analyses.get(key);
  if (cached !== undefined) return cached;
  const analysis = analyze(text, options);
  if (analyses.size >= ANALYSIS_CACHE_LIMIT) analyses.clear();
  analyses.set(key, analysis);
  return analysis;
}

/** A word in capitals inside mixed-case text: an acronym (TPU, PJU, SPAL), a topic word rather than a name. */
const CAPITALS = /\b[A-Z]{2,6}\b/g;

function analyze(text: string, options: NormalizeOptions): TextAnalysis {
  const { cleaned, acronyms, rt, rw, identifiers } = extract(text);
  if (/[a-z]/.test(text)) for (const m of text.matchAll(CAPITALS)) acronyms.add(m[0].toLowerCase());
  const words = cleaned === "" ? [] : cleaned.split(" ");
  // Place names written after a place word ("Desa Way Urang", "Kec. Natar"), as far as the text alone tells.
  const placeWords = new Set(findPlaces(text, null).mentions.flatMap((m) => m.name.toLowerCase().split(" ")));

  const tokens: string[] = [];
  const names: string[] = [];
  const placeTokens: string[] = [];
  const seen = new Set<string>();
  for (const word of words) {
    // Place names are kept as they are: a village name is not a typo of a vocabulary word.
    const isPlace = placeWords.has(word);
    const canonical = isPlace ? [word] : canonicalWord(word, options);
    for (const token of canonical) {
      if (seen.has(token)) continue;
      seen.add(token);
      tokens.push(token);
      if (isPlace) placeTokens.push(token);
      if (isPlace || (!isKnownWord(token) && !isAcronymLike(token) && !acronyms.has(token))) names.push(token);
    }
  }
  return {
    tokens,
    names,
    placeTokens,
    rt: [...rt],
    rw: [...rw],
    identifiers: [...identifiers],
  };
}

/** Canonical tokens only. */
export function tokenize(text: string, options: NormalizeOptions = {}): string[] {
  return analyzeText(text, options).tokens;
}

/** The normalised text as one string of canonical tokens, for display and debugging. */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  return tokenize(text, options).join(" ");
}
