/**
 * Renja rows for the export tests: codes, names, indicators and units from the 2027 nomenclature
 * (data/nomenklatur-subkegiatan-2027), pagu amounts from the real DPUPR Pasangkayu 2024 Renja lines of the same
 * sub-kegiatan (/work/shared/data/renja-dpupr-pasangkayu-2024: 3,107,026,692 for irrigation rehabilitation,
 * 60,248,725,808 for road building...), places from Lampung Selatan (18.01). The Dinkes line's pagu is made up.
 */
import type { RenjaRow } from "../../shared/renja/row.ts";

const PUPR = { agencyId: "18.01-pupr", agencyShortName: "PUPR", agencyName: "Dinas Pekerjaan Umum dan Penataan Ruang" };
const DINKES = { agencyId: "18.01-dinkes", agencyShortName: "DINKES", agencyName: "Dinas Kesehatan" };
const BIDANG_PU = { bidangCode: "1.03", bidangName: "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG" };
const KALIANDA = { districtCode: "18.01.06", districtName: "Kalianda" };
const NATAR = { districtCode: "18.01.04", districtName: "Natar" };

const base = {
  fundingSource: "DAU",
  notes: null,
  nextYearTarget: null,
  nextYearPagu: null,
  regionalPriority: null,
  proposalTrackingCodes: [] as string[],
  forumDecisionRefs: [] as string[],
  status: "accepted",
  sourceStage: "opd_review",
};

