/** Whether the service can do its work: the database answers and its migrations are applied. */
import type { Health } from "../../../shared/schemas/health.ts";
import { latestMigration } from "../../storage/operations.ts";
import type { Deps } from "../deps.ts";

export async function checkHealth(deps: Deps): Promise<Health> {
  try {
    const latest = await latestMigration(deps.db);
    return { status: latest ? "ok" : "degraded", database: { reachable: true, migration: latest?.name ?? null, appliedMigrations: latest?.applied ?? 0 } };
  } catch (error) {
    console.error("health: database unreachable", error);
    return { status: "degraded", database: { reachable: false, migration: null, appliedMigrations: 0 } };
  }
}
