/**
 * The consolidated Renja export: one row per agreed activity, and the stable, versioned column lists every format
 * (CSV, XLSX, JSON) is written from. Changing a list (order, header, key or meaning) is a new export version:
 * add `RENJA_COLUMNS_V2` next to V1 and bump `RENJA_EXPORT_VERSION`, never edit V1 in place, because Bappeda's
 * spreadsheets and the agencies' systems read columns by position and by name.
 */
import { CHANNELS, THEMES } from "../proposals/channels.ts";
import { STAGES, STATUSES } from "../proposals/lifecycle.ts";

/**
 * Version 3 (channels, issue 21) appends where each activity came from: the channel, the theme and the origin (the
 * desa, the DPRD member and fraksi, or the thematic group) to version 2's 34 columns, which keep their place.
 * Version 2 appends the forecast, notes and regional priority columns to version 1's 29, which keep their place,
 * header and key (so a reader by position or by name reads on); T-D.4 version 2 appends the regional priority.
 */
export const RENJA_EXPORT_VERSION = 3;

/** One agreed activity (kegiatan hasil kesepakatan) in the Renja of one agency. */
export interface RenjaRow {
  /** Agency id, e.g. `18.01-pupr`. */
  agencyId: string;
  /** Short name used on screens and as the XLSX sheet name, e.g. PUPR. */
  agencyShortName: string;
  agencyName: string;
  /** Bidang urusan U.BB, e.g. `1.03`. */
  bidangCode: string;
  bidangName: string;
  /** Program U.BB.PP, e.g. `1.03.10`. */
  programCode: string;
  programName: string;
  /** Kegiatan U.BB.PP.K.KK, e.g. `1.03.10.2.01`. */
  kegiatanCode: string;
  kegiatanName: string;
  /** Sub-kegiatan U.BB.PP.K.KK.SSSS, e.g. `1.03.10.2.01.0028`. */
  subActivityCode: string;
  subActivityName: string;
  /** Output indicator (indikator keluaran); `target` is counted in `unit`, the indicator's own unit (nomenclature). */
  indicator: string | null;
  target: number | null;
  unit: string | null;
  /** Null for an activity that covers a whole kecamatan rather than one desa/kelurahan. */
  villageCode: string | null;
  villageName: string | null;
  districtCode: string;
  districtName: string;
  /** Physical volume of the work, in `volumeUnit` (e.g. 500 meter). */
  volume: number;
  volumeUnit: string | null;
  /** Whole rupiah. */
  pagu: number;
  /** Sumber dana as people read it, e.g. APBD Kabupaten/Kota. */
  fundingSource: string | null;
  /** Catatan penting: the agency's or the forum's note. */
  notes: string | null;
  /** Prakiraan maju: the target (in `unit`) and pagu planned for the year after. */
  nextYearTarget: number | null;
  nextYearPagu: number | null;
  /** The regional development priority the activity serves (prioritas daerah) and its target (sasaran daerah). */
  regionalPriority: { code: string; name: string; target: string } | null;
  /** Tracking codes of the village proposals (usulan) the activity came from; more than one after a merge. */
  proposalTrackingCodes: readonly string[];
  /** The forum decisions that agreed it, by berita acara number and item, e.g. "BA 050/003/BA-FLPD/2026 butir 2". */
  forumDecisionRefs: readonly string[];
  /** A `Status` key of shared/proposals/lifecycle.ts, e.g. `accepted_with_changes`. */
  status: string;
  /** A `Stage` key: the stage whose decision put the activity into the Renja, e.g. `sync_forum`. */
  sourceStage: string;
  /**
   * The channel the proposal came through (desa, pokir, tematik: shared/proposals/channels.ts), its theme, and where
   * it came from as people say it ("Pokir DPRD: Hj. Siti Rohmah (Fraksi PKB, Dapil 1)"); absent means a village's.
   */
  channel?: string;
  theme?: string | null;
  origin?: string;
  /** Kecamatan rank first, then village rank; lower is more urgent, null when never ranked. */
  priority: { districtRank: number | null; villageRank: number | null };
  /**
   * What the kecamatan's Musrenbang recommended for the proposal (SIPD's rekom_camat), when it did; not a column of
   * export version 1: there for a later version and the T-D.4 documents to use.
   */
  districtRecommendation?: { volume: number | null; cost: number | null; note: string | null };
}

/**
 * How a cell is written. `code` is text that looks numeric ("1.03", "18.01"): stored as text in XLSX so it stays
 * "1.03"; `integer` must be a safe whole number (rupiah, ranks); `number` may have decimals (volume, target).
 */
export type ColumnKind = "text" | "code" | "integer" | "number";

export type CellValue = string | number | null;

