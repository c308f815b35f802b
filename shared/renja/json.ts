/**
 * The Renja export as JSON: the same rows nested agency → program → kegiatan → sub-kegiatan, with the row count
 * and pagu total at every level.
 *
 * Totals come after each level's children (`{"code":…,"name":…,"kegiatan":[…],"rowCount":3,"paguTotal":…}`), so a
 * level can be written as soon as its last row has passed: the stream holds one row, not one agency. That needs the
 * rows sorted by agency, program, kegiatan and sub-kegiatan code (`compareRenjaRows`); a row out of that order
 * fails the stream instead of splitting a group in two.
 */
import { linesStream } from "./csv.ts";
import type { RenjaRow } from "./row.ts";
import { RENJA_EXPORT_VERSION, compareRenjaRows } from "./row.ts";

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** One agreed activity inside its sub-kegiatan: everything the grouping levels do not already say. */
export interface RenjaJsonActivity {
  districtCode: string;
  districtName: string;
  villageCode: string | null;
  villageName: string | null;
  indicator: string | null;
  target: number | null;
  unit: string | null;
  volume: number;
  volumeUnit: string | null;
  pagu: number;
  fundingSource: string | null;
  notes: string | null;
  nextYearTarget: number | null;
  nextYearPagu: number | null;
  regionalPriority: { code: string; name: string; target: string } | null;
  priority: { districtRank: number | null; villageRank: number | null };
  proposalTrackingCodes: string[];
  forumDecisionRefs: string[];
  status: string;
  sourceStage: string;
  /** Version 3: the channel, the theme and where the activity came from. */
  channel: string;
  theme: string | null;
  origin: string | null;
}

interface Totals {
  rowCount: number;
  paguTotal: number;
}

export interface RenjaJsonSubActivity extends Totals {
  code: string;
  name: string;
  activities: RenjaJsonActivity[];
}

export interface RenjaJsonKegiatan extends Totals {
  code: string;
  name: string;
  subActivities: RenjaJsonSubActivity[];
}

export interface RenjaJsonProgram extends Totals {
  code: string;
  name: string;
  bidangCode: string;
  bidangName: string;
  kegiatan: RenjaJsonKegiatan[];
}

export interface RenjaJsonAgency extends Totals {
  agencyId: string;
  shortName: string;
  name: string;
  programs: RenjaJsonProgram[];
}

/** Who made the export, when, for which year and filters: the snapshot record, written as given. */
export type RenjaJsonMeta = Record<string, unknown>;

export interface RenjaJsonDocument extends Totals {
  version: number;
  meta: RenjaJsonMeta;
  agencies: RenjaJsonAgency[];
}

export function jsonActivity(row: RenjaRow): RenjaJsonActivity {
  if (!Number.isSafeInteger(row.pagu)) throw new Error(`JSON: pagu ${row.pagu} bukan bilangan bulat (${row.subActivityCode})`);
  return {
    districtCode: row.districtCode,
    districtName: row.districtName,
    villageCode: row.villageCode,
    villageName: row.villageName,
    indicator: row.indicator,
    target: row.target,
    unit: row.unit,
    volume: row.volume,
    volumeUnit: row.volumeUnit,
    pagu: row.pagu,
    fundingSource: row.fundingSource,
    notes: row.notes,
    nextYearTarget: row.nextYearTarget,
    nextYearPagu: row.nextYearPagu,
    regionalPriority: row.regionalPriority,
    priority: { districtRank: row.priority.districtRank, villageRank: row.priority.villageRank },
    proposalTrackingCodes: [...row.proposalTrackingCodes],
    forumDecisionRefs: [...row.forumDecisionRefs],
    status: row.status,
    sourceStage: row.sourceStage,
    channel: row.channel ?? "desa",
    theme: row.theme ?? null,
    origin: row.origin ?? null,
  };
}

/** The nested document in memory, built from rows in any order (sorted here). */
export function renjaJsonDocument(rows: readonly RenjaRow[], meta: RenjaJsonMeta = {}): RenjaJsonDocument {
  const document: RenjaJsonDocument = { version: RENJA_EXPORT_VERSION, meta, agencies: [], rowCount: 0, paguTotal: 0 };
  for (const row of [...rows].sort(compareRenjaRows)) {
    let agency = document.agencies.at(-1);
    if (agency?.agencyId !== row.agencyId) {
      agency = { agencyId: row.agencyId, shortName: row.agencyShortName, name: row.agencyName, programs: [], rowCount: 0, paguTotal: 0 };
      document.agencies.push(agency);
    }
    let program = agency.programs.at(-1);
    if (program?.code !== row.programCode) {
      program = { code: row.programCode, name: row.programName, bidangCode: row.bidangCode, bidangName: row.bidangName, kegiatan: [], rowCount: 0, paguTotal: 0 };
      agency.programs.push(program);
    }
    let kegiatan = program.kegiatan.at(-1);
    if (kegiatan?.code !== row.kegiatanCode) {
      kegiatan = { code: row.kegiatanCode, name: row.kegiatanName, subActivities: [], rowCount: 0, paguTotal: 0 };
      program.kegiatan.push(kegiatan);
    }
    let sub = kegiatan.subActivities.at(-1);
    if (sub?.code !== row.subActivityCode) {
      sub = { code: row.subActivityCode, name: row.subActivityName, activities: [], rowCount: 0, paguTotal: 0 };
      kegiatan.subActivities.push(sub);
    }
    sub.activities.push(jsonActivity(row));
    for (const level of [document, agency, program, kegiatan, sub]) {
      level.rowCount++;
      level.paguTotal += row.pagu;
    }
  }
  return document;
}

