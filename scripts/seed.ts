/**
 * Loads reference data (regions, nomenclature) and the demo kabupaten (agencies, proposals) into the local D1,
 * or a remote one with `--remote`. Idempotent; one file executed by wrangler so a failure changes nothing.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_KABUPATEN } from "../shared/demo/demo-kabupaten.ts";
import { seedPlan } from "../shared/reference/seed.ts";
import { readReferenceSources } from "./reference-sources.ts";
import { projectRoot, wrangler } from "./wrangler.ts";

export async function seed(target: "--local" | "--remote" = "--local"): Promise<void> {
  const plan = await seedPlan(await readReferenceSources(projectRoot), DEMO_KABUPATEN);
  const dir = join(projectRoot, ".wrangler/seed");
  await mkdir(dir, { recursive: true });
  const file = join(dir, "seed.sql");
  await writeFile(file, plan.statements.join("\n"));
  console.log(`seed: ${Object.entries(plan.counts).map(([k, n]) => `${k}=${n}`).join(" ")}`);
  await wrangler(["d1", "execute", "DB", target, "--file", file, "--yes"], { ci: true, quiet: true });
  console.log(`seed: ${plan.statements.length} statements applied from ${file}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  seed(process.argv.includes("--remote") ? "--remote" : "--local").catch((error: unknown) => {
    console.error(`seed gagal: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
