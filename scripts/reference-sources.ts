/** Reads the reference data files from disk (Node): region CSVs from idn-area-data, the nomenclature from data/. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ReferenceSources } from "../shared/reference/seed.ts";

export async function readReferenceSources(root: string): Promise<ReferenceSources> {
  const area = (file: string) => readFile(join(root, "node_modules/idn-area-data/data", file), "utf8");
  const [provinces, regencies, districts, villages, nomenclature] = await Promise.all([
    area("provinces.csv"),
    area("regencies.csv"),
    area("districts.csv"),
    area("villages.csv"),
    readFile(join(root, "data/nomenklatur-subkegiatan-2027/nomenklatur_subkegiatan_2027_kabkot.csv"), "utf8"),
  ]);
  return { provinces, regencies, districts, villages, nomenclature };
}
