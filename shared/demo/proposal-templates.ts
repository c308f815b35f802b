/**
 * Proposal templates for the demo data of Kabupaten Lampung Selatan (18.01): village proposals (usulan) written the
 * way village operators write them in the Musrenbang desa form (compare the raw DU-RKPDesa wording in
 * shared data `rkpdesa-pandanlandung-2026`, e.g. "RT 12 Drainase 120 m", "Rehab Polindes").
 *
 * Every non-null `subActivityCode` is a KABKOT row of the sub-activity nomenclature "versi pemutakhiran 2027"
 * (`nomenklatur-subkegiatan-2027`). About a fifth of the templates leave the code blank, as villages often do, so
 * that routing has to classify them from the text. Several topics deliberately appear under more than one bidang
 * (stunting: 1.02 and 2.14; posyandu: 1.02 and 2.13; drainase/saluran: 1.03 and 1.04 PSU; APE: 1.01 and 2.14;
 * lansia: 1.02 and 1.06; irigasi and embung: 1.03 and 3.27) so the cross-agency forum has overlaps to catch.
 *
 * Unit costs are rough 2026 rupiah prices per unit (not an official price list).
 */
import type { BeneficiaryGroup } from "../proposals/vocabulary.ts";

export interface ProposalTemplate {
  /** Activity as a village operator writes it (usulan kegiatan); may contain {rt}, {rw}, {dusun}, {volume}, {unit} placeholders. */
  activity: string;
  /** Problem (permasalahan) in plain Indonesian, one sentence, may use the same placeholders. */
  problem: string;
  /** Satuan, e.g. "m", "unit", "paket", "orang", "kegiatan", "titik". */
  unit: string;
  /** Inclusive integer range. */
  volume: readonly [number, number];
  /** Rupiah per unit. */
  unitCost: number;
  /** KABKOT sub-activity code (kode_sub_kegiatan) the proposal maps to, or null when villages typically leave it blank. */
  subActivityCode: string | null;
  beneficiaryGroup: BeneficiaryGroup;
  beneficiaries: readonly [number, number];
}

