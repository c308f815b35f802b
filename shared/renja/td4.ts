/**
 * Permendagri 86/2017 table T-D.4 (Daftar Urutan Kegiatan Prioritas Kecamatan berdasar Perangkat Daerah) from
 * Renja rows: per kecamatan, in priority order, numbered 1..n, each with its responsible agency.
 */
import type { RenjaRow, Td4Row } from "./row.ts";
import { compareRank, compareText } from "./row.ts";

/**
 * T-D.4 order: kecamatan, then kecamatan rank, then village rank (unranked last), then stable tie-breakers. The
 * D1 query for a streamed T-D.4 must sort the same way: `ORDER BY district_code, district_rank IS NULL,
 * district_rank, village_rank IS NULL, village_rank, village_code, agency_id, sub_activity_code`.
 */
export function compareTd4(a: RenjaRow, b: RenjaRow): number {
  return (
    compareText(a.districtCode, b.districtCode) ||
    compareRank(a.priority.districtRank, b.priority.districtRank) ||
    compareRank(a.priority.villageRank, b.priority.villageRank) ||
    compareText(a.villageCode ?? "", b.villageCode ?? "") ||
    compareText(a.agencyId, b.agencyId) ||
    compareText(a.subActivityCode, b.subActivityCode)
  );
}

/** Sasaran kegiatan: "Indicator: target unit", with whatever parts the row has; "0,96" as people write it. */
export function activityTarget(row: RenjaRow): string {
  let amount = row.target === null ? "" : String(row.target).replace(".", ",");
  if (row.unit) amount = amount ? `${amount} ${row.unit}` : row.unit;
  if (!row.indicator) return amount;
  return amount ? `${row.indicator}: ${amount}` : row.indicator;
}

export function td4Row(row: RenjaRow, number: number): Td4Row {
  return {
    districtCode: row.districtCode,
    districtName: row.districtName,
    number,
    districtRank: row.priority.districtRank,
    villageRank: row.priority.villageRank,
    programCode: row.programCode,
    programName: row.programName,
    kegiatanCode: row.kegiatanCode,
    kegiatanName: row.kegiatanName,
    subActivityCode: row.subActivityCode,
    subActivityName: row.subActivityName,
    activityTarget: activityTarget(row),
    villageCode: row.villageCode,
    location: row.villageName ?? `Kecamatan ${row.districtName}`,
    volume: row.volume,
    volumeUnit: row.volumeUnit,
    pagu: row.pagu,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    regionalPriority: row.regionalPriority,
  };
}

/**
 * Numbers rows that arrive in T-D.4 order, one at a time, across pages: the count restarts at each kecamatan.
 * A row out of order throws, because numbering it would silently give a wrong priority list.
 */
export function createTd4Numberer(): (row: RenjaRow) => Td4Row {
  let previous: RenjaRow | undefined;
  let number = 0;
  return (row) => {
    if (previous && compareTd4(previous, row) > 0) {
      throw new Error(
        `T-D.4: baris tidak berurutan (kecamatan ${row.districtCode}, sub kegiatan ${row.subActivityCode}); urutkan per kecamatan lalu prioritas`,
      );
    }
    number = previous?.districtCode === row.districtCode ? number + 1 : 1;
    previous = row;
    return td4Row(row, number);
  };
}

/** All T-D.4 rows from Renja rows in any order. */
export function td4Rows(rows: readonly RenjaRow[]): Td4Row[] {
  const numberer = createTd4Numberer();
  return [...rows].sort(compareTd4).map(numberer);
}

export interface Td4Section {
  districtCode: string;
  districtName: string;
  rowCount: number;
  paguTotal: number;
  rows: Td4Row[];
}

/** T-D.4 rows split per kecamatan with each kecamatan's count and pagu total. */
export function td4Sections(rows: readonly RenjaRow[]): Td4Section[] {
  const sections: Td4Section[] = [];
  for (const row of td4Rows(rows)) {
    let section = sections.at(-1);
    if (section?.districtCode !== row.districtCode) {
      section = { districtCode: row.districtCode, districtName: row.districtName, rowCount: 0, paguTotal: 0, rows: [] };
      sections.push(section);
    }
    section.rowCount++;
    section.paguTotal += row.pagu;
    section.rows.push(row);
  }
  return sections;
}
