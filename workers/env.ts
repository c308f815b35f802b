/**
 * The bindings declared in wrangler.toml, typed once for the Worker, its queue consumers and workflows. Written by
 * hand rather than by `wrangler types` so that queues and workflows carry their message and parameter types; it
 * imports only the contracts in shared/, never the Worker's own modules.
 */
import type { BudgetScenarioRunParams, DeliveryMessage, ProposalImportParams, ProposalLifecycleParams, RenjaExportParams, RoutingMessage } from "../shared/contracts.ts";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      PROPOSAL_ROUTING: Queue<RoutingMessage>;
      WEBHOOK_DELIVERY: Queue<DeliveryMessage>;
      PROPOSAL_LIFECYCLE: Workflow<ProposalLifecycleParams>;
      RENJA_EXPORT: Workflow<RenjaExportParams>;
      BUDGET_SCENARIO_RUN: Workflow<BudgetScenarioRunParams>;
      PROPOSAL_IMPORT: Workflow<ProposalImportParams>;
      ATTACHMENTS: R2Bucket;
      EXPORTS: R2Bucket;
      /** Audit events past their time in D1 (JSON lines per kabupaten and month) and the retention job's place. */
      ARCHIVE: R2Bucket;
      DEMO_REGENCY_CODE: string;
      SUBMISSIONS_PER_ACCOUNT: RateLimit;
      REQUESTS_PER_ADDRESS: RateLimit;
      SIGN_INS_PER_ADDRESS: RateLimit;
      TRACKING_PER_ADDRESS: RateLimit;
      /** How long an agency's endpoint may take to answer a webhook (default 10 s). */
      WEBHOOK_TIMEOUT_MS?: string;
      /** Rows above which a Renja export runs in the background (default SYNC_ROW_LIMIT). */
      EXPORT_SYNC_ROW_LIMIT?: string;
      /** Seconds the public account's pages and files stay in the edge cache (default 60; 0: not cached). */
      PUBLIC_CACHE_SECONDS?: string;
      /** Proposals above which a spreadsheet import is committed in the background (default 300). */
      IMPORT_SYNC_ROW_LIMIT?: string;
    }
  }
}

export type Env = Cloudflare.Env;
