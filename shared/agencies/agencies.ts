/**
 * A kabupaten's agencies (OPD) and the nomenclature prefixes each carries: a bidang urusan (U.BB, e.g. 1.02
 * health) or, where the kabupaten splits a bidang between agencies, a program (U.BB.PP, e.g. 1.05.03 to BPBD).
 * Bappeda keeps the list as a CSV (`data/agencies/18.01-lampung-selatan.csv` is the demo kabupaten's); the same
 * checks run for the CSV from the command line and for the CSV or JSON sent to `PUT /api/v1/agencies`, and either
 * every row is accepted or none (each refusal names its row, column and reason).
 */
import { parseCsv } from "../csv/parse.ts";
import type { Language, Text } from "../i18n.ts";

export interface AgencyDefinition {
  shortName: string;
  name: string;
  codePrefixes: readonly string[];
}

/** Agency ids are readable and stable: the kabupaten code and the short name, e.g. `18.01-dinkes`. */
export function agencyId(regencyCode: string, shortName: string): string {
  return `${regencyCode}-${shortName.toLowerCase()}`;
}

/** The CSV's columns, in this order: short name, full name, the codes it carries (separated by spaces). */
export const AGENCY_CSV_COLUMNS = ["singkatan", "nama", "bidang_program"] as const;
export type AgencyColumn = (typeof AGENCY_CSV_COLUMNS)[number];

/** One row as given: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface AgencyRecord {
  row: number;
  cells: Record<AgencyColumn, string>;
}

export interface AgencyIssue {
  /** Spreadsheet row (header = 1; JSON: position in the list, from 1); 0 for the file as a whole. */
  row: number;
  column: AgencyColumn | "";
  path: string;
  code: string;
  message: string;
}

export const MAX_AGENCIES = 200;
const SHORT_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{1,29}$/;
const PREFIX = /^[0-9X]\.[0-9X]{2}(\.[0-9]{2})?$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const REASONS = {
  empty: { id: "Daftar OPD kosong: isi minimal satu baris.", en: "The agency list is empty: give at least one row." },
  too_many: { id: `Paling banyak ${MAX_AGENCIES} OPD.`, en: `At most ${MAX_AGENCIES} agencies.` },
  header: {
    id: `Baris judul harus berisi kolom ${AGENCY_CSV_COLUMNS.join(", ")}.`,
    en: `The header row must hold the columns ${AGENCY_CSV_COLUMNS.join(", ")}.`,
  },
  width: { id: `Baris ini tidak berisi tepat ${AGENCY_CSV_COLUMNS.length} kolom.`, en: `This row does not hold exactly ${AGENCY_CSV_COLUMNS.length} columns.` },
  csv_quote: { id: "Tanda kutip tidak ditutup.", en: "Unterminated quote." },
  required: { id: "Wajib diisi.", en: "Required." },
  short_name_format: {
    id: "Singkatan 2-30 karakter: huruf, angka atau tanda hubung, diawali huruf atau angka.",
    en: "Short name is 2-30 letters, digits or hyphens, starting with a letter or digit.",
  },
  short_name_twice: { id: "Singkatan ini sudah dipakai baris lain.", en: "Another row already uses this short name." },
  name_length: { id: "Nama OPD 3-200 karakter.", en: "The agency name is 3-200 characters." },
  text_malformed: { id: "Teks berisi karakter kendali atau karakter rusak.", en: "The text holds control or malformed characters." },
  prefix_format: { id: "bukan kode bidang (U.BB) atau program (U.BB.PP)", en: "is not a bidang (U.BB) or program (U.BB.PP) code" },
  prefix_unknown: { id: "tidak ada dalam nomenklatur", en: "is not in the nomenclature" },
  prefix_twice: { id: "sudah dipegang OPD lain", en: "is already carried by another agency" },
} satisfies Record<string, Text>;

type Reason = keyof typeof REASONS;

const issue = (row: number, column: AgencyColumn | "", code: Reason, lang: Language, detail?: { id: string; en: string }): AgencyIssue => ({
  row,
  column,
  path: column ? `${row}.${column}` : String(row),
  code,
  message: detail ? detail[lang] : REASONS[code][lang],
});

/** The rows of a CSV (comma or semicolon separated, as spreadsheets in Indonesia save it), or what is wrong. */
export function agencyRecordsFromCsv(text: string, lang: Language): { records: AgencyRecord[]; issues: AgencyIssue[] } {
  let rows: string[][];
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  try {
    rows = parseCsv(text, delimiter);
  } catch {
    return { records: [], issues: [issue(0, "", "csv_quote", lang)] };
  }
  const [header = [], ...body] = rows;
  const names = header.map((h) => h.trim().toLowerCase());
  if (names.length !== AGENCY_CSV_COLUMNS.length || AGENCY_CSV_COLUMNS.some((c) => !names.includes(c))) {
    return { records: [], issues: [issue(1, "", "header", lang)] };
  }
  const records: AgencyRecord[] = [];
  const issues: AgencyIssue[] = [];
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === "")) return;
    if (cells.length !== names.length) return issues.push(issue(row, "", "width", lang));
    records.push({ row, cells: Object.fromEntries(AGENCY_CSV_COLUMNS.map((c) => [c, cells[names.indexOf(c)]!])) as AgencyRecord["cells"] });
  });
  return { records, issues };
}

