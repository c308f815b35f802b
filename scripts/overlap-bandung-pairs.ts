/**
 * The second overlap evaluation set, from real 2025 procurement texts of Kabupaten Bandung (32.04):
 *
 *   node scripts/overlap-bandung-pairs.ts            proposes candidate pairs -> data/overlap-bandung/candidates.csv
 *   node scripts/overlap-bandung-pairs.ts --build    joins them with the hand labels (data/overlap-bandung/labels.csv)
 *                                                    -> pairs.csv, tune.csv, holdout.csv (id,agency_a,text_a,agency_b,text_b,label)
 *
 * This script only PROPOSES pairs to look at; it never labels one. Every label in labels.csv was given by a person
 * reading the two texts, the two agency names and the region table, following data/overlap-bandung/LABELLING.md
 * (committed before any pair was formed). Pairs labelled "skip" there are left out of the set.
 *
 * Inputs: data/pengadaan-kab-bandung-2025/packages.csv (see its SOURCE.txt) and the 32.04 rows of idn-area-data's
 * districts.csv and villages.csv. Texts are the packages' nama_paket, verbatim (after the SOURCE.txt clean-up);
 * nothing is prepended. The place/object/kind analysis below is only used to choose pairs and, in the `hint` column
 * of candidates.csv, to show the labeller what the region table says about the places named; it is regex and table
 * look-up, not the detector. Deterministic: sorted inputs and a fixed-seed generator.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRecords } from "../shared/csv/parse.ts";
import { mulberry32 } from "../shared/random.ts";
import { fnv1a32 } from "../shared/overlap/minhash.ts";

const root = join(import.meta.dirname, "..");
const outDir = join(root, "data", "overlap-bandung");
const areaDir = join(root, "node_modules", "idn-area-data", "data");

// ---------------------------------------------------------------- region table (kabupaten 32.04)
const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");
const districts = parseCsvRecords(readFileSync(join(areaDir, "districts.csv"), "utf8"), "districts.csv").filter((r) =>
  r.code!.startsWith("32.04."),
);
const villages = parseCsvRecords(readFileSync(join(areaDir, "villages.csv"), "utf8"), "villages.csv").filter((r) =>
  r.code!.startsWith("32.04."),
);
const districtName = new Map(districts.map((d) => [d.code!, d.name!]));
const districtBySquash = new Map(districts.map((d) => [squash(d.name!), d.code!]));
const villageName = new Map(villages.map((v) => [v.code!, v.name!]));
const villagesBySquash = new Map<string, string[]>();
for (const v of villages) {
  const key = squash(v.name!);
  villagesBySquash.set(key, [...(villagesBySquash.get(key) ?? []), v.code!]);
}
const districtOf = (villageCode: string) => villageCode.slice(0, 8);

// ---------------------------------------------------------------- packages
interface Pkg {
  rup: string;
  agency: string;
  text: string;
  low: string; // lower-case, punctuation as spaces
  desas: string[]; // resolved village codes
  ambiguous: string[]; // desa names shared by several kecamatan, not resolved by the text
  kecs: string[]; // kecamatan codes named (prefixed, or Wilayah/Sapras/UPTD X)
  territory: string | null; // kecamatan of a KECAMATAN X agency
  rtrw: string[];
  objs: string[];
  work: "works" | "design" | "supervision" | "study" | "service";
  routine: boolean;
  lot: string | null;
  base: string; // low without the lot marker
  facility: string | null;
}

const packages = parseCsvRecords(
  readFileSync(join(root, "data", "pengadaan-kab-bandung-2025", "packages.csv"), "utf8"),
  "packages.csv",
);

const lower = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

function places(text: string): { desas: string[]; ambiguous: string[]; kecs: string[] } {
  const tokens = lower(text).split(" ");
  const kecs: string[] = [];
  const desaMentions: string[][] = [];
  const ambiguousNames: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === "kecamatan" || t === "kec" || t === "wilayah" || t === "sapras" || t === "uptd") {
      for (const n of [3, 2, 1]) {
        const code = districtBySquash.get(tokens.slice(i + 1, i + 1 + n).join(""));
        if (code) {
          kecs.push(code);
          break;
        }
      }
    }
    if (t === "desa" || t === "ds" || t === "kel" || t === "kelurahan" || t === "bumdes" || t === "bumkel") {
      for (const n of [3, 2, 1]) {
        const codes = villagesBySquash.get(tokens.slice(i + 1, i + 1 + n).join(""));
        if (codes) {
          desaMentions.push(codes);
          break;
        }
      }
    }
  }
  // A desa written without "Desa" ("Rw. 11 RT.04 Sangkanhurip Kecamatan Katapang", "Pustu Campakamulya Kec.Cimaung")
  // counts when the text also names its kecamatan; the word right after "Kecamatan"/"Wilayah" is the kecamatan's.
  const afterPrefix = new Set<number>();
  tokens.forEach((t, i) => {
    if (["kecamatan", "kec", "wilayah", "sapras", "uptd"].includes(t)) [1, 2, 3].forEach((k) => afterPrefix.add(i + k));
    if (["desa", "ds", "kel", "kelurahan", "bumdes", "bumkel"].includes(t)) [1, 2, 3].forEach((k) => afterPrefix.add(i + k));
  });
  for (let i = 0; i < tokens.length; i++) {
    if (afterPrefix.has(i)) continue;
    for (const n of [3, 2, 1]) {
      const codes = (villagesBySquash.get(tokens.slice(i, i + n).join("")) ?? []).filter((c) => kecs.includes(districtOf(c)));
      if (codes.length === 1 && !(n === 1 && districtBySquash.has(tokens[i]!))) {
        desaMentions.push(codes);
        break;
      }
    }
  }
  const desas: string[] = [];
  for (const codes of desaMentions) {
    const inKec = codes.filter((c) => kecs.includes(districtOf(c)));
    if (inKec.length === 1) desas.push(inKec[0]!);
    else if (codes.length === 1) desas.push(codes[0]!);
    else ambiguousNames.push(villageName.get(codes[0]!)!);
  }
  return { desas: [...new Set(desas)], ambiguous: [...new Set(ambiguousNames)], kecs: [...new Set(kecs)] };
}

// Object classes: the words real texts use (LABELLING.md, step 2). Only for proposing pairs.
const OBJECTS: [string, RegExp][] = [
  ["air", /sumur|\bspam\b|air bersih|pipanisasi|sambungan rumah|pompa air|air minum|menara besi air|tangki air/],
  ["sanitasi", /jamban|\bmck\b|septik|septic|\bspald\b|air limbah/],
  ["drainase", /drainase|draenase|\bspal\b|saluran(?! irigasi)|gorong|u ditch/],
  ["pju", /\bpju\b|penerangan jalan|lampu jalan/],
  ["tpt", /\btpt\b|penahan tanah|bronjong|talud|tanggul|perkuatan tebing/],
  ["irigasi", /irigasi|bendung\b/],
  ["jembatan", /jembatan|\bjbt\b/],
  ["pustu", /pustu|poskesdes|poskedes/],
  ["puskesmas", /puskesmas/],
  ["sekolah", /\bsmpn\b|\bsmps\b|\bsdn\b|\bsmp negeri\b|\bsd negeri\b/],
  ["pasar", /\bpasar\b/],
  ["taman", /\btaman\b|alun alun/],
  ["tpu", /\btpu\b|makam/],
  ["sampah", /\btps|sampah/],
  ["rsud", /\brsud\b/],
  ["kantor-kecamatan", /kantor kecamatan/],
  ["ikan", /\bikan\b/],
  ["desa-wisata", /desa wisata/],
  ["bundle", /\bpsu\b|infrastruktur perdesaan|fasilitas umum perdesaan|lingkungan kawasan perdesaan|infrastruktur dasar|sarana dan prasarana kelurahan/],
  ["jalan", /\bjalan\b|\bjl\b|\bjln\b|hotmix|\bruas\b/],
];
const TRAININGS = [
  "menjahit", "tata boga", "tata rias", "barista", "konveksi", "service hp", "montir", "las listrik", "desain grafis",
  "design grafis", "digital marketing", "daur ulang sampah", "pengolahan sampah", "pengolahan kopi", "pengolahan hasil pertanian",
  "tour guide", "mebeuler", "digital printing", "sound system", "service komputer", "tanggap bencana alam",
  "tanggap bencana rumah tangga", "tata kelola desa wisata", "tatakelola desa wisata",
];

function objects(low: string): string[] {
  const found = OBJECTS.filter(([, re]) => re.test(low)).map(([name]) => name);
  // A road word beside another infrastructure object names where that object is (drain along a road, TPT of a road).
  const infra = ["air", "sanitasi", "drainase", "pju", "tpt", "irigasi", "jembatan", "sekolah", "pasar", "rsud", "sampah"];
  let out = found.some((o) => infra.includes(o)) ? found.filter((o) => o !== "jalan") : found;
  if (/bangunan pelengkap/.test(low) && !out.some((o) => o === "drainase" || o === "tpt")) out = [...out.filter((o) => o !== "jalan"), "pelengkap-jalan"];
  if (/jalan usaha tani/.test(low)) out = [...out.filter((o) => o !== "jalan"), "jalan-usaha-tani"];
  if (/jalan setapak/.test(low)) out = [...out.filter((o) => o !== "jalan"), "jalan-setapak"];
  for (const t of TRAININGS) if (low.includes(t)) out.push(`pelatihan:${t.replace("design", "desain").replace("tatakelola", "tata kelola")}`);
  return [...new Set(out)];
}

const ROUTINE =
  /alat tulis|\batk\b|kertas|bahan komputer|cetak|penggandaan|honorarium|narasumber|perjalanan dinas|uang harian|makan(an)? dan minum|mamin|kudapan|snack|bahan bakar|\bbbm\b|pertamax|kendaraan|pakaian|\bpdl\b|\bpdh\b|tagihan|iuran|jaminan k|tenaga (administrasi|kebersihan|keamanan|supir|pendukung|informasi|gambar|drafter|surveyor|penghitung|wasdal|lab)|jasa tenaga|tenaga ahli|lembur|rapat koordinasi|\brka\b|\bdpa\b|laporan keuangan|capaian kinerja|barang milik daerah|mebel|alat kantor|perlengkapan kantor|peralatan kantor|personal computer|benda pos|internet|instalasi ?listrik|jasa surat|bahan bacaan|pembulatan|penginapan|tiket|taksi|e toll|jalan tol|walidata|statistik sektoral|dokumen perencanaan perangkat daerah|kunjungan tamu|gaji|suvenir|cendera|gedung kantor|gedung negara|pelayanan umum kantor|komunikasi sumber daya air|petugas administrasi|kepegawaian|akuntansi|prognosis|sewa/;

function workKind(low: string): Pkg["work"] {
  if (/pengawasan|supervisi|pengawas\b/.test(low)) return "supervision";
  if (/perencanaan|\bded\b|desain|design|masterplan|rencana teknis|reviu perencanaan|review perencanaan/.test(low)) return "design";
  if (/kajian|\bfs\b|studi|survey|identifikasi|data ?base|inventaris/.test(low)) return "study";
  if (/pelatihan|kursus|bimtek|bimbingan teknis|sosialisasi|pendampingan|penyuluhan/.test(low)) return "service";
  return "works";
}

const LOT = /\bpaket \d+\b|\btahap [ivx\d]+\b|\btersebar \d+\b|\bwilayah \d+\b|\blanjutan\b|(?<!\b(rt|rw|no|km|kp|smpn|sdn|smps) )\b\d+$/;

function facility(low: string): string | null {
  const school = /\b(smpn|smps|sdn|smp negeri|sd negeri)\s+(\d+\s+)?([a-z]+(?: [a-z]+)?)/.exec(low);
  if (school) {
    const type = school[1]!.replace("smp negeri", "smpn").replace("sd negeri", "sdn");
    return `${type}|${(school[2] ?? "").trim()}|${school[3]!.split(" ")[0]}`;
  }
  const health = /\b(puskesmas|pustu|pasar|rsud)\s+([a-z]+(?: [a-z]+)?)/.exec(low);
  if (health) return `${health[1]}|${health[2]!.split(" ")[0]}`;
  return null;
}

const pkgs: Pkg[] = packages.map((row) => {
  const text = row.nama_paket!;
  const low = lower(text);
  const { desas, ambiguous, kecs } = places(text);
  const territoryName = /^KECAMATAN (.+)$/.exec(row.nama_satker!)?.[1];
  const rtrw = [...low.matchAll(/\b(rt|rw)\s*0*(\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
  const lot = LOT.exec(low)?.[0] ?? null;
  return {
    rup: row.kd_rup!,
    agency: row.nama_satker!,
    text,
    low,
    desas,
    ambiguous,
    kecs,
    territory: territoryName ? (districtBySquash.get(squash(territoryName)) ?? null) : null,
    rtrw,
    objs: objects(low),
    work: workKind(low),
    routine: ROUTINE.test(low),
    lot,
    base: lot ? low.replace(LOT, "").trim() : low,
    facility: facility(low),
  };
});

// ---------------------------------------------------------------- candidates
interface Candidate {
  id: string;
  kind: string;
  split: string; // the key the tune/holdout split hashes (a kecamatan code, or the family itself)
  a: Pkg;
  b: Pkg;
}
const candidates: Candidate[] = [];
const seenPairs = new Set<string>();
const counters = new Map<string, number>();
const slug = (s: string) => squash(s).slice(0, 24) || "x";

function placeKey(p: Pkg): string | null {
  return p.desas[0] ? districtOf(p.desas[0]) : (p.kecs[0] ?? p.territory);
}
function add(kind: string, family: string, a: Pkg, b: Pkg, split?: string): boolean {
  if (a.rup === b.rup) return false;
  const key = [a.rup, b.rup].sort().join("|");
  if (seenPairs.has(key)) return false;
  // Texts of one pair never repeat verbatim in the same role: an identical pair of texts is kept once.
  const textKey = [a.agency + "\u0000" + a.text, b.agency + "\u0000" + b.text].sort().join("\u0001");
  if (seenPairs.has(textKey)) return false;
  seenPairs.add(key);
  seenPairs.add(textKey);
  const fam = `${kind}-${family}`;
  const n = (counters.get(fam) ?? 0) + 1;
  counters.set(fam, n);
  const keys = [placeKey(a), placeKey(b)].filter((k): k is string => k !== null);
  candidates.push({ id: `${fam}-${String(n).padStart(2, "0")}`, kind, split: split ?? (keys.length ? keys.sort().join("+") : fam), a, b });
  return true;
}

const rng = mulberry32(20250403);
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const shared = (x: string[], y: string[]) => x.filter((v) => y.includes(v));
const substantive = pkgs.filter((p) => !p.routine);
const desaSlug = (code: string) => `${slug(districtName.get(districtOf(code))!)}-${slug(villageName.get(code)!)}`;
const objKeys = (p: Pkg) => p.objs.filter((o) => o !== "bundle");

// 1. Same desa (one desa-wide line and a kampung/RW line inside it, two RWs, two agencies, ...), same object.
//    Kind by what makes the pair hard: stage (one agency, design/supervision/works), lot (one agency, lot markers),
//    dup (one agency, same text), vocab (no object word in common), desa (the rest).
const byDesa = new Map<string, Pkg[]>();
for (const p of substantive) for (const d of p.desas) byDesa.set(d, [...(byDesa.get(d) ?? []), p]);
const objectWords =
  /sumur|spam|air bersih|pipanisasi|sambungan rumah|pompa|jamban|mck|septik|spald|drainase|draenase|spal|saluran|gorong|u ditch|pju|tpt|penahan tanah|bronjong|tanggul|talud|tebing|irigasi|bendung|jembatan|pustu|poskesdes|poskedes|jalan|jl/g;
const words = (p: Pkg) => new Set(p.low.match(objectWords) ?? []);
function pairKind(a: Pkg, b: Pkg): string {
  if (a.agency === b.agency && a.work !== b.work) return "stage";
  if (a.agency === b.agency && (a.lot || b.lot) && a.lot !== b.lot && a.base === b.base) return "lot";
  if (a.agency === b.agency && a.low === b.low) return "dup";
  const wa = words(a);
  if (![...words(b)].some((w) => wa.has(w))) return "vocab";
  return "desa";
}
const kindCount = new Map<string, number>();
const KIND_CAP: Record<string, number> = { stage: 30, lot: 16, dup: 10, vocab: 40, desa: 150 };
for (const [desa, list] of [...byDesa].sort(([x], [y]) => x.localeCompare(y))) {
  const pairs: [Pkg, Pkg, string][] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const common = shared(objKeys(list[i]!), objKeys(list[j]!));
      if (common.length) pairs.push([list[i]!, list[j]!, common[0]!]);
    }
  // Cross-agency pairs first (at most 4 per desa and object), then at most 2 pairs of one agency.
  const perObject = new Map<string, number>();
  for (const [a, b, obj] of [...shuffle(pairs.filter(([a, b]) => a.agency !== b.agency)), ...shuffle(pairs.filter(([a, b]) => a.agency === b.agency))]) {
    if (a.agency !== b.agency && a.work !== b.work) continue; // two agencies, two kinds of work: the rule leaves it out
    const k = `${obj}|${a.agency === b.agency}`;
    const cap = a.agency === b.agency ? 2 : 4;
    const kind = pairKind(a, b);
    if ((perObject.get(k) ?? 0) >= cap || (kindCount.get(kind) ?? 0) >= KIND_CAP[kind]!) continue;
    if (add(kind, `${obj.replace(/[^a-z]/g, "")}-${desaSlug(desa)}`, a, b)) {
      perObject.set(k, (perObject.get(k) ?? 0) + 1);
      kindCount.set(kind, (kindCount.get(kind) ?? 0) + 1);
    }
  }
}

// 2. Containment: a kecamatan-wide line (Kecamatan X, Wilayah/Sapras/UPTD X, or a KECAMATAN X office line naming
//    no place) against a desa line inside that kecamatan, same object and same kind of work. Standing operation and
//    maintenance of a whole area's network ("Operasi dan Pemeliharaan ... Sapras X") is not used.
let kecCount = 0;
for (const wide of shuffle(substantive)) {
  if (wide.desas.length || wide.ambiguous.length || /operasi dan pemeliharaan|^pekerja /.test(wide.low)) continue;
  const kecs = wide.kecs.length ? wide.kecs : wide.territory ? [wide.territory] : [];
  for (const kec of kecs) {
    const inside = substantive.filter(
      (p) =>
        p !== wide &&
        p.desas.some((d) => districtOf(d) === kec) &&
        shared(objKeys(p), objKeys(wide)).length &&
        (p.work === wide.work || p.agency === wide.agency),
    );
    for (const p of shuffle(inside).slice(0, 3)) {
      if (kecCount >= 75) break;
      const obj = shared(objKeys(p), objKeys(wide))[0]!;
      const kind = wide.agency === p.agency && wide.work !== p.work ? "stage" : "kec";
      if (kind === "stage" && (kindCount.get("stage") ?? 0) >= KIND_CAP.stage! + 8) continue;
      if (add(kind, `${obj.replace(/[^a-z]/g, "")}-${slug(districtName.get(kec)!)}`, wide, p)) {
        if (kind === "kec") kecCount++;
        else kindCount.set("stage", (kindCount.get("stage") ?? 0) + 1);
      }
    }
  }
}

// 3. Namesakes: the same desa name in two kecamatan (or a desa named like another kecamatan), same object.
const resolved = substantive.filter((p) => p.desas.length);
const namesakeCount = new Map<string, number>();
const sameName = (x: string, y: string) => x !== y && squash(villageName.get(x)!) === squash(villageName.get(y)!);
for (const [a, b] of shuffle(resolved.flatMap((a, i) => resolved.slice(i + 1).map((b) => [a, b] as const)))) {
  if (!shared(objKeys(a), objKeys(b)).length || shared(a.desas, b.desas).length) continue;
  const name = a.desas.find((x) => b.desas.some((y) => sameName(x, y)));
  if (!name) continue;
  const key = slug(villageName.get(name)!);
  if ((namesakeCount.get(key) ?? 0) >= 3) continue;
  if (add("namesake", key, a, b)) namesakeCount.set(key, (namesakeCount.get(key) ?? 0) + 1);
}
for (const a of resolved)
  for (const b of substantive) {
    if (b.desas.length || !b.kecs.length) continue;
    const clash = a.desas.find((x) => b.kecs.some((k) => squash(districtName.get(k)!) === squash(villageName.get(x)!) && districtOf(x) !== k));
    if (clash && shared(objKeys(a), objKeys(b)).length) add("namesake", `kec-${slug(villageName.get(clash)!)}`, a, b);
  }

// 4. Same object in different desa of one kecamatan, sampled.
const placeCands: [Pkg, Pkg][] = [];
for (let i = 0; i < resolved.length; i++)
  for (let j = i + 1; j < resolved.length; j++) {
    const a = resolved[i]!;
    const b = resolved[j]!;
    if (shared(a.desas, b.desas).length || !shared(objKeys(a), objKeys(b)).length) continue;
    const names = new Set(a.desas.map((d) => squash(villageName.get(d)!)));
    if (b.desas.some((d) => names.has(squash(villageName.get(d)!)))) continue;
    if (a.desas.some((x) => b.desas.some((y) => districtOf(x) === districtOf(y)))) placeCands.push([a, b]);
  }
let placeCount = 0;
for (const [a, b] of shuffle(placeCands)) {
  if (placeCount >= 40) break;
  const kec = districtOf(a.desas[0]!);
  if (add("place", `${objKeys(a).find((o) => objKeys(b).includes(o))!.replace(/[^a-z]/g, "")}-${slug(districtName.get(kec)!)}`, a, b)) placeCount++;
}

// 5. Parallel units: the same standard line at two kecamatan offices, two puskesmas, two territories of one agency.
const kecOffices = pkgs.filter((p) => p.territory);
const parallelKey = (p: Pkg) => squash(p.low.replace(/^belanja kegiatan /, ""));
const byText = new Map<string, Pkg[]>();
for (const p of kecOffices) byText.set(parallelKey(p), [...(byText.get(parallelKey(p)) ?? []), p]);
const parallelTexts = shuffle([...byText].filter(([, list]) => new Set(list.map((p) => p.agency)).size >= 2).sort(([x], [y]) => x.localeCompare(y)));
let parallelSubstantive = 0;
let parallelRoutine = 0;
for (const [text, list] of parallelTexts) {
  const routineLine = list.some((p) => p.routine);
  if (routineLine ? parallelRoutine >= 6 : parallelSubstantive >= 34) continue;
  // Two offices, preferring two different wordings of the same line.
  const agencies = shuffle([...new Map(list.map((p) => [p.agency, p])).values()]);
  const a = agencies[0]!;
  const b = agencies.find((p) => p.low !== a.low) ?? agencies[1]!;
  if (add("parallel", `kec-${text.slice(0, 24)}`, a, b)) routineLine ? parallelRoutine++ : parallelSubstantive++;
}
const puskesmasLines = pkgs.filter((p) => /puskesmas [a-z]/.test(p.low) && p.agency === "DINAS KESEHATAN");
const pkmBase = (p: Pkg) => p.low.replace(/puskesmas [a-z]+( [a-z]+)?.*$/, "puskesmas").replace(/\s+/g, " ");
const byPkmBase = new Map<string, Pkg[]>();
for (const p of puskesmasLines) byPkmBase.set(pkmBase(p), [...(byPkmBase.get(pkmBase(p)) ?? []), p]);
let pkmCount = 0;
for (const [base, list] of shuffle([...byPkmBase].sort(([x], [y]) => x.localeCompare(y)))) {
  if (list.length < 2 || pkmCount >= 14) continue;
  const l = shuffle(list);
  if (add("parallel", `pkm-${slug(base)}`, l[0]!, l[1]!)) pkmCount++;
}
const territoryText = /\b(wilayah|sapras|uptd|sub das|das|kec)\b\s+[a-z]+|\bwilayah \d+\b/;
const terrBase = (p: Pkg) => p.low.replace(/\b(wilayah|sapras|uptd|sub das|das)\b\s+([a-z]+|\d+).*$/, "$1").trim();
const terrLines = substantive.filter((p) => territoryText.test(p.low));
const byTerr = new Map<string, Pkg[]>();
for (const p of terrLines) byTerr.set(`${p.agency}|${terrBase(p)}`, [...(byTerr.get(`${p.agency}|${terrBase(p)}`) ?? []), p]);
for (const [base, list] of [...byTerr].sort(([x], [y]) => x.localeCompare(y))) {
  if (list.length < 2) continue;
  const l = shuffle(list);
  add("parallel", `terr-${slug(base.split("|")[1]!)}`, l[0]!, l[1]!);
  if (l.length >= 6) add("parallel", `terr-${slug(base.split("|")[1]!)}`, l[2]!, l[3]!);
}

// 6. Facilities: schools, puskesmas, pustu, markets, hospitals (same facility other work, same number other
//    school, ...), and a kecamatan office against the agency that plans its building.
const withFacility = substantive.filter((p) => p.facility);
const facCands: [Pkg, Pkg, string][] = [];
for (let i = 0; i < withFacility.length; i++)
  for (let j = i + 1; j < withFacility.length; j++) {
    const a = withFacility[i]!;
    const b = withFacility[j]!;
    const [fa, fb] = [a.facility!.split("|"), b.facility!.split("|")];
    if (fa[0] !== fb[0]) continue;
    const same = a.facility === b.facility;
    const sameNum = fa.length === 3 && fa[1] !== "" && fa[1] === fb[1];
    const sameName = fa[fa.length - 1] === fb[fb.length - 1];
    if (same || sameNum || sameName) facCands.push([a, b, `${fa[0]}-${same ? "same" : sameNum ? "num" : "name"}`]);
  }
const facCount = new Map<string, number>();
const FAC_CAP: Record<string, number> = { "smpn-same": 10, "smpn-num": 8, "smpn-name": 8, "sdn-same": 4, "smps-same": 3, "puskesmas-same": 3, "pustu-same": 4, "pasar-same": 6, "rsud-same": 3 };
for (const [a, b, fam] of shuffle(facCands)) {
  if ((facCount.get(fam) ?? 0) >= (FAC_CAP[fam] ?? 3)) continue;
  if (a.agency !== b.agency && a.work !== b.work) continue; // left out by the rule
  const kind = a.agency === b.agency && a.work !== b.work && a.facility === b.facility ? "stage" : "facility";
  if (add(kind, fam, a, b)) facCount.set(fam, (facCount.get(fam) ?? 0) + 1);
}
// A facility mentioned in another agency's line (a well "(SMP Insa Unggul)", an irrigation channel on "Jln SMPN 1").
for (const a of substantive) {
  if (a.agency === "DINAS PENDIDIKAN" || !/\b(smpn|smps|smp|sdn|sd|smk|smpt)\b/.test(a.low)) continue;
  for (const b of withFacility.filter((p) => p.agency === "DINAS PENDIDIKAN")) {
    const name = b.facility!.split("|").pop()!;
    const num = b.facility!.split("|")[1];
    if (name.length > 3 && a.low.includes(name) && (!num || a.low.includes(`${num} ${name}`))) add("facility", `mention-${slug(name)}`, a, b);
  }
}
// A hospital named in one agency's text against the hospital's own lines.
for (const a of substantive.filter((p) => /\brsud [a-z]/.test(p.low) && !p.agency.startsWith("RUMAH SAKIT")))
  for (const b of pkgs.filter((p) => p.agency.startsWith("RUMAH SAKIT") && !p.routine)) {
    const name = /\brsud ([a-z]+)/.exec(a.low)![1]!;
    if (name.length >= 4 && lower(b.agency).split(" ").includes(name) && a.work === b.work) add("facility", `rsud-${name}`, a, b);
  }
const officePlans = substantive.filter((p) => /kantor kecamatan [a-z]/.test(p.low) && !p.territory);
const ownOffice = (p: Pkg) => /gedung|rehab|konsultan|aula|arsip|struktur bangunan/.test(p.low) && !/pembangunan (daerah|desa|kawasan)/.test(p.low);
const officeOwn = pkgs.filter((p) => p.territory && ownOffice(p));
for (const plan of officePlans) {
  const kec = plan.kecs[0];
  for (const own of officeOwn) if (own.territory === kec && (own.work === plan.work || /listrik|penerangan/.test(own.low))) add("office", slug(districtName.get(own.territory!)!), plan, own);
}
shuffle(officePlans)
  .slice(0, 8)
  .forEach((plan, k) => {
    const other = shuffle(officeOwn.filter((o) => o.territory !== plan.kecs[0] && o.work === plan.work))[k % 3];
    if (other) add("office", `other-${slug(districtName.get(other.territory!)!)}`, plan, other);
  });

// 7. Routine office lines of two agencies that share their first words.
const routine = pkgs.filter((p) => p.routine);
const byStart = new Map<string, Pkg[]>();
for (const p of routine) {
  const start = p.low.split(" ").slice(0, 4).join(" ");
  byStart.set(start, [...(byStart.get(start) ?? []), p]);
}
let routineCount = 0;
for (const [start, list] of shuffle([...byStart].sort(([x], [y]) => x.localeCompare(y)))) {
  if (routineCount >= 36) break;
  const agencies = [...new Map(shuffle(list).map((p) => [p.agency, p])).values()];
  if (agencies.length < 2) continue;
  if (add("routine", slug(start), agencies[0]!, agencies[1]!)) routineCount++;
}

// 8. Same desa, different object (sampled), and unrelated lines (sampled).
const villageCands: [Pkg, Pkg, string][] = [];
for (const [desa, list] of [...byDesa].sort(([x], [y]) => x.localeCompare(y)))
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const [a, b] = [list[i]!, list[j]!];
      if (a.agency !== b.agency && objKeys(a).length && objKeys(b).length && !shared(a.objs, b.objs).length) villageCands.push([a, b, desa]);
    }
let villageCount = 0;
for (const [a, b, desa] of shuffle(villageCands)) {
  if (villageCount >= 36) break;
  if (add("village", desaSlug(desa), a, b)) villageCount++;
}
let randomCount = 0;
const pool = shuffle(substantive);
for (let k = 0; k + 1 < pool.length && randomCount < 25; k += 2) {
  const [a, b] = [pool[k]!, pool[k + 1]!];
  if (a.agency === b.agency || shared(a.objs, b.objs).length) continue;
  if (add("random", `${randomCount + 1}`, a, b)) randomCount++;
}

// 9. A second batch, formed after the first 588 candidates had been labelled and only about a fifth of them were
//    label 1: more pairs of the same kinds, chosen by the same place and object tests (never by a label or a
//    detector), appended after the first batch so that its ids stay unchanged.
//  a. More cross-agency pairs of one desa and one object (up to 8 per desa and object instead of 4).
/** Cross-agency pairs of one desa and one object, up to `cap` per desa and object. */
function moreDesaPairs(cap: number): void {
  for (const [desa, list] of [...byDesa].sort(([x], [y]) => x.localeCompare(y))) {
    const perObject = new Map<string, number>();
    for (const c of candidates)
      if (c.a.agency !== c.b.agency && c.a.desas.includes(desa) && c.b.desas.includes(desa)) {
        const obj = shared(objKeys(c.a), objKeys(c.b))[0];
        if (obj) perObject.set(obj, (perObject.get(obj) ?? 0) + 1);
      }
    const pairs: [Pkg, Pkg, string][] = [];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        const common = shared(objKeys(a), objKeys(b));
        if (common.length && a.agency !== b.agency && a.work === b.work) pairs.push([a, b, common[0]!]);
      }
    for (const [a, b, obj] of shuffle(pairs)) {
      if ((perObject.get(obj) ?? 0) >= cap) continue;
      if (add(pairKind(a, b), `${obj.replace(/[^a-z]/g, "")}-${desaSlug(desa)}`, a, b)) perObject.set(obj, (perObject.get(obj) ?? 0) + 1);
    }
  }
}
moreDesaPairs(8);
//  b. More containment pairs (up to 6 desa lines per kecamatan-wide line, same kind of work, at most 45 more).
let kecExtra = 0;
for (const wide of [...substantive].sort((x, y) => x.rup.localeCompare(y.rup))) {
  if (wide.desas.length || wide.ambiguous.length || /operasi dan pemeliharaan|^pekerja /.test(wide.low)) continue;
  const kecs = wide.kecs.length ? wide.kecs : wide.territory ? [wide.territory] : [];
  for (const kec of kecs) {
    const done = candidates.filter((c) => c.kind === "kec" && (c.a === wide || c.b === wide)).length;
    const inside = substantive.filter(
      (p) => p !== wide && p.desas.some((d) => districtOf(d) === kec) && shared(objKeys(p), objKeys(wide)).length && p.work === wide.work,
    );
    let n = done;
    for (const p of shuffle(inside)) {
      if (n >= 6 || kecExtra >= 45) break;
      const obj = shared(objKeys(p), objKeys(wide))[0]!;
      if (add("kec", `${obj.replace(/[^a-z]/g, "")}-${slug(districtName.get(kec)!)}`, wide, p)) {
        n++;
        kecExtra++;
      }
    }
  }
}
//  c. The same non-routine line twice in one agency, when it names a place or a facility.
const byAgencyText = new Map<string, Pkg[]>();
for (const p of substantive) {
  if (!(p.desas.length || p.kecs.length || p.rtrw.length || p.facility)) continue;
  const key = `${p.agency}|${p.low}`;
  byAgencyText.set(key, [...(byAgencyText.get(key) ?? []), p]);
}
for (const [key, list] of [...byAgencyText].sort(([x], [y]) => x.localeCompare(y)))
  if (list.length >= 2) add("dup", slug(key.split("|")[1]!), list[0]!, list[1]!);
