/**
 * Builds the labelled development set for overlap detection: `node scripts/overlap-devset.ts`.
 * Writes data/overlap-dev/pairs.csv (all pairs), tune.csv and holdout.csv (split by family, see LABELLING.md).
 *
 * Sources: real lines of the DU-RKPDesa/RKPDesa of Desa Pandanlandung 2026, the e-Musrenbang kamus usulan, the
 * Renja of Dinas PUPR Pasangkayu 2024 and the 2027 sub-activity nomenclature (all quoted verbatim below and marked
 * `real`), plus hand-written lines in the way villages and agencies write (marked `variant`).
 *
 * Label rule: 1 when the two lines would spend on the same object or service for the same target in the same
 * (or an unstated) place, so a forum has to decide who does it or a reviewer has to merge them; 0 when the object,
 * the service or the stated place differs, and always for routine office lines (each agency pays its own office).
 * Deterministic: no randomness except a fixed-seed generator; running it twice gives the same files.
 */
// mulberry32, fixed seed: the sampled negatives are the same on every run.
import { mulberry32 as random } from "../shared/random.ts";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRecords } from "../shared/csv/parse.ts";

const root = join(import.meta.dirname, "..");

// Agencies as a kabupaten names them (the kamus usulan ones verbatim).
const PU = "Dinas Pekerjaan Umum dan Penataan Ruang";
const PERKIM = "Dinas Perumahan Rakyat dan Kawasan Permukiman";
const PERKIM_CK = "Dinas Perumahan Rakyat dan Kawasan Permukiman, Cipta Karya dan Tata Ruang"; // kamus usulan
const DKRTH = "Dinas Kebersihan dan Ruang Terbuka Hijau"; // kamus usulan
const DISNAKER = "Dinas Tenaga Kerja"; // kamus usulan
const DKPP = "Dinas Ketahanan Pangan dan Pertanian"; // kamus usulan
const DISPUSIP = "Dinas Perpustakaan dan Kearsipan"; // kamus usulan
const DINKES = "Dinas Kesehatan";
const DISDIK = "Dinas Pendidikan dan Kebudayaan";
const DPMD = "Dinas Pemberdayaan Masyarakat dan Desa";
const DISTAN = "Dinas Pertanian";
const DINSOS = "Dinas Sosial";
const DP2KB = "Dinas Pengendalian Penduduk dan Keluarga Berencana";
const DP3A = "Dinas Pemberdayaan Perempuan dan Perlindungan Anak";
const DLH = "Dinas Lingkungan Hidup";
const DISHUB = "Dinas Perhubungan";
const DISKOP = "Dinas Koperasi dan Usaha Mikro";
const DISDAG = "Dinas Perdagangan dan Perindustrian";
const BPBD = "Badan Penanggulangan Bencana Daerah";
const DISPORA = "Dinas Kepemudaan dan Olahraga";
const DISKAN = "Dinas Perikanan";
const SATPOL = "Satuan Polisi Pamong Praja";
const DAMKAR = "Dinas Pemadam Kebakaran dan Penyelamatan";
const KOMINFO = "Dinas Komunikasi dan Informatika";
const CAPIL = "Dinas Kependudukan dan Pencatatan Sipil";
const KESRA = "Bagian Kesejahteraan Rakyat Setda";
const KEC = "Kecamatan Wagir";

type Source = "real" | "variant";
type Line = readonly [agency: string, text: string, source: Source];
interface Family {
  /** Stable id; the held-out split hashes it. */
  id: string;
  /** What the money buys ("drainase", "posyandu-gedung"): families with the same object in different places are hard negatives. */
  object: string;
  /** Village (and RT/facility) the lines are about; "" when unstated (a kabupaten-wide Renja line). */
  place: string;
  lines: readonly Line[];
}

const r = (agency: string, text: string): Line => [agency, text, "real"];
const v = (agency: string, text: string): Line => [agency, text, "variant"];

