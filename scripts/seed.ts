/**
 * `npm run seed`: loads a database in one `wrangler d1 execute --file` (a failure changes nothing; running it again
 * changes nothing either).
 *
 *   npm run seed                                        local demo: every region, the nomenclature, Lampung
 *                                                       Selatan's OPD, demo accounts, token and 300 proposals
 *   npm run seed -- --remote --kabupaten 32.04          a real deployment: the kabupaten's regions, the nomenclature
 *                   [--agencies opd.csv]                and its OPD (the CSV given, or data/agencies/32.04-*.csv)
 *
 * `--kabupaten` takes several codes (`--kabupaten 32.04,32.05`) for a province running many; without `--remote` it
 * loads the same reference-only data into the local database (`--persist-to DIR` as for wrangler). Demo data is
 * only ever built for a local database without `--kabupaten`.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEMO_KABUPATEN } from "../shared/demo/demo-kabupaten.ts";
import { regionRows } from "../shared/reference/regions.ts";
import { readAgencyFile, readDemoAgencies, readReferenceSources } from "./reference-sources.ts";
import { seedPlan, type SeedPlan } from "./seed-plan.ts";
import { d1Target, projectRoot, wrangler, type D1Target } from "./wrangler.ts";

export interface SeedRequest {
  remote: boolean;
  /** Kemendagri codes of the kabupaten/kota the database serves; none = the local demo. */
  kabupaten: readonly string[];
  /** The agencies of the (single) kabupaten, as CSV. */
  agencyFile?: string;
  /** Limits the demo's regions (tests load one province). */
  regionsUnder?: readonly string[];
}

/** The agency list a kabupaten ships in data/agencies/ (`<code>-<name>.csv`), if any. */
function shippedAgencyFile(regencyCode: string): string | undefined {
  const dir = join(projectRoot, "data/agencies");
  const file = readdirSync(dir).find((f) => f.startsWith(`${regencyCode}-`) && f.endsWith(".csv"));
  return file && join(dir, file);
}

/** What `npm run seed` loads for this request: the one place that decides whether demo data goes in. */
export async function plannedSeed(request: SeedRequest): Promise<SeedPlan> {
  const sources = await readReferenceSources(projectRoot);
  if (request.kabupaten.length === 0) {
    if (request.remote) throw new Error("--remote perlu --kabupaten KODE (mis. --kabupaten 32.04): data demo hanya untuk basis data lokal");
    return seedPlan(sources, {
      regionsUnder: request.regionsUnder,
      kabupaten: [{ regencyCode: DEMO_KABUPATEN.regencyCode, agencies: readDemoAgencies(projectRoot) }],
      demo: DEMO_KABUPATEN,
    });
  }
  const regencies = new Map(regionRows(sources, request.kabupaten).filter((r) => r.level === "regency").map((r) => [r.code, r.name]));
  const unknown = request.kabupaten.filter((code) => !regencies.has(code));
  if (unknown.length) throw new Error(`kode kabupaten/kota tidak dikenal: ${unknown.join(", ")} (bentuknya seperti 32.04)`);
  if (request.agencyFile && request.kabupaten.length > 1) throw new Error("--agencies berlaku untuk satu kabupaten; muat yang lain dengan npm run agencies:load");
  return seedPlan(sources, {
    regionsUnder: request.kabupaten,
    kabupaten: request.kabupaten.map((regencyCode) => {
      const file = request.agencyFile ?? shippedAgencyFile(regencyCode);
      return { regencyCode, agencies: file ? readAgencyFile(projectRoot, file) : [] };
    }),
  });
}

/** Runs `statements` against the target as one file; wrangler's own output is held back unless it fails. */
export async function executeStatements(target: D1Target, statements: readonly string[], name: string): Promise<void> {
  const dir = join(projectRoot, ".wrangler/seed");
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.sql`);
  await writeFile(file, statements.join("\n"));
  await wrangler(["d1", "execute", "DB", ...d1Target(target), "--file", file, "--yes"], { ci: true, quiet: true });
}

export async function seed(request: SeedRequest, target: D1Target = { remote: request.remote }): Promise<SeedPlan> {
  const plan = await plannedSeed(request);
  await executeStatements(target, plan.statements, "seed");
  return plan;
}

export const describeCounts = (plan: SeedPlan) => Object.entries(plan.counts).map(([k, n]) => `${k}=${n}`).join(" ");

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { remote: { type: "boolean", default: false }, local: { type: "boolean", default: false }, kabupaten: { type: "string" }, agencies: { type: "string" }, "persist-to": { type: "string" } },
  });
  const kabupaten = (values.kabupaten ?? "").split(",").map((c) => c.trim()).filter(Boolean);
  const request: SeedRequest = { remote: values.remote, kabupaten, ...(values.agencies ? { agencyFile: values.agencies } : {}) };
  if (values.agencies && !existsSync(values.agencies)) {
    console.error(`seed gagal: berkas ${values.agencies} tidak ada`);
    process.exit(1);
  }
  seed(request, { remote: values.remote, persistTo: values["persist-to"] })
    .then((plan) => {
      console.log(`seed (${values.remote ? "remote" : "lokal"}): ${describeCounts(plan)}`);
      if (kabupaten.length && plan.counts.agencies === 0) console.log(`OPD belum dimuat: npm run agencies:load -- opd.csv --kabupaten ${kabupaten[0]}${values.remote ? " --remote" : ""}`);
    })
    .catch((error: unknown) => {
      console.error(`seed gagal: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
