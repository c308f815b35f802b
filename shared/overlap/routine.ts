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

interface RoutineLine {
  tokens: ReadonlySet<string>;
  /** Its own words (not stock wording) with their weights: the text must show at least half of that weight. */
  own: readonly (readonly [string, number])[];
  ownWeight: number;
}

interface RoutineVocabulary {
  lines: readonly RoutineLine[];
  stock: ReadonlySet<string>;
}

const vocabularies = new Map<string, RoutineVocabulary>();
function routineVocabulary(options: Readonly<NormalizeOptions>): RoutineVocabulary {
  // Normalised like the text they are compared with.
  const key = `${options.stem ?? true}/${options.typos ?? true}`;
  let vocabulary = vocabularies.get(key);
  if (vocabulary === undefined) {
    const stock = new Set(MINED_STOCK_WORDS.flatMap((word) => analyzeText(word, options).tokens));
    const lines = [...ROUTINE_NAMES, ...MINED_ROUTINE_LINES, ...OLDER_ROUTINE_NAMES].map((name) => {
      const tokens = new Set(analyzeText(name, options).tokens);
      const own = [...tokens].filter((t) => !stock.has(t)).map((t) => [t, tokenWeight(t, false)] as const);
      return { tokens, own, ownWeight: own.reduce((sum, [, w]) => sum + w, 0) };
    });
    vocabulary = { lines, stock };
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
 * modal, pemeliharaan...) counts as explained, but a routine line only counts when the text shows at least half of
 * the line's own words: "Pembangunan Jalan" is not "Jasa Jalan/Tol".
 */
export function routineCoverage(analysis: TextAnalysis, options: Readonly<NormalizeOptions> = {}): number {
  const names = new Set(analysis.names);
  // The village's own name does not make its running costs less routine ("Insentif RT RW Desa Sitirejo").
  const places = new Set(analysis.placeTokens);
  const weights = analysis.tokens
    .filter((token) => !places.has(token))
    .map((token) => ({ token, weight: tokenWeight(token, names.has(token)) }));
  const total = weights.reduce((sum, { weight }) => sum + weight, 0);
  if (total === 0) return 0;
  const { lines, stock } = routineVocabulary(options);
  const present = new Set(analysis.tokens);
  let best = 0;
  for (const routine of lines) {
    let shown = 0;
    for (const [token, weight] of routine.own) if (present.has(token)) shown += weight;
    if (routine.ownWeight > 0 && shown < SHOWN_SHARE * routine.ownWeight) continue;
    let covered = 0;
    for (const { token, weight } of weights) if (routine.tokens.has(token) || ROUTINE_WORDS.has(token) || stock.has(token)) covered += weight;
    best = Math.max(best, covered / total);
  }
  return best;
}

/** Whether the text is a routine office line (ATK, gaji ASN, surat menyurat, laporan kinerja, siltap...). */
export function isRoutine(analysis: TextAnalysis, options: Readonly<NormalizeOptions> = {}): boolean {
  return routineCoverage(analysis, options) >= ROUTINE_COVERAGE;
}
