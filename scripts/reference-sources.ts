/** Reads the reference data files from disk (Node): region CSVs from idn-area-data, the nomenclature and agency lists from data/. */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { AgencyDefinition } from "../shared/agencies/agencies.ts";
import { DEMO_KABUPATEN } from "../shared/demo/demo-kabupaten.ts";
import { agenciesFromCsv, type ReferenceSources } from "./seed-plan.ts";

const NOMENCLATURE = "data/nomenklatur-subkegiatan-2027/nomenklatur_subkegiatan_2027_kabkot.csv";

export async function readReferenceSources(root: string): Promise<ReferenceSources> {
  const area = (file: string) => readFile(join(root, "node_modules/idn-area-data/data", file), "utf8");
  const [provinces, regencies, districts, villages, nomenclature] = await Promise.all([
    area("provinces.csv"),
    area("regencies.csv"),
    area("districts.csv"),
    area("villages.csv"),
    readFile(join(root, NOMENCLATURE), "utf8"),
  ]);
  return { provinces, regencies, districts, villages, nomenclature };
}

/** A kabupaten's agency CSV (path relative to `root` or absolute), checked against the repository's nomenclature. */
export function readAgencyFile(root: string, file: string): AgencyDefinition[] {
  return agenciesFromCsv(readFileSync(resolve(root, file), "utf8"), readFileSync(join(root, NOMENCLATURE), "utf8"), file);
}

/** Lampung Selatan's OPD, from data/agencies/ (benches and tests use them as the demo kabupaten does). */
export const readDemoAgencies = (root: string): AgencyDefinition[] => readAgencyFile(root, DEMO_KABUPATEN.agencyFile);
