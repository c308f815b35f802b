/**
 * Places a text names, resolved to Kemendagri region codes and compared by containment: "Perbaikan saluran
 * Kelurahan B" lies inside "Penanganan saluran Kecamatan A" when B is a kelurahan of A, whatever the strings say.
 *
 * A Gazetteer holds region names (idn-area-data: provinces, regencies, districts, villages). A scoped one holds one
 * kabupaten's (or a few kabupaten's) districts and villages plus every regency and province: names written without
 * a place word ("Puskesmas Pakutandang", "SMPN 3 Margaasih") are looked up only there, since across the country
 * nearly every word is some village. The Worker scopes to the proposal's kabupaten; the eval scope is inferred
 * from the place words of the whole file (inferScope). Pure: the rows come from D1 or from the CSV files.
 */
import { villageKind } from "../regions/codes.ts";
import { STOP_WORDS } from "./lexicon.ts";
import { isKnownWord } from "./vocabulary.ts";

export type RegionLevelName = "province" | "regency" | "district" | "village";
/** Below the village: dusun, kampung, dukuh, lingkungan (not in the region tables, compared by name). */
export type PlaceLevel = RegionLevelName | "hamlet";

export interface RegionEntry {
  code: string;
  level: RegionLevelName;
  name: string;
}

export interface PlaceMention {
  level: PlaceLevel;
  /** As written, in title case ("Cangkuang Kulon"). */
  name: string;
  /** Lower case letters and digits only ("cangkuangkulon"). */
  key: string;
  /** Candidate region codes, several when the name is ambiguous; empty when unresolved (hamlets, unknown names). */
  codes: string[];
  /** Written after a place word (Desa, Kec., Kp.), not recognised from the bare name. */
  marked: boolean;
}

/** Places in one text, most specific first; a kecamatan that only says where a named desa lies is dropped. */
export interface ResolvedPlaces {
  mentions: PlaceMention[];
}

/** How two texts' places relate. */
export interface PlaceRelation {
  kind: "same" | "within" | "different" | "unknown";
  /** In a planner's words: "desa Cangkuang Kulon berada di kecamatan Dayeuhkolot". */
  reason: string | null;
}

export function placeKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/^(?:kabupaten|kota)\s+/, "")
    .replace(/[^a-z0-9]/g, "");
}

const LEVEL_DEPTH: Readonly<Record<RegionLevelName, number>> = { province: 1, regency: 2, district: 3, village: 4 };

