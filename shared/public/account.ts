/**
 * The public account of a year's proposals: what anyone may read without signing in, per desa, kecamatan and
 * kabupaten, as pages and as open data (CSV, JSON). One record per proposal, built from the public story
 * (shared/proposals/story.ts, without names) and the Renja lines it became; the outcome in plain words with its
 * reason. What a record holds is the privacy rule (README "A public account"): the activity, where (down to the
 * desa, never an address, RT/RW or coordinates), how much, where it stands and why; never a person, a file, the
 * problem or description text the village typed, or the beneficiary group.
 */
import { rupiah } from "../format.ts";
import { fill, type Language, type Text } from "../i18n.ts";
import { STAGES, STATUSES, type Stage, type Status } from "../proposals/lifecycle.ts";
import type { StoryStep } from "../proposals/story.ts";
import { csvLine, cellValues, CSV_BOM } from "../renja/csv.ts";
import { LIST_SEPARATOR, type ExportColumn } from "../renja/row.ts";

/** The open data's schema version: a change of columns or fields is a new version, the old one keeps its meaning. */
export const PUBLIC_SCHEMA_VERSION = 1;

export const LICENCE = {
  name: "CC BY 4.0",
  url: "https://creativecommons.org/licenses/by/4.0/",
  /** How to credit the data; {kabupaten} and {year} are filled per file. */
  attribution: "Sumber: Bappeda {kabupaten}, data terbuka usulan Musrenbang tahun perencanaan {year} (Musrenbang Sync)",
} as const;

export const attributionOf = (regencyName: string, year: number) => LICENCE.attribution.replace("{kabupaten}", regencyName).replace("{year}", String(year));

export type OutcomeKind = "funded" | "merged" | "rejected" | "carried_over" | "withdrawn";

export interface PublicFunding {
  agencyName: string;
  subActivityCode: string;
  subActivityName: string | null;
  volume: number;
  unit: string | null;
  pagu: number;
}

export interface PublicOutcome {
  kind: OutcomeKind;
  /** The outcome in plain words, e.g. "Digabungkan ke usulan USL-2027-ABC123". */
  summary: string;
  /** Why, as the deciding level wrote it; null when none was recorded. */
  reason: string | null;
  mergedInto: string | null;
  carriedOverTo: number | null;
  funding: PublicFunding[];
}

export interface PublicProposal {
  trackingCode: string;
  year: number;
  regencyCode: string;
  regencyName: string;
  districtCode: string;
  districtName: string;
  villageCode: string;
  villageName: string;
  activity: string;
  subActivityCode: string | null;
  volume: number;
  unit: string;
  askedCost: number;
  stage: string;
  stageLabel: string;
  status: string;
  statusLabel: string;
  /** null while the proposal is still under way. */
  outcome: PublicOutcome | null;
  /** Sum of the Renja lines' pagu when funded, else null. */
  fundedPagu: number | null;
  /** The day of its last step (yyyy-mm-dd, UTC). */
  lastChange: string | null;
}

/** What a public record is built from: the proposal's public fields, its public story and its Renja lines. */
export interface PublicSource
  extends Pick<PublicProposal, "trackingCode" | "year" | "regencyCode" | "regencyName" | "districtCode" | "districtName" | "villageCode" | "villageName" | "activity" | "subActivityCode" | "volume" | "unit" | "stage" | "status"> {
  estimatedCost: number;
  updatedAt: string;
  /** The story built with `withNames: false`. */
  steps: readonly StoryStep[];
  funding: readonly PublicFunding[];
}

