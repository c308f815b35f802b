/**
 * Routine office lines: the support sub-activities every agency carries (ATK, gaji ASN, jasa surat menyurat,
 * laporan capaian kinerja, pemeliharaan kendaraan dinas...) and the village's own running costs (siltap, operasional
 * BPD). Two agencies listing the same one is not an overlap: each pays its own office.
 *
 * A text is routine when one routine name explains most of its weight. The names are the 2027 nomenclature's
 * program X.XX.01 (corpus-table.ts), the account lines agencies of many kinds write word for word (mined from real
 * procurement texts, mined-vocabulary.ts), and, by hand, the older Permendagri 13/2006 wording many Renja still use.
 */
import { ROUTINE_NAMES } from "./corpus-table.ts";
import { MINED_ROUTINE_LINES, MINED_STOCK_WORDS } from "./mined-vocabulary.ts";
import { analyzeText, type NormalizeOptions, type TextAnalysis } from "./normalize.ts";
import { tokenWeight } from "./similarity.ts";

/** Permendagri 13/2006 "Program Pelayanan Administrasi Perkantoran" and friends, and village running costs. */
const OLDER_ROUTINE_NAMES: readonly string[] = [
  "Penyediaan jasa surat menyurat",
  "Penyediaan jasa komunikasi, sumber daya air dan listrik",
  "Penyediaan jasa pemeliharaan dan perizinan kendaraan dinas/operasional",
  "Penyediaan jasa administrasi keuangan",
  "Penyediaan jasa kebersihan kantor",
  "Penyediaan jasa perbaikan peralatan kerja",
  "Penyediaan alat tulis kantor",
  "Penyediaan barang cetakan dan penggandaan",
  "Penyediaan komponen instalasi listrik/penerangan bangunan kantor",
  "Penyediaan peralatan dan perlengkapan kantor",
  "Penyediaan peralatan rumah tangga",
  "Penyediaan bahan bacaan dan peraturan perundang-undangan",
  "Penyediaan bahan logistik kantor",
  "Penyediaan makanan dan minuman",
  "Penyediaan jasa tenaga pendukung administrasi/teknis perkantoran",
  "Rapat-rapat koordinasi dan konsultasi ke luar daerah",
  "Rapat-rapat koordinasi dan konsultasi dalam daerah",
  "Pembangunan gedung kantor",
  "Pengadaan kendaraan dinas/operasional",
  "Pengadaan perlengkapan gedung kantor",
  "Pengadaan peralatan gedung kantor",
  "Pengadaan mebeleur",
  "Pemeliharaan rutin/berkala gedung kantor",
  "Pemeliharaan rutin/berkala kendaraan dinas/operasional",
  "Pemeliharaan rutin/berkala perlengkapan gedung kantor",
  "Pemeliharaan rutin/berkala peralatan gedung kantor",
  "Pemeliharaan rutin/berkala mebeleur",
  "Rehabilitasi sedang/berat gedung kantor",
  "Pengadaan pakaian dinas beserta perlengkapannya",
  "Pengadaan pakaian kerja lapangan",
  "Pendidikan dan pelatihan formal",
  "Sosialisasi peraturan perundang-undangan",
  "Bimbingan teknis implementasi peraturan perundang-undangan",
  "Penyusunan laporan capaian kinerja dan ikhtisar realisasi kinerja SKPD",
  "Penyusunan pelaporan keuangan semesteran",
  "Penyusunan pelaporan prognosis realisasi anggaran",
  "Penyusunan pelaporan keuangan akhir tahun",
  "Penyusunan rencana kerja SKPD",
  "Penyusunan rencana strategis SKPD",
  "Penyediaan gaji dan tunjangan pegawai",
  "Perjalanan dinas dalam daerah",
  "Perjalanan dinas luar daerah",
  // village running costs (DU-RKPDesa, bidang penyelenggaraan pemerintahan desa)
  "Penyediaan penghasilan tetap dan tunjangan kepala desa",
  "Penyediaan penghasilan tetap dan tunjangan perangkat desa",
  "Penyediaan jaminan sosial bagi kepala desa dan perangkat desa",
  "Penyediaan operasional pemerintah desa",
  "Penyediaan tunjangan BPD",
  "Penyediaan operasional BPD",
  "Penyediaan insentif/operasional RT/RW",
  "Penyediaan sarana aset tetap perkantoran/pemerintahan desa",
  "Penyusunan dokumen perencanaan desa RPJMDes RKPDes",
  "Penyusunan dokumen keuangan desa APBDes",
  "Penyelenggaraan musyawarah perencanaan desa",
];

