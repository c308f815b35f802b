/**
 * What an agency's name says it works on: "Dinas Kesehatan" -> posyandu, gizi, puskesmas... Lets a pair carry the
 * agency names as a signal ("posyandu" written at DPMD sits in the field of Dinas Kesehatan), which is the only
 * structured fact an exported list of Renja lines has. Keys are regexes over the lower-cased agency name or short
 * name; values are canonical tokens (normalize.ts).
 */
const DOMAINS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/kesehatan|dinkes|puskesmas|rsud/, ["kesehatan", "posyandu", "poskesdes", "puskesmas", "pustu", "gizi", "pmt", "balita", "ibu_hamil", "lansia", "dbd", "ptm", "posbindu", "sanitasi", "jamban", "phbs", "stbm", "babs", "ambulans", "imunisasi", "antropometri", "obat"]],
  [/pendidikan|disdik|kebudayaan/, ["sekolah", "sd", "smp", "sma", "smk", "mi", "mts", "paud", "tk", "ruang_kelas", "guru", "siswa", "murid", "beasiswa", "ape", "didik", "perpustakaan"]],
  [/pekerjaan umum|pupr|\bpu\b|bina marga|sumber daya air|cipta karya|tata ruang/, ["jalan", "jembatan", "drainase", "gorong", "irigasi", "talud", "air_bersih", "aspal", "rabat", "paving", "embung", "bendung", "sungai", "gedung", "air_limbah"]],
  [/perumahan|permukiman|perkim|pertanahan/, ["rtlh", "rumah", "air_bersih", "sanitasi", "jamban", "mck", "drainase", "jalan", "paving", "pju", "air_limbah", "kumuh", "permukiman"]],
  [/pertanian|distan|tanaman pangan|hortikultura|perkebunan|peternakan/, ["tani", "irigasi", "jut", "bibit", "pupuk", "ternak", "embung", "traktor", "sawah", "panen", "kebun", "hewan"]],
  [/sosial|dinsos/, ["miskin", "disabilitas", "lansia", "rtlh", "blt", "makan", "terlantar", "sandang", "bencana"]],
  [/perempuan|perlindungan anak|dp3a|p3a/, ["perempuan", "anak", "kekerasan", "forum_anak", "kawin", "gender"]],
  [/keluarga berencana|pengendalian penduduk|p2kb|bkkbn|ppkb/, ["kb", "gizi", "balita", "bkb", "bkl", "kontrasepsi", "pus", "remaja", "keluarga", "dashat"]],
  [/pemberdayaan masyarakat|dpmd|pmd\b|dispmd/, ["posyandu", "bumdes", "pkk", "karang_taruna", "kantor_desa", "lembaga", "ttg", "perangkat"]],
  [/lingkungan hidup|dlh|kebersihan|ruang terbuka hijau/, ["sampah", "bank_sampah", "rth", "pohon", "limbah", "taman", "pju"]],
  [/perhubungan|dishub/, ["rambu", "lalu_lintas", "pju", "halte", "terminal", "angkut", "marka", "dermaga"]],
  [/tenaga kerja|disnaker|transmigrasi/, ["pelatihan", "kerja", "las", "jahit", "keterampilan", "kejuruan"]],
  [/koperasi|umkm|usaha kecil|perdagangan|perindustrian/, ["umkm", "koperasi", "usaha", "pasar", "kemas", "industri", "modal"]],
  [/kelautan|perikanan/, ["ikan", "nelayan", "perahu", "kolam", "tambak", "budidaya"]],
  [/pariwisata|pemuda|olahraga|dispora|dispar/, ["olahraga", "wisata", "pemuda", "sepakbola", "bulutangkis", "lapangan", "karang_taruna"]],
  [/kebakaran|damkar|pamong praja|satpol/, ["damkar", "apar", "linmas", "poskamling", "bakar"]],
  [/bencana|bpbd/, ["bencana", "evakuasi", "talud", "banjir", "longsor", "linmas"]],
  [/kependudukan|capil/, ["adminduk", "duduk"]],
  [/perpustakaan|kearsipan/, ["taman_bacaan", "buku", "perpustakaan", "arsip"]],
  [/komunikasi|informatika|kominfo/, ["internet", "informasi", "aplikasi"]],
  [/ketahanan pangan|\bdkp\b|pangan/, ["pangan", "pekarangan", "gizi"]],
];

/** A kabupaten has a few dozen agencies: each name is read once per isolate. */
const known = new Map<string, ReadonlySet<string>>();

/** Canonical tokens of the field an agency works in, read from its name or short name; empty when unknown. */
export function agencyDomain(agencyName: string | null | undefined): ReadonlySet<string> {
  const name = (agencyName ?? "").toLowerCase();
  const cached = known.get(name);
  if (cached !== undefined) return cached;
  const tokens = new Set<string>();
  for (const [pattern, domain] of DOMAINS) if (pattern.test(name)) for (const token of domain) tokens.add(token);
  if (known.size >= 5_000) known.clear();
  known.set(name, tokens);
  return tokens;
}