const W = {
  funded: { id: "Didanai dalam Renja {lines}", en: "Funded in the work plan (Renja): {lines}" },
  fundedNoLine: { id: "Diterima; baris Renja belum tercatat", en: "Accepted; no Renja line recorded yet" },
  line: { id: "{agency}, sub kegiatan {code}{name}, pagu {pagu}", en: "{agency}, sub-activity {code}{name}, budget {pagu}" },
  merged: { id: "Digabungkan ke usulan {code}", en: "Merged into proposal {code}" },
  mergedUnknown: { id: "Digabungkan ke usulan lain", en: "Merged into another proposal" },
  rejected: { id: "Ditolak", en: "Rejected" },
  carried: { id: "Dialihkan ke tahun {year}", en: "Carried over to {year}" },
  withdrawn: { id: "Dibatalkan desa", en: "Withdrawn by the village" },
} satisfies Record<string, Text>;


const OUTCOME_OF: Partial<Record<Status, OutcomeKind>> = {
  accepted: "funded",
  accepted_with_changes: "funded",
  merged: "merged",
  rejected: "rejected",
  carried_over: "carried_over",
  withdrawn: "withdrawn",
};

/** Steps that decide an ending, and so may carry its reason. */
const DECIDING = ["outcome", "forum_decision", "agency_decision", "withdrawn"];

export function fundingLine(f: PublicFunding, lang: Language): string {
  return fill(W.line[lang], { agency: f.agencyName, code: f.subActivityCode, name: f.subActivityName ? ` (${f.subActivityName})` : "", pagu: rupiah(f.pagu) });
}

/** The outcome of a proposal in plain words with its reason, from its public story and Renja lines; null while under way. */
export function outcomeOf(source: Pick<PublicSource, "status" | "year" | "steps" | "funding">, lang: Language): PublicOutcome | null {
  const kind = OUTCOME_OF[source.status as Status];
  if (!kind) return null;
  const steps = source.steps;
  const lastReason = (kinds: readonly string[]) => steps.findLast((s) => kinds.includes(s.kind) && s.reason)?.reason ?? null;
  const base = { kind, reason: null as string | null, mergedInto: null as string | null, carriedOverTo: null as number | null, funding: [...source.funding] };
  switch (kind) {
    case "funded":
      return {
        ...base,
        summary: source.funding.length ? fill(W.funded[lang], { lines: source.funding.map((f) => fundingLine(f, lang)).join(LIST_SEPARATOR) }) : W.fundedNoLine[lang],
        reason: lastReason(["agency_decision", "forum_decision", "outcome"]),
      };
    case "merged": {
      const into = steps.findLast((s) => s.mergedInto);
      return { ...base, summary: into?.mergedInto ? fill(W.merged[lang], { code: into.mergedInto }) : W.mergedUnknown[lang], mergedInto: into?.mergedInto ?? null, reason: into?.reason ?? lastReason(DECIDING) };
    }
    case "rejected":
      return { ...base, summary: W.rejected[lang], reason: lastReason(DECIDING) };
    case "carried_over":
      return { ...base, summary: fill(W.carried[lang], { year: String(source.year + 1) }), carriedOverTo: source.year + 1, reason: lastReason(DECIDING) };
    case "withdrawn":
      return { ...base, summary: W.withdrawn[lang], reason: lastReason(["withdrawn"]) };
  }
}

export function publicProposal(source: PublicSource, lang: Language): PublicProposal {
  const outcome = outcomeOf(source, lang);
  const last = source.steps.at(-1)?.at ?? source.updatedAt;
  return {
    trackingCode: source.trackingCode,
    year: source.year,
    regencyCode: source.regencyCode,
    regencyName: source.regencyName,
    districtCode: source.districtCode,
    districtName: source.districtName,
    villageCode: source.villageCode,
    villageName: source.villageName,
    activity: source.activity,
    subActivityCode: source.subActivityCode,
    volume: source.volume,
    unit: source.unit,
    askedCost: source.estimatedCost,
    stage: source.stage,
    stageLabel: STAGES[source.stage as Stage]?.[lang] ?? source.stage,
    status: source.status,
    statusLabel: STATUSES[source.status as Status]?.[lang] ?? source.status,
    outcome,
    fundedPagu: outcome?.kind === "funded" && outcome.funding.length ? outcome.funding.reduce((sum, f) => sum + f.pagu, 0) : null,
    lastChange: last ? last.slice(0, 10) : null,
  };
}

