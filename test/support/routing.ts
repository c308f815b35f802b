/** Verified proposals put through the real routing consumer, for tests of what routing leads to. */
import { createMessageBatch } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { randomToken } from "../../shared/access/bytes.ts";
import worker from "../../workers/index.ts";
import { DEMO } from "./principals.ts";

export interface VerifiedOptions {
  problem?: string;
  village?: string;
  cost?: number;
  districtRank?: number | null;
  villageRank?: number;
}

/** A proposal of the demo kabupaten as the routing consumer receives it: verified, not yet routed. */
export async function verifiedProposal(activity: string, code: string, options: VerifiedOptions = {}): Promise<string> {
  const village = options.village ?? DEMO.village;
  const id = `usl_${randomToken(10)}`;
  const tracking = `USL-2027-${randomToken(8).toUpperCase().replace(/[^A-Z2-9]|[IO01L]/g, "X").slice(0, 6)}`;
  await env.DB.prepare(
    `INSERT INTO proposals (id, tracking_code, year, regency_code, district_code, village_code, problem, activity, volume, unit,
      estimated_cost, village_rank, district_rank, sub_activity_code, stage, status, created_by, updated_at)
     VALUES (?, ?, 2027, '18.01', ?, ?, ?, ?, 1, 'paket', ?, ?, ?, ?, 'kecamatan', 'verified', 'test', '2026-01-10T00:00:00Z')`,
  )
    .bind(id, tracking, village.split(".").slice(0, 3).join("."), village, options.problem ?? `Usulan warga: ${activity.toLowerCase()}.`, activity, options.cost ?? 250_000_000, options.villageRank ?? 1, options.districtRank ?? null, code)
    .run();
  return id;
}

export async function route(...proposalIds: string[]): Promise<void> {
  const batch = createMessageBatch("proposal-routing", proposalIds.map((proposalId, i) => ({ id: `m-${proposalId}-${i}`, timestamp: new Date(), attempts: 1, body: { proposalId } })));
  await worker.queue(batch, env);
}
