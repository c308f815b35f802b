/** Requests to the proposal-routing queue: route a verified proposal, or check its overlaps again. */
import type { RoutingMessage } from "../../shared/contracts.ts";
import type { Env } from "../env.ts";

export async function requestRouting(env: Env, proposalId: string, attempt: number): Promise<void> {
  await env.PROPOSAL_ROUTING.send({ proposalId, attempt });
}

export async function requestRoutings(env: Env, messages: readonly RoutingMessage[]): Promise<void> {
  if (messages.length > 0) await env.PROPOSAL_ROUTING.sendBatch(messages.map((body) => ({ body })));
}

export async function requestOverlapChecks(env: Env, proposalIds: readonly string[]): Promise<void> {
  await requestRoutings(env, proposalIds.map((proposalId) => ({ proposalId, kind: "overlap_check" as const })));
}
