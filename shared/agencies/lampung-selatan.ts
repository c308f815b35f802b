/**
 * The OPD of Kabupaten Lampung Selatan (18.01), grouped by bidang urusan the way a kabupaten organises them
 * (PP 18/2016 on perangkat daerah): each agency with the nomenclature prefixes it carries. Bidang a kabupaten
 * splits between agencies (1.05: Satpol PP and BPBD) are given at program level (U.BB.PP).
 * Bidang with no agency here (e.g. 3.28 forestry, 3.29 energy: provincial in practice) route to Bappeda triage.
 */
export interface AgencyDefinition {
  shortName: string;
  name: string;
  codePrefixes: readonly string[];
}

export const LAMPUNG_SELATAN_REGENCY_CODE = "18.01";

export const LAMPUNG_SELATAN_AGENCIES: readonly AgencyDefinition[] = [
  { shortName: "DISDIKBUD", name: "Dinas Pendidikan dan Kebudayaan", codePrefixes: ["1.01", "2.22"] },
  { shortName: "DINKES", name: "Dinas Kesehatan", codePrefixes: ["1.02"] },
  { shortName: "PUPR", name: "Dinas Pekerjaan Umum dan Penataan Ruang", codePrefixes: ["1.03"] },
  { shortName: "PERKIM", name: "Dinas Perumahan, Kawasan Permukiman dan Pertanahan", codePrefixes: ["1.04", "2.10"] },
  { shortName: "SATPOLPP", name: "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", codePrefixes: ["1.05"] },
  { shortName: "BPBD", name: "Badan Penanggulangan Bencana Daerah", codePrefixes: ["1.05.03"] },
  { shortName: "DINSOS", name: "Dinas Sosial", codePrefixes: ["1.06"] },
  { shortName: "DISNAKERTRANS", name: "Dinas Tenaga Kerja dan Transmigrasi", codePrefixes: ["2.07", "3.32"] },
  { shortName: "DP3A", name: "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", codePrefixes: ["2.08"] },
  { shortName: "DKP", name: "Dinas Ketahanan Pangan", codePrefixes: ["2.09"] },
  { shortName: "DLH", name: "Dinas Lingkungan Hidup", codePrefixes: ["2.11"] },
  { shortName: "DISDUKCAPIL", name: "Dinas Kependudukan dan Pencatatan Sipil", codePrefixes: ["2.12"] },
  { shortName: "DPMD", name: "Dinas Pemberdayaan Masyarakat dan Desa", codePrefixes: ["2.13"] },
  { shortName: "DP2KB", name: "Dinas Pengendalian Penduduk dan Keluarga Berencana", codePrefixes: ["2.14"] },
  { shortName: "DISHUB", name: "Dinas Perhubungan", codePrefixes: ["2.15"] },
  { shortName: "DISKOMINFO", name: "Dinas Komunikasi, Informatika, Statistik dan Persandian", codePrefixes: ["2.16", "2.20", "2.21"] },
  { shortName: "DISKOPUKM", name: "Dinas Koperasi dan Usaha Kecil Menengah", codePrefixes: ["2.17"] },
  { shortName: "DPMPTSP", name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", codePrefixes: ["2.18"] },
  { shortName: "DISPORAPAR", name: "Dinas Kepemudaan, Olahraga dan Pariwisata", codePrefixes: ["2.19", "3.26"] },
  { shortName: "DISPUSIP", name: "Dinas Perpustakaan dan Kearsipan", codePrefixes: ["2.23", "2.24"] },
  { shortName: "DKP-PERIKANAN", name: "Dinas Kelautan dan Perikanan", codePrefixes: ["3.25"] },
  { shortName: "DISTAN", name: "Dinas Pertanian", codePrefixes: ["3.27"] },
  { shortName: "DISDAGPERIN", name: "Dinas Perdagangan dan Perindustrian", codePrefixes: ["3.30", "3.31"] },
  { shortName: "BAPPEDA", name: "Badan Perencanaan Pembangunan Daerah", codePrefixes: ["5.01", "5.05"] },
  { shortName: "BPKAD", name: "Badan Pengelolaan Keuangan dan Aset Daerah", codePrefixes: ["5.02"] },
  { shortName: "BKPSDM", name: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", codePrefixes: ["5.03", "5.04"] },
  { shortName: "INSPEKTORAT", name: "Inspektorat Daerah", codePrefixes: ["6.01"] },
  { shortName: "KESBANGPOL", name: "Badan Kesatuan Bangsa dan Politik", codePrefixes: ["8.01"] },
];

/** Agency ids are readable and stable: the kabupaten code and the short name, e.g. `18.01-dinkes`. */
export function agencyId(regencyCode: string, shortName: string): string {
  return `${regencyCode}-${shortName.toLowerCase()}`;
}
