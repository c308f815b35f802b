/**
 * What both Renja XLSX writers share: the sheet names (Ringkasan, one per agency, T-D.4), Excel's rules for them,
 * per-agency totals and the writers' options. Kept apart from xlsx.ts so the Worker, which only streams
 * (xlsx-stream.ts), never imports write-excel-file.
 */
import type { RenjaRow } from "./row.ts";
import type { AgencySummary } from "./layout.ts";

export type { AgencySummary };

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const SUMMARY_SHEET = "Ringkasan";
export const TD4_SHEET = "T-D.4";

const SHEET_NAME_MAX = 31;

export interface RenjaXlsxOptions {
  /** Label/value lines under the summary table, e.g. [["Tahun", 2027], ["Dibuat oleh", "admin.bappeda"]]. */
  notes?: readonly (readonly [string, string | number])[];
  /** For the title rows: the kabupaten's name and the plan's year. */
  regencyName?: string;
  year?: number;
}

/** Per agency count and pagu, in agency order. */
export function agencySummaries(rows: readonly RenjaRow[]): AgencySummary[] {
  const byAgency = new Map<string, AgencySummary>();
  for (const row of rows) {
    let summary = byAgency.get(row.agencyId);
    if (!summary) {
      summary = { agencyId: row.agencyId, agencyShortName: row.agencyShortName, agencyName: row.agencyName, rowCount: 0, paguTotal: 0 };
      byAgency.set(row.agencyId, summary);
    }
    summary.rowCount++;
    summary.paguTotal += row.pagu;
  }
  return [...byAgency.values()].sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0));
}

/**
 * Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending with `'`, not
 * "History" (reserved by Excel), and unique ignoring case, also against the names already `taken`.
 */
export function sheetNames(wanted: readonly string[], taken: readonly string[] = []): string[] {
  return wanted.map(createSheetNamer(taken));
}

/** The same rules one name at a time, for a workbook whose sheets are only known as rows stream in. */
export function createSheetNamer(taken: readonly string[] = []): (wanted: string) => string {
  const used = new Set(taken.map((name) => name.toUpperCase()));
  return (raw) => {
    let base = raw.replace(/[[\]:*?/\\]/g, "-").replace(/\s+/g, " ").trim().replace(/^'+|'+$/g, "") || "OPD";
    if (base.toUpperCase() === "HISTORY") base = `${base} OPD`;
    base = base.slice(0, SHEET_NAME_MAX).trimEnd();
    let name = base;
    for (let n = 2; used.has(name.toUpperCase()); n++) {
      const suffix = ` (${n})`;
      name = base.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd() + suffix;
    }
    used.add(name.toUpperCase());
    return name;
  };
}