// ------------------------------------------------------------------------------------------------ same-need families
// Lines within one family are the same need (label 1). Pandanlandung lines are quoted from its DU-RKPDesa/RKPDesa 2026.
const FAMILIES: readonly Family[] = [
  { id: "pl-drainase-rt12", object: "drainase", place: "Pandanlandung/RT12", lines: [r(PU, "RT 12 Drainase 120 m"), v(PERKIM, "Pembangunan saluran drainase lingkungan RT 12 Desa Pandanlandung"), v(DPMD, "Pemb. saluran air/got RT.12 Ds. Pandanlandung")] },
  { id: "pl-drainase-rt13", object: "drainase", place: "Pandanlandung/RT13", lines: [r(PU, "RT 13 Drainase 150 m"), v(PERKIM, "Normalisasi selokan RT 13 Pandanlandung sepanjang 150 meter")] },
  { id: "pl-drainase-rt14", object: "drainase", place: "Pandanlandung/RT14", lines: [r(PU, "RT 14 Drainase 150 m (JL. Kalijogo)"), v(PERKIM, "Pembuatan drainase jln Kalijogo RT 14")] },
  { id: "pl-drainase-rt2", object: "drainase", place: "Pandanlandung/RT2", lines: [r(PU, "Pembangunan Drainase RT 002 RW 001"), r(PU, "Mengembalikan drainase yang di tutup warga wilayah RW.1 RT.2"), v(PERKIM, "Saluran drainase lingkungan RT 2 RW 1 Pandanlandung")] },
  { id: "pl-drainase-rt15", object: "drainase", place: "Pandanlandung/RT15", lines: [r(PU, "Pembangunan Drainase RT 015 RW 003"), v(PERKIM, "Pembangunan selokan RT 15 RW 03 Desa Pandanlandung")] },
  { id: "pl-drainase-rt26", object: "drainase", place: "Pandanlandung/RT26", lines: [r(PU, "Pembangunan Drainase RT 026 RW 006"), r(PERKIM, "Saluran Drainase RT.26, RT.25 s/d RT.3")] },
  { id: "pl-gorong-rt17", object: "gorong", place: "Pandanlandung/RT17", lines: [r(PU, "Pembangunan Drainase/Gorong-Gorong RT 017 RW 004"), r(PU, "RT 17 Gorong-Gorong dari Masjid Nurul Yaqin sampai Rumah Supriadi 120 m"), v(PERKIM, "Pemasangan gorong-gorong beton buis RT 17 depan Masjid Nurul Yaqin")] },
  { id: "pl-gorong-rt6", object: "gorong", place: "Pandanlandung/RT6", lines: [r(PU, "Gorong-Gorong RT 6 Beton Buis dm 30"), v(DPMD, "Pemasangan buis beton gorong2 di RT 06")] },
  { id: "pl-paving-rt16", object: "paving", place: "Pandanlandung/RT16", lines: [r(PERKIM, "RT 16 Paving 450 m (GG Masjid Nurul Iman)"), v(PU, "Pavingisasi gang Masjid Nurul Iman RT 16 Desa Pandanlandung"), v(DPMD, "Paving block gg. Masjid Nurul Iman")] },
  { id: "pl-paving-rt3", object: "paving", place: "Pandanlandung/RT3", lines: [r(PERKIM, "RT 3 Paving digang Pak Sunadi 125 m"), v(DPMD, "Pemasangan paving gang Pak Sunadi RT 03")] },
  { id: "pl-paving-sekolahan", object: "paving-sekolahan", place: "Pandanlandung/sekolahan", lines: [r(PERKIM, "Paving Sekolahan – Barat dan Gorong-gorong"), r(PERKIM, "RT. 20 s/d RT 22 Paving Sekolahan – Barat dan Gorong-gorong")] },
  { id: "pl-paving-rw5", object: "paving-sekolahan", place: "Pandanlandung/sekolahan", lines: [r(PU, "Pembangunan Gorong-Gorong dan Pavingisasi gg Sekolahan RW 005"), r(PU, "Pembangunan Gorong-Gorong dan Pavingisasi")] },
  { id: "pl-hotmix-rt11", object: "jalan", place: "Pandanlandung/RT11", lines: [r(PU, "Pembangunan Jalan Hotmix RT 011 RW 002"), v(PERKIM, "Aspal hotmix jalan lingkungan RT 11 RW 2 Pandanlandung")] },
  { id: "pl-hotmix-rt10", object: "jalan", place: "Pandanlandung/RT10", lines: [r(PU, "Aspal Hotmix RT.10"), v(DPMD, "Pengaspalan jalan RT 10 Desa Pandanlandung")] },
  { id: "pl-jalan-rt33", object: "jalan", place: "Pandanlandung/RT33", lines: [r(PU, "Pembangunan Jalan Paving RT 033 RW 007"), r(PU, "Pembangunan Jalan Rabat RT 033 RW 007")] },
  { id: "pl-jalan-rt35", object: "jalan", place: "Pandanlandung/RT35", lines: [r(PU, "Perbaikan jalan di sektor timur RT 35 (Arah Masjid Al-Firdaus)Rusak Berat"), v(PERKIM, "Rehab jalan lingkungan RT 35 menuju Masjid Al Firdaus")] },
  { id: "pl-jalan-rt24", object: "jalan", place: "Pandanlandung/RT24", lines: [r(PU, "RT 24 Penyemiran Jalan/Cor 900 m dan Drainase 200 m kanan kiri"), v(PERKIM, "Pengecoran jalan dan saluran drainase kanan kiri RT 24 Pandanlandung")] },
  { id: "pl-jalan-kembar", object: "jalan-kembar", place: "Pandanlandung", lines: [r(PU, "Perbaikan Jalan Kembar dari batas jembatan sampai ke peerempatan jalan poros, penghubung antara perumahan ke jalan Kuso"), v(PERKIM, "Rehabilitasi jalan kembar penghubung perumahan - jalan Kuso")] },
  { id: "pl-rabat-rw5", object: "rabat-pwl", place: "Pandanlandung/RW5", lines: [r(PU, "Rabat Beton penghubung RW 5 – PWL"), v(DPMD, "Jalan cor beton penghubung RW 05 ke perumahan PWL")] },
  { id: "pl-plengsengan-rt32", object: "talud", place: "Pandanlandung/RT32", lines: [r(PU, "RT 32 Perbaikan Drainase dan Plengsengan pinggiran Sungai"), v(BPBD, "Pembangunan talud/TPT pinggir sungai RT 32 Pandanlandung")] },
  { id: "pl-posyandu-rw4", object: "posyandu-gedung", place: "Pandanlandung/RW4", lines: [r(DINKES, "Balai Posyandu RW 4"), v(DPMD, "Pembangunan gedung posyandu RW 04 Desa Pandanlandung"), v(PU, "Pembangunan Gedung Pos Pelayanan Terpadu RW 4 Pandanlandung")] },
  { id: "pl-posyandu-layanan", object: "posyandu-layanan", place: "Pandanlandung", lines: [r(DINKES, "Penyelenggaraan Posyandu (PMT, Kelas Ibu Hamil, Lansia, Insentif)"), r(DPMD, "Penyelenggaraan Posyandu"), v(DP2KB, "Operasional posyandu balita dan lansia Desa Pandanlandung")] },
  { id: "pl-polindes", object: "poskesdes", place: "Pandanlandung", lines: [r(DINKES, "Rehab Polindes"), v(PU, "Rehabilitasi gedung Poskesdes Desa Pandanlandung"), v(DPMD, "Renovasi pondok bersalin desa (polindes)")] },
  { id: "pl-poskesdes-sarpras", object: "poskesdes", place: "Pandanlandung", lines: [r(DINKES, "Sarana Prasarana Pos Kesehatan Desa"), v(DPMD, "Pengadaan sarpras poskesdes")] },
  { id: "pl-ambulans", object: "ambulans", place: "Pandanlandung", lines: [r(DINKES, "Ambullance Desa"), v(DPMD, "Pengadaan mobil ambulans desa siaga")] },
  { id: "pl-antropometri", object: "antropometri", place: "Pandanlandung", lines: [r(DINKES, "Kalibrasi Antropometri"), v(DP2KB, "Kalibrasi alat ukur antropometri kit posyandu")] },
  { id: "pl-damkar", object: "damkar-alat", place: "Pandanlandung", lines: [r(DAMKAR, "Peralatan Pemadam Kebakaran (Mesin Diesel)"), v(BPBD, "Pengadaan mesin pompa diesel untuk pemadam kebakaran desa")] },
  { id: "pl-lapangan", object: "lapangan-sepakbola", place: "Pandanlandung", lines: [r(DISPORA, "Lapangan Sepak Bola"), v(DPMD, "Pembangunan lapangan sepak bola desa Pandanlandung"), v(PU, "Penataan lapangan sepakbola desa")] },
  { id: "pl-linmas", object: "linmas-pelatihan", place: "Pandanlandung", lines: [r(SATPOL, "Pelatihan Linmas"), r(SATPOL, "Peningkatan Kapasitas Linmas"), v(BPBD, "Peningkatan kapasitas Linmas dalam kesiapsiagaan bencana")] },
  { id: "pl-beasiswa", object: "beasiswa", place: "Pandanlandung", lines: [r(DISDIK, "Beasiswa Pendidikan"), v(DINSOS, "Bantuan beasiswa bagi siswa dari keluarga miskin")] },
  { id: "pl-pmt-pelatihan", object: "pmt-pelatihan", place: "Pandanlandung", lines: [r(DINKES, "Pelatihan Pembuatan PMT"), v(DP2KB, "Pelatihan pengolahan makanan tambahan untuk balita")] },
  { id: "pl-pktd", object: "pktd", place: "Pandanlandung", lines: [r(DPMD, "Pelaksanaan Kegiatan PKTD"), v(DISNAKER, "Padat karya tunai desa (PKTD) Pandanlandung")] },
  { id: "pl-legalitas-fasum", object: "legalitas-fasum", place: "Pandanlandung", lines: [r(PERKIM, "Legalitas Surat Tanah Fasum dan Gedung serbaguna"), v(PERKIM, "Sertifikasi tanah fasilitas umum dan gedung serba guna desa")] },
  { id: "pl-legalitas-rt1", object: "legalitas-rt1", place: "Pandanlandung/RT1", lines: [r(PERKIM, "Legalitas tanah diwilayah RT.1 RW.1"), v(DPMD, "Pengurusan sertifikat tanah warga RT 01 RW 01")] },
  { id: "pl-pkk-sarpras", object: "pkk-sarpras", place: "Pandanlandung", lines: [r(DPMD, "Pengadaan Sarpras PKK"), v(DP3A, "Bantuan sarana prasarana kegiatan PKK desa")] },
  { id: "pl-e-pkk", object: "e-pkk", place: "Pandanlandung", lines: [r(DPMD, "Sosialisasi E-PKK"), v(KOMINFO, "Penyuluhan aplikasi e-PKK bagi kader PKK")] },
  { id: "pl-portal", object: "portal", place: "Pandanlandung", lines: [r(PERKIM, "Pemasangan portal pintu masuk dan keluar PWL di 3 Titik"), r(PERKIM_CK, "Pembangunan Portal Pembatas")] },
  { id: "pl-checkdam", object: "checkdam", place: "Pandanlandung", lines: [r(PU, "Chek Dam"), v(BPBD, "Pembangunan check dam pengendali sedimen di sungai Pandanlandung")] },
  { id: "pl-bulutangkis", object: "bulutangkis", place: "Pandanlandung", lines: [r(DISPORA, "Agenda Turnamen Bulu Tangkis Tahunan"), v(DISPORA, "Turnamen badminton tahunan antar RW")] },

  // Other villages (Kec. Wagir, Kab. Malang and Kec. Kalianda, Kab. Lampung Selatan; names from idn-area-data).
  { id: "sd2-sitirejo", object: "sekolah-rehab", place: "Sitirejo/SD2", lines: [v(DISDIK, "Rehabilitasi ruang kelas SDN 2 Sitirejo"), v(PU, "Perbaikan gedung SD Negeri 2 Sitirejo"), v(DPMD, "Rehab atap sekolah SD N 2 Sitirejo yang bocor")] },
  { id: "sd1-sitirejo", object: "sekolah-rehab", place: "Sitirejo/SD1", lines: [v(DISDIK, "Rehabilitasi Sedang/Berat Ruang Kelas Sekolah SDN 1 Sitirejo"), v(PERKIM, "Renovasi ruang kelas SD 1 Sitirejo")] },
  { id: "smp3-kalianda", object: "sekolah-rkb", place: "Kalianda/SMP3", lines: [v(DISDIK, "Pembangunan ruang kelas baru SMP Negeri 3 Kalianda"), v(PU, "Pembangunan RKB SMPN 3 Kalianda")] },
  { id: "smp1-kalianda", object: "sekolah-rkb", place: "Kalianda/SMP1", lines: [v(DISDIK, "Pembangunan Ruang Kelas Baru SMPN 1 Kalianda"), v(PU, "Pembangunan gedung kelas baru SMP 1 Kalianda")] },
  { id: "paud-wayurang", object: "paud-rehab", place: "Way Urang", lines: [v(DISDIK, "Rehab gedung PAUD Tunas Bangsa Desa Way Urang"), v(DPMD, "Perbaikan bangunan PAUD Tunas Bangsa Way Urang"), v(DP2KB, "Rehabilitasi sarana PAUD/BKB Tunas Bangsa di Way Urang")] },
  { id: "posyandu-sumurkumbang", object: "posyandu-gedung", place: "Sumur Kumbang", lines: [v(DINKES, "Pembangunan gedung posyandu Dusun II Desa Sumur Kumbang"), v(DPMD, "Pembangunan posyandu desa Sumur Kumbang")] },
  { id: "posyandu-gunungterang", object: "posyandu-gedung", place: "Gunung Terang", lines: [v(DINKES, "Pembangunan gedung posyandu Desa Gunung Terang"), v(PU, "Pemb. Gedung Posyandu Ds. Gunung Terang")] },
  { id: "pustu-tajimalela", object: "pustu", place: "Tajimalela", lines: [v(DINKES, "Rehabilitasi Puskesmas Pembantu Tajimalela"), v(PU, "Rehab gedung Pustu Desa Tajimalela")] },
  { id: "jalan-sitirejo", object: "jalan", place: "Sitirejo/Krajan", lines: [v(PU, "Pembangunan jalan lingkungan rabat beton Dusun Krajan Desa Sitirejo"), v(DPMD, "Rabat beton jln dusun Krajan Sitirejo"), v(PERKIM, "Peningkatan jalan lingkungan permukiman Dusun Krajan, Desa Sitirejo")] },
  { id: "jalan-parangargo", object: "jalan", place: "Parangargo/Krajan", lines: [v(PU, "Pembangunan jalan rabat beton Dusun Krajan Desa Parangargo"), v(DPMD, "Jalan cor beton Dsn Krajan Ds Parangargo")] },
  { id: "jut-jedong", object: "jut", place: "Jedong", lines: [v(DISTAN, "Pembangunan Jalan Usaha Tani (JUT) Desa Jedong"), v(PU, "Pembangunan jalan produksi pertanian Desa Jedong"), v(DPMD, "Pembuatan JUT blok sawah Jedong")] },
  { id: "jut-sukodadi", object: "jut", place: "Sukodadi", lines: [v(DISTAN, "Pembangunan jalan usaha tani Desa Sukodadi"), v(DPMD, "Rabat beton jalan tani Ds. Sukodadi")] },
  { id: "irigasi-dalisodo", object: "irigasi", place: "Dalisodo", lines: [v(DISTAN, "Rehabilitasi jaringan irigasi tersier (JITUT) Desa Dalisodo"), v(PU, "Rehabilitasi saluran irigasi Desa Dalisodo"), v(DPMD, "Perbaikan saluran irigasi sawah Dalisodo yang jebol")] },
  { id: "irigasi-petungsewu", object: "irigasi", place: "Petungsewu", lines: [v(DISTAN, "Rehab saluran irigasi usaha tani Petungsewu"), v(PU, "Rehabilitasi Jaringan Irigasi Permukaan DI Petungsewu")] },
  { id: "rtlh-sukodadi", object: "rtlh", place: "Sukodadi", lines: [v(PERKIM, "Perbaikan Rumah Tidak Layak Huni Desa Sukodadi"), v(DINSOS, "Bedah rumah RTLH warga miskin Desa Sukodadi"), v(DPMD, "Bantuan rehab rumah tdk layak huni Ds. Sukodadi")] },
  { id: "rtlh-jondong", object: "rtlh", place: "Jondong", lines: [v(PERKIM, "Peningkatan kualitas RTLH Desa Jondong"), v(DINSOS, "Rehabilitasi sosial rumah tidak layak huni Jondong")] },
  { id: "airbersih-maja", object: "air-bersih", place: "Maja", lines: [v(PU, "Pembangunan SPAM perdesaan Desa Maja"), v(PERKIM, "Pemasangan jaringan pipa air bersih Desa Maja"), v(DPMD, "Pembuatan sumur bor air bersih Ds. Maja")] },
  { id: "airbersih-kedaton", object: "air-bersih", place: "Kedaton", lines: [v(PU, "Pembangunan Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan Desa Kedaton"), v(DINKES, "Penyediaan sarana air minum layak Desa Kedaton")] },
  { id: "pju-canggu", object: "pju", place: "Canggu", lines: [v(DISHUB, "Pemasangan lampu penerangan jalan umum (PJU) Desa Canggu"), v(PERKIM, "Pengadaan dan pemasangan PJU tenaga surya Ds. Canggu"), v(DLH, "Penerangan jalan lingkungan desa Canggu")] },
  { id: "talud-babulang", object: "talud", place: "Babulang", lines: [v(PU, "Pembangunan talud penahan tebing sungai Desa Babulang"), v(BPBD, "Pembangunan TPT sungai rawan longsor Babulang"), v(DPMD, "Pemb. tembok penahan tanah kali Babulang")] },
  { id: "mck-kecapi", object: "mck", place: "Kecapi", lines: [v(PERKIM, "Pembangunan MCK umum Desa Kecapi"), v(DINKES, "Pembangunan jamban umum (mandi cuci kakus) Desa Kecapi")] },
  { id: "tps3r-agom", object: "sampah-tps", place: "Agom", lines: [v(DLH, "Pembangunan TPS3R Desa Agom"), v(PERKIM, "Pembangunan tempat pengolahan sampah reduce reuse recycle Desa Agom")] },
  { id: "banksampah-pematang", object: "bank-sampah", place: "Pematang", lines: [v(DLH, "Pembentukan bank sampah Desa Pematang"), v(DPMD, "Pembinaan bank sampah desa Pematang")] },
  { id: "stunting-merak", object: "stunting", place: "Merak Belatung", lines: [v(DINKES, "Pemberian makanan tambahan bagi balita stunting Desa Merak Belatung"), v(DP2KB, "Pendampingan keluarga berisiko stunting Desa Merak Belatung"), v(DPMD, "PMT balita gizi kurang Ds. Merak Belatung")] },
  { id: "stunting-bulok", object: "stunting", place: "Bulok", lines: [v(DINKES, "PMT lokal balita stunting Desa Bulok"), v(DP2KB, "Dapur Sehat Atasi Stunting (DASHAT) Kampung KB Desa Bulok")] },
  { id: "dbd-kesugihan", object: "dbd", place: "Kesugihan", lines: [v(DINKES, "Penyuluhan pencegahan DBD Desa Kesugihan"), v(DLH, "Sosialisasi PSN dan kebersihan lingkungan cegah demam berdarah di Kesugihan")] },
  { id: "menjahit-sukaratu", object: "pelatihan-menjahit", place: "Sukaratu", lines: [v(DISNAKER, "Pelatihan menjahit bagi pencari kerja Desa Sukaratu"), v(DP3A, "Pelatihan keterampilan menjahit bagi perempuan Desa Sukaratu")] },
  { id: "las", object: "pelatihan-las", place: "", lines: [r(DISNAKER, "Pelatihan Las SMAW"), v(DISPORA, "Pelatihan las listrik utk pemuda putus sekolah")] },
  { id: "olahan-pangan", object: "pelatihan-olahan-pangan", place: "", lines: [r(DKPP, "Pelatihan Olahan Hasil Pangan"), v(DISKOP, "Pelatihan pengolahan hasil pangan lokal bagi pelaku UMKM")] },
  { id: "taman-bacaan", object: "taman-bacaan", place: "", lines: [r(DISPUSIP, "Pembentukan Taman Bacaan Masyarakat"), v(DPMD, "Pembentukan TBM (taman baca masyarakat) desa")] },
  { id: "gerobak-sampah", object: "sampah-angkut", place: "", lines: [r(DKRTH, "Gerobak Sampah"), v(DLH, "Pengadaan gerobak sampah untuk RT/RW")] },
  { id: "lampu-jalan-kamus", object: "pju", place: "", lines: [r(PERKIM_CK, "Pembangunan Lampu Jalan"), r(DKRTH, "Pemasangan PJU dengan kabel udara (Lebar Jalan Minimal 3m)")] },
  { id: "jembatan-renja", object: "jembatan", place: "", lines: [r(PU, "Pembangunan Jembatan"), v(DPMD, "Pembangunan jembatan penghubung antar dusun")] },
  { id: "drainase-renja", object: "drainase", place: "", lines: [r(PU, "Pembangunan Sistem Drainase Lingkungan"), v(PERKIM, "Pembangunan drainase lingkungan permukiman")] },
  { id: "irigasi-renja", object: "irigasi", place: "", lines: [r(PU, "Rehabilitasi Jaringan Irigasi Permukaan"), v(DISTAN, "Rehabilitasi jaringan irigasi tersier")] },
  { id: "spam-renja", object: "air-bersih", place: "", lines: [r(PU, "Pembangunan Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan"), v(PERKIM, "Pemasangan jaringan perpipaan air bersih ke rumah warga")] },
  { id: "tebing-renja", object: "talud", place: "", lines: [r(PU, "Pembangunan Bangunan Perkuatan Tebing"), v(BPBD, "Pembangunan talud penahan tebing sungai rawan longsor")] },
  { id: "sungai-renja", object: "sungai", place: "", lines: [r(PU, "Normalisasi/Restorasi Sungai"), v(BPBD, "Normalisasi sungai untuk pengurangan risiko banjir")] },
  { id: "jalan-renja", object: "jalan", place: "", lines: [r(PU, "Pembangunan Jalan"), v(DPMD, "Pembangunan jalan poros desa")] },
  { id: "spam-o-p-renja", object: "air-bersih-op", place: "", lines: [r(PU, "Operasi dan Pemeliharaan Sistem Penyediaan Air Minum (SPAM)"), v(PERKIM, "Pemeliharaan jaringan air bersih perdesaan")] },
  { id: "embung-nomenklatur", object: "embung", place: "", lines: [r(PU, "Pembangunan Embung dan Penampung Air Lainnya"), r(DISTAN, "Pembangunan, Rehabilitasi dan Pemeliharaan Embung Pertanian")] },
  { id: "embung-rehab-nomenklatur", object: "embung-rehab", place: "", lines: [r(PU, "Rehabilitasi Embung"), r(DISTAN, "Pembangunan, Rehabilitasi dan Pemeliharaan Embung Pertanian")] },
  { id: "permakanan-nomenklatur", object: "permakanan", place: "", lines: [r(DINSOS, "Penyediaan Permakanan"), r(KEC, "Penyediaan Permakanan")] },
  { id: "rth-nomenklatur", object: "rth", place: "", lines: [r(DLH, "Pengelolaan Ruang Terbuka Hijau (RTH)"), r(KEC, "Pengelolaan Ruang Terbuka Hijau (RTH)")] },
  { id: "keluarga-bencana-nomenklatur", object: "keluarga-tanggap-bencana", place: "", lines: [r(BPBD, "Pelatihan Keluarga Tanggap Bencana Alam"), r(KEC, "Pelatihan Keluarga Tanggap Bencana Alam")] },
  { id: "gizi-nomenklatur", object: "gizi", place: "", lines: [r(DINKES, "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat"), r("Dinas Ketahanan Pangan", "Pelaksanaan Intervensi Kewaspadaan Pangan dan Gizi"), r(DP2KB, "Fasilitasi Pengelolaan Dapur Sehat Atasi Stunting (DASHAT) di Kampung Keluarga Berkualitas")] },
  { id: "rtlh-nomenklatur", object: "rtlh", place: "", lines: [r(PERKIM, "Perbaikan Rumah Tidak Layak Huni"), v(DINSOS, "Rehabilitasi rumah tidak layak huni bagi fakir miskin")] },
  { id: "adminduk-negeripandan", object: "adminduk", place: "Negeri Pandan", lines: [v(CAPIL, "Pelayanan adminduk jemput bola (KTP-el, KK, akta kelahiran) Desa Negeri Pandan"), v(KEC, "Pelayanan perekaman KTP elektronik keliling di Desa Negeri Pandan")] },
  { id: "kb-harabanjar", object: "kb-implan", place: "Hara Banjar Manis", lines: [v(DP2KB, "Pelayanan KB implan gratis bagi PUS Desa Hara Banjar Manis"), v(DINKES, "Pelayanan kontrasepsi jangka panjang (implan) bagi pasangan usia subur di Hara Banjar Manis")] },
  { id: "kawin-anak", object: "perkawinan-anak", place: "", lines: [v(DP3A, "Sosialisasi pencegahan kekerasan terhadap anak dan perkawinan usia anak"), v(DPMD, "Penyuluhan pencegahan perkawinan anak di desa")] },
  { id: "kemasan-umkm", object: "kemasan-umkm", place: "", lines: [v(DISKOP, "Pelatihan pengemasan produk UMKM keripik pisang"), v(DISDAG, "Fasilitasi desain kemasan produk usaha mikro keripik pisang")] },
  { id: "kambing-babulang", object: "ternak-kambing", place: "Babulang", lines: [v(DISTAN, "Bantuan bibit kambing utk kelompok ternak Desa Babulang"), v(DINSOS, "Bantuan ternak kambing bagi keluarga miskin Desa Babulang")] },
  { id: "perahu-wayurang", object: "perahu-nelayan", place: "Way Urang", lines: [v(DISKAN, "Bantuan perahu dan mesin tempel bagi nelayan kecil Desa Way Urang"), v(DINSOS, "Bantuan sarana tangkap (perahu) untuk nelayan miskin Way Urang")] },
  { id: "benih-lele", object: "benih-ikan", place: "", lines: [v(DISKAN, "Bantuan benih ikan lele dan pakan utk kelompok pembudidaya"), v(DPMD, "Pengadaan bibit lele untuk usaha budidaya BUMDes")] },
  { id: "internet-palembapang", object: "internet", place: "Palembapang", lines: [v(KOMINFO, "Pemasangan wifi/internet desa di balai desa Palembapang"), v(DPMD, "Pengadaan jaringan internet kantor desa Palembapang")] },
  { id: "kantordesa-gunungterang", object: "kantor-desa", place: "Gunung Terang", lines: [v(DPMD, "Rehabilitasi kantor desa Gunung Terang"), v(PU, "Perbaikan balai desa Gunung Terang")] },
  { id: "masjid-pandanlandung", object: "masjid", place: "Pandanlandung", lines: [v(KESRA, "Bantuan rehab Masjid Nurul Iman Desa Pandanlandung"), v(DPMD, "Renovasi masjid Nurul Iman Pandanlandung")] },
  { id: "olahraga-kecapi", object: "olahraga", place: "Kecapi", lines: [v(DISPORA, "Pembangunan sarana olahraga desa Kecapi"), v(DPMD, "Pembangunan lapangan bola voli Desa Kecapi")] },
  { id: "kamling-agom", object: "poskamling", place: "Agom/RT5", lines: [v(SATPOL, "Pembangunan pos kamling RT 05 Desa Agom"), v(DPMD, "Pembuatan pos ronda RT 5 Agom")] },
  { id: "rambu-kedaton", object: "rambu", place: "Kedaton", lines: [v(DISHUB, "Pemasangan rambu lalu lintas dan cermin tikungan di jalan poros Desa Kedaton"), v(PU, "Pengadaan rambu jalan dan cermin cembung tikungan Kedaton")] },
  { id: "apar", object: "apar", place: "", lines: [v(DAMKAR, "Pengadaan APAR dan pompa portabel untuk relawan damkar desa"), v(BPBD, "Pengadaan alat pemadam api ringan untuk desa")] },
  { id: "posyandu-ape-sukaratu", object: "ape-paud", place: "Sukaratu", lines: [v(DISDIK, "Pengadaan APE (alat permainan edukatif) PAUD Desa Sukaratu"), v(DP2KB, "Pengadaan alat peraga edukatif untuk kelompok BKB dan PAUD Sukaratu")] },
  { id: "jembatan-palembapang", object: "jembatan", place: "Palembapang", lines: [v(PU, "Pembangunan jembatan gantung Dusun Sukamaju Desa Palembapang"), v(DPMD, "Pemb. jembatan penghubung dsn Sukamaju Palembapang"), v(BPBD, "Penggantian jembatan putus terbawa banjir di Palembapang")] },
  { id: "jembatan-tengkujuh", object: "jembatan", place: "Tengkujuh", lines: [v(PU, "Pembangunan jembatan beton Desa Tengkujuh"), v(DPMD, "Pembuatan jembatan desa Tengkujuh")] },
  { id: "pelatihan-ternak", object: "pelatihan-pakan", place: "", lines: [v(DISTAN, "Pelatihan pembuatan pakan ternak fermentasi"), v(DPMD, "Pelatihan pengolahan pakan ternak bagi kelompok peternak")] },
  { id: "sumur-resapan", object: "resapan", place: "", lines: [v(DLH, "Pembuatan sumur resapan dan biopori di permukiman"), v(PERKIM, "Pembangunan sumur resapan air hujan di perumahan")] },
  { id: "lansia-posbindu", object: "posbindu", place: "Taman Agung", lines: [v(DINKES, "Posbindu dan pemeriksaan kesehatan lansia Desa Taman Agung"), v(DPMD, "Pembinaan posbindu PTM lansia Taman Agung")] },
];