//  d. Street lighting: the PJU lines of Dinas Perhubungan that share a desa, and a kecamatan office's lighting line
//     (poles, LED armatures, overhead cables) against them.
const lighting = pkgs.filter((p) => /\bpju\b|armature|penerangan jalan/.test(p.low) && !p.routine && (p.desas.length || p.kecs.length || p.territory));
for (let i = 0; i < lighting.length; i++)
  for (let j = i + 1; j < lighting.length; j++) {
    const [a, b] = [lighting[i]!, lighting[j]!];
    const kecsA = new Set([...a.kecs, ...(a.territory ? [a.territory] : []), ...a.desas.map(districtOf)]);
    const common = shared(a.desas, b.desas).length || (a.territory && b.desas.some((d) => districtOf(d) === a.territory)) || (b.territory && kecsA.has(b.territory));
    if (common && a.work === b.work) add(a.territory || b.territory ? "vocab" : "desa", "pju-lists", a, b);
  }
//  e. Two lines naming the same road ("Jl. Terusan Nanjung", "Kp. Waas", "Ciwaru"), any agency.
const ROAD_STOP = new Set(["desa", "kp", "kampung", "kabupaten", "lingkungan", "setapak", "perkotaan", "dalam", "akses", "produksi", "usaha", "raya", "rt", "rw", "utama", "laston", "gang", "kab", "tol", "ds", "kec", "kecamatan", "ruas", "dan", "di", "menunjang", "wisata", "jalan", "jl", "kabupatenbandung", "bahu", "wilayah"]);
function roadName(p: Pkg): string | null {
  const m = /\b(?:jl|jln|jalan|kp)\s+(?:jl\s+|jalan\s+|kp\s+)?([a-z]+)(?:\s+([a-z]+))?/.exec(p.low);
  if (!m || ROAD_STOP.has(m[1]!) || m[1]!.length < 4) return null;
  if (m[1] === "jembatan" && (!m[2] || ROAD_STOP.has(m[2]))) return null; // "Jalan / Jembatan Wilayah 5" names no road
  return m[2] && !ROAD_STOP.has(m[2]) && !districtBySquash.has(m[2]) ? `${m[1]} ${m[2]}` : m[1]!;
}
const roads = new Map<string, Pkg[]>();
for (const p of substantive) {
  const name = roadName(p);
  if (name && (p.objs.includes("jalan") || p.objs.includes("pelengkap-jalan") || p.objs.includes("jembatan") || p.objs.includes("tpt")))
    roads.set(name, [...(roads.get(name) ?? []), p]);
}
for (const [name, list] of [...roads].sort(([x], [y]) => x.localeCompare(y))) {
  if (list.length < 2) continue;
  for (let i = 0; i < list.length && i < 3; i++)
    for (let j = i + 1; j < list.length && j < 4; j++) add("road", slug(name), list[i]!, list[j]!);
}

