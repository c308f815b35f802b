/**
 * Named and numbered facilities: "SDN Sukamaju 03", "SMPN 4", "Puskesmas Pakutandang", "Pustu Cikoneng",
 * "Jembatan Cikapundung", "Jl. Raya Soreang", "Paket 8". Identity decides both ways: the same facility in two
 * texts is the same object whoever writes it; the same kind of facility with another number or name is another
 * object ("SDN Sukamaju 03 dan SDN Sukamaju 05 berbeda"), however alike the rest of the texts is.
 */
import { STOP_WORDS } from "./lexicon.ts";
import { isKnownWord } from "./vocabulary.ts";

export interface Facility {
  /** Canonical kind: sd, smp, puskesmas, pustu, jembatan, jalan, paket... */
  type: string;
  number: string | null;
  /** Name words, lower case, joined without spaces ("cangkuangkulon"). */
  name: string | null;
  /** As a planner reads it: "SDN Sukamaju 03" -> "SD Sukamaju 3". */
  label: string;
}

/** Written words (one or two) to a facility kind; longest first. */
const TYPES: readonly (readonly [readonly string[], string])[] = [
  [["sekolah", "dasar"], "sd"],
  [["sekolah", "menengah", "pertama"], "smp"],
  [["sekolah", "menengah", "atas"], "sma"],
  [["sekolah", "menengah", "kejuruan"], "smk"],
  [["puskesmas", "pembantu"], "pustu"],
  [["rumah", "sakit"], "rumah_sakit"],
  [["ruas", "jalan"], "jalan"],
  [["daerah", "irigasi"], "irigasi"],
  // SDS/SMPS/SMAS/SMKS: private schools ("SMPS PGRI Banjaran").
  [["sd"], "sd"], [["sdn"], "sd"], [["sds"], "sd"], [["smp"], "smp"], [["smpn"], "smp"], [["smps"], "smp"], [["sma"], "sma"], [["sman"], "sma"],
  [["smas"], "sma"], [["smk"], "smk"], [["smkn"], "smk"], [["smks"], "smk"], [["mts"], "mts"], [["mtsn"], "mts"], [["slb"], "slb"], [["slbn"], "slb"],
  [["tk"], "tk"], [["paud"], "paud"], [["mi"], "mi"], [["min"], "mi"], [["man"], "ma"],
  [["puskesmas"], "puskesmas"], [["pustu"], "pustu"], [["poskesdes"], "poskesdes"], [["polindes"], "poskesdes"],
  [["posyandu"], "posyandu"], [["posbindu"], "posbindu"], [["rsud"], "rumah_sakit"],
  [["pasar"], "pasar"], [["masjid"], "masjid"], [["mesjid"], "masjid"], [["mushola"], "musala"], [["musala"], "musala"],
  [["musholla"], "musala"], [["jembatan"], "jembatan"], [["jalan"], "jalan"], [["jl"], "jalan"], [["jln"], "jalan"],
  [["sungai"], "sungai"], [["situ"], "situ"], [["embung"], "embung"], [["bendung"], "bendung"], [["terminal"], "terminal"],
  [["stadion"], "stadion"], [["gor"], "gor"],
  // River basins and an agency's technical units serve one area each: "Sub DAS Citarik", "UPTD III".
  [["sub", "das"], "das"], [["das"], "das"], [["uptd"], "uptd"], [["upt"], "uptd"],
  // A numbered package or zone of one agency's programme: "Paket 8", "Wilayah 19", "Lot 2".
  [["paket"], "paket"], [["wilayah"], "wilayah"], [["lot"], "paket"], [["zona"], "wilayah"],
];
/** The kinds by their first written word, longest first: one map look-up per word of a text. */
const TYPES_BY_FIRST = new Map<string, (readonly [readonly string[], string])[]>();
for (const entry of TYPES) {
  const list = TYPES_BY_FIRST.get(entry[0][0]!) ?? [];
  list.push(entry);
  TYPES_BY_FIRST.set(entry[0][0]!, list);
}
/** Kinds that must carry a number to be read as a facility ("MI 2", not "mi" in other senses). */
const NUMBER_ONLY = new Set(["mi", "ma", "paket", "wilayah", "tk"]);
/** Words between the kind and its name that identify nothing. */
const FILLERS = new Set(["negeri", "n", "inpres", "raya", "kp", "kampung", "ds", "desa", "kel", "kelurahan", "upt", "uptd", "swasta", "terpadu", "islam", "jbt", "umum", "daerah"]);
const DISPLAY: Readonly<Record<string, string>> = { rumah_sakit: "RSUD", irigasi: "D.I." };
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
/** School kinds in capitals (SD, SMP), the others as words (Puskesmas, Jembatan). */
const displayType = (type: string) => DISPLAY[type] ?? (type.length <= 4 && type !== "situ" && type !== "paud" ? type.toUpperCase() : capitalised(type));