// ------------------------------------------------------------------------------------------------ routine families
// The same routine office line at two agencies: never an overlap (label 0 within the family). PU lines are quoted from
// the Renja of Dinas PUPR Pasangkayu 2024, the rest is the same nomenclature or the older Permendagri 13/2006 wording.
const ROUTINE: readonly Family[] = [
  { id: "rt-gaji", object: "routine", place: "", lines: [r(PU, "Penyediaan Gaji dan Tunjangan ASN"), r(DINKES, "Penyediaan Gaji dan Tunjangan ASN"), r(DISDIK, "Penyediaan Gaji dan Tunjangan ASN")] },
  { id: "rt-surat", object: "routine", place: "", lines: [r(PU, "Penyediaan Jasa Surat Menyurat"), r(DINSOS, "Penyediaan Jasa Surat Menyurat"), v(DINKES, "Penyediaan jasa surat-menyurat")] },
  { id: "rt-lkj", object: "routine", place: "", lines: [r(PU, "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD"), r(DISTAN, "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD"), v(DLH, "Penyusunan laporan capaian kinerja dan ikhtisar realisasi kinerja SKPD")] },
  { id: "rt-listrik", object: "routine", place: "", lines: [r(PU, "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik"), r(DLH, "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik")] },
  { id: "rt-atk", object: "routine", place: "", lines: [v(DINKES, "Penyediaan Alat Tulis Kantor"), v(DISDIK, "Penyediaan Alat Tulis Kantor"), v(DISHUB, "Penyediaan ATK")] },
  { id: "rt-renstra", object: "routine", place: "", lines: [r(PU, "Penyusunan Dokumen Perencanaan Perangkat Daerah"), r(DP3A, "Penyusunan Dokumen Perencanaan Perangkat Daerah")] },
  { id: "rt-cetak", object: "routine", place: "", lines: [r(PU, "Penyediaan Barang Cetakan dan Penggandaan"), r(DINSOS, "Penyediaan Barang Cetakan dan Penggandaan")] },
  { id: "rt-rakor", object: "routine", place: "", lines: [r(PU, "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD"), r(BPBD, "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD"), v(DISPORA, "Rapat-rapat koordinasi dan konsultasi ke luar daerah")] },
  { id: "rt-mesin", object: "routine", place: "", lines: [r(PU, "Pengadaan Peralatan dan Mesin Lainnya"), r(DISHUB, "Pengadaan Peralatan dan Mesin Lainnya")] },
  { id: "rt-umum", object: "routine", place: "", lines: [r(PU, "Penyediaan Jasa Pelayanan Umum Kantor"), r(DINKES, "Penyediaan Jasa Pelayanan Umum Kantor")] },
  { id: "rt-tamu", object: "routine", place: "", lines: [r(PU, "Fasilitasi Kunjungan Tamu"), r(DISPORA, "Fasilitasi Kunjungan Tamu")] },
  { id: "rt-kendaraan", object: "routine", place: "", lines: [r(PU, "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan"), v(DINKES, "Pemeliharaan rutin/berkala kendaraan dinas/operasional")] },
  { id: "rt-evaluasi", object: "routine", place: "", lines: [r(PU, "Evaluasi Kinerja Perangkat Daerah"), r(CAPIL, "Evaluasi Kinerja Perangkat Daerah")] },
  { id: "rt-bmd", object: "routine", place: "", lines: [r(PU, "Penatausahaan Barang Milik Daerah pada SKPD"), r(DLH, "Penatausahaan Barang Milik Daerah pada SKPD")] },
  { id: "rt-rka", object: "routine", place: "", lines: [r(PU, "Koordinasi dan Penyusunan Dokumen RKA-SKPD"), r(DISKOP, "Koordinasi dan Penyusunan Dokumen RKA-SKPD")] },
  { id: "rt-instalasi", object: "routine", place: "", lines: [r(PU, "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor"), r(DP2KB, "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor")] },
  { id: "rt-gedung", object: "routine", place: "", lines: [r(DINKES, "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya"), r(DISDIK, "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya"), v(DINSOS, "Pemeliharaan rutin/berkala gedung kantor")] },
  { id: "rt-mamin", object: "routine", place: "", lines: [v(DINSOS, "Penyediaan makanan dan minuman"), v(BPBD, "Penyediaan makanan dan minuman")] },
  { id: "rt-pakaian", object: "routine", place: "", lines: [r(DISHUB, "Pengadaan Pakaian Dinas beserta Atribut Kelengkapannya"), r(SATPOL, "Pengadaan Pakaian Dinas beserta Atribut Kelengkapannya")] },
  { id: "rt-laporan-keuangan", object: "routine", place: "", lines: [r(PU, "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD"), r(DINKES, "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD")] },
  { id: "rt-tugas-asn", object: "routine", place: "", lines: [r(PU, "Penyediaan Administrasi Pelaksanaan Tugas ASN"), r(DP3A, "Penyediaan Administrasi Pelaksanaan Tugas ASN")] },
  { id: "rt-bacaan", object: "routine", place: "", lines: [r(PU, "Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan"), r(DISPUSIP, "Penyediaan Bahan Bacaan dan Peraturan Perundang-Undangan")] },
  // village running costs of two different villages (DU-RKPDesa wording for Pandanlandung)
  { id: "rt-siltap", object: "routine", place: "", lines: [r(DPMD, "Penyediaan Penghasilan Tetap dan Tunjangan Kepala Desa"), v(DPMD, "Penyediaan Siltap dan tunjangan Kepala Desa Sitirejo")] },
  { id: "rt-bpd", object: "routine", place: "", lines: [r(DPMD, "Penyediaan Operasional BPD (Rapat, ATK, Konsumsi, Pakaian Seragam, dll)"), v(DPMD, "Penyediaan operasional BPD Desa Parangargo")] },
  { id: "rt-rtrw", object: "routine", place: "", lines: [r(DPMD, "Penyediaan Insentif / Operasional RT/RW"), v(DPMD, "Insentif RT RW Desa Sitirejo")] },
  { id: "rt-opdesa", object: "routine", place: "", lines: [r(DPMD, "Penyediaan Operasional Pemerintah Desa (ATK, Honor PKPKD, PPKD, dll)"), v(DPMD, "Operasional pemerintah desa (ATK, honor) Desa Jedong")] },
];

