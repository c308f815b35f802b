/**
 * The proposal-routing consumer: each message routes one verified proposal (workers/usecases/routing/) or
 * re-checks its overlaps. A message that fails is retried with backoff; one that exhausts its retries goes to
 * the dead-letter queue.
 */
import type { RoutingMessage } from "../../shared/contracts.ts";
import { retryDelaySeconds } from "../../shared/webhooks/backoff.ts";
import type { Env } from "../env.ts";
import { detectOverlaps } from "../storage/overlaps.ts";
import { depsOf } from "../usecases/deps.ts";
import { routeProposal } from "../usecases/routing/route-proposal.ts";

export async function consumeRouting(batch: MessageBatch<RoutingMessage>, env: Env): Promise<void> {
  const deps = depsOf(env);
  for (const message of batch.messages) {
    try {
      if (message.body.kind === "overlap_check") {
        await detectOverlaps(deps.db, message.body.proposalId);
        message.ack();
        continue;
      }
      const result = await routeProposal(deps, message.body);
      if (result === "missing") console.warn(`routing: proposal ${message.body.proposalId} does not exist; message dropped`);
      message.ack();
    } catch (error) {
      console.error(`routing: ${message.body.proposalId} failed (attempt ${message.attempts})`, error);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
