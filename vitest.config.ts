import { readFileSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig, type ViteUserConfig } from "vitest/config";
import { readDemoAgencies, readReferenceSources } from "./scripts/reference-sources.ts";
import { plannedSeed } from "./scripts/seed.ts";
import { regionRows } from "./shared/reference/regions.ts";
import { regions } from "./shared/db/schema.ts";
import { upsertStatements } from "./shared/db/upsert-sql.ts";
import { agencyReceiver } from "./test/support/agency-receiver.ts";

/** Benches that run in workerd (bench/cost) reuse this set-up with their own files, bindings and databases. */
export interface WorkerdExtras {
  include?: string[];
  bindings?: Record<string, unknown>;
  d1Databases?: Record<string, string>;
}

export async function workerdConfig(extras: WorkerdExtras = {}): Promise<ViteUserConfig> {
  const root = import.meta.dirname;
  const migrations = await readD1Migrations(`${root}/migrations`);
  // Tests get the real reference data, limited to the demo kabupaten's province to keep each file's database small.
  const sources = await readReferenceSources(root);
  const seed = await plannedSeed({ remote: false, kabupaten: [], regionsUnder: ["18"] });
  // What `npm run seed -- --remote --kabupaten 18.01` loads into a real deployment (test/foundation/remote-seed.test.ts).
  const remoteSeed = await plannedSeed({ remote: true, kabupaten: ["18.01"] });
  const countryRegionCounts: Record<string, number> = {};
  for (const region of regionRows(sources)) countryRegionCounts[region.level] = (countryRegionCounts[region.level] ?? 0) + 1;
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_SEED: seed.statements,
            TEST_SEED_COUNTS: seed.counts,
            TEST_REMOTE_SEED: remoteSeed.statements,
            // The cron expressions wrangler.toml declares, so a test can tell a handler's trigger is scheduled.
            TEST_CRONS: [...(readFileSync(`${root}/wrangler.toml`, "utf8").match(/^crons\s*=\s*\[(.*)\]/m)?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1]!),
            TEST_DEMO_AGENCIES: JSON.parse(JSON.stringify(readDemoAgencies(root))),
            TEST_COUNTRY_REGION_COUNTS: countryRegionCounts,
            // Kabupaten Malang's real regions (idn-area-data), for the village list of Desa Pandanlandung (test/imports).
            TEST_MALANG_REGIONS: upsertStatements(regions, regionRows(sources, ["35.07"]), { onConflict: "update" }),
            WEBHOOK_TIMEOUT_MS: "500",
            // Small, so tests reach the background export path with a handful of rows.
            EXPORT_SYNC_ROW_LIMIT: "4",
            // Fresh answers for every test; test/public/ switches the public account's edge cache on where it tests it.
            PUBLIC_CACHE_SECONDS: "0",
            ...extras.bindings,
          },
          // Outbound fetches (webhooks to agencies' systems) go to an in-process stand-in; nothing leaves the machine.
          outboundService: agencyReceiver,
          // Tests submit far faster than any village; sign-in keeps its real limit (test/hostile/limits.test.ts).
          ratelimits: {
            SUBMISSIONS_PER_ACCOUNT: { namespace_id: "1001", simple: { limit: 100_000, period: 60 } },
            REQUESTS_PER_ADDRESS: { namespace_id: "1002", simple: { limit: 100_000, period: 60 } },
          },
          // A second, untouched database: proves the migrations build the schema from nothing.
          d1Databases: { EMPTY_DB: "empty-db", ...extras.d1Databases },
        },
      }),
    ],
    test: {
      setupFiles: ["./test/setup/database.ts"],
      include: extras.include ?? ["test/**/*.test.ts", "test/**/*.test.tsx"],
      // The browser suite drives Chromium from Node against `wrangler dev`: vitest.browser.config.ts.
      exclude: ["test/browser/**", "node_modules/**"],
    },
  } as ViteUserConfig;
}

export default defineConfig(() => workerdConfig());