// ------------------------------------------------------------------------------------------------ explicit negatives
// Hard negatives a generic word, a routine-looking word or a shared target group makes look alike (label 0).
const HARD_NEGATIVES: readonly (readonly [Line, Line])[] = [
  [r(PU, "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor"), v(DISHUB, "Pemasangan lampu penerangan jalan umum (PJU) Desa Canggu")],
  [r(DINKES, "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya"), v(DPMD, "Rehabilitasi kantor desa Gunung Terang")],
  [r(PU, "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik"), v(PU, "Pembangunan SPAM perdesaan Desa Maja")],
  [r(DLH, "Pengadaan Kendaraan Dinas Operasional atau Lapangan"), v(DLH, "Pengadaan motor roda tiga pengangkut sampah")],
  [v(DINKES, "Posbindu dan pemeriksaan kesehatan lansia Desa Taman Agung"), v(DINSOS, "Bantuan permakanan bagi lansia terlantar Desa Taman Agung")],
  [r(PU, "Pembangunan Jalan"), r(PU, "Pembangunan Jembatan")],
  [r(PU, "Pembangunan Sistem Drainase Lingkungan"), r(PU, "Pembangunan Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan")],
  [r(PU, "Rehabilitasi Jaringan Irigasi Permukaan"), r(DINKES, "Rehabilitasi dan Pemeliharaan Fasilitas Kesehatan Lainnya")],
  [v(DPMD, "Pembangunan jalan desa Sitirejo"), v(DINKES, "Pembangunan posyandu desa Sitirejo")],
  [v(DISNAKER, "Pelatihan menjahit bagi pencari kerja"), r(DISNAKER, "Pelatihan Las SMAW")],
  [r(DINKES, "Rehab Polindes"), v(DISDIK, "Rehab ruang kelas SD Negeri 2 Sitirejo")],
  [v(DISDIK, "Pengadaan APE PAUD Desa Sukaratu"), v(DINKES, "Pengadaan ambulans desa Sukaratu")],
  [r(DISNAKER, "Pelatihan Otomotif - Mobil"), r(DISNAKER, "Pelatihan Terapis Spa")],
  [r(PERKIM_CK, "Pembangunan Trotoar"), r(PERKIM_CK, "Pembangunan Rumah Ibadah")],
  [r(PERKIM_CK, "Pembangunan Lahan Parkir"), r(PERKIM_CK, "Pembangunan Kantor Pengelola Pariwisata")],
  [r(DISNAKER, "Pelatihan dan Simulasi Penanggulangan dan Pemadaman Kebakaran"), r(DKRTH, "Pembuatan Sumur Kebakaran")],
  [r(DISNAKER, "Pelatihan Bahasa Asing"), r(DKPP, "Pelatihan Olahan Hasil Pangan")],
  [r(DKRTH, "Pengurugan Lahan"), r(DKRTH, "Rehabilitasi Pagar dengan Precast Pagar Panel/Pabrikasi")],
  [r(PERKIM_CK, "Pembuatan Taman"), r(DISPUSIP, "Pembentukan Taman Bacaan Masyarakat")],
  [r(DINKES, "Penyelenggaraan Posyandu (PMT, Kelas Ibu Hamil, Lansia, Insentif)"), v(DPMD, "Pembangunan gedung posyandu RW 04 Desa Pandanlandung")],
  [r(DPMD, "Operasional Karang Taruna"), r(DPMD, "Operasional Forum Anak")],
  [r(DPMD, "Operasional Linmas"), r(SATPOL, "Pelatihan Linmas")],
  [r(DISPORA, "Turnamen Sepak Bola Kelompok Umur"), r(DISPORA, "Lapangan Sepak Bola")],
  [r(DPMD, "Sarpras Pengajian (terpal dan Karpet)"), r(DPMD, "Sarpras Kegiatan Rutin TPQ")],
  [r(DISPORA, "Sewa Gedung bulu tangkis"), r(DISPORA, "Agenda Turnamen Bulu Tangkis Tahunan")],
  [r(DPMD, "Pengajian PKK Setiap 3 Bulan Sekali (Pokja 1)"), r(DPMD, "Pengadaan Sarpras PKK")],
  [r(PU, "Pemeliharaan Rutin Jalan"), r(PU, "Pemeliharaan Peralatan dan Mesin Lainnya")],
  [r(PU, "Operasi dan Pemeliharaan Jaringan Irigasi Permukaan"), r(PU, "Operasi dan Pemeliharaan Sistem Penyediaan Air Minum (SPAM)")],
  [r(PU, "Penggantian Jembatan"), v(PU, "Penggantian pipa transmisi air bersih")],
  [v(DINKES, "Pembangunan gedung posyandu Desa Gunung Terang"), v(DPMD, "Rehabilitasi kantor desa Gunung Terang")],
  [v(DISTAN, "Bantuan bibit kambing utk kelompok ternak Desa Babulang"), v(PU, "Pembangunan talud penahan tebing sungai Desa Babulang")],
  [v(DINKES, "Penyuluhan pencegahan DBD Desa Kesugihan"), v(DP3A, "Penyuluhan pencegahan perkawinan anak Desa Kesugihan")],
  [v(DISKAN, "Bantuan perahu dan mesin tempel bagi nelayan kecil Desa Way Urang"), v(DISDIK, "Rehab gedung PAUD Tunas Bangsa Desa Way Urang")],
  [v(DINSOS, "Bantuan sembako bagi lansia terlantar"), v(DINSOS, "Bantuan alat bantu kursi roda bagi penyandang disabilitas")],
  [v(DP2KB, "Pelayanan KB implan gratis bagi PUS"), v(DINKES, "Imunisasi dasar lengkap bagi bayi")],
  [v(PERKIM, "Perbaikan Rumah Tidak Layak Huni Desa Sukodadi"), v(PERKIM, "Perbaikan Rumah Tidak Layak Huni Desa Jedong")],
  [v(DISDIK, "Rehabilitasi ruang kelas SDN 2 Sitirejo"), v(DISDIK, "Rehabilitasi ruang kelas SDN 2 Parangargo")],
  [v(DLH, "Pengadaan tempat sampah terpilah untuk sekolah"), v(DISDIK, "Pengadaan meja kursi untuk sekolah")],
  [v(DINKES, "Pelatihan kader posyandu"), v(DPMD, "Pelatihan kader pemberdayaan masyarakat desa (KPMD)")],
  [v(DISHUB, "Pengadaan bus sekolah"), v(DISDIK, "Rehabilitasi ruang kelas sekolah")],
  // Two sub-activities of one agency's own plan: different lines, not one line written twice.
  [r(PU, "Pembangunan Embung dan Penampung Air Lainnya"), r(PU, "Rehabilitasi Embung")],
];

