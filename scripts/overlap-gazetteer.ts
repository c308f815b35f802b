/**
 * The region tables for scripts that score pairs without region codes (the eval CSV): every province, regency,
 * district and village of idn-area-data, scoped to the kabupaten the texts are about (inferScope), as the Worker is
 * scoped to its own kabupaten; a file about many kabupaten pair by pair.
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

/**
 * Gazetteers for the pairs of one file. A file whose texts point to a few kabupaten is scoped to them; a file about
 * many (none a majority, which would leave the whole country and no bare names) is scoped pair by pair, to the
 * kabupaten the pair's own texts and agency names point to.
 */
export function pairGazetteers(texts: readonly string[], country = countryGazetteer()): { file: { gazetteer: Gazetteer; scope: string[] }; forPair: (texts: readonly string[]) => Gazetteer } {
  const file = gazetteerFor(texts, country);
  const scoped = new Map<string, Gazetteer>();
  const forPair = (pairTexts: readonly string[]) => {
    const own = inferScope(country, pairTexts);
    if (file.scope.length > 0 || own.length === 0) return file.gazetteer;
    const key = own.join(",");
    let gazetteer = scoped.get(key);
    if (gazetteer === undefined) {
      gazetteer = country.within(own);
      scoped.set(key, gazetteer);
    }
    return gazetteer;
  };
  return { file, forPair };
}
