/** Region rows from the `idn-area-data` package's CSV files (Kemendagri codes, ODbL). */
import { parseCsvRecords } from "../csv/parse.ts";
import { isRegionCode, villageKind } from "../regions/codes.ts";
import type { regions } from "../db/schema.ts";

export type RegionRow = typeof regions.$inferInsert;

export interface RegionSources {
  provinces: string;
  regencies: string;
  districts: string;
  villages: string;
}

/**
 * All four levels as rows. `underCodes` keeps only the regions inside (or above) the given codes, for test
 * databases that need one province rather than the whole country.
 */
export function regionRows(sources: RegionSources, underCodes?: readonly string[]): RegionRow[] {
  const keep = (code: string) =>
    !underCodes || underCodes.some((root) => code === root || code.startsWith(`${root}.`) || root.startsWith(`${code}.`));
  const rows: RegionRow[] = [];
  const add = (file: string, text: string, toRow: (r: Record<string, string>) => RegionRow) => {
    for (const record of parseCsvRecords(text, file)) {
      const row = toRow(record);
      if (!isRegionCode(row.code) || !row.name) throw new Error(`${file}: kode atau nama wilayah tidak sah: ${row.code}`);
      if (keep(row.code)) rows.push(row);
    }
  };
  add("provinces.csv", sources.provinces, (r) => ({ code: r.code!, level: "province", name: r.name! }));
  add("regencies.csv", sources.regencies, (r) => ({
    code: r.code!,
    level: "regency",
    kind: r.name!.startsWith("Kota ") ? "kota" : "kabupaten",
    parentCode: r.province_code!,
    name: r.name!,
  }));
  add("districts.csv", sources.districts, (r) => ({
    code: r.code!,
    level: "district",
    parentCode: r.regency_code!,
    name: r.name!,
  }));
  add("villages.csv", sources.villages, (r) => ({
    code: r.code!,
    level: "village",
    kind: villageKind(r.code!),
    parentCode: r.district_code!,
    name: r.name!,
  }));
  return rows;
}