export interface ExportColumn<Row> {
  /** Stable machine name (also the JSON field name where the row has one). */
  key: string;
  /** Header shown to people, Indonesian. */
  header: string;
  kind: ColumnKind;
  /** What the column holds, for the README's column documentation. */
  description: string;
  value: (row: Row) => CellValue;
  /** Approximate XLSX column width in characters. */
  width: number;
}

/** Separator of list cells (tracking codes, forum references): readable and absent from the codes themselves. */
export const LIST_SEPARATOR = "; ";

const labelOf = (labels: Record<string, { id: string }>, key: string): string => labels[key]?.id ?? key;

export const RENJA_COLUMNS_V1: readonly ExportColumn<RenjaRow>[] = [
  { key: "agencyId", header: "Kode OPD", kind: "code", width: 16, description: "Kode perangkat daerah di sistem, mis. 18.01-pupr", value: (r) => r.agencyId },
  { key: "agencyName", header: "Nama OPD", kind: "text", width: 40, description: "Nama perangkat daerah penanggung jawab", value: (r) => r.agencyName },
  { key: "bidangCode", header: "Kode Bidang Urusan", kind: "code", width: 10, description: "Kode bidang urusan (U.BB)", value: (r) => r.bidangCode },
  { key: "bidangName", header: "Bidang Urusan", kind: "text", width: 40, description: "Nama bidang urusan", value: (r) => r.bidangName },
  { key: "programCode", header: "Kode Program", kind: "code", width: 12, description: "Kode program (U.BB.PP)", value: (r) => r.programCode },
  { key: "programName", header: "Program", kind: "text", width: 40, description: "Nama program", value: (r) => r.programName },
  { key: "kegiatanCode", header: "Kode Kegiatan", kind: "code", width: 14, description: "Kode kegiatan (U.BB.PP.K.KK)", value: (r) => r.kegiatanCode },
  { key: "kegiatanName", header: "Kegiatan", kind: "text", width: 40, description: "Nama kegiatan", value: (r) => r.kegiatanName },
  { key: "subActivityCode", header: "Kode Sub Kegiatan", kind: "code", width: 19, description: "Kode sub kegiatan (U.BB.PP.K.KK.SSSS)", value: (r) => r.subActivityCode },
  { key: "subActivityName", header: "Sub Kegiatan", kind: "text", width: 40, description: "Nama sub kegiatan", value: (r) => r.subActivityName },
  { key: "indicator", header: "Indikator Keluaran", kind: "text", width: 40, description: "Indikator keluaran sub kegiatan", value: (r) => r.indicator },
  { key: "target", header: "Target", kind: "number", width: 10, description: "Target indikator keluaran", value: (r) => r.target },
  { key: "unit", header: "Satuan", kind: "text", width: 12, description: "Satuan target", value: (r) => r.unit },
  { key: "districtCode", header: "Kode Kecamatan", kind: "code", width: 12, description: "Kode Kemendagri kecamatan lokasi", value: (r) => r.districtCode },
  { key: "districtName", header: "Kecamatan", kind: "text", width: 20, description: "Nama kecamatan lokasi", value: (r) => r.districtName },
  { key: "villageCode", header: "Kode Desa/Kelurahan", kind: "code", width: 16, description: "Kode Kemendagri desa/kelurahan lokasi; kosong bila sekecamatan", value: (r) => r.villageCode },
  { key: "villageName", header: "Desa/Kelurahan", kind: "text", width: 20, description: "Nama desa/kelurahan lokasi", value: (r) => r.villageName },
  { key: "volume", header: "Volume", kind: "number", width: 10, description: "Volume pekerjaan", value: (r) => r.volume },
  { key: "volumeUnit", header: "Satuan Volume", kind: "text", width: 12, description: "Satuan volume pekerjaan", value: (r) => r.volumeUnit },
  { key: "pagu", header: "Pagu (Rp)", kind: "integer", width: 16, description: "Pagu indikatif dalam rupiah, bilangan bulat", value: (r) => r.pagu },
  { key: "fundingSource", header: "Sumber Dana", kind: "text", width: 16, description: "Sumber dana", value: (r) => r.fundingSource },
  { key: "districtRank", header: "Prioritas Kecamatan", kind: "integer", width: 10, description: "Peringkat usulan di Musrenbang kecamatan (1 = paling prioritas)", value: (r) => r.priority.districtRank },
  { key: "villageRank", header: "Prioritas Desa", kind: "integer", width: 10, description: "Peringkat usulan di Musrenbang desa", value: (r) => r.priority.villageRank },
  { key: "proposalTrackingCodes", header: "Kode Usulan", kind: "text", width: 22, description: "Kode lacak usulan desa asal, dipisah \"; \"", value: (r) => r.proposalTrackingCodes.join(LIST_SEPARATOR) },
  { key: "forumDecisionRefs", header: "Referensi Keputusan Forum", kind: "text", width: 24, description: "Rujukan keputusan forum (berita acara), dipisah \"; \"", value: (r) => r.forumDecisionRefs.join(LIST_SEPARATOR) },
  { key: "status", header: "Kode Status", kind: "code", width: 22, description: "Kode status usulan, mis. accepted_with_changes", value: (r) => r.status },
  { key: "statusLabel", header: "Status", kind: "text", width: 26, description: "Status usulan dalam bahasa Indonesia", value: (r) => labelOf(STATUSES, r.status) },
  { key: "sourceStage", header: "Kode Tahap Asal", kind: "code", width: 14, description: "Kode tahap yang menyepakati kegiatan, mis. sync_forum", value: (r) => r.sourceStage },
  { key: "sourceStageLabel", header: "Tahap Asal", kind: "text", width: 28, description: "Tahap yang menyepakati kegiatan", value: (r) => labelOf(STAGES, r.sourceStage) },
];