/** The whole document as text: the same bytes `renjaJsonStream` writes for the same rows. */
export function renjaJson(rows: readonly RenjaRow[], meta: RenjaJsonMeta = {}): string {
  return JSON.stringify(renjaJsonDocument(rows, meta));
}

/** The four grouping levels; each opens with its own fields and the name of its children's array. */
const LEVELS: readonly { key: (row: RenjaRow) => string; open: (row: RenjaRow) => string }[] = [
  {
    key: (r) => r.agencyId,
    open: (r) => `{"agencyId":${q(r.agencyId)},"shortName":${q(r.agencyShortName)},"name":${q(r.agencyName)},"programs":[`,
  },
  {
    key: (r) => r.programCode,
    open: (r) => `{"code":${q(r.programCode)},"name":${q(r.programName)},"bidangCode":${q(r.bidangCode)},"bidangName":${q(r.bidangName)},"kegiatan":[`,
  },
  { key: (r) => r.kegiatanCode, open: (r) => `{"code":${q(r.kegiatanCode)},"name":${q(r.kegiatanName)},"subActivities":[` },
  { key: (r) => r.subActivityCode, open: (r) => `{"code":${q(r.subActivityCode)},"name":${q(r.subActivityName)},"activities":[` },
];

const q = (text: string): string => JSON.stringify(text);
const closing = (totals: Totals): string => `],"rowCount":${totals.rowCount},"paguTotal":${totals.paguTotal}}`;

/**
 * The nesting as a state machine over sorted rows: `push` returns the text for one row (closing the groups that
 * ended, opening the ones that start), `end` the text that closes everything. Memory: the open groups' totals.
 */
export function createRenjaJsonWriter(meta: RenjaJsonMeta = {}): { head: string; push: (row: RenjaRow) => string; end: () => string } {
  const rootTotals: Totals = { rowCount: 0, paguTotal: 0 };
  /** Per level: the open group's key and totals; shorter than LEVELS before the first row. */
  const open: { key: string; totals: Totals }[] = [];
  return {
    head: `{"version":${RENJA_EXPORT_VERSION},"meta":${JSON.stringify(meta)},"agencies":[`,
    push(row) {
      const keys = LEVELS.map((level) => level.key(row));
      let depth = 0;
      while (depth < open.length && open[depth]!.key === keys[depth]) depth++;
      const previousKey = open[depth]?.key;
      if (previousKey !== undefined && keys[depth]! < previousKey) {
        throw new Error(
          `JSON: baris tidak berurutan: ${keys.join(" / ")} datang setelah ${open.map((o) => o.key).join(" / ")}; urutkan per OPD, program, kegiatan, sub kegiatan`,
        );
      }
      let text = "";
      // Close the groups that ended, deepest first.
      while (open.length > depth) text += closing(open.pop()!.totals);
      if (depth < LEVELS.length) {
        // A sibling follows the group just closed; the first group of a level needs no comma.
        if (previousKey !== undefined) text += ",";
        for (let level = depth; level < LEVELS.length; level++) {
          text += LEVELS[level]!.open(row);
          open.push({ key: keys[level]!, totals: { rowCount: 0, paguTotal: 0 } });
        }
      } else {
        text += ",";
      }
      text += JSON.stringify(jsonActivity(row));
      for (const totals of [rootTotals, ...open.map((o) => o.totals)]) {
        totals.rowCount++;
        totals.paguTotal += row.pagu;
      }
      return text;
    },
    end() {
      let text = "";
      while (open.length > 0) text += closing(open.pop()!.totals);
      return text + closing(rootTotals);
    },
  };
}

/** The nested JSON as a byte stream, one chunk per page, from pages sorted as `compareRenjaRows` says. */
export function renjaJsonStream(pages: AsyncIterable<readonly RenjaRow[]>, meta: RenjaJsonMeta = {}): ReadableStream<Uint8Array> {
  const writer = createRenjaJsonWriter(meta);
  return linesStream(pages, (page) => page.map(writer.push).join(""), writer.head, writer.end);
}