//  f. Still short of label-1 candidates: containment pairs up to 10 desa lines per kecamatan-wide line (same kind of
//     work), and cross-agency pairs of one desa and object up to 10.
for (const wide of [...substantive].sort((x, y) => x.rup.localeCompare(y.rup))) {
  if (wide.desas.length || wide.ambiguous.length || /operasi dan pemeliharaan|^pekerja /.test(wide.low)) continue;
  const kecs = wide.kecs.length ? wide.kecs : wide.territory ? [wide.territory] : [];
  for (const kec of kecs) {
    let n = candidates.filter((c) => c.kind === "kec" && (c.a === wide || c.b === wide)).length;
    const inside = substantive.filter(
      (p) => p !== wide && p.desas.some((d) => districtOf(d) === kec) && shared(objKeys(p), objKeys(wide)).length && p.work === wide.work,
    );
    for (const p of shuffle(inside)) {
      if (n >= 10) break;
      const obj = shared(objKeys(p), objKeys(wide))[0]!;
      if (add("kec", `${obj.replace(/[^a-z]/g, "")}-${slug(districtName.get(kec)!)}`, wide, p)) n++;
    }
  }
}
moreDesaPairs(10);

// ---------------------------------------------------------------- output
const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const row = (values: string[]) => values.map(cell).join(",");
function hint(p: Pkg): string {
  const parts: string[] = [];
  if (p.desas.length) parts.push(p.desas.map((d) => `${villageName.get(d)}(${districtName.get(districtOf(d))})`).join("+"));
  if (p.ambiguous.length) parts.push(`ambiguous:${p.ambiguous.join("+")}`);
  if (p.kecs.length) parts.push(`kec:${p.kecs.map((k) => districtName.get(k)).join("+")}`);
  if (p.territory) parts.push(`territory:${districtName.get(p.territory)}`);
  if (p.rtrw.length) parts.push(p.rtrw.join("+"));
  parts.push(`obj:${p.objs.join("+") || "-"}`, p.work);
  if (p.routine) parts.push("routine");
  if (p.lot) parts.push(`lot:${p.lot}`);
  return parts.join(" ");
}
const heldOutKey = (key: string) => key.split("+").some((k) => fnv1a32(k) % 100 < 30);

