/**
 * `npm start`: the local database (migrations; reference and demo data, loaded again only when their sources
 * changed), then `wrangler dev` on 127.0.0.1:$PORT (default 8787), quiet unless VERBOSE=1. Once the Worker answers
 * it says what to open, and the demo's proposals start their lifecycles in the background, a few at a time, so
 * the server answers throughout. Data lives in .wrangler/state and survives restarts.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEMO_ACCOUNTS, DEMO_INTEGRATION_TOKEN, DEMO_PASSWORD } from "../shared/demo/demo-accounts.ts";
import { DEMO_KABUPATEN } from "../shared/demo/demo-kabupaten.ts";
import { LOCAL_DEMO_CRON } from "../workers/usecases/operations/demo.ts";
import { describeCounts, seed } from "./seed.ts";
import { projectRoot, wrangler } from "./wrangler.ts";

const port = process.env.PORT ?? "8787";
const base = `http://127.0.0.1:${port}`;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(line);

/** What the seed is made of: when none of it changed, the database already holds it. */
const SEED_INPUTS = [
  "node_modules/idn-area-data/package.json",
  "data/nomenklatur-subkegiatan-2027/nomenklatur_subkegiatan_2027_kabkot.csv",
  DEMO_KABUPATEN.agencyFile,
  "scripts/seed-plan.ts",
  "shared/demo/demo-accounts.ts",
  "shared/demo/demo-kabupaten.ts",
  "shared/demo/proposals.ts",
  "shared/demo/proposal-templates.ts",
];
// Inside the state directory, so removing .wrangler/state also forgets that it was seeded.
const SEED_MARK = join(projectRoot, ".wrangler/state/musrenbang-seed.sha256");

async function prepareDatabase(): Promise<void> {
  const migrations = await wrangler(["d1", "migrations", "apply", "DB", "--local"], { ci: true, quiet: true });
  const applied = new Set(migrations.match(/\d{4}_[\w-]+\.sql/g)).size;
  say(`  basis data: ${applied ? `${applied} migrasi diterapkan` : "skema sudah terbaru"} (.wrangler/state)`);
  const digest = createHash("sha256");
  for (const file of SEED_INPUTS) digest.update(readFileSync(join(projectRoot, file)));
  const mark = digest.digest("hex");
  if (existsSync(SEED_MARK) && readFileSync(SEED_MARK, "utf8") === mark) {
    say("  data: tetap seperti sebelumnya (wilayah, nomenklatur, OPD dan data demo sudah dimuat)");
    return;
  }
  const plan = await seed({ remote: false, kabupaten: [] });
  await mkdir(join(projectRoot, ".wrangler/state"), { recursive: true });
  await writeFile(SEED_MARK, mark);
  say(`  data dimuat: ${describeCounts(plan)}`);
}

async function waitUntilAnswering(): Promise<boolean> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function whatToOpen(): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.username.length));
  return [
    "",
    `Musrenbang Sync siap dalam ${elapsed()}: ${base}`,
    `  ${base}/masuk        masuk; kata sandi semua akun demo: ${DEMO_PASSWORD}`,
    ...DEMO_ACCOUNTS.map((a) => `      ${a.username.padEnd(width)}  ${a.displayName}`),
    `  ${base}/usulan/baru  formulir usulan desa (sebagai operator desa)`,
    `  ${base}/docs         API (OpenAPI: ${base}/openapi.json); token demo Dinas PUPR:`,
    `      ${DEMO_INTEGRATION_TOKEN.token}`,
    "Usulan demo mulai berjalan di latar belakang; server tetap melayani. Ctrl+C berhenti; data tetap di .wrangler/state.",
  ].join("\n");
}

try {
  say("Musrenbang Sync: menyiapkan basis data lokal...");
  await prepareDatabase();
  say(`  menjalankan wrangler dev di ${base}${process.env.VERBOSE ? "" : " (VERBOSE=1 npm start menampilkan log wrangler)"}...`);
  const dev = wrangler(["dev", "--ip", "127.0.0.1", "--port", port, "--test-scheduled", "--show-interactive-dev-session=false", ...(process.env.VERBOSE ? [] : ["--log-level", "warn"])]);
  void waitUntilAnswering().then(async (ok) => {
    if (!ok) return console.error(`wrangler dev tidak menjawab ${base}/health dalam satu menit`);
    say(whatToOpen());
    await fetch(`${base}/__scheduled?cron=${encodeURIComponent(LOCAL_DEMO_CRON)}`).catch(() => undefined);
  });
  await dev;
} catch (error) {
  console.error(`npm start gagal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
