/** The local demo's own questions (`npm start`): never asked of a real deployment, which holds no demo rows. */
import type { Database } from "./database.ts";

/** Demo proposals loaded by the seed whose lifecycle has not opened their verification yet. */
export async function demoProposalsNotStarted(db: Database, limit: number): Promise<string[]> {
  const { results } = await db.$client
    .prepare("SELECT id FROM proposals p WHERE created_by = 'seed:demo' AND lifecycle_started_at IS NULL ORDER BY id LIMIT ?")
    .bind(limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** The latest routed proposal of the demo kabupaten (it has an agency's review task), or null. */
export async function latestRoutedProposal(db: Database, regencyCode: string): Promise<string | null> {
  return db.$client
    .prepare("SELECT proposal_id FROM review_tasks WHERE regency_code = ? AND kind = 'agency_review' ORDER BY created_at DESC, id DESC LIMIT 1")
    .bind(regencyCode)
    .first<string>("proposal_id");
}
