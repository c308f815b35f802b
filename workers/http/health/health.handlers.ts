import type { Health } from "../../../shared/schemas/health.ts";
import type { AppContext } from "../context.ts";

// wrangler's `d1 migrations apply` and the test pool's applyD1Migrations both record applied files here.
const MIGRATIONS_QUERY = "SELECT name, (SELECT count(*) FROM d1_migrations) AS applied FROM d1_migrations ORDER BY id DESC LIMIT 1";

export async function getHealth(c: AppContext) {
  try {
    const latest = await c.env.DB.prepare(MIGRATIONS_QUERY).first<{ name: string; applied: number }>();
    const body: Health = {
      status: latest ? "ok" : "degraded",
      database: { reachable: true, migration: latest?.name ?? null, appliedMigrations: latest?.applied ?? 0 },
    };
    return c.json(body, latest ? 200 : 503);
  } catch (error) {
    console.error("health: database unreachable", error);
    const body: Health = { status: "degraded", database: { reachable: false, migration: null, appliedMigrations: 0 } };
    return c.json(body, 503);
  }
}