/** Whether `inner` lies in `outer` (or is it). Codes nest: 32.04.12.2005 lies in 32.04.12 and 32.04. */
export function codeWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}.`);
}

export class Gazetteer {
  readonly byKey = new Map<string, RegionEntry[]>();
  readonly byCode = new Map<string, RegionEntry>();
  /** Bare names are looked up only in a scoped gazetteer (one or a few kabupaten). */
  readonly scoped: boolean;

  constructor(entries: Iterable<RegionEntry>, scoped = false) {
    this.scoped = scoped;
    for (const entry of entries) {
      this.byCode.set(entry.code, entry);
      const key = placeKey(entry.name);
      const list = this.byKey.get(key);
      if (list) list.push(entry);
      else this.byKey.set(key, [entry]);
    }
  }

  lookup(key: string, levels: readonly RegionLevelName[], regencyKind?: "kabupaten" | "kota"): RegionEntry[] {
    return (this.byKey.get(key) ?? []).filter(
      (e) => levels.includes(e.level) && (regencyKind === undefined || e.level !== "regency" || e.name.toLowerCase().startsWith(regencyKind)),
    );
  }

  /** The districts and villages under `codes` (regency or province codes), with every regency and province. */
  within(codes: readonly string[]): Gazetteer {
    const keep = [...this.byCode.values()].filter(
      (e) => e.level === "province" || e.level === "regency" || codes.some((code) => codeWithin(e.code, code)),
    );
    return new Gazetteer(keep, true);
  }

  /** "desa Way Urang", "kelurahan Manggahang", "kecamatan Kalianda", "Kabupaten Bandung". */
  label(code: string): string {
    const entry = this.byCode.get(code);
    if (entry === undefined) return code;
    if (entry.level === "village") return `${villageKind(code)} ${entry.name}`;
    if (entry.level === "district") return `kecamatan ${entry.name}`;
    return entry.name;
  }
}

type MarkerLevels = readonly PlaceLevel[];
/** Place words and the levels of the name that follows, in the order tried. */
const MARKERS: Readonly<Record<string, MarkerLevels>> = {
  desa: ["village"],
  ds: ["village"],
  dsa: ["village"],
  kelurahan: ["village"],
  kel: ["village"],
  kalurahan: ["village"],
  nagari: ["village"],
  gampong: ["village"],
  pekon: ["village"],
  tiyuh: ["village"],
  // Kampung is a village in Lampung and Papua, a hamlet in Jawa Barat: the region tables decide.
  kampung: ["village", "hamlet"],
  kp: ["village", "hamlet"],
  dusun: ["hamlet"],
  dsn: ["hamlet"],
  dukuh: ["hamlet"],
  kecamatan: ["district"],
  kec: ["district"],
  kecamatam: ["district"],
  distrik: ["district"],
  kabupaten: ["regency"],
  kab: ["regency"],
  kota: ["regency"],
  provinsi: ["province"],
  prov: ["province"],
  wilayah: ["district", "village", "regency"],
  // An agency's territorial units, named after the kecamatan they serve: "UPTD Pangalengan", "Sapras Banjaran".
  uptd: ["district", "village"],
  upt: ["district", "village"],
  sapras: ["district", "village"],
  sarpras: ["district", "village"],
};
/** Markers whose following words are a place only when the region tables know them ("dalam kota", "wilayah kerja"). */
const RESOLVED_ONLY = new Set(["kota", "wilayah", "kab", "kabupaten", "provinsi", "prov", "uptd", "upt", "sapras", "sarpras"]);
const MAX_NAME_WORDS = 4;

const RAW_WORD = /[\p{L}\p{N}]+|[^\p{L}\p{N}\s]/gu;

interface Word {
  raw: string;
  lower: string;
}

function words(text: string): Word[] {
  return [...text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").matchAll(RAW_WORD)].map((m) => ({ raw: m[0], lower: m[0].toLowerCase() }));
}

const isWord = (w: Word | undefined): w is Word => w !== undefined && /^[\p{L}\p{N}]+$/u.test(w.raw);
const title = (parts: readonly string[]) => parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(" ");

/** Whether a bare word can be (part of) a name: not grammar, not a place word, not a bare number. */
function nameWord(w: Word | undefined): w is Word {
  return isWord(w) && !STOP_WORDS.has(w.lower) && !(w.lower in MARKERS) && !/^\d+$/.test(w.lower);
}

/** The words after a place word that read as a name: capitalised in mixed-case text, unknown to the dictionaries otherwise. */
function nameRun(ws: readonly Word[], start: number, hasCase: boolean): string[] {
  const name: string[] = [];
  for (let j = start; j < ws.length && name.length < 3; j++) {
    const w = ws[j];
    if (!nameWord(w)) break;
    // In mixed-case text a lower-case word no dictionary knows is still a name ("Kp. legokloa").
    if (hasCase ? !/^[\p{Lu}\p{N}]/u.test(w.raw) && isKnownWord(w.lower) : isKnownWord(w.lower)) break;
    name.push(w.lower);
  }
  return name;
}

/**
 * The places a text names. Written after a place word: resolved against the gazetteer at that level (the longest
 * name that exists), otherwise kept by name (a hamlet, or a village the tables spell otherwise). Bare names: only
 * in a scoped gazetteer, only districts and villages, and only words no dictionary knows (or capitalised runs in
 * mixed-case text), so "Sumber" in "sumber dana" is not taken for a village.
 */
export function findPlaces(text: string, gazetteer: Gazetteer | null, within: readonly string[] = []): ResolvedPlaces {
  const ws = words(text);
  const hasCase = /\p{Ll}/u.test(text) && /\p{Lu}/u.test(text);
  const used = new Set<number>();
  const mentions: PlaceMention[] = [];
  /** Villages read after Kp./Kampung: hamlets after all when the text names its desa too. */
  const kampung: PlaceMention[] = [];
  const add = (mention: PlaceMention) => {
    const same = mentions.find((m) => m.key === mention.key && m.level === mention.level);
    if (same === undefined) mentions.push(mention);
  };
  for (let i = 0; i < ws.length; i++) {
    const marker = ws[i]?.lower ?? "";
    const levels = MARKERS[marker];
    if (levels === undefined || used.has(i)) continue;
    let start = i + 1;
    while (ws[start]?.raw === "." || ws[start]?.raw === ":") start++;
    let found = false;
    // Kampung names are looked up whole: "Kp. Bojong Seureuh" is a hamlet even though Bojong is a village.
    const whole = levels.includes("hamlet") ? nameRun(ws, start, hasCase).length : 0;
    if (gazetteer !== null) {
      for (let n = whole || MAX_NAME_WORDS; n >= (whole || 1) && !found; n--) {
        const span = ws.slice(start, start + n);
        // Place words may be part of a name the tables know ("Desa Dukuh", "Desa Kampung Baru").
        if (span.length < n || !span.every((w) => isWord(w) && !STOP_WORDS.has(w.lower) && !/^\d+$/.test(w.lower))) continue;
        const key = placeKey(span.map((w) => w.lower).join(""));
        const regionLevels = levels.filter((l): l is RegionLevelName => l !== "hamlet");
        const kind = marker === "kota" ? "kota" : marker === "kab" || marker === "kabupaten" ? "kabupaten" : undefined;
        const entries = gazetteer.lookup(key, regionLevels, kind);
        if (entries.length === 0) continue;
        found = true;
        for (let k = i; k < start + n; k++) used.add(k);
        const mention: PlaceMention = { level: entries[0]!.level, name: title(span.map((w) => w.lower)), key, codes: entries.map((e) => e.code), marked: true };
        add(mention);
        if (levels.includes("hamlet")) kampung.push(mention);
      }
    }
    if (found || RESOLVED_ONLY.has(marker)) continue;
    // Not in the tables: the name run as the writer marked it.
    const name = nameRun(ws, start, hasCase);
    if (name.length === 0) continue;
    for (let k = i; k < start + name.length; k++) used.add(k);
    const level = levels.includes("hamlet") ? "hamlet" : (levels[0] ?? "village");
    add({ level, name: title(name), key: placeKey(name.join("")), codes: [], marked: true });
  }
  if (kampung.length > 0 && mentions.some((m) => m.level === "village" && m.marked && !kampung.includes(m))) {
    for (const m of kampung) Object.assign(m, { level: "hamlet", codes: [] });
  }
  if (gazetteer?.scoped) {
    for (let i = 0; i < ws.length; i++) {
      for (let n = 3; n >= 1; n--) {
        const span = ws.slice(i, i + n);
        if (span.length < n || span.some((w, k) => used.has(i + k) || !nameWord(w))) continue;
        const plausible = hasCase
          ? span.every((w) => /^\p{Lu}/u.test(w.raw))
          : span.some((w) => w.lower.length >= 4 && !isKnownWord(w.lower));
        if (!plausible || (n === 1 && (span[0]!.lower.length < 4 || isKnownWord(span[0]!.lower)))) continue;
        const key = placeKey(span.map((w) => w.lower).join(""));
        const entries = gazetteer.lookup(key, ["district", "village"]);
        if (entries.length === 0) continue;
        for (let k = i; k < i + n; k++) used.add(k);
        add({ level: entries[0]!.level, name: title(span.map((w) => w.lower)), key, codes: entries.map((e) => e.code), marked: false });
        i += n - 1;
        break;
      }
    }
  }
  return { mentions: narrow(withoutStrayNames(mentions), within) };
}

/**
 * A bare name that is not where the text's marked places are is a river, a school or a person ("Tanggul Sungai
 * Ciburial Ds. Cibiru Wetan Kec. Cileunyi": Ciburial is a village of another kecamatan): dropped.
 */
function withoutStrayNames(mentions: PlaceMention[]): PlaceMention[] {
  const resolved = mentions.filter((m) => m.marked && m.codes.length > 0);
  // The kabupaten holds every bare name of a scoped gazetteer: a named desa or kecamatan is what locates the text.
  const local = resolved.filter((m) => m.level === "district" || m.level === "village");
  const marked = local.length > 0 ? local : resolved;
  if (marked.length === 0) return mentions;
  return mentions.filter(
    (m) => m.marked || m.codes.some((c) => marked.some((o) => o.codes.some((oc) => codeWithin(c, oc) || codeWithin(oc, c)))),
  );
}

/**
 * A name written with its kecamatan ("Desa Mekarjaya Kecamatan Pacet") or inside the agency's territory keeps only
 * the candidates there; the kecamatan that only located it is dropped. The least specific places go last.
 */
function narrow(mentions: PlaceMention[], within: readonly string[]): PlaceMention[] {
  const resolved = mentions.filter((m) => m.codes.length > 0);
  const narrowed = mentions.map((m) => {
    if (m.codes.length <= 1) return m;
    // The most specific outer place that picks some of the candidates decides: "Desa Pangauban Kec Pacet, Kab.
    // Bandung" is Pacet's Pangauban, although the kabupaten holds both.
    const outers = [...resolved.filter((o) => o !== m).flatMap((o) => o.codes), ...within].sort((x, y) => y.length - x.length);
    for (const outer of outers) {
      const inside = m.codes.filter((c) => c !== outer && codeWithin(c, outer));
      if (inside.length > 0 && inside.length < m.codes.length) return { ...m, codes: inside };
    }
    return m;
  });
  const kept = narrowed.filter(
    (m) => m.codes.length === 0 || !narrowed.some((o) => o !== m && o.codes.some((c) => m.codes.some((outer) => c !== outer && codeWithin(c, outer)))),
  );
  return kept.sort((x, y) => depth(y) - depth(x));
}

const depth = (m: PlaceMention) => (m.level === "hamlet" ? 5 : LEVEL_DEPTH[m.level]);

function describe(mention: PlaceMention, gazetteer: Gazetteer | null): string {
  const code = mention.codes.length === 1 ? mention.codes[0] : undefined;
  if (code !== undefined && gazetteer !== null) return gazetteer.label(code);
  const word = { province: "provinsi", regency: "kabupaten", district: "kecamatan", village: "desa", hamlet: "dusun" }[mention.level];
  return `${word} ${mention.name}`;
}

/** "desa sama: Way Urang", "kecamatan sama: Kalianda". */
function sameReason(mention: PlaceMention, gazetteer: Gazetteer | null): string {
  return describe(mention, gazetteer).replace(/^(desa|kelurahan|kecamatan|dusun|kabupaten|provinsi|kota) /i, (_m, word: string) => `${word.toLowerCase()} sama: `);
}

/**
 * How the places of two texts relate: the same region, one inside the other, different, or unknown (either names
 * none). Resolved places compare by code containment (any candidate of an ambiguous name may match); hamlets and
 * unresolved names by name, at the same level.
 */
export function comparePlaces(a: ResolvedPlaces, b: ResolvedPlaces, gazetteer: Gazetteer | null): PlaceRelation {
  const resolvedA = a.mentions.filter((m) => m.codes.length > 0);
  const resolvedB = b.mentions.filter((m) => m.codes.length > 0);
  let regionRelation: PlaceRelation | null = null;
  if (resolvedA.length > 0 && resolvedB.length > 0) {
    let within: PlaceRelation | null = null;
    for (const x of resolvedA) {
      for (const y of resolvedB) {
        for (const cx of x.codes) {
          for (const cy of y.codes) {
            if (cx === cy) {
              regionRelation ??= { kind: "same", reason: sameReason({ ...x, codes: [cx] }, gazetteer) };
            } else if (codeWithin(cx, cy) || codeWithin(cy, cx)) {
              const [inner, outer] = codeWithin(cx, cy) ? [{ ...x, codes: [cx] }, { ...y, codes: [cy] }] : [{ ...y, codes: [cy] }, { ...x, codes: [cx] }];
              within ??= { kind: "within", reason: `${describe(inner, gazetteer)} berada di ${describe(outer, gazetteer)}` };
            }
          }
        }
      }
    }
    regionRelation ??= within;
    if (regionRelation === null) {
      // The more specific place first: "desa X tidak berada di kecamatan Y".
      const [x, y] = [resolvedA[0]!, resolvedB[0]!].sort((p, q) => depth(q) - depth(p)) as [PlaceMention, PlaceMention];
      // Namesakes are told apart by their kecamatan: "desa Mekarjaya (kecamatan Pacet) dan desa Mekarjaya (kecamatan Arjasari)".
      const where = (m: PlaceMention) => {
        const code = m.codes.length === 1 && m.level === "village" && x.key === y.key ? m.codes[0]!.split(".").slice(0, 3).join(".") : null;
        return code !== null && gazetteer?.byCode.has(code) ? ` (${gazetteer.label(code)})` : "";
      };
      const reason = x.level === y.level ? `${describe(x, gazetteer)}${where(x)} dan ${describe(y, gazetteer)}${where(y)} berbeda` : `${describe(x, gazetteer)} tidak berada di ${describe(y, gazetteer)}`;
      return { kind: "different", reason };
    }
    if (regionRelation.kind === "within") return regionRelation;
  }
  // Names the tables do not know, level by level (most specific first): dusun, then desa, then kecamatan.
  for (const level of ["hamlet", "village", "district"] as const) {
    const namesA = a.mentions.filter((m) => m.level === level && m.codes.length === 0);
    const namesB = b.mentions.filter((m) => m.level === level && m.codes.length === 0);
    const otherA = level === "hamlet" ? [] : resolvedA.filter((m) => m.level === level);
    const otherB = level === "hamlet" ? [] : resolvedB.filter((m) => m.level === level);
    const allA = [...namesA, ...otherA];
    const allB = [...namesB, ...otherB];
    if (namesA.length + namesB.length === 0 || allA.length === 0 || allB.length === 0) continue;
    // "way" and "wayurang" are one name cut short.
    const match = allA.find((x) => allB.some((y) => x.key === y.key || x.key.startsWith(y.key) || y.key.startsWith(x.key)));
    if (match === undefined) {
      const [x, y] = [allA[0]!, allB[0]!];
      return { kind: "different", reason: `${describe(x, gazetteer)} dan ${describe(y, gazetteer)} berbeda` };
    }
    regionRelation ??= { kind: "same", reason: sameReason(match, gazetteer) };
  }
  return regionRelation ?? { kind: "unknown", reason: null };
}

/**
 * The kabupaten (or province) a set of texts is about, from the places they name after a place word: each
 * mention votes for the regencies its candidates lie in, split among them. The regencies with at least 5% of the
 * votes (at most five) when together they hold 60%, else the province holding 60%, else none. Used where no region code is given (the
 * eval CSV); the Worker knows its kabupaten.
 */
const MIN_REGENCY_SHARE = 0.05;
const MAX_REGENCIES = 5;

export function inferScope(gazetteer: Gazetteer, texts: Iterable<string>, share = 0.6): string[] {
  const votes = new Map<string, number>();
  let total = 0;
  for (const text of texts) {
    for (const mention of findPlaces(text, gazetteer).mentions) {
      const regencies = new Set(mention.codes.filter((c) => c.length >= 5).map((c) => c.slice(0, 5)));
      if (regencies.size === 0 || regencies.size > 5) continue;
      for (const regency of regencies) votes.set(regency, (votes.get(regency) ?? 0) + 1 / regencies.size);
      total += 1;
    }
  }
  if (total === 0) return [];
  const ranked = [...votes].sort((x, y) => y[1] - x[1]);
  // Every kabupaten with a real share of the mentions (a file about two or three kabupaten keeps them all), as long
  // as together they hold most of them.
  const chosen = ranked.filter(([, count], i) => i === 0 || count >= MIN_REGENCY_SHARE * total).slice(0, MAX_REGENCIES);
  if (chosen.reduce((sum, [, count]) => sum + count, 0) >= share * total) return chosen.map(([regency]) => regency).sort();
  const provinces = new Map<string, number>();
  for (const [regency, count] of votes) provinces.set(regency.slice(0, 2), (provinces.get(regency.slice(0, 2)) ?? 0) + count);
  const [province, count] = [...provinces].sort((x, y) => y[1] - x[1])[0] ?? ["", 0];
  return count >= share * total ? [province] : [];
}