// Pairs of real nomenclature names from different bidang whose pg_trgm similarity is >= 0.3 (sampled with a fixed
// seed, every 6th of 293, two ambiguous ones dropped) and which name different work: label 0.
const NOMENCLATURE_NEGATIVES: readonly (readonly [string, string])[] = [
  ["2.10.09.2.01.0001", "3.30.02.2.07.0001"],
  ["4.02.02.2.04.0006", "7.01.03.7.04.0001"],
  ["2.13.04.2.01.0003", "7.01.06.2.01.0010"],
  ["2.20.02.2.01.0019", "3.27.02.2.02.0002"],
  ["1.01.07.7.01.0010", "2.15.02.2.07.0003"],
  ["2.19.04.2.01.0015", "2.23.02.2.01.0019"],
  ["1.01.02.2.03.0017", "9.01.02.7.02.0001"],
  ["1.03.12.2.03.0007", "5.03.02.2.01.0010"],
  ["1.02.02.2.02.0029", "5.04.02.2.02.0002"],
  ["3.32.03.2.01.0006", "5.05.02.2.02.0011"],
  ["1.03.07.2.01.0033", "2.11.11.2.01.0007"],
  ["2.09.04.2.02.0005", "2.11.03.2.01.0016"],
  ["2.10.17.7.01.0002", "2.12.02.2.01.0004"],
  ["3.26.02.2.03.0008", "5.06.02.2.01.0002"],
  ["4.01.03.2.02.0003", "5.05.02.2.01.0014"],
  ["2.10.11.5.01.0006", "3.32.03.2.01.0020"],
  ["1.03.02.2.01.0130", "2.22.08.5.03.0001"],
  ["4.02.02.2.03.0001", "5.05.02.2.01.0002"],
  ["1.03.02.2.01.0130", "5.02.02.2.04.0010"],
  ["2.10.17.7.01.0003", "3.25.04.2.04.0009"],
  ["1.06.05.2.02.0008", "5.01.02.2.02.0003"],
  ["4.02.02.2.03.0008", "5.02.02.2.03.0011"],
  ["1.03.05.2.01.0037", "3.25.04.2.04.0013"],
  ["2.19.02.2.02.0005", "5.02.02.2.03.0012"],
  ["3.25.04.2.02.0001", "3.26.05.2.01.0008"],
  ["2.22.10.4.01.0007", "5.01.02.2.02.0003"],
  ["1.01.02.2.03.0019", "5.02.02.2.04.0010"],
  ["1.03.11.2.04.0010", "3.28.04.2.01.0007"],
  ["1.01.02.2.01.0047", "2.15.04.3.03.0005"],
  ["1.03.10.2.01.0052", "2.09.04.2.02.0011"],
  ["3.31.02.2.01.0003", "4.02.02.2.08.0001"],
  ["2.10.05.2.01.0004", "3.31.02.2.01.0001"],
  ["1.05.04.2.01.0025", "2.13.05.3.01.0012"],
  ["1.01.02.3.06.0004", "1.03.10.2.01.0066"],
  ["3.25.03.2.02.0001", "5.05.02.2.03.0008"],
  ["3.25.03.2.02.0004", "4.01.04.5.07.0001"],
  ["2.12.05.2.01.0001", "3.28.04.2.01.0014"],
  ["5.02.04.2.01.0012", "9.01.03.7.01.0008"],
  ["1.05.02.2.02.0008", "4.02.02.2.05.0004"],
  ["2.19.04.2.01.0015", "3.29.05.4.05.0002"],
  ["1.05.03.2.04.0003", "2.11.05.2.01.0003"],
  ["1.04.02.2.03.0006", "2.23.02.2.02.0006"],
  ["1.05.03.2.04.0001", "2.09.03.2.02.0003"],
  ["1.04.02.2.04.0003", "3.27.07.2.01.0015"],
  ["1.05.03.2.02.0030", "4.01.04.5.02.0001"],
  ["2.10.03.3.01.0001", "3.27.02.2.06.0004"],
  ["1.04.02.2.05.0007", "5.02.02.2.03.0011"],
];