export const PROPOSAL_TEMPLATES: readonly ProposalTemplate[] = [
  // ---------------------------------------------------------------- 1.01 Pendidikan
  {
    activity: "Rehab ruang kelas SD Negeri di Dusun {dusun}",
    problem: "Atap dan plafon ruang kelas SD bocor dan kusen lapuk sehingga kegiatan belajar terganggu saat hujan.",
    unit: "ruang",
    volume: [2, 4],
    unitCost: 165_000_000,
    subActivityCode: "1.01.02.2.01.0051", // Rehabilitasi Sedang/Berat Ruang Kelas Sekolah (SD) [Ruang]
    beneficiaryGroup: "anak",
    beneficiaries: [90, 260],
  },
  {
    activity: "Pengadaan APE (alat permainan edukatif) PAUD dusun {dusun}",
    problem: "PAUD di Dusun {dusun} belum memiliki alat permainan edukatif yang memadai untuk anak usia dini.",
    unit: "paket",
    volume: [1, 2],
    unitCost: 22_500_000,
    subActivityCode: "1.01.02.2.03.0046", // Pengadaan Alat Praktik dan Peraga Peserta Didik PAUD [Paket]
    beneficiaryGroup: "anak",
    beneficiaries: [20, 50],
  },
  {
    activity: "Rehab gedung PAUD/TK milik desa",
    problem: "Gedung PAUD milik desa rusak sedang, lantai retak, dinding lembab dan toilet anak tidak berfungsi.",
    unit: "unit",
    volume: [1, 1],
    unitCost: 135_000_000,
    subActivityCode: "1.01.02.2.03.0045", // Rehabilitasi Sedang/Berat Sarana, Prasarana dan Utilitas PAUD [Unit]
    beneficiaryGroup: "anak",
    beneficiaries: [25, 60],
  },
  {
    activity: "Beasiswa Pendidikan bagi siswa kurang mampu",
    problem: "Banyak anak dari keluarga kurang mampu terancam putus sekolah karena biaya seragam, buku dan ongkos ke sekolah.",
    unit: "orang",
    volume: [10, 30],
    unitCost: 1_500_000,
    subActivityCode: null,
    beneficiaryGroup: "anak",
    beneficiaries: [10, 30],
  },

  // ---------------------------------------------------------------- 1.02 Kesehatan
  {
    activity: "Rehab Polindes",
    problem: "Bangunan polindes rusak, atap bocor dan ruang periksa sempit sehingga pelayanan KIA dan persalinan tidak nyaman.",
    unit: "unit",
    volume: [1, 1],
    unitCost: 95_000_000,
    subActivityCode: "1.02.02.2.01.0010", // Rehabilitasi dan Pemeliharaan Fasilitas Kesehatan Lainnya [Unit]
    beneficiaryGroup: "ibu_hamil",
    beneficiaries: [40, 120],
  },
  {
    activity: "Pembangunan gedung Posyandu Dusun {dusun}",
    problem: "Kegiatan posyandu di Dusun {dusun} masih menumpang di teras rumah warga sehingga penimbangan balita tidak layak.",
    unit: "unit",
    volume: [1, 1],
    unitCost: 145_000_000,
    subActivityCode: "1.02.02.2.01.0003", // Pembangunan Fasilitas Kesehatan Lainnya [Unit]
    beneficiaryGroup: "balita",
    beneficiaries: [40, 110],
  },
  {
    activity: "Pemberian Makanan Tambahan (PMT) lokal utk balita gizi kurang & stunting",
    problem: "Hasil penimbangan di posyandu masih menemukan balita stunting dan gizi kurang.",
    unit: "orang",
    volume: [15, 45],
    unitCost: 1_080_000,
    subActivityCode: "1.02.02.2.02.0004", // Pengelolaan Pelayanan Kesehatan Balita [Orang]
    beneficiaryGroup: "balita",
    beneficiaries: [15, 45],
  },
  {
    activity: "Pengadaan antropometri kit untuk posyandu",
    problem: "Alat ukur tinggi dan berat badan di posyandu sudah rusak dan tidak terstandar sehingga pengukuran stunting tidak akurat.",
    unit: "unit",
    volume: [2, 6],
    unitCost: 4_750_000,
    subActivityCode: "1.02.02.2.01.0014", // Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan [Unit]
    beneficiaryGroup: "balita",
    beneficiaries: [50, 200],
  },
  {
    activity: "Penyuluhan PHBS dan stop BABS (STBM) RT {rt}",
    problem: "Sebagian warga RT {rt} masih buang air besar sembarangan di kebun dan sungai.",
    unit: "keluarga",
    volume: [40, 120],
    unitCost: 85_000,
    subActivityCode: "1.02.05.2.02.0002", // Penumbuhan Kesadaran Keluarga ... Perilaku Hidup Bersih dan Sehat [Keluarga]
    beneficiaryGroup: "umum",
    beneficiaries: [150, 450],
  },
  {
    activity: "Posbindu dan pemeriksaan kesehatan lansia",
    problem: "Lansia jarang memeriksakan tekanan darah dan gula darah karena jarak ke puskesmas jauh.",
    unit: "orang",
    volume: [30, 90],
    unitCost: 125_000,
    subActivityCode: "1.02.02.2.02.0007", // Pengelolaan Pelayanan Kesehatan pada Usia Lanjut [Orang]
    beneficiaryGroup: "lansia",
    beneficiaries: [30, 90],
  },
  {
    activity: "Fogging DBD dusun {dusun}",
    problem: "Terjadi beberapa kasus demam berdarah di Dusun {dusun} pada musim hujan.",
    unit: "kegiatan",
    volume: [1, 3],
    unitCost: 6_500_000,
    subActivityCode: null,
    beneficiaryGroup: "umum",
    beneficiaries: [200, 800],
  },

  // ---------------------------------------------------------------- 1.03 Pekerjaan umum
  {
    activity: "Pembangunan drainase lingkungan RT {rt} RW {rw}",
    problem: "Saat hujan air meluap ke jalan dan pekarangan warga RT {rt} karena belum ada saluran pembuangan.",
    unit: "m",
    volume: [80, 300],
    unitCost: 750_000,
    subActivityCode: "1.03.06.2.01.0012", // Pembangunan Sistem Drainase Lingkungan [M]
    beneficiaryGroup: "umum",
    beneficiaries: [80, 300],
  },
  {
    activity: "RT {rt} Drainase {volume} {unit}",
    problem: "Genangan air di RT {rt} setiap musim hujan, saluran lama tertutup tanah.",
    unit: "m",
    volume: [60, 200],
    unitCost: 750_000,
    subActivityCode: "1.03.06.2.01.0012", // Pembangunan Sistem Drainase Lingkungan [M]
    beneficiaryGroup: "umum",
    beneficiaries: [60, 200],
  },
  {
    activity: "Pemb. gorong-gorong beton buis dm 60 RT {rt}",
    problem: "Air hujan tidak bisa menyeberang jalan sehingga badan jalan di RT {rt} cepat rusak.",
    unit: "titik",
    volume: [2, 6],
    unitCost: 9_500_000,
    subActivityCode: null,
    beneficiaryGroup: "umum",
    beneficiaries: [60, 250],
  },
  {
    activity: "Normalisasi saluran pembuang dusun {dusun}",
    problem: "Saluran pembuang di Dusun {dusun} dangkal dan penuh sedimen sehingga sawah dan permukiman sering tergenang.",
    unit: "m",
    volume: [200, 800],
    unitCost: 150_000,
    subActivityCode: "1.03.06.2.01.0019", // Operasi dan Pemeliharaan Sistem Drainase Lingkungan [Meter]
    beneficiaryGroup: "umum",
    beneficiaries: [100, 400],
  },
  {
    activity: "Rehabilitasi jln poros desa ruas Dusun {dusun} (aspal hotmix) {volume} km",
    problem: "Jalan poros ke jalan kabupaten berlubang dan berbatu sehingga angkutan hasil panen sulit lewat.",
    unit: "km",
    volume: [1, 3],
    unitCost: 1_450_000_000,
    subActivityCode: "1.03.10.2.01.0055", // Rehabilitasi Jalan [KM]
    beneficiaryGroup: "umum",
    beneficiaries: [800, 3000],
  },
  {
    activity: "pemb. jln rabat beton dusun {dusun}",
    problem: "Jalan lingkungan di Dusun {dusun} masih tanah, becek dan licin saat hujan.",
    unit: "m",
    volume: [100, 400],
    unitCost: 525_000,
    subActivityCode: null,
    beneficiaryGroup: "umum",
    beneficiaries: [100, 400],
  },
  {
    activity: "Pembangunan jembatan penghubung Dusun {dusun}",
    problem: "Warga Dusun {dusun} harus memutar jauh karena jembatan kayu lama putus terbawa banjir.",
    unit: "m",
    volume: [6, 15],
    unitCost: 45_000_000,
    subActivityCode: "1.03.10.2.01.0069", // Pembangunan Jembatan [Meter]
    beneficiaryGroup: "umum",
    beneficiaries: [300, 1200],
  },
  {
    activity: "Rehab saluran irigasi {volume} m di areal persawahan",
    problem: "Saluran irigasi bocor dan longsor sehingga air tidak sampai ke petak sawah bagian hilir.",
    unit: "m",
    volume: [300, 1200],
    unitCost: 650_000,
    subActivityCode: "1.03.02.2.02.0014", // Rehabilitasi Jaringan Irigasi Permukaan [KM]
    beneficiaryGroup: "petani",
    beneficiaries: [40, 150],
  },
  {
    activity: "Pembangunan talud penahan tebing sungai Dusun {dusun}",
    problem: "Tebing sungai di Dusun {dusun} terus tergerus dan mengancam rumah warga di tepi sungai.",
    unit: "m",
    volume: [50, 150],
    unitCost: 2_250_000,
    subActivityCode: "1.03.02.2.01.0101", // Peningkatan Bangunan Perkuatan Tebing [KM]
    beneficiaryGroup: "umum",
    beneficiaries: [50, 200],
  },
  {
    activity: "Pemasangan jaringan pipa air bersih (SPAM) {volume} SR",
    problem: "Warga kesulitan air bersih pada musim kemarau karena sumur dangkal kering dan payau.",
    unit: "SR",
    volume: [50, 150],
    unitCost: 3_500_000,
    subActivityCode: "1.03.03.2.01.0032", // Perluasan SPAM Jaringan Perpipaan [SR]
    beneficiaryGroup: "umum",
    beneficiaries: [200, 600],
  },
  {
    activity: "Pembuatan sumur bor air bersih Dusun {dusun}",
    problem: "Dusun {dusun} belum terjangkau jaringan air bersih dan sumur warga kering saat kemarau.",
    unit: "unit",
    volume: [1, 2],
    unitCost: 95_000_000,
    subActivityCode: "1.03.03.2.01.0022", // Pembangunan SPAM Bukan Jaringan Perpipaan [Unit]
    beneficiaryGroup: "umum",
    beneficiaries: [100, 400],
  },
  {
    activity: "Pembangunan jamban sehat (tangki septik individual) bagi warga miskin",
    problem: "Masih ada rumah tangga miskin yang belum memiliki jamban sehat dan tangki septik.",
    unit: "unit",
    volume: [10, 30],
    unitCost: 4_500_000,
    subActivityCode: "1.03.05.2.01.0051", // Penyediaan Sub Sistem Pengolahan Setempat [Rumah Tangga]
    beneficiaryGroup: "keluarga_miskin",
    beneficiaries: [40, 120],
  },

  // ---------------------------------------------------------------- 1.04 Perumahan dan kawasan permukiman
  {
    activity: "Bedah rumah (RTLH) warga miskin",
    problem: "Masih terdapat rumah warga miskin berdinding papan lapuk dan berlantai tanah yang tidak layak huni.",
    unit: "unit",
    volume: [5, 15],
    unitCost: 20_000_000,
    subActivityCode: "1.04.04.2.01.0001", // Perbaikan Rumah Tidak Layak Huni untuk Pencegahan ... Permukiman Kumuh [Unit Rumah]
    beneficiaryGroup: "keluarga_miskin",
    beneficiaries: [20, 60],
  },
  {
    activity: "bantuan perbaikan rumah tdk layak huni dusun {dusun}",
    problem: "Beberapa rumah di Dusun {dusun} atapnya bocor dan hampir roboh, penghuninya lansia dan janda miskin.",
    unit: "unit",
    volume: [3, 10],
    unitCost: 20_000_000,
    subActivityCode: null,
    beneficiaryGroup: "keluarga_miskin",
    beneficiaries: [10, 40],
  },
  {
    activity: "Penerangan jalan lingkungan (PJU) permukiman Dusun {dusun}",
    problem: "Jalan lingkungan permukiman di Dusun {dusun} gelap pada malam hari sehingga rawan kecelakaan dan pencurian.",
    unit: "lokasi",
    volume: [1, 1],
    unitCost: 85_000_000,
    subActivityCode: "1.04.05.2.01.0012", // Penyediaan Prasarana, Sarana, dan Utilitas Umum di Perumahan [Lokasi]
    beneficiaryGroup: "umum",
    beneficiaries: [150, 500],
  },
  {
    activity: "pasang lampu jalan tenaga surya {volume} titik",
    problem: "Belum ada lampu penerangan di sepanjang jalan dusun sehingga warga takut melintas pada malam hari.",
    unit: "titik",
    volume: [5, 20],
    unitCost: 12_500_000,
    subActivityCode: null,
    beneficiaryGroup: "umum",
    beneficiaries: [100, 400],
  },
  {
    activity: "Perbaikan saluran & jalan lingkungan perumahan RT {rt}/RW {rw} (PSU)",
    problem: "Saluran dan jalan lingkungan di perumahan RT {rt} rusak sehingga air limbah rumah tangga menggenang.",
    unit: "lokasi",
    volume: [1, 2],
    unitCost: 175_000_000,
    subActivityCode: "1.04.05.2.01.0011", // Perbaikan Prasarana, Sarana, dan Utilitas Umum di Perumahan [Lokasi]
    beneficiaryGroup: "umum",
    beneficiaries: [120, 400],
  },

  // ---------------------------------------------------------------- 1.05 Ketenteraman, ketertiban umum, perlindungan masyarakat
  {
    activity: "Pembangunan pos kamling RT {rt}",
    problem: "Sering terjadi pencurian ternak dan sepeda motor pada malam hari, pos ronda lama sudah rusak.",
    unit: "unit",
    volume: [1, 3],
    unitCost: 15_000_000,
    subActivityCode: null,
    beneficiaryGroup: "umum",
    beneficiaries: [80, 300],
  },
  {
    activity: "Pelatihan dan peningkatan kapasitas anggota Linmas desa",
    problem: "Anggota Linmas belum pernah mendapat pelatihan pengamanan dan penanganan bencana.",
    unit: "orang",
    volume: [15, 30],
    unitCost: 850_000,
    subActivityCode: "1.05.02.2.01.0013", // Peningkatan Kapasitas SDM Satuan Pelindungan Masyarakat [Orang]
    beneficiaryGroup: "umum",
    beneficiaries: [15, 30],
  },
  {
    activity: "Pengadaan APAR dan pompa portabel untuk relawan damkar desa",
    problem: "Desa jauh dari pos pemadam kebakaran sehingga kebakaran rumah dan lahan sulit ditangani dengan cepat.",
    unit: "unit",
    volume: [1, 3],
    unitCost: 35_000_000,
    subActivityCode: "1.05.04.2.04.0005", // Dukungan Pemberdayaan Masyarakat/Relawan Pemadam Kebakaran ... Sarana dan Prasarana [Unit]
    beneficiaryGroup: "umum",
    beneficiaries: [300, 1500],
  },
  {
    activity: "Sosialisasi mitigasi bencana tsunami dan simulasi jalur evakuasi",
    problem: "Desa berada di pesisir rawan tsunami namun sebagian warga belum mengetahui jalur dan titik kumpul evakuasi.",
    unit: "orang",
    volume: [50, 150],
    unitCost: 120_000,
    subActivityCode: "1.05.03.2.01.0007", // Sosialisasi, Komunikasi, Informasi dan Edukasi (KIE) Rawan Bencana [Orang]
    beneficiaryGroup: "umum",
    beneficiaries: [50, 150],
  },

  // ---------------------------------------------------------------- 1.06 Sosial
  {
    activity: "Bantuan alat bantu (kursi roda, kruk, alat bantu dengar) bagi penyandang disabilitas",
    problem: "Penyandang disabilitas di desa belum memiliki alat bantu sehingga sulit beraktivitas dan bersekolah.",
    unit: "orang",
    volume: [3, 12],
    unitCost: 2_750_000,
    subActivityCode: "1.06.04.2.01.0003", // Penyediaan Alat Bantu [Orang]
    beneficiaryGroup: "disabilitas",
    beneficiaries: [3, 12],
  },
  {
    activity: "Bantuan permakanan bagi lansia terlantar",
    problem: "Lansia yang hidup sendiri tanpa keluarga kesulitan memenuhi kebutuhan makan sehari-hari.",
    unit: "orang",
    volume: [10, 30],
    unitCost: 1_800_000,
    subActivityCode: "1.06.04.2.01.0001", // Penyediaan Permakanan [Orang]
    beneficiaryGroup: "lansia",
    beneficiaries: [10, 30],
  },
  {
    activity: "Bantuan modal usaha bagi keluarga miskin",
    problem: "Keluarga miskin tidak memiliki modal untuk membuka warung atau beternak kecil-kecilan.",
    unit: "orang",
    volume: [10, 25],
    unitCost: 3_000_000,
    subActivityCode: "1.06.05.2.02.0010", // Fasilitasi bantuan stimulan modal usaha dan pendampingan bagi Fakir Miskin [Orang]
    beneficiaryGroup: "keluarga_miskin",
    beneficiaries: [10, 25],
  },

  // ---------------------------------------------------------------- 2.07 Tenaga kerja
  {
    activity: "Pelatihan menjahit bagi pencari kerja",
    problem: "Banyak lulusan SMA di desa menganggur dan belum memiliki keterampilan kerja.",
    unit: "orang",
    volume: [15, 30],
    unitCost: 3_500_000,
    subActivityCode: "2.07.03.2.01.0009", // Proses Pelaksanaan Pelatihan Vokasi bagi Pencari Kerja berdasarkan Unit Kompetensi [Orang]
    beneficiaryGroup: "pencari_kerja",
    beneficiaries: [15, 30],
  },
  {
    activity: "pelatihan las listrik utk pemuda putus sekolah",
    problem: "Pemuda putus sekolah sulit diterima bekerja di bengkel dan industri sekitar karena tidak punya sertifikat keahlian.",
    unit: "orang",
    volume: [10, 20],
    unitCost: 4_500_000,
    subActivityCode: null,
    beneficiaryGroup: "pemuda",
    beneficiaries: [10, 20],
  },

  // ---------------------------------------------------------------- 2.08 Pemberdayaan perempuan dan perlindungan anak
  {
    activity: "Sosialisasi pencegahan kekerasan terhadap anak dan perkawinan usia anak",
    problem: "Masih terjadi perkawinan usia anak dan kasus kekerasan terhadap anak yang tidak dilaporkan.",
    unit: "kegiatan",
    volume: [1, 2],
    unitCost: 15_000_000,
    subActivityCode: "2.08.07.2.01.0014", // Advokasi dan sosialisasi pencegahan Kekerasan terhadap Anak (KtA) [Kegiatan]
    beneficiaryGroup: "anak",
    beneficiaries: [50, 150],
  },
  {
    activity: "Pelatihan keterampilan ekonomi bagi perempuan kepala keluarga",
    problem: "Perempuan kepala keluarga di desa berpenghasilan rendah dan tidak memiliki keterampilan usaha.",
    unit: "orang",
    volume: [20, 40],
    unitCost: 1_500_000,
    subActivityCode: "2.08.02.2.02.0011", // Bimtek dan pendampingan SDM pemberdayaan perempuan di bidang ... ekonomi [Orang]
    beneficiaryGroup: "perempuan",
    beneficiaries: [20, 40],
  },

  // ---------------------------------------------------------------- 2.09 Pangan
  {
    activity: "Pengembangan pekarangan pangan lestari (P2L) kelompok wanita tani",
    problem: "Lahan pekarangan belum dimanfaatkan untuk sayuran sehingga kebutuhan pangan keluarga bergantung pada pasar.",
    unit: "keluarga",
    volume: [20, 50],
    unitCost: 750_000,
    subActivityCode: "2.09.03.2.01.0007", // Peningkatan Ketahanan Pangan Keluarga [Keluarga]
    beneficiaryGroup: "perempuan",
    beneficiaries: [20, 50],
  },

  // ---------------------------------------------------------------- 2.11 Lingkungan hidup
  {
    activity: "Pembentukan dan pembinaan bank sampah desa",
    problem: "Sampah rumah tangga dibuang ke sungai atau dibakar karena belum ada pengelolaan sampah.",
    unit: "kelompok",
    volume: [1, 2],
    unitCost: 25_000_000,
    subActivityCode: "2.11.11.2.01.0004", // Peningkatan Peran Serta Masyarakat dalam Pengelolaan Persampahan [Kelompok]
    beneficiaryGroup: "umum",
    beneficiaries: [100, 400],
  },
  {
    activity: "Pengadaan motor roda tiga pengangkut sampah",
    problem: "Sampah di pasar desa dan permukiman menumpuk karena tidak ada armada pengangkut ke TPS.",
    unit: "unit",
    volume: [1, 2],
    unitCost: 42_000_000,
    subActivityCode: "2.11.11.2.01.0028", // Penyediaan Sarana dan Prasarana Penanganan sampah [Unit]
    beneficiaryGroup: "umum",
    beneficiaries: [300, 1200],
  },

  // ---------------------------------------------------------------- 2.12 Administrasi kependudukan
  {
    activity: "Pelayanan adminduk jemput bola (KTP-el, KK, akta kelahiran)",
    problem: "Masih banyak warga, terutama lansia dan anak, belum memiliki KTP-el dan akta kelahiran karena jauh dari kantor Disdukcapil.",
    unit: "dokumen",
    volume: [100, 400],
    unitCost: 25_000,
    subActivityCode: "2.12.02.2.03.0002", // Pelayanan Secara Aktif Pendaftaran Peristiwa Kependudukan ... [Dokumen]
    beneficiaryGroup: "umum",
    beneficiaries: [100, 400],
  },

  // ---------------------------------------------------------------- 2.13 Pemberdayaan masyarakat dan desa
  {
    activity: "Pengadaan sarpras posyandu (timbangan, meja, tenda, kursi)",
    problem: "Sarana posyandu seperti timbangan dan meja pelayanan sudah rusak dan tidak lengkap.",
    unit: "unit",
    volume: [1, 4],
    unitCost: 8_500_000,
    subActivityCode: "2.13.05.2.01.0004", // Fasilitasi Penyediaan Sarana dan Prasarana Kelembagaan LKD (RT, RW, PKK, Posyandu, ...) [Unit]
    beneficiaryGroup: "balita",
    beneficiaries: [40, 150],
  },
  {
    activity: "Penambahan modal BUMDes unit simpan pinjam dan toko tani",
    problem: "BUMDes kekurangan modal sehingga unit usaha belum berkembang dan belum menyumbang PADes.",
    unit: "paket",
    volume: [1, 1],
    unitCost: 150_000_000,
    subActivityCode: null,
    beneficiaryGroup: "pelaku_umkm",
    beneficiaries: [30, 120],
  },

  // ---------------------------------------------------------------- 2.14 Pengendalian penduduk dan keluarga berencana
  {
    activity: "Dapur Sehat Atasi Stunting (DASHAT) di Kampung KB",
    problem: "Angka stunting di desa masih tinggi dan keluarga berisiko stunting belum mendapat asupan gizi seimbang.",
    unit: "kelompok",
    volume: [1, 2],
    unitCost: 30_000_000,
    subActivityCode: "2.14.02.2.01.0042", // Fasilitasi Pengelolaan DASHAT di Kampung Keluarga Berkualitas [Kelompok]
    beneficiaryGroup: "balita",
    beneficiaries: [20, 60],
  },
  {
    activity: "Pendampingan keluarga berisiko stunting oleh TPK",
    problem: "Ibu hamil, calon pengantin dan keluarga berisiko stunting belum didampingi secara rutin.",
    unit: "keluarga",
    volume: [30, 80],
    unitCost: 250_000,
    subActivityCode: "2.14.04.2.02.0009", // Pendampingan Keluarga Risiko Stunting (KRS) oleh TPK [Keluarga]
    beneficiaryGroup: "ibu_hamil",
    beneficiaries: [30, 80],
  },
  {
    activity: "Pelayanan KB implan gratis bagi PUS",
    problem: "Kesertaan KB metode jangka panjang rendah karena biaya dan jarak ke fasilitas kesehatan.",
    unit: "orang",
    volume: [20, 60],
    unitCost: 200_000,
    subActivityCode: "2.14.03.2.03.0020", // Penggerakan Pelayanan KB Implan [Orang]
    beneficiaryGroup: "perempuan",
    beneficiaries: [20, 60],
  },
  {
    activity: "Pengadaan APE dan sarana Bina Keluarga Balita (BKB)",
    problem: "Kelompok BKB belum memiliki alat permainan edukatif dan sarana penyuluhan pengasuhan anak.",
    unit: "unit",
    volume: [1, 2],
    unitCost: 7_500_000,
    subActivityCode: "2.14.04.2.01.0018", // Pengadaan Sarana Kelompok Kegiatan Ketahanan dan Kesejahteraan Keluarga (BKB, ...) [Unit]
    beneficiaryGroup: "balita",
    beneficiaries: [25, 70],
  },

  // ---------------------------------------------------------------- 2.15 Perhubungan
  {
    activity: "Pemasangan rambu lalu lintas dan cermin tikungan di jalan poros",
    problem: "Sering terjadi kecelakaan di tikungan tajam dan persimpangan jalan poros desa.",
    unit: "unit",
    volume: [4, 12],
    unitCost: 3_500_000,
    subActivityCode: "2.15.02.2.02.0002", // Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota [Unit]
    beneficiaryGroup: "umum",
    beneficiaries: [500, 2000],
  },

  // ---------------------------------------------------------------- 2.17 Koperasi dan UMKM
  {
    activity: "Pelatihan pengolahan dan pengemasan keripik pisang bagi UMKM",
    problem: "Pelaku UMKM keripik pisang belum mampu membuat kemasan yang menarik sehingga harga jual rendah.",
    unit: "orang",
    volume: [20, 40],
    unitCost: 1_750_000,
    subActivityCode: "2.17.07.2.01.0018", // Peningkatan Kompetensi dan Kapasitas SDM Usaha Mikro dan Kecil [Orang]
    beneficiaryGroup: "pelaku_umkm",
    beneficiaries: [20, 40],
  },

  // ---------------------------------------------------------------- 2.19 Kepemudaan dan olahraga
  {
    activity: "Pembangunan lapangan sepak bola desa",
    problem: "Pemuda tidak memiliki lapangan olahraga yang layak, lapangan lama sering tergenang dan tidak rata.",
    unit: "unit",
    volume: [1, 1],
    unitCost: 350_000_000,
    subActivityCode: "2.19.03.2.05.0009", // Penyediaan prasarana dan sarana olahraga rekreasi [Unit]
    beneficiaryGroup: "pemuda",
    beneficiaries: [100, 400],
  },

  // ---------------------------------------------------------------- 3.25 Kelautan dan perikanan
  {
    activity: "Bantuan perahu dan mesin tempel bagi nelayan kecil",
    problem: "Perahu nelayan kecil sudah tua dan mesinnya sering rusak sehingga hasil tangkapan menurun.",
    unit: "unit",
    volume: [3, 8],
    unitCost: 27_500_000,
    subActivityCode: "3.25.03.2.02.0004", // Penyediaan Sarana dan Prasarana Pemberdayaan Usaha Nelayan Skala Kecil [Unit]
    beneficiaryGroup: "nelayan",
    beneficiaries: [6, 24],
  },
  {
    activity: "Bantuan benih ikan lele dan pakan utk kelompok pembudidaya",
    problem: "Kelompok pembudidaya ikan kekurangan modal untuk membeli benih dan pakan.",
    unit: "kelompok",
    volume: [1, 3],
    unitCost: 20_000_000,
    subActivityCode: "3.25.04.2.02.0003", // Pelaksanaan Fasilitasi Bantuan Pendanaan, Bantuan Pembiayaan, Kemitraan Usaha [Kelompok]
    beneficiaryGroup: "nelayan",
    beneficiaries: [10, 45],
  },

  // ---------------------------------------------------------------- 3.27 Pertanian
  {
    activity: "Bantuan bibit kambing utk kelompok ternak",
    problem: "Kelompok ternak belum memiliki bibit kambing unggul untuk dikembangkan.",
    unit: "ekor",
    volume: [10, 30],
    unitCost: 2_750_000,
    subActivityCode: "3.27.02.2.06.0003", // Pengadaan Bibit Ternak yang Sumbernya dari Daerah Kabupaten/Kota Lain [Ekor]
    beneficiaryGroup: "petani",
    beneficiaries: [10, 30],
  },
  {
    activity: "Pembangunan Jalan Usaha Tani (JUT) Dusun {dusun}",
    problem: "Petani kesulitan mengangkut hasil panen jagung dan padi karena jalan ke areal sawah masih tanah.",
    unit: "unit",
    volume: [1, 2],
    unitCost: 185_000_000,
    subActivityCode: "3.27.03.2.02.0003", // Pembangunan, Rehabilitasi dan Pemeliharaan Jalan Usaha Tani [Unit]
    beneficiaryGroup: "petani",
    beneficiaries: [40, 150],
  },
  {
    activity: "Bantuan hand traktor utk kelompok tani",
    problem: "Pengolahan lahan masih manual sehingga musim tanam sering terlambat.",
    unit: "unit",
    volume: [1, 3],
    unitCost: 32_000_000,
    subActivityCode: null,
    beneficiaryGroup: "petani",
    beneficiaries: [20, 75],
  },
  {
    activity: "Bantuan benih jagung hibrida dan pupuk",
    problem: "Harga benih jagung hibrida dan pupuk mahal sehingga produktivitas lahan petani rendah.",
    unit: "ha",
    volume: [25, 100],
    unitCost: 1_250_000,
    subActivityCode: null,
    beneficiaryGroup: "petani",
    beneficiaries: [25, 120],
  },
  {
    activity: "Rehabilitasi jaringan irigasi usaha tani (JIUT) blok sawah Dusun {dusun}",
    problem: "Saluran irigasi tersier jebol sehingga sebagian sawah hanya bisa ditanami sekali setahun.",
    unit: "unit",
    volume: [1, 2],
    unitCost: 150_000_000,
    subActivityCode: "3.27.03.2.02.0010", // Rehabilitasi dan Pemeliharaan Jaringan Irigasi Usaha Tani [Unit]
    beneficiaryGroup: "petani",
    beneficiaries: [30, 120],
  },
  {
    activity: "Pembangunan embung pertanian",
    problem: "Lahan pertanian tadah hujan kekurangan air pada musim kemarau.",
    unit: "unit",
    volume: [1, 1],
    unitCost: 250_000_000,
    subActivityCode: "3.27.03.2.02.0002", // Pembangunan, Rehabilitasi dan Pemeliharaan Embung Pertanian [Unit]
    beneficiaryGroup: "petani",
    beneficiaries: [30, 100],
  },
];
