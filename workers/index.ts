/** The Worker: HTTP (API, forms, docs), the queue consumers, the cron, and the workflow classes it hosts. */
import type { DeliveryMessage, RoutingMessage } from "../shared/contracts.ts";
import type { Env } from "./env.ts";
import { createApp } from "./http/app.tsx";
import { ORIGINAL_QUEUE } from "./messaging/replay.ts";
import { consumeDeadLetters } from "./queues/dead-letters.ts";
import { consumeRouting } from "./queues/proposal-routing.ts";
import { consumeWebhookDeliveries } from "./queues/webhook-delivery.ts";
import { depsOf } from "./usecases/deps.ts";
import { deadLetterLatestRouting, LOCAL_DEAD_LETTER_CRON, LOCAL_DEMO_CRON, startDemoLifecycles } from "./usecases/operations/demo.ts";
import { nudgeStalledLifecycles, reconcileLifecycles } from "./usecases/operations/lifecycles.ts";
import { applyRetention, RETENTION_CRON } from "./usecases/operations/retention.ts";
import { sweepPendingDeliveries } from "./usecases/webhooks/deliver.ts";

export { ProposalLifecycle } from "./workflows/proposal-lifecycle.ts";
export { RenjaExport } from "./workflows/renja-export.ts";
export { BudgetScenarioRun } from "./workflows/budget-scenario-run.ts";
export { ProposalImport } from "./workflows/proposal-import.ts";

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

  async scheduled(controller, env, ctx) {
    const deps = depsOf(env);
    if (controller.cron === RETENTION_CRON) return ctx.waitUntil(applyRetention(deps).then((report) => console.log({ job: "retention", ...report })));
    if (controller.cron === LOCAL_DEMO_CRON) return ctx.waitUntil(startDemoLifecycles(deps));
    if (controller.cron === LOCAL_DEAD_LETTER_CRON) return ctx.waitUntil(deadLetterLatestRouting(deps));
    ctx.waitUntil(reconcileLifecycles(deps));
    ctx.waitUntil(nudgeStalledLifecycles(deps));
    ctx.waitUntil(sweepPendingDeliveries(deps));
  },
} satisfies ExportedHandler<Env, unknown>;
