import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_SEED: string[];
      TEST_SEED_COUNTS: Record<string, number>;
      TEST_COUNTRY_REGION_COUNTS: Record<string, number>;
      EMPTY_DB: D1Database;
    }
    // Tests call the Worker's exports (`exports.default.fetch`) with its real types.
    interface GlobalProps {
      mainModule: typeof import("../workers/index.ts");
    }
  }
}