/** Agency carrying a nomenclature code, by bidang (program for the bidang a kabupaten splits). */
function agencyForCode(code: string): string {
  const bidang = code.split(".").slice(0, 2).join(".");
  const program = code.split(".").slice(0, 3).join(".");
  const byProgram: Record<string, string> = { "1.05.03": BPBD, "1.05.04": DAMKAR };
  const byBidang: Record<string, string> = {
    "1.01": DISDIK, "1.02": DINKES, "1.03": PU, "1.04": PERKIM, "1.05": SATPOL, "1.06": DINSOS, "2.07": DISNAKER,
    "2.08": DP3A, "2.09": "Dinas Ketahanan Pangan", "2.10": "Dinas Pertanahan", "2.11": DLH, "2.12": CAPIL, "2.13": DPMD,
    "2.14": DP2KB, "2.15": DISHUB, "2.16": KOMINFO, "2.17": DISKOP, "2.18": "Dinas Penanaman Modal dan PTSP",
    "2.19": DISPORA, "2.20": KOMINFO, "2.22": DISDIK, "2.23": DISPUSIP, "2.24": DISPUSIP, "3.25": DISKAN,
    "3.26": "Dinas Pariwisata", "3.27": DISTAN, "3.28": "Dinas Kehutanan", "3.29": "Dinas Energi dan Sumber Daya Mineral",
    "3.30": DISDAG, "3.31": DISDAG, "3.32": "Dinas Transmigrasi", "4.01": "Sekretariat Daerah", "4.02": "Sekretariat DPRD",
    "5.01": "Badan Perencanaan Pembangunan Daerah", "5.02": "Badan Pengelolaan Keuangan dan Aset Daerah",
    "5.03": "Badan Kepegawaian dan Pengembangan SDM", "5.04": "Badan Pengembangan SDM", "5.05": "Badan Riset dan Inovasi Daerah",
    "5.06": "Badan Pengelola Perbatasan Daerah", "6.01": "Inspektorat Daerah", "7.01": KEC, "7.03": KEC,
    "8.01": "Badan Kesatuan Bangsa dan Politik", "9.01": "Dinas Syariat Islam",
  };
  return byProgram[program] ?? byBidang[bidang] ?? `Perangkat Daerah ${bidang}`;
}