export const RENJA_COLUMNS_V2: readonly ExportColumn<RenjaRow>[] = [
  ...RENJA_COLUMNS_V1,
  { key: "nextYearTarget", header: "Target Tahun n+1", kind: "number", width: 10, description: "Prakiraan maju: target indikator keluaran tahun berikutnya, dalam satuan indikator", value: (r) => r.nextYearTarget },
  { key: "nextYearPagu", header: "Pagu Tahun n+1 (Rp)", kind: "integer", width: 16, description: "Prakiraan maju: pagu indikatif tahun berikutnya, rupiah", value: (r) => r.nextYearPagu },
  { key: "notes", header: "Catatan Penting", kind: "text", width: 30, description: "Catatan OPD atau forum atas kegiatan", value: (r) => r.notes },
  { key: "priorityCode", header: "Kode Prioritas Daerah", kind: "code", width: 10, description: "Kode prioritas pembangunan daerah yang didukung, mis. P1", value: (r) => r.regionalPriority?.code ?? null },
  { key: "priorityName", header: "Prioritas Daerah", kind: "text", width: 30, description: "Prioritas pembangunan daerah yang didukung", value: (r) => r.regionalPriority?.name ?? null },
];

export const RENJA_COLUMNS_V3: readonly ExportColumn<RenjaRow>[] = [
  ...RENJA_COLUMNS_V2,
  { key: "channel", header: "Kode Jalur Usulan", kind: "code", width: 10, description: "Jalur usulan: desa, pokir (pokok-pokok pikiran DPRD) atau tematik", value: (r) => r.channel ?? "desa" },
  { key: "channelLabel", header: "Jalur Usulan", kind: "text", width: 20, description: "Jalur usulan dalam bahasa Indonesia", value: (r) => labelOf(CHANNELS, r.channel ?? "desa") },
  { key: "theme", header: "Tema", kind: "text", width: 16, description: "Tema Musrenbang tematik (perempuan, anak, disabilitas, lansia, pemuda); kosong untuk jalur lain", value: (r) => (r.theme ? labelOf(THEMES, r.theme) : null) },
  { key: "origin", header: "Asal Usulan", kind: "text", width: 40, description: "Asal kegiatan: desa pengusul, anggota DPRD dengan fraksi dan dapilnya, atau kelompok tematik", value: (r) => r.origin ?? null },
];

/**
 * One line of Permendagri 86/2017 table T-D.4 ("Daftar Urutan Kegiatan Prioritas Kecamatan berdasar Perangkat
 * Daerah"), with the regional priority and its target (Prioritas Daerah, Sasaran Daerah) Bappeda keeps for the year.
 */
export interface Td4Row {
  districtCode: string;
  districtName: string;
  /** Order within the kecamatan, 1..n, by priority. */
  number: number;
  districtRank: number | null;
  villageRank: number | null;
  programCode: string;
  programName: string;
  kegiatanCode: string;
  kegiatanName: string;
  subActivityCode: string;
  subActivityName: string;
  /** Sasaran kegiatan: the output indicator with its target, e.g. "Panjang Jalan yang Dibangun: 500 meter". */
  activityTarget: string;
  villageCode: string | null;
  /** Lokasi (desa/kel); the kecamatan name for a kecamatan-wide activity. */
  location: string;
  volume: number;
  volumeUnit: string | null;
  pagu: number;
  agencyId: string;
  agencyName: string;
  regionalPriority: { code: string; name: string; target: string } | null;
}

