/**
 * Mines planning vocabulary from real texts into shared/overlap/mined-vocabulary.ts (generated, committed), so the
 * detector does not depend on what one person thought of typing into lexicon.ts. The rules are in
 * shared/overlap/vocabulary-mining.ts:
 *
 * - Acronyms and their long forms, from the way documents define them: "Sistem Pengelolaan Air Limbah Domestik
 *   (SPALD)", "USB (Unit Sekolah Baru)". The long form, wherever it is written, becomes the acronym (normalize.ts),
 *   so "Pembangunan Unit Sekolah Baru" and "Pembangunan USB" meet. Kept: acronyms of 3+ letters that no dictionary or hand rule
 *   already knows (the hand list's TPT is a talud, the nomenclature's TPT a "tim penilai teknis": the hand list
 *   wins), with one meaning (an acronym defined two different ways is dropped).
 * - Account lines every agency writes the same way: "Belanja Makanan dan Minuman Rapat", "Uang Harian Perjalanan
 *   Dinas", "Pembulatan". A line written word for word by agencies of at least MIN_AGENCY_KINDS different kinds is
 *   office spending, like the nomenclature's routine program X.XX.01 (routine.ts). Units of one kind (31 kecamatan
 *   offices) count once: their shared lines are parallel units' standard activities, handled as such.
 * - Stock words: words agencies of STOCK_WORD_SHARE of all kinds write in their package names ("belanja", "jasa",
 *   "konsultansi", "tenaga", "bahan"): procurement and account wording, weighed as generic words (similarity.ts).
 *
 * Sources: data/nomenklatur-subkegiatan-2027 (names, indicators, definitions, previous names), data/kamus-usulan,
 * and from ../shared/data (OVERLAP_SHARED_DATA to override): the Renja lines of DPUPR Pasangkayu and the 2025
 * procurement packages of Kabupaten Bandung (raw text only; nothing labelled). `node scripts/overlap-vocabulary.ts`,
 * then `node scripts/overlap-corpus.ts` (the frequencies count the new tokens).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRecords } from "../shared/csv/parse.ts";
import { isKnownWord } from "../shared/overlap/vocabulary.ts";
import { MIN_AGENCY_KINDS, mineAcronyms, mineSharedLines, mineStockWords, STOCK_WORD_SHARE, type WrittenLine } from "../shared/overlap/vocabulary-mining.ts";
import { countryGazetteer } from "./overlap-gazetteer.ts";

const root = join(import.meta.dirname, "..");

function sharedData(): string {
  const candidates = [process.env.OVERLAP_SHARED_DATA, join(root, "../shared/data"), join(root, "../../shared/data")];
  const found = candidates.find((dir) => dir !== undefined && existsSync(join(dir, "pengadaan-kab-bandung-2025")));
  if (found === undefined) throw new Error("shared/data tidak ditemukan; set OVERLAP_SHARED_DATA");
  return found;
}

const csv = (path: string) => parseCsvRecords(readFileSync(path, "utf8"), path);

interface Source {
  texts: string[];
  /** Lines as agencies wrote them, with the agency. */
  lines: WrittenLine[];
  /** Package names only, with the agency (not the account items of the work descriptions). */
  packages: WrittenLine[];
}

function readSources(): Source {
  const shared = sharedData();
  const texts: string[] = [];
  for (const row of csv(join(root, "data/nomenklatur-subkegiatan-2027/nomenklatur_subkegiatan_2027_kabkot.csv"))) {
    for (const key of ["nama_program", "nama_kegiatan", "nama_sub_kegiatan", "kinerja", "indikator", "definisi_operasional", "sub_kegiatan_sebelumnya"]) {
      texts.push(row[key] ?? "");
    }
  }
  for (const row of csv(join(root, "data/kamus-usulan/kamus_usulan.csv"))) texts.push(row.nama_usulan ?? "");
  for (const row of csv(join(shared, "renja-dpupr-pasangkayu-2024/renja_subkegiatan.csv"))) {
    texts.push(row["PROGRAM DAN KEGIATAN"] ?? "", row["TOLAK UKUR KELUARAN"] ?? "", row["KELUARAN SUB KEG."] ?? "");
  }
  const bandung = join(shared, "pengadaan-kab-bandung-2025");
  const lines: WrittenLine[] = [];
  const packages: WrittenLine[] = [];
  for (const row of csv(join(bandung, "paket_nontender.csv"))) {
    texts.push(row.nama_paket ?? "");
    lines.push({ agency: row.nama_satker ?? "", line: row.nama_paket ?? "" });
    packages.push({ agency: row.nama_satker ?? "", line: row.nama_paket ?? "" });
  }
  for (const row of csv(join(bandung, "paket_swakelola.csv"))) {
    texts.push(row.nama_paket ?? "", row.uraian_pekerjaan ?? "");
    lines.push({ agency: row.nama_satker ?? "", line: row.nama_paket ?? "" });
    packages.push({ agency: row.nama_satker ?? "", line: row.nama_paket ?? "" });
    // The work description lists its account lines: "Barang Cetakan; Pembulatan; Kudapan/Snack; ...".
    for (const item of (row.uraian_pekerjaan ?? "").split(/[;\n\r]+/)) lines.push({ agency: row.nama_satker ?? "", line: item });
  }
  for (const row of csv(join(bandung, "subkegiatan_per_satker.csv"))) texts.push(row.nama_subkegiatan ?? "");
  return { texts, lines, packages };
}

function main(): void {
  const { texts, lines, packages } = readSources();
  const acronyms = [...mineAcronyms(texts)].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  const shared = mineSharedLines(lines);
  // A kabupaten or kecamatan name (Bandung), or a village name no dictionary knows (Soreang), is a place of the
  // data, not stock wording; ordinary words that some village is named after (Jasa, Kantor) are not.
  const regions = countryGazetteer(root);
  const isPlaceName = (word: string) => {
    const entries = regions.byKey.get(word) ?? [];
    return entries.some((e) => e.level !== "village") || (entries.length > 0 && !isKnownWord(word));
  };
  const stock = mineStockWords(packages, isPlaceName);
  const out = [
    "// Generated by scripts/overlap-vocabulary.ts from the nomenclature, the kamus usulan, the Pasangkayu Renja lines and",
    "// the Kabupaten Bandung procurement texts. Do not edit; the hand-written rules are in lexicon.ts and routine.ts.",
    "",
    "/** Long forms defined in the sources, to the acronym they define (\"unit sekolah baru\" -> \"usb\"). */",
    "export const MINED_ACRONYMS: Readonly<Record<string, string>> = {",
    ...acronyms.map(([expansion, acronym]) => `  ${JSON.stringify(expansion)}: ${JSON.stringify(acronym)},`),
    "};",
    "",
    `/** Lines agencies of ${MIN_AGENCY_KINDS}+ different kinds write word for word: office spending (account lines). */`,
    "export const MINED_ROUTINE_LINES: readonly string[] = [",
    ...shared.map((line) => `  ${JSON.stringify(line)},`),
    "];",
    "",
    `/** Words agencies of ${Math.round(STOCK_WORD_SHARE * 100)}%+ of all kinds write in their package names: how money is spent, not on what. */`,
    "export const MINED_STOCK_WORDS: readonly string[] = [",
    ...stock.map((word) => `  ${JSON.stringify(word)},`),
    "];",
    "",
  ];
  writeFileSync(join(root, "shared/overlap/mined-vocabulary.ts"), out.join("\n"));
  console.log(`mined-vocabulary: ${acronyms.length} long forms, ${shared.length} shared account lines, ${stock.length} stock words`);
}

if (import.meta.main) main();
