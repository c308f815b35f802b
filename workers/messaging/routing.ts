/** Requests to the proposal-routing queue: route a verified proposal, or check its overlaps again. */
import type { RoutingMessage } from "../../shared/contracts.ts";
import type { Env } from "../env.ts";
import { sendInParts } from "./parts.ts";

export async function requestRouting(env: Env, proposalId: string, attempt: number): Promise<void> {
  await env.PROPOSAL_ROUTING.send({ proposalId, attempt });
}

export async function requestRoutings(env: Env, messages: readonly RoutingMessage[]): Promise<void> {
  await sendInParts(env.PROPOSAL_ROUTING, messages);
}

export async function requestOverlapChecks(env: Env, proposalIds: readonly string[]): Promise<void> {
  await requestRoutings(env, proposalIds.map((proposalId) => ({ proposalId, kind: "overlap_check" as const })));
}