export interface StageTotal {
  stage: Stage;
  label: string;
  count: number;
  /** The pagu of funded proposals, else what was asked. */
  rupiah: number;
}

/** Count and rupiah per stage, every stage in the chain's order (zero where none). */
export function stageTotals(records: readonly PublicProposal[], lang: Language): StageTotal[] {
  return (Object.keys(STAGES) as Stage[]).map((stage) => {
    const here = records.filter((r) => r.stage === stage);
    return { stage, label: STAGES[stage][lang], count: here.length, rupiah: here.reduce((sum, r) => sum + (r.fundedPagu ?? r.askedCost), 0) };
  });
}

export type OutcomeCount = Record<OutcomeKind | "under_way", number>;

export function outcomeCounts(records: readonly PublicProposal[]): OutcomeCount {
  const counts: OutcomeCount = { under_way: 0, funded: 0, merged: 0, rejected: 0, carried_over: 0, withdrawn: 0 };
  for (const r of records) counts[r.outcome?.kind ?? "under_way"] += 1;
  return counts;
}

/** Version 1 of the open data's columns: CSV headers in Indonesian, JSON keys as `key`. Append only. */
export const PUBLIC_COLUMNS_V1: readonly ExportColumn<PublicProposal & { attribution: string }>[] = [
  { key: "trackingCode", header: "Kode Lacak", kind: "code", width: 18, description: "Kode lacak usulan, mis. USL-2027-ABC123 (/lacak/{kode})", value: (r) => r.trackingCode },
  { key: "year", header: "Tahun Perencanaan", kind: "integer", width: 8, description: "Tahun yang direncanakan", value: (r) => r.year },
  { key: "regencyCode", header: "Kode Kabupaten/Kota", kind: "code", width: 10, description: "Kode Kemendagri kabupaten/kota", value: (r) => r.regencyCode },
  { key: "regencyName", header: "Kabupaten/Kota", kind: "text", width: 20, description: "Nama kabupaten/kota", value: (r) => r.regencyName },
  { key: "districtCode", header: "Kode Kecamatan", kind: "code", width: 10, description: "Kode Kemendagri kecamatan", value: (r) => r.districtCode },
  { key: "districtName", header: "Kecamatan", kind: "text", width: 20, description: "Nama kecamatan", value: (r) => r.districtName },
  { key: "villageCode", header: "Kode Desa/Kelurahan", kind: "code", width: 14, description: "Kode Kemendagri desa/kelurahan pengusul (lokasi paling rinci yang dibuka)", value: (r) => r.villageCode },
  { key: "villageName", header: "Desa/Kelurahan", kind: "text", width: 20, description: "Nama desa/kelurahan pengusul", value: (r) => r.villageName },
  { key: "activity", header: "Usulan Kegiatan", kind: "text", width: 40, description: "Usulan kegiatan sebagaimana ditulis desa", value: (r) => r.activity },
  { key: "subActivityCode", header: "Kode Sub Kegiatan", kind: "code", width: 18, description: "Kode sub kegiatan usulan; kosong bila belum ditetapkan", value: (r) => r.subActivityCode },
  { key: "volume", header: "Volume", kind: "number", width: 8, description: "Volume yang diusulkan", value: (r) => r.volume },
  { key: "unit", header: "Satuan", kind: "text", width: 8, description: "Satuan volume", value: (r) => r.unit },
  { key: "askedCost", header: "Biaya Diusulkan (Rp)", kind: "integer", width: 14, description: "Perkiraan biaya yang diusulkan, rupiah", value: (r) => r.askedCost },
  { key: "stage", header: "Kode Tahap", kind: "code", width: 10, description: "Kode tahap sekarang: desa, kecamatan, opd_review, sync_forum, renja", value: (r) => r.stage },
  { key: "stageLabel", header: "Tahap", kind: "text", width: 24, description: "Tahap sekarang", value: (r) => r.stageLabel },
  { key: "status", header: "Kode Status", kind: "code", width: 16, description: "Kode status, mis. rejected", value: (r) => r.status },
  { key: "statusLabel", header: "Status", kind: "text", width: 24, description: "Status", value: (r) => r.statusLabel },
  { key: "outcome", header: "Kode Hasil", kind: "code", width: 12, description: "funded, merged, rejected, carried_over, withdrawn; kosong bila masih berjalan", value: (r) => r.outcome?.kind ?? null },
  { key: "outcomeSummary", header: "Hasil", kind: "text", width: 40, description: "Hasil dalam kata-kata", value: (r) => r.outcome?.summary ?? null },
  { key: "reason", header: "Alasan", kind: "text", width: 40, description: "Alasan hasil sebagaimana ditulis yang memutuskan; kosong bila tidak dicatat", value: (r) => r.outcome?.reason ?? null },
  { key: "mergedInto", header: "Digabung ke (Kode Lacak)", kind: "code", width: 18, description: "Kode lacak usulan tujuan penggabungan", value: (r) => r.outcome?.mergedInto ?? null },
  { key: "carriedOverTo", header: "Dialihkan ke Tahun", kind: "integer", width: 8, description: "Tahun tujuan pengalihan", value: (r) => r.outcome?.carriedOverTo ?? null },
  { key: "fundedPagu", header: "Pagu Didanai (Rp)", kind: "integer", width: 14, description: "Jumlah pagu baris Renja yang mendanai usulan", value: (r) => r.fundedPagu },
  { key: "renjaLines", header: "Baris Renja", kind: "text", width: 50, description: "OPD, sub kegiatan dan pagu tiap baris Renja, dipisah \"; \"", value: (r) => (r.outcome?.funding.length ? r.outcome.funding.map((f) => fundingLine(f, "id")).join(LIST_SEPARATOR) : null) },
  { key: "lastChange", header: "Perubahan Terakhir", kind: "code", width: 10, description: "Tanggal langkah terakhir (yyyy-mm-dd)", value: (r) => r.lastChange },
  { key: "licence", header: "Lisensi", kind: "text", width: 10, description: "Lisensi data: CC BY 4.0", value: () => LICENCE.name },
  { key: "attribution", header: "Atribusi", kind: "text", width: 40, description: "Cara menyebut sumber data", value: (r) => r.attribution },
];

/** The year's records as CSV (RFC 4180, UTF-8 with BOM, formula-safe; every row carries the licence and attribution). */
export function publicCsv(records: readonly PublicProposal[]): string {
  return (
    CSV_BOM +
    csvLine(PUBLIC_COLUMNS_V1.map((c) => c.header)) +
    records.map((r) => csvLine(cellValues({ ...r, attribution: attributionOf(r.regencyName, r.year) }, PUBLIC_COLUMNS_V1))).join("")
  );
}

export interface PublicDocument {
  schemaVersion: typeof PUBLIC_SCHEMA_VERSION;
  licence: { name: string; url: string; attribution: string };
  year: number;
  regency: { code: string; name: string };
  totals: { stages: StageTotal[]; outcomes: OutcomeCount };
  proposals: PublicProposal[];
}

export function publicDocument(regency: { code: string; name: string }, year: number, records: readonly PublicProposal[]): PublicDocument {
  return {
    schemaVersion: PUBLIC_SCHEMA_VERSION,
    licence: { name: LICENCE.name, url: LICENCE.url, attribution: attributionOf(regency.name, year) },
    year,
    regency,
    totals: { stages: stageTotals(records, "id"), outcomes: outcomeCounts(records) },
    proposals: [...records],
  };
}