const RAW_WORD = /[\p{L}\p{N}]+|[^\p{L}\p{N}\s]/gu;

interface Word {
  raw: string;
  lower: string;
}

const ROMAN = /^(?:x{0,2})(?:ix|iv|v?i{0,3})$/;
/** "3", "03" or a roman numeral ("III") as units and zones are numbered. */
const numberValue = (raw: string): string | null => {
  if (/^\d{1,3}$/.test(raw)) return String(Number(raw));
  const lower = raw.toLowerCase();
  if (lower === "" || !ROMAN.test(lower)) return null;
  let value = 0;
  for (let i = 0; i < lower.length; i++) {
    const digit = { i: 1, v: 5, x: 10 }[lower[i] as "i" | "v" | "x"];
    const next = { i: 1, v: 5, x: 10 }[lower[i + 1] as "i" | "v" | "x"] ?? 0;
    value += digit < next ? -digit : digit;
  }
  return String(value);
};
const isNumber = (w: Word | undefined) => w !== undefined && numberValue(w.raw) !== null;
const isName = (w: Word | undefined, hasCase: boolean): w is Word =>
  w !== undefined &&
  /^\p{L}[\p{L}\p{N}]*$/u.test(w.raw) &&
  w.lower.length >= 3 &&
  !STOP_WORDS.has(w.lower) &&
  !FILLERS.has(w.lower) &&
  (!hasCase || /^\p{Lu}/u.test(w.raw)) &&
  !isKnownWord(w.lower) &&
  !TYPES_BY_FIRST.get(w.lower)?.some(([words]) => words.length === 1);

/**
 * A number closing the text, outside any bracket: one agency's numbered packages ("Tenaga Ahli Sipil 4",
 * "Jaringan Irigasi 16", "Masjid Daerah Pemilihan 5"). Not an RT/RW, a size or a count.
 */
function trailingNumber(ws: readonly Word[]): string | null {
  let end = ws.length - 1;
  // Drop a closing bracketed note ("(P)", "(DID)") and trailing punctuation.
  while (end >= 0 && /^[.,;:)\]]$/.test(ws[end]!.raw)) {
    if (ws[end]!.raw === ")") {
      while (end >= 0 && ws[end]!.raw !== "(") end--;
    }
    end--;
  }
  const word = ws[end];
  const before = ws[end - 1]?.lower ?? "";
  if (word === undefined || !/^\d{1,3}$/.test(word.raw) || /^(?:rt|rw|no|nomor|tahun|ke|[.,/-])$/.test(before) || /^\d+$/.test(before)) return null;
  return String(Number(word!.raw));
}

