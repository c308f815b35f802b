/**
 * Each DPRD member's report of what became of every pokir (status, agency, reason, Renja line): one shape for the
 * page, the API and the CSV, so a member's staff can keep it beside the DPRD's own lists.
 */
import { CSV_BOM, csvHeader, csvRecord } from "../renja/csv.ts";
import { LIST_SEPARATOR, type ExportColumn } from "../renja/row.ts";

export interface PokirReportLine {
  id: string;
  trackingCode: string;
  memberId: string;
  memberName: string;
  fraksi: string;
  dapil: string;
  resesDate: string;
  resesPlace: string;
  activity: string;
  /** The desa or kecamatan it was placed in, as people read it. */
  location: string;
  volume: number;
  unit: string;
  estimatedCost: number;
  status: string;
  statusLabel: string;
  /** The agencies it went to, their decision and reason (or Bappeda's triage). */
  agencies: { name: string; decision: string | null; reason: string | null }[];
  /** What it became in the Renja: the agency, sub-activity, volume and pagu of each line. */
  renjaLines: { agencyName: string; subActivityCode: string; volume: number; unit: string | null; pagu: number }[];
  /** Why it ended as it did when it became no Renja line: the withdrawal's, the agency's or the forum's reason. */
  reason: string | null;
}

const renjaLine = (l: PokirReportLine["renjaLines"][number]) => `${l.agencyName} ${l.subActivityCode}: ${l.volume} ${l.unit ?? ""} Rp ${l.pagu}`.replace(/\s+/g, " ");

export const POKIR_REPORT_COLUMNS: readonly ExportColumn<PokirReportLine>[] = [
  { key: "trackingCode", header: "Kode Usulan", kind: "code", width: 16, description: "Kode lacak pokir", value: (r) => r.trackingCode },
  { key: "memberName", header: "Anggota DPRD", kind: "text", width: 28, description: "Nama anggota DPRD", value: (r) => r.memberName },
  { key: "fraksi", header: "Fraksi", kind: "text", width: 16, description: "Fraksi", value: (r) => r.fraksi },
  { key: "dapil", header: "Dapil", kind: "text", width: 24, description: "Daerah pemilihan", value: (r) => r.dapil },
  { key: "resesDate", header: "Tanggal Reses", kind: "code", width: 12, description: "Tanggal reses asal pokir", value: (r) => r.resesDate },
  { key: "resesPlace", header: "Tempat Reses", kind: "text", width: 24, description: "Tempat reses asal pokir", value: (r) => r.resesPlace },
  { key: "activity", header: "Usulan Kegiatan", kind: "text", width: 40, description: "Usulan kegiatan", value: (r) => r.activity },
  { key: "location", header: "Lokasi", kind: "text", width: 24, description: "Desa/kelurahan atau kecamatan", value: (r) => r.location },
  { key: "volume", header: "Volume", kind: "number", width: 10, description: "Volume usulan", value: (r) => r.volume },
  { key: "unit", header: "Satuan", kind: "text", width: 10, description: "Satuan volume", value: (r) => r.unit },
  { key: "estimatedCost", header: "Perkiraan Biaya (Rp)", kind: "integer", width: 16, description: "Perkiraan biaya usulan", value: (r) => r.estimatedCost },
  { key: "status", header: "Kode Status", kind: "code", width: 20, description: "Kode status", value: (r) => r.status },
  { key: "statusLabel", header: "Status", kind: "text", width: 24, description: "Status pokir", value: (r) => r.statusLabel },
  { key: "agencies", header: "OPD dan Keputusan", kind: "text", width: 40, description: "OPD tujuan dan keputusannya", value: (r) => r.agencies.map((a) => `${a.name}${a.decision ? `: ${a.decision}` : ""}`).join(LIST_SEPARATOR) },
  { key: "reason", header: "Alasan", kind: "text", width: 40, description: "Alasan keputusan atau pembatalan", value: (r) => r.reason },
  { key: "renjaLines", header: "Baris Renja", kind: "text", width: 40, description: "Kegiatan Renja hasilnya: OPD, sub kegiatan, volume, pagu", value: (r) => r.renjaLines.map(renjaLine).join(LIST_SEPARATOR) },
];

export const pokirReportCsv = (lines: readonly PokirReportLine[]) => CSV_BOM + csvHeader(POKIR_REPORT_COLUMNS) + lines.map((l) => csvRecord(l, POKIR_REPORT_COLUMNS)).join("");
