/**
 * Concurrent clients for tests: each round fires its requests at once (Promise.all of `exports.default.fetch`), so
 * their reads and batches interleave in workerd as they would on Cloudflare; an invariant must hold in every round.
 */
import { env } from "cloudflare:workers";

/** How many rounds each concurrency test runs: one lucky interleaving must not pass a broken guard. */
export const ROUNDS = 5;

export async function inRounds(rounds: number, round: (index: number) => Promise<void>): Promise<void> {
  for (let index = 0; index < rounds; index++) await round(index);
}

/** The statuses of responses, sorted, and their bodies in request order. */
export async function outcomes(responses: Response[]): Promise<{ statuses: number[]; bodies: Record<string, unknown>[] }> {
  const bodies = await Promise.all(responses.map(async (r) => (r.status === 204 ? {} : ((await r.json()) as Record<string, unknown>))));
  return { statuses: responses.map((r) => r.status).sort(), bodies };
}

export const errorCode = (body: Record<string, unknown>) => (body.error as { code?: string } | undefined)?.code;

/** Audit events of one entity with one action. */
export const auditCount = (action: string, entityId: string) =>
  env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE action = ? AND entity_id = ?").bind(action, entityId).first<number>("n");