/** Words that only ever name office running costs: they count as explained by any routine line. */
const ROUTINE_WORDS: ReadonlySet<string> = new Set([
  "atk", "honor", "honorarium", "konsumsi", "mamin", "rapat", "seragam", "pakaian", "gaji", "tunjang", "siltap",
  "insentif", "bpjs", "lembur", "perjalanan", "dinas", "listrik", "telepon",
]);

/** Share of a text's weight that one routine name must explain for the text to count as routine. */
export const ROUTINE_COVERAGE = 0.75;

/** Share of a routine line's own words (by weight) a text must show for that line to explain it. */
const SHOWN_SHARE = 0.6;

interface RoutineVocabulary {
  /** Per routine line, the weight of its own words (not stock wording): a text must show SHOWN_SHARE of it. */
  ownWeight: readonly number[];
  /** Own word -> the routine lines it belongs to, with its weight there. */
  byOwnWord: ReadonlyMap<string, readonly (readonly [line: number, weight: number])[]>;
  /** Whether some routine line is stock wording only ("Belanja Sosialisasi"): stock and routine words alone explain. */
  stockOnlyLine: boolean;
  stock: ReadonlySet<string>;
}

const vocabularies = new Map<string, RoutineVocabulary>();
function routineVocabulary(options: Readonly<NormalizeOptions>): RoutineVocabulary {
  // Normalised like the text they are compared with.
  const key = `${options.stem ?? true}/${options.typos ?? true}`;
  let vocabulary = vocabularies.get(key);
  if (vocabulary === undefined) {
    const stock = new Set(MINED_STOCK_WORDS.flatMap((word) => analyzeText(word, options).tokens));
    const ownWeight: number[] = [];
    const byOwnWord = new Map<string, [number, number][]>();
    [...ROUTINE_NAMES, ...MINED_ROUTINE_LINES, ...OLDER_ROUTINE_NAMES].forEach((name, line) => {
      let weight = 0;
      for (const token of new Set(analyzeText(name, options).tokens)) {
        if (stock.has(token)) continue;
        const w = tokenWeight(token, false);
        weight += w;
        const list = byOwnWord.get(token) ?? [];
        list.push([line, w]);
        byOwnWord.set(token, list);
      }
      ownWeight.push(weight);
    });
    vocabulary = { ownWeight, byOwnWord, stockOnlyLine: ownWeight.some((w) => w === 0), stock };
    vocabularies.set(key, vocabulary);
  }
  return vocabulary;
}

/** The mined stock wording (belanja, jasa, modal...) as canonical tokens. */
export function stockTokens(options: Readonly<NormalizeOptions> = {}): ReadonlySet<string> {
  return routineVocabulary(options).stock;
}

/**
 * Share (0..1) of the text's weight that the closest routine office line explains. Stock wording (belanja, jasa,
 * modal, pemeliharaan...) and office words count as explained by any line, but a routine line only counts when the
 * text shows SHOWN_SHARE of the line's own words: "Pembangunan Jalan" is not "Jasa Jalan/Tol". Only the lines
 * sharing a word with the text are visited.
 */
export function routineCoverage(analysis: TextAnalysis, options: Readonly<NormalizeOptions> = {}): number {
  const { ownWeight, byOwnWord, stockOnlyLine, stock } = routineVocabulary(options);
  const names = new Set(analysis.names);
  // The village's own name does not make its running costs less routine ("Insentif RT RW Desa Sitirejo").
  const places = new Set(analysis.placeTokens);
  let total = 0;
  let anyLine = 0;
  const shown = new Map<number, number>();
  const explained = new Map<number, number>();
  for (const token of analysis.tokens) {
    const lines = byOwnWord.get(token);
    if (lines !== undefined) for (const [line, w] of lines) shown.set(line, (shown.get(line) ?? 0) + w);
    if (places.has(token)) continue;
    const weight = tokenWeight(token, names.has(token));
    total += weight;
    if (ROUTINE_WORDS.has(token) || stock.has(token)) anyLine += weight;
    else if (lines !== undefined) for (const [line] of lines) explained.set(line, (explained.get(line) ?? 0) + weight);
  }
  if (total === 0) return 0;
  let best = stockOnlyLine ? anyLine : 0;
  for (const [line, weight] of shown) {
    if (weight < SHOWN_SHARE * ownWeight[line]!) continue;
    best = Math.max(best, anyLine + (explained.get(line) ?? 0));
  }
  return best / total;
}

/** Whether the text is a routine office line (ATK, gaji ASN, surat menyurat, laporan kinerja, siltap...). */
export function isRoutine(analysis: TextAnalysis, options: Readonly<NormalizeOptions> = {}): boolean {
  return routineCoverage(analysis, options) >= ROUTINE_COVERAGE;
}