// ------------------------------------------------------------------------------------------------ assembly
interface Pair {
  id: string;
  a: Line;
  b: Line;
  label: 0 | 1;
  holdout: boolean;
}

/** FNV-1a, for the split: a family is held out when its hash falls in the lowest 30%. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
const isHeldOut = (familyId: string) => fnv1a(familyId) % 100 < 30;


const pairs: Pair[] = [];
const seen = new Set<string>();
function add(id: string, a: Line, b: Line, label: 0 | 1, holdout: boolean): void {
  const key = [a[0], a[1], b[0], b[1]].join("\u0000");
  const reverse = [b[0], b[1], a[0], a[1]].join("\u0000");
  if (seen.has(key) || seen.has(reverse)) return;
  seen.add(key);
  pairs.push({ id, a, b, label, holdout });
}

// Within a family: every pair of lines (families have at most 3 lines).
for (const family of [...FAMILIES, ...ROUTINE]) {
  const label = family.object === "routine" ? 0 : 1;
  family.lines.forEach((a, i) =>
    family.lines.slice(i + 1).forEach((b, j) => add(`${family.id}-${i}${i + j + 1}`, a, b, label, isHeldOut(family.id))),
  );
}

const village = (place: string) => place.split("/")[0] ?? "";

/**
 * Objects close enough that a sampled "different object" pair could still be the same work (a drain and a culvert,
 * a road and its paving): sampled negatives skip pairs within one group.
 */
