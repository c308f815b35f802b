import type { D1Migration } from "cloudflare:test";
import type { AgencyDefinition } from "../shared/agencies/agencies.ts";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_SEED: string[];
      TEST_SEED_COUNTS: Record<string, number>;
      TEST_COUNTRY_REGION_COUNTS: Record<string, number>;
      /** What `npm run seed -- --remote --kabupaten 18.01` loads. */
      TEST_REMOTE_SEED: string[];
      /** Lampung Selatan's OPD as data/agencies/18.01-lampung-selatan.csv lists them. */
      TEST_DEMO_AGENCIES: AgencyDefinition[];
      /** `[triggers] crons` of wrangler.toml. */
      TEST_CRONS: string[];
      /** Kabupaten Malang's regions (35.07), as upsert statements. */
      TEST_MALANG_REGIONS: string[];
      EMPTY_DB: D1Database;
      /** bench/cost only: the country's reference seed and empty databases to load seeds into. */
      COST_COUNTRY_SEED: string[];
      COST_DB_KABUPATEN: D1Database;
      COST_DB_COUNTRY: D1Database;
    }
    // Tests call the Worker's exports (`exports.default.fetch`) with its real types.
    interface GlobalProps {
      mainModule: typeof import("../workers/index.ts");
    }
  }
}
