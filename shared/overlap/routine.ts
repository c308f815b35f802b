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
import { MINED_ROUTINE_LINES } from "./mined-vocabulary.ts";
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

const routineAnalyses = new Map<string, readonly ReadonlySet<string>[]>();
function routineTokenSets(options: Readonly<NormalizeOptions>): readonly ReadonlySet<string>[] {
  // Normalised like the text they are compared with.
  const key = `${options.stem ?? true}/${options.typos ?? true}`;
  let sets = routineAnalyses.get(key);
  if (sets === undefined) {
    sets = [...ROUTINE_NAMES, ...MINED_ROUTINE_LINES, ...OLDER_ROUTINE_NAMES].map((name) => new Set(analyzeText(name, options).tokens));
    routineAnalyses.set(key, sets);
  }
  return sets;
}

/** Share (0..1) of the text's weight that the closest routine office line explains. */
export function routineCoverage(analysis: TextAnalysis, options: Readonly<NormalizeOptions> = {}): number {
  const names = new Set(analysis.names);
  // The village's own name does not make its running costs less routine ("Insentif RT RW Desa Sitirejo").
  const places = new Set(analysis.placeTokens);
  const weights = analysis.tokens
    .filter((token) => !places.has(token))
    .map((token) => ({ token, weight: tokenWeight(token, names.has(token)) }));
  const total = weights.reduce((sum, { weight }) => sum + weight, 0);
  if (total === 0) return 0;
  let best = 0;
  for (const routine of routineTokenSets(options)) {
    let covered = 0;
    for (const { token, weight } of weights) if (routine.has(token) || ROUTINE_WORDS.has(token)) covered += weight;
    best = Math.max(best, covered / total);
  }
  return best;
}

/** Whether the text is a routine office line (ATK, gaji ASN, surat menyurat, laporan kinerja, siltap...). */
export function isRoutine(analysis: TextAnalysis, options: Readonly<NormalizeOptions> = {}): boolean {
  return routineCoverage(analysis, options) >= ROUTINE_COVERAGE;
}