/** The facilities a text names with a number or a name; kinds without either are left to the word match. */
export function findFacilities(text: string): Facility[] {
  const ws: Word[] = [...text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").matchAll(RAW_WORD)].map((m) => ({ raw: m[0], lower: m[0].toLowerCase() }));
  const hasCase = /\p{Ll}/u.test(text) && /\p{Lu}/u.test(text);
  const found: Facility[] = [];
  for (let i = 0; i < ws.length; i++) {
    const match = TYPES_BY_FIRST.get(ws[i]!.lower)?.find(([words]) => words.every((w, k) => ws[i + k]?.lower === w));
    if (match === undefined) continue;
    const [typeWords, type] = match;
    let j = i + typeWords.length;
    const skip = () => {
      while (ws[j] !== undefined && (FILLERS.has(ws[j]!.lower) || ws[j]!.raw === ".")) j++;
    };
    skip();
    // A number, then a name ("SDN 3 Margaasih"); or a name, then a number ("SDN Sukamaju 03").
    // "01.02" after a name is an account code, "80 M" a size: neither is a facility number.
    const numberAt = (k: number) => isNumber(ws[k]) && !/^(?:[.,%]|m|km|unit|titik|ruas|ha)$/.test(ws[k + 1]?.lower ?? "");
    let number: string | null = null;
    const numberFirst = numberAt(j);
    if (numberFirst) number = numberValue(ws[j++]!.raw);
    const name: string[] = [];
    // In mixed-case text a capitalised word before the number is a name even when it is also a word ("SDN Sapan 1").
    const namedBeforeNumber = (k: number) =>
      hasCase && number === null && ws[k] !== undefined && /^\p{Lu}\p{Ll}+$/u.test(ws[k]!.raw) && !FILLERS.has(ws[k]!.lower) && !STOP_WORDS.has(ws[k]!.lower) && numberAt(k + 1);
    if (!NUMBER_ONLY.has(type)) {
      while (name.length < 3 && (isName(ws[j], hasCase) || namedBeforeNumber(j))) {
        name.push(ws[j++]!.lower);
        // A road between two places: "Jalan Sodong - Parakan".
        if (type === "jalan" && ws[j]?.raw === "-" && isName(ws[j + 1], hasCase)) j++;
      }
    }
    if (number === null && numberAt(j)) number = numberValue(ws[j++]!.raw);
    if (number === null && name.length === 0) continue;
    if (NUMBER_ONLY.has(type) && number === null) continue;
    const key = name.length > 0 ? name.join("") : null;
    const named = name.map(capitalised);
    const label = (numberFirst ? [displayType(type), number, ...named] : [displayType(type), ...named, number ?? ""]).join(" ").trim();
    if (!found.some((f) => f.type === type && f.number === number && f.name === key)) found.push({ type, number, name: key, label });
    i = j - 1;
  }
  const last = trailingNumber(ws);
  if (last !== null && found.length === 0) found.push({ type: "nomor", number: last, name: null, label: `nomor ${last}` });
  return found;
}

export interface FacilityRelation {
  /** Facilities both texts name. */
  same: Facility[];
  /** A kind both name, every time with another number or name. */
  different: [Facility, Facility] | null;
}

function sameFacility(x: Facility, y: Facility): boolean | null {
  if (x.type !== y.type) return null;
  if (x.number !== null && y.number !== null && x.number !== y.number) return false;
  if (x.name !== null && y.name !== null && !(x.name.startsWith(y.name) || y.name.startsWith(x.name))) return false;
  // Alike only where both say something: "SMPN 4" and "SMPN 4 Soreang" agree; "SMPN 4" and "SMPN Soreang" do not tell.
  const numberAgrees = x.number !== null && x.number === y.number;
  const nameAgrees = x.name !== null && y.name !== null;
  return numberAgrees || nameAgrees ? true : null;
}

/** Same facility in both, or a kind both name with different identities. */
export function compareFacilities(a: readonly Facility[], b: readonly Facility[]): FacilityRelation {
  const same: Facility[] = [];
  let different: [Facility, Facility] | null = null;
  const types = new Set(a.map((f) => f.type).filter((t) => b.some((g) => g.type === t)));
  for (const type of types) {
    const ofA = a.filter((f) => f.type === type);
    const ofB = b.filter((f) => f.type === type);
    const verdicts = ofA.flatMap((x) => ofB.map((y) => ({ x, verdict: sameFacility(x, y), y })));
    const hit = verdicts.find((v) => v.verdict === true);
    if (hit) same.push(hit.x.number === null && hit.y.number !== null ? hit.y : hit.x);
    else if (verdicts.every((v) => v.verdict === false)) different ??= [ofA[0]!, ofB[0]!];
  }
  return { same, different: same.length > 0 ? null : different };
}
