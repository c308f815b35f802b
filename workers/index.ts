/** The Worker: HTTP (API, forms, docs), the queue consumers, and the workflow classes it hosts. */
import { createApp } from "./http/app.tsx";
import type { Env } from "./env.ts";
import { consumeDeadLetters, ORIGINAL_QUEUE } from "./queues/dead-letters.ts";
import { consumeRouting, type RoutingMessage } from "./queues/proposal-routing.ts";
import { consumeWebhookDeliveries } from "./queues/webhook-delivery.ts";
import { database } from "./storage/database.ts";
import { sweepPendingDeliveries, type DeliveryMessage } from "./storage/webhooks.ts";
import { nudgeStalledLifecycles, reconcileLifecycles } from "./workflows/start.ts";

export { ProposalLifecycle } from "./workflows/proposal-lifecycle.ts";
export { RenjaExport } from "./workflows/renja-export.ts";

const app = createApp();

export default {
  fetch: app.fetch,

  async queue(batch, env) {
    if (batch.queue === "proposal-routing") return consumeRouting(batch as MessageBatch<RoutingMessage>, env);
    if (batch.queue === "webhook-delivery") return consumeWebhookDeliveries(batch as MessageBatch<DeliveryMessage>, env);
    if (batch.queue in ORIGINAL_QUEUE) return consumeDeadLetters(batch, env);
    // A queue without a consumer here: retry, so the messages reach the dead-letter queue rather than vanish.
    console.error(`no consumer for queue ${batch.queue}`);
    for (const message of batch.messages) message.retry();
  },

  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(reconcileLifecycles(env));
    ctx.waitUntil(nudgeStalledLifecycles(env));
    ctx.waitUntil(sweepPendingDeliveries(env, database(env.DB)));
  },
} satisfies ExportedHandler<Env, unknown>;