/** The same rows from JSON (`{ shortName, name, codePrefixes }`), numbered by their place in the list. */
export function agencyRecordsFromList(list: readonly AgencyDefinition[]): AgencyRecord[] {
  return list.map((a, index) => ({ row: index + 1, cells: { singkatan: a.shortName, nama: a.name, bidang_program: a.codePrefixes.join(" ") } }));
}

/**
 * Every row checked against every rule; agencies only when nothing is wrong. `knownPrefixes` holds the bidang and
 * program codes of the nomenclature (the database's, or the repository's copy from the command line).
 */
export function validateAgencies(
  records: readonly AgencyRecord[],
  knownPrefixes: ReadonlySet<string>,
  lang: Language,
  earlier: readonly AgencyIssue[] = [],
): { agencies: AgencyDefinition[]; issues: [] } | { agencies: null; issues: AgencyIssue[] } {
  const issues = [...earlier];
  if (records.length === 0 && issues.length === 0) issues.push(issue(0, "", "empty", lang));
  if (records.length > MAX_AGENCIES) issues.push(issue(0, "", "too_many", lang));
  const shortNames = new Map<string, number>();
  const owners = new Map<string, string>();
  const agencies: AgencyDefinition[] = [];
  for (const { row, cells } of records) {
    const shortName = cells.singkatan.trim().toUpperCase();
    const name = cells.nama.trim().replace(/\s+/g, " ");
    if (!shortName) issues.push(issue(row, "singkatan", "required", lang));
    else if (!SHORT_NAME.test(shortName)) issues.push(issue(row, "singkatan", "short_name_format", lang));
    else if (shortNames.has(shortName)) issues.push(issue(row, "singkatan", "short_name_twice", lang, sentence(REASONS.short_name_twice, shortNames.get(shortName)!)));
    else shortNames.set(shortName, row);

    if (!name) issues.push(issue(row, "nama", "required", lang));
    else if (CONTROL.test(cells.nama.trim()) || LONE_SURROGATE.test(name)) issues.push(issue(row, "nama", "text_malformed", lang));
    else if (name.length < 3 || name.length > 200) issues.push(issue(row, "nama", "name_length", lang));

    const prefixes = [...new Set(cells.bidang_program.split(/[\s,;]+/).filter(Boolean))];
    if (prefixes.length === 0) issues.push(issue(row, "bidang_program", "required", lang));
    for (const prefix of prefixes) {
      const problem: Reason | null = !PREFIX.test(prefix) ? "prefix_format" : !knownPrefixes.has(prefix) ? "prefix_unknown" : owners.has(prefix) ? "prefix_twice" : null;
      if (problem) {
        const owner = problem === "prefix_twice" ? ` (${owners.get(prefix)})` : "";
        const shown = prefix.length > 20 ? `${prefix.slice(0, 20)}…` : prefix;
        issues.push(issue(row, "bidang_program", problem, lang, { id: `Kode "${shown}" ${REASONS[problem].id}${owner}.`, en: `Code "${shown}" ${REASONS[problem].en}${owner}.` }));
      } else owners.set(prefix, shortName);
    }
    agencies.push({ shortName, name, codePrefixes: prefixes });
  }
  return issues.length ? { agencies: null, issues: issues.sort((a, b) => a.row - b.row) } : { agencies, issues: [] };
}

const sentence = (reason: Text, row: number): Text => ({ id: `${reason.id.replace(/\.$/, "")} (baris ${row}).`, en: `${reason.en.replace(/\.$/, "")} (row ${row}).` });

/** One line per problem, for the command line: "baris 3, kolom nama: Wajib diisi." */
export function describeIssues(issues: readonly AgencyIssue[], lang: Language = "id"): string {
  const [rowWord, columnWord, fileWord] = lang === "id" ? ["baris", "kolom", "berkas"] : ["row", "column", "file"];
  return issues.map((i) => `${i.row ? `${rowWord} ${i.row}` : fileWord}${i.column ? `, ${columnWord} ${i.column}` : ""}: ${i.message}`).join("\n");
}

/** The CSV of a list (what `GET /api/v1/agencies?format=csv` gives back to edit and load again). */
export function agenciesCsv(list: readonly AgencyDefinition[]): string {
  const cell = (value: string) => (/[",;\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [AGENCY_CSV_COLUMNS.join(","), ...list.map((a) => [a.shortName, a.name, a.codePrefixes.join(" ")].map(cell).join(","))].join("\r\n") + "\r\n";
}