export const TD4_COLUMNS_V1: readonly ExportColumn<Td4Row>[] = [
  { key: "districtCode", header: "Kode Kecamatan", kind: "code", width: 12, description: "Kode Kemendagri kecamatan", value: (r) => r.districtCode },
  { key: "districtName", header: "Kecamatan", kind: "text", width: 20, description: "Nama kecamatan", value: (r) => r.districtName },
  { key: "number", header: "No", kind: "integer", width: 6, description: "Nomor urut prioritas dalam kecamatan", value: (r) => r.number },
  { key: "districtRank", header: "Prioritas Kecamatan", kind: "integer", width: 10, description: "Peringkat di Musrenbang kecamatan", value: (r) => r.districtRank },
  { key: "villageRank", header: "Prioritas Desa", kind: "integer", width: 10, description: "Peringkat di Musrenbang desa", value: (r) => r.villageRank },
  { key: "programCode", header: "Kode Program", kind: "code", width: 12, description: "Kode program", value: (r) => r.programCode },
  { key: "programName", header: "Program", kind: "text", width: 40, description: "Program prioritas", value: (r) => r.programName },
  { key: "kegiatanCode", header: "Kode Kegiatan", kind: "code", width: 14, description: "Kode kegiatan", value: (r) => r.kegiatanCode },
  { key: "kegiatanName", header: "Kegiatan", kind: "text", width: 40, description: "Kegiatan prioritas", value: (r) => r.kegiatanName },
  { key: "subActivityCode", header: "Kode Sub Kegiatan", kind: "code", width: 19, description: "Kode sub kegiatan", value: (r) => r.subActivityCode },
  { key: "subActivityName", header: "Sub Kegiatan", kind: "text", width: 40, description: "Sub kegiatan", value: (r) => r.subActivityName },
  { key: "activityTarget", header: "Sasaran Kegiatan", kind: "text", width: 40, description: "Indikator keluaran dengan target dan satuannya", value: (r) => r.activityTarget },
  { key: "villageCode", header: "Kode Desa/Kelurahan", kind: "code", width: 16, description: "Kode Kemendagri lokasi", value: (r) => r.villageCode },
  { key: "location", header: "Lokasi (Desa/Kel)", kind: "text", width: 20, description: "Desa/kelurahan lokasi", value: (r) => r.location },
  { key: "volume", header: "Volume", kind: "number", width: 10, description: "Volume pekerjaan", value: (r) => r.volume },
  { key: "volumeUnit", header: "Satuan Volume", kind: "text", width: 12, description: "Satuan volume", value: (r) => r.volumeUnit },
  { key: "pagu", header: "Pagu (Rp)", kind: "integer", width: 16, description: "Pagu indikatif, rupiah", value: (r) => r.pagu },
  { key: "agencyId", header: "Kode OPD", kind: "code", width: 16, description: "Kode perangkat daerah", value: (r) => r.agencyId },
  { key: "agencyName", header: "Perangkat Daerah Penanggung Jawab", kind: "text", width: 40, description: "OPD penanggung jawab", value: (r) => r.agencyName },
];

export const TD4_COLUMNS_V2: readonly ExportColumn<Td4Row>[] = [
  ...TD4_COLUMNS_V1,
  { key: "priorityCode", header: "Kode Prioritas Daerah", kind: "code", width: 10, description: "Kode prioritas pembangunan daerah, mis. P1", value: (r) => r.regionalPriority?.code ?? null },
  { key: "priorityName", header: "Prioritas Daerah", kind: "text", width: 30, description: "Prioritas pembangunan daerah", value: (r) => r.regionalPriority?.name ?? null },
  { key: "priorityTarget", header: "Sasaran Daerah", kind: "text", width: 30, description: "Sasaran pembangunan daerah dari prioritas itu", value: (r) => r.regionalPriority?.target ?? null },
];

/**
 * The order the Renja export needs its rows in (CSV, JSON stream, XLSX agency sheets): agency, program, kegiatan,
 * sub-kegiatan, then location and priority so repeated exports come out in the same order. The D1 query should
 * `ORDER BY agency_id, program_code, kegiatan_code, sub_activity_code, district_code, village_code, ...` with the
 * same meaning; codes are ASCII so SQLite's BINARY collation and this comparison agree.
 */
export function compareRenjaRows(a: RenjaRow, b: RenjaRow): number {
  return (
    compareText(a.agencyId, b.agencyId) ||
    compareText(a.programCode, b.programCode) ||
    compareText(a.kegiatanCode, b.kegiatanCode) ||
    compareText(a.subActivityCode, b.subActivityCode) ||
    compareText(a.districtCode, b.districtCode) ||
    compareText(a.villageCode ?? "", b.villageCode ?? "") ||
    compareRank(a.priority.districtRank, b.priority.districtRank) ||
    compareRank(a.priority.villageRank, b.priority.villageRank)
  );
}

/** Code-point order, the same as SQLite's BINARY collation for the ASCII codes used here. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ranked before unranked, then ascending. */
export function compareRank(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}