export const RENJA_ROWS: RenjaRow[] = [
  {
    ...base,
    ...PUPR,
    ...BIDANG_PU,
    programCode: "1.03.02",
    programName: "PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)",
    kegiatanCode: "1.03.02.2.02",
    kegiatanName:
      "Pengembangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder pada Daerah Irigasi yang Luasnya di Bawah 1000 Ha dalam 1 (Satu) Daerah Kabupaten/Kota",
    subActivityCode: "1.03.02.2.02.0014",
    subActivityName: "Rehabilitasi Jaringan Irigasi Permukaan",
    indicator: "Panjang Jaringan Irigasi Permukaan yang Direhabilitasi",
    target: 1.2,
    unit: "KM",
    ...KALIANDA,
    villageCode: "18.01.06.1008",
    villageName: "Way Urang",
    volume: 1200,
    volumeUnit: "m",
    pagu: 3_107_026_692,
    proposalTrackingCodes: ["USL-2027-7K3QX9"],
    priority: { districtRank: 1, villageRank: 1 },
  },
  {
    ...base,
    ...PUPR,
    ...BIDANG_PU,
    programCode: "1.03.03",
    programName: "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM",
    kegiatanCode: "1.03.03.2.01",
    kegiatanName: "Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum (SPAM) di Daerah Kabupaten/Kota",
    subActivityCode: "1.03.03.2.01.0028",
    subActivityName: "Pembangunan Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan",
    indicator: "Kapasitas Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan yang dibangun",
    target: 5,
    unit: "Liter/Detik",
    ...KALIANDA,
    villageCode: "18.01.06.2005",
    villageName: "Maja",
    volume: 1,
    volumeUnit: "paket",
    pagu: 15_038_624_000,
    proposalTrackingCodes: ["USL-2027-M4J8AA", "USL-2027-M4J8AB"],
    forumDecisionRefs: ["BA-FLPD/2027/014"],
    status: "accepted_with_changes",
    sourceStage: "sync_forum",
    priority: { districtRank: 3, villageRank: 1 },
  },
  {
    ...base,
    ...PUPR,
    ...BIDANG_PU,
    programCode: "1.03.06",
    programName: "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM DRAINASE",
    kegiatanCode: "1.03.06.2.01",
    kegiatanName: "Pengelolaan dan Pengembangan Sistem Drainase yang Terhubung Langsung dengan Sungai dalam Daerah Kabupaten/Kota",
    subActivityCode: "1.03.06.2.01.0012",
    subActivityName: "Pembangunan Sistem Drainase Lingkungan",
    indicator: "Panjang Saluran Drainase Lingkungan yang Dibangun",
    target: 350,
    unit: "M",
    ...KALIANDA,
    villageCode: "18.01.06.1006",
    villageName: "Bumi Agung",
    volume: 350,
    volumeUnit: "m",
    pagu: 582_351_800,
    proposalTrackingCodes: ["USL-2027-D9RT2C"],
    priority: { districtRank: 2, villageRank: 1 },
  },
  {
    ...base,
    ...PUPR,
    ...BIDANG_PU,
    programCode: "1.03.10",
    programName: "PROGRAM PENYELENGGARAAN JALAN",
    kegiatanCode: "1.03.10.2.01",
    kegiatanName: "Penyelenggaraan Jalan Kabupaten/Kota",
    subActivityCode: "1.03.10.2.01.0053",
    subActivityName: "Pembangunan Jalan",
    indicator: "Panjang Jalan yang Dibangun Sampai Perkerasan",
    target: 2.5,
    unit: "KM",
    ...NATAR,
    villageCode: "18.01.04.2001",
    villageName: "Hajimena",
    volume: 2.5,
    volumeUnit: "km",
    pagu: 60_248_725_808,
    proposalTrackingCodes: ["USL-2027-N1H7QP"],
    priority: { districtRank: 1, villageRank: 1 },
  },
  {
    ...base,
    ...PUPR,
    ...BIDANG_PU,
    programCode: "1.03.10",
    programName: "PROGRAM PENYELENGGARAAN JALAN",
    kegiatanCode: "1.03.10.2.01",
    kegiatanName: "Penyelenggaraan Jalan Kabupaten/Kota",
    subActivityCode: "1.03.10.2.01.0057",
    subActivityName: "Penggantian Jembatan",
    indicator: "Panjang Jembatan yang dilakukan penggantian",
    target: 24,
    unit: "Meter",
    ...NATAR,
    villageCode: "18.01.04.2002",
    villageName: "Sidosari",
    volume: 24,
    volumeUnit: "m",
    pagu: 15_701_731_400,
    proposalTrackingCodes: ["USL-2027-S2DX4K"],
    priority: { districtRank: 2, villageRank: null },
  },
  {
    ...base,
    ...PUPR,
    ...BIDANG_PU,
    programCode: "1.03.11",
    programName: "PROGRAM PENGEMBANGAN JASA KONSTRUKSI",
    kegiatanCode: "1.03.11.2.01",
    kegiatanName: "Penyelenggaraan Pelatihan Tenaga Terampil Konstruksi",
    subActivityCode: "1.03.11.2.01.0010",
    subActivityName: "Fasilitasi Sertifikasi Tenaga Kerja Konstruksi Kualifikasi Jabatan Operator dan Teknisi atau Analis",
    indicator: "Jumlah Tenaga Kerja Konstruksi Kualifikasi Jabatan Operator dan Teknisi atau Analis yang Difasilitasi Sertifikasi",
    target: 150,
    unit: "Orang",
    ...KALIANDA,
    // A kecamatan-wide activity: no single desa.
    villageCode: null,
    villageName: null,
    volume: 150,
    volumeUnit: "orang",
    pagu: 216_294_200,
    fundingSource: null,
    priority: { districtRank: null, villageRank: null },
  },
  {
    ...base,
    ...DINKES,
    bidangCode: "1.02",
    bidangName: "URUSAN PEMERINTAHAN BIDANG KESEHATAN",
    programCode: "1.02.02",
    programName: "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
    kegiatanCode: "1.02.02.2.01",
    kegiatanName: "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota",
    subActivityCode: "1.02.02.2.01.0010",
    subActivityName: "Rehabilitasi dan Pemeliharaan Fasilitas Kesehatan Lainnya",
    indicator:
      "Jumlah Sarana , Prasarana dan Alat Kesehatan yang Telah Dilakukan Rehabilitasi dan Pemeliharaan oleh Fasilitas Kesehatan Lainnya",
    target: 1,
    unit: "Unit",
    ...KALIANDA,
    villageCode: "18.01.06.1008",
    villageName: "Way Urang",
    volume: 1,
    volumeUnit: "unit",
    pagu: 450_000_000,
    proposalTrackingCodes: ["USL-2027-P0S7YD"],
    priority: { districtRank: 4, villageRank: 2 },
  },
];

export const paguSum = (rows: readonly { pagu: number }[]): number => rows.reduce((sum, row) => sum + row.pagu, 0);

/** Pages of `size` rows as an async iterable, the way the D1 keyset pagination will hand them over. */
export async function* pagesOf<T>(rows: readonly T[], size: number): AsyncGenerator<T[]> {
  for (let start = 0; start < rows.length; start += size) {
    // Yield to the event loop between pages, as a D1 query would.
    await Promise.resolve();
    yield rows.slice(start, start + size);
  }
}

export async function streamText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(await streamBytes(stream));
}

export async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