if (!process.argv.includes("--build")) {
  mkdirSync(outDir, { recursive: true });
  const lines = [
    row(["id", "kind", "split", "rup_a", "agency_a", "text_a", "rup_b", "agency_b", "text_b", "hint_a", "hint_b"]),
    ...candidates.map((c) => row([c.id, c.kind, c.split, c.a.rup, c.a.agency, c.a.text, c.b.rup, c.b.agency, c.b.text, hint(c.a), hint(c.b)])),
  ];
  writeFileSync(join(outDir, "candidates.csv"), lines.join("\n") + "\n");
  const byKind = new Map<string, number>();
  for (const c of candidates) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
  console.log(`candidates.csv: ${candidates.length} pairs`, Object.fromEntries(byKind));
} else {
  const labelsPath = join(outDir, "labels.csv");
  if (!existsSync(labelsPath)) throw new Error("data/overlap-bandung/labels.csv fehlt (missing)");
  const labels = new Map(parseCsvRecords(readFileSync(labelsPath, "utf8"), "labels.csv").map((r) => [r.id!, r]));
  const byId = new Map(candidates.map((c) => [c.id, c]));
  for (const id of labels.keys()) if (!byId.has(id)) throw new Error(`labels.csv: ${id} is not a candidate`);
  const out: { c: Candidate; label: string; holdout: boolean }[] = [];
  for (const c of candidates) {
    const l = labels.get(c.id);
    if (!l) throw new Error(`labels.csv: no label for ${c.id}`);
    if (l.label === "skip") continue;
    if (l.label !== "0" && l.label !== "1") throw new Error(`labels.csv: ${c.id} label "${l.label}"`);
    out.push({ c, label: l.label, holdout: heldOutKey(c.split) });
  }
  // Six bulk kinds that are (nearly) all label 0 are thinned to a fixed number of pairs, chosen by the hash of the
  // id (not by label), so that about a third of the set is label 1; their labels stay in labels.csv.
  const KEEP: Record<string, number> = { parallel: 50, stage: 25, routine: 18, village: 20, random: 12, place: 30 };
  for (const [kind, cap] of Object.entries(KEEP)) {
    const ofKind = out.filter((p) => p.c.kind === kind).sort((x, y) => fnv1a32(x.c.id) - fnv1a32(y.c.id));
    const drop = new Set(ofKind.slice(cap).map((p) => p.c.id));
    for (let i = out.length - 1; i >= 0; i--) if (drop.has(out[i]!.c.id)) out.splice(i, 1);
  }
  const header = row(["id", "agency_a", "text_a", "agency_b", "text_b", "label"]);
  const toCsv = (items: typeof out) =>
    [header, ...items.map(({ c, label }) => row([c.id, c.a.agency, c.a.text, c.b.agency, c.b.text, label]))].join("\n") + "\n";
  writeFileSync(join(outDir, "pairs.csv"), toCsv(out));
  writeFileSync(join(outDir, "tune.csv"), toCsv(out.filter((p) => !p.holdout)));
  writeFileSync(join(outDir, "holdout.csv"), toCsv(out.filter((p) => p.holdout)));
  const summary = (items: typeof out) => `${items.length} pairs, ${items.filter((p) => p.label === "1").length} label 1`;
  console.log(`pairs.csv:   ${summary(out)} (${[...labels.values()].filter((l) => l.label === "skip").length} candidates left out as undecidable, the rest of the ${candidates.length} thinned)`);
  console.log(`tune.csv:    ${summary(out.filter((p) => !p.holdout))}`);
  console.log(`holdout.csv: ${summary(out.filter((p) => p.holdout))}`);
  const kinds = new Map<string, [number, number]>();
  for (const { c, label } of out) {
    const k = kinds.get(c.kind) ?? [0, 0];
    k[label === "1" ? 1 : 0]++;
    kinds.set(c.kind, k);
  }
  for (const [kind, [zero, one]] of [...kinds].sort()) console.log(`  ${kind}: ${zero + one} (${one} label 1, ${zero} label 0)`);
}
