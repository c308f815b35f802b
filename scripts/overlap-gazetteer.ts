/**
 * The region tables for scripts that score pairs without region codes (the eval CSV): every province, regency,
 * district and village of idn-area-data, scoped to the kabupaten the texts are about (inferScope), as the Worker is
 * scoped to its own kabupaten.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Gazetteer, inferScope } from "../shared/overlap/places.ts";
import { regionRows } from "../shared/reference/regions.ts";

export function countryGazetteer(root = join(import.meta.dirname, "..")): Gazetteer {
  const area = (file: string) => readFileSync(join(root, "node_modules/idn-area-data/data", file), "utf8");
  const rows = regionRows({ provinces: area("provinces.csv"), regencies: area("regencies.csv"), districts: area("districts.csv"), villages: area("villages.csv") });
  return new Gazetteer(rows.map((r) => ({ code: r.code, level: r.level, name: r.name })));
}

/** The gazetteer scoped to the regencies (or province) the texts name; the whole country when they name none. */
export function gazetteerFor(texts: readonly string[], country = countryGazetteer()): { gazetteer: Gazetteer; scope: string[] } {
  const scope = inferScope(country, texts);
  return { gazetteer: scope.length > 0 ? country.within(scope) : country, scope };
}