const OBJECT_GROUPS: readonly (readonly string[])[] = [
  ["drainase", "gorong", "paving-sekolahan"],
  ["jalan", "jut", "rabat-pwl", "jalan-kembar", "paving", "paving-sekolahan"],
  ["air-bersih", "air-bersih-op"],
  ["posyandu-gedung", "posyandu-layanan", "antropometri", "pmt-pelatihan", "stunting", "gizi", "posbindu"],
  ["talud", "sungai", "checkdam"],
  ["sekolah-rehab", "sekolah-rkb", "paud-rehab", "ape-paud", "beasiswa"],
  ["pelatihan-menjahit", "pelatihan-las", "pelatihan-olahan-pangan", "kemasan-umkm", "pelatihan-pakan"],
  ["rtlh", "kantor-desa", "masjid"],
  ["damkar-alat", "apar"],
  ["linmas-pelatihan", "poskamling"],
  ["lapangan-sepakbola", "olahraga", "bulutangkis"],
  ["taman-bacaan", "internet"],
  ["rambu", "jalan", "pju"],
  ["benih-ikan", "perahu-nelayan", "ternak-kambing"],
];
const related = (x: Family, y: Family) =>
  x.object === y.object || OBJECT_GROUPS.some((group) => group.includes(x.object) && group.includes(y.object));
const crossHoldout = (x: Family, y: Family) => isHeldOut(x.id) || isHeldOut(y.id);

/** Whether a line's text says the part of its family's place that tells it apart (the village, or the RT/school). */
function states(line: Line, place: string, part: 0 | 1): boolean {
  const text = line[1].toLowerCase();
  const value = (place.split("/")[part] ?? "").toLowerCase();
  if (value === "") return false;
  const number = /^(rt|rw|sd|smp)(\d+)$/.exec(value);
  if (number) return new RegExp(`\\b${number[1]}\\W*(?:n\\b|negeri)?\\W*0*${number[2]}\\b`).test(text);
  return text.replace(/\s+/g, "").includes(value.replace(/\s+/g, ""));
}

// Same object, different stated place (other desa, other RT, other school), both texts saying it: label 0.
for (const [i, x] of FAMILIES.entries()) {
  for (const y of FAMILIES.slice(i + 1)) {
    if (x.object !== y.object || x.place === "" || y.place === "" || x.place === y.place) continue;
    const part = village(x.place) === village(y.place) ? 1 : 0;
    const a = x.lines.find((line) => states(line, x.place, part));
    const b = [...y.lines].reverse().find((line) => states(line, y.place, part));
    if (a && b) add(`place-${x.id}-${y.id}`, a, b, 0, crossHoldout(x, y));
  }
}

// A kabupaten-wide line (no place) against a village line of the same object: the proposal may be what that line
// funds, the forum checks (label 1). The first placed family of each object, in file order.
for (const general of FAMILIES.filter((f) => f.place === "")) {
  const specific = FAMILIES.find((f) => f.place !== "" && f.object === general.object);
  const a = general.lines[0];
  const b = specific?.lines[0];
  if (specific && a && b) add(`general-${general.id}-${specific.id}`, a, b, 1, crossHoldout(general, specific));
}

const rand = random(20_260_101);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

// Same village, different object: label 0 (sampled).
const placed = FAMILIES.filter((f) => f.place !== "");
for (let n = 0, tries = 0; n < 45 && tries < 5_000; tries++) {
  const x = pick(placed);
  const y = pick(placed);
  if (x === y || related(x, y) || village(x.place) !== village(y.place)) continue;
  const before = pairs.length;
  add(`village-${x.id}-${y.id}`, pick(x.lines), pick(y.lines), 0, crossHoldout(x, y));
  if (pairs.length > before) n++;
}

// Same first word (Pembangunan, Rehabilitasi, Pengadaan, Pelatihan...), different object: label 0 (sampled).
const firstWord = (line: Line) => line[1].toLowerCase().split(/[^a-z]+/).find(Boolean) ?? "";
const allLines = FAMILIES.flatMap((family) => family.lines.map((line) => ({ family, line })));
for (let n = 0, tries = 0; n < 45 && tries < 20_000; tries++) {
  const x = pick(allLines);
  const y = pick(allLines);
  if (related(x.family, y.family) || firstWord(x.line) !== firstWord(y.line)) continue;
  const before = pairs.length;
  add(`word-${x.family.id}-${y.family.id}`, x.line, y.line, 0, crossHoldout(x.family, y.family));
  if (pairs.length > before) n++;
}

// Random pairs of different needs: label 0 (sampled).
for (let n = 0, tries = 0; n < 30 && tries < 5_000; tries++) {
  const x = pick(allLines);
  const y = pick(allLines);
  if (related(x.family, y.family)) continue;
  const before = pairs.length;
  add(`random-${x.family.id}-${y.family.id}`, x.line, y.line, 0, crossHoldout(x.family, y.family));
  if (pairs.length > before) n++;
}

// Routine line against a non-routine line of the same agency type: label 0 (sampled).
const routineLines = ROUTINE.flatMap((family) => family.lines.map((line) => ({ family, line })));
for (let n = 0, tries = 0; n < 15 && tries < 5_000; tries++) {
  const x = pick(routineLines);
  const y = pick(allLines);
  const before = pairs.length;
  add(`routine-${x.family.id}-${y.family.id}`, x.line, y.line, 0, crossHoldout(x.family, y.family));
  if (pairs.length > before) n++;
}

HARD_NEGATIVES.forEach(([a, b], index) => add(`hard-${index + 1}`, a, b, 0, fnv1a(`hard-${index + 1}`) % 100 < 30));

const nomenclature = parseCsvRecords(
  readFileSync(join(root, "data/nomenklatur-subkegiatan-2027/nomenklatur_subkegiatan_2027_kabkot.csv"), "utf8"),
  "nomenklatur",
);
const nameOf = new Map(nomenclature.map((row) => [row.kode_sub_kegiatan ?? "", row.nama_sub_kegiatan ?? ""]));
NOMENCLATURE_NEGATIVES.forEach(([codeA, codeB], index) => {
  const nameA = nameOf.get(codeA);
  const nameB = nameOf.get(codeB);
  if (!nameA || !nameB) throw new Error(`kode nomenklatur tidak ditemukan: ${codeA} / ${codeB}`);
  const id = `nomen-${index + 1}`;
  add(id, r(agencyForCode(codeA), nameA), r(agencyForCode(codeB), nameB), 0, fnv1a(id) % 100 < 30);
});

// ------------------------------------------------------------------------------------------------ output
const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
function toCsv(rows: readonly Pair[]): string {
  const lines = ["id,agency_a,text_a,agency_b,text_b,label"];
  for (const pair of rows) {
    lines.push([pair.id, pair.a[0], pair.a[1], pair.b[0], pair.b[1], String(pair.label)].map(csvField).join(","));
  }
  return `${lines.join("\n")}\n`;
}

const dir = join(root, "data/overlap-dev");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "pairs.csv"), toCsv(pairs));
writeFileSync(join(dir, "tune.csv"), toCsv(pairs.filter((p) => !p.holdout)));
writeFileSync(join(dir, "holdout.csv"), toCsv(pairs.filter((p) => p.holdout)));

const summary = (rows: readonly Pair[]) => {
  const positives = rows.filter((p) => p.label === 1).length;
  const realBoth = rows.filter((p) => p.a[2] === "real" && p.b[2] === "real").length;
  const variantAny = rows.filter((p) => p.a[2] === "variant" || p.b[2] === "variant").length;
  return `${rows.length} pairs (${positives} label 1, ${rows.length - positives} label 0; both lines real: ${realBoth}, with a hand-written line: ${variantAny})`;
};
console.log(`pairs.csv:   ${summary(pairs)}`);
console.log(`tune.csv:    ${summary(pairs.filter((p) => !p.holdout))}`);
console.log(`holdout.csv: ${summary(pairs.filter((p) => p.holdout))}`);
