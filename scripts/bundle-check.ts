/**
 * `npm run bundle:check` (part of `npm test`, so CI runs it): bundles the Worker exactly as `wrangler deploy` would
 * (`--dry-run`, offline, nothing uploaded), prints its size raw and gzipped with the largest packages in it, and
 * fails when the Worker script passes its budget or pulls in zod (the app validates with valibot; zod once came in
 * through a dynamic import and was 39% of the bundle).
 *
 * The budget is for the Worker script only: it is what every cold start parses (Cloudflare allows 1 s of start-up)
 * and what the plan caps (10 MB compressed on Workers Paid, 3 MB on Free). Static assets (`[assets]` in
 * wrangler.toml, e.g. the API reference's standalone script) are served without running the Worker: their size is
 * printed, not budgeted.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { projectRoot, wrangler } from "./wrangler.ts";

/**
 * KiB. Measured 1,117 raw / 276 gzip on 2026-12-03; the budget leaves room for a year of features, not a new
 * dependency tree. Raised from 1,400 / 350 on 2026-12-03 for pdf-lib (issue 20: the signed berita acara and T-D.4
 * are made as PDF in the Worker): with pako and its standard-font metrics it adds about 1,010 KiB raw / 250 KiB
 * gzip (1,163 / 288 → 2,173 / 537). It is imported only when a PDF is made (`import("pdf-lib")` in
 * shared/documents/pdf.ts), so start-up does not run it: `wrangler check startup` measured 27-29 ms of CPU before
 * and after (three runs each). Compressed, the script is far below Workers Paid's 10 MB and Free's 3 MB.
 * A second Worker for PDFs would bring this number under the old budget without changing what a cold start here
 * runs (already none of pdf-lib), for a service binding and a second deployment: not worth it.
 * Raised again to 3,200 / 800 on 2026-12-03 for the pages people asked for (issues 19, 21 and 22: Bappeda's
 * console, the public account, budget scenarios, pokir and imports): this project's own code grew 1,015 → 1,333 KiB
 * at the console, public and scenario merges (2,612 / 640 in all), server-rendered JSX with its Indonesian and
 * English text, no new dependency. `wrangler check startup` then: 66 ms of CPU busy with the machine under a load
 * average of 8 (27-29 ms quiet before), far from the 1 s start-up limit.
 */
export const BUDGET = { raw: 3_200, gzip: 800 } as const;

const kib = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("en-US")} KiB`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** The package each source of the bundle came from, and how much source it brought. */
function packages(mapFile: string): Map<string, number> {
  const map = JSON.parse(readFileSync(mapFile, "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
  const sizes = new Map<string, number>();
  map.sources.forEach((source, i) => {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? "(this project)";
    // drizzle-orm's own source maps point at its src/ folder, which resolves to node_modules/src.
    const label = name === "src" ? "drizzle-orm" : name;
    sizes.set(label, (sizes.get(label) ?? 0) + (map.sourcesContent?.[i]?.length ?? 0));
  });
  return sizes;
}

function staticAssets(): string | null {
  const directory = /^\[assets\][^[]*?directory\s*=\s*"([^"]+)"/ms.exec(readFileSync(join(projectRoot, "wrangler.toml"), "utf8"))?.[1];
  if (!directory) return null;
  const files = filesUnder(join(projectRoot, directory));
  return `${files.length} files, ${kib(files.reduce((n, f) => n + statSync(f).size, 0))} (served as static assets, outside the budget)`;
}

const outdir = await mkdtemp(join(tmpdir(), "musrenbang-bundle-"));
try {
  await wrangler(["deploy", "--dry-run", "--outdir", outdir], { ci: true, quiet: true });
  const files = filesUnder(outdir).filter((f) => !f.endsWith(".map") && !f.endsWith("README.md"));
  const code = Buffer.concat(files.map((f) => readFileSync(f)));
  const [raw, gzip] = [code.length, gzipSync(code).length];
  const sizes = filesUnder(outdir)
    .filter((f) => f.endsWith(".map"))
    .map(packages)
    .reduce((all, m) => new Map([...all, ...m]), new Map<string, number>());
  const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 6);
  console.log(`Worker bundle (wrangler deploy --dry-run): ${kib(raw)} raw / ${kib(gzip)} gzip; budget ${kib(BUDGET.raw * 1024)} / ${kib(BUDGET.gzip * 1024)}`);
  console.log(`  largest sources: ${largest.map(([name, n]) => `${name} ${kib(n)}`).join(", ")}`);
  const assets = staticAssets();
  if (assets) console.log(`  static assets: ${assets}`);
  const problems = [
    ...(raw > BUDGET.raw * 1024 ? [`raw size ${kib(raw)} is over the budget of ${kib(BUDGET.raw * 1024)}`] : []),
    ...(gzip > BUDGET.gzip * 1024 ? [`gzip size ${kib(gzip)} is over the budget of ${kib(BUDGET.gzip * 1024)}`] : []),
    // zod's error class, whichever path brought it in (its source maps, like drizzle's, hide the package name).
    ...(code.includes("ZodError") ? ["zod is in the bundle: find what imports it (the app validates with valibot)"] : []),
  ];
  if (problems.length) {
    console.error(`bundle check failed:\n- ${problems.join("\n- ")}\n(scripts/bundle-check.ts: raise BUDGET only for a reason you write down there and in the README)`);
    process.exitCode = 1;
  }
} finally {
  await rm(outdir, { recursive: true, force: true });
}
