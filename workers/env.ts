/** The bindings declared in wrangler.toml, typed once for the Worker, its queue consumers and workflows. */
import type { ProposalLifecycleParams } from "./workflows/proposal-lifecycle.ts";
import type { RenjaExportParams } from "./workflows/renja-export.ts";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      PROPOSAL_ROUTING: Queue;
      WEBHOOK_DELIVERY: Queue;
      PROPOSAL_LIFECYCLE: Workflow<ProposalLifecycleParams>;
      RENJA_EXPORT: Workflow<RenjaExportParams>;
      ATTACHMENTS: R2Bucket;
      EXPORTS: R2Bucket;
      DEMO_REGENCY_CODE: string;
      SUBMISSIONS_PER_ACCOUNT: RateLimit;
      REQUESTS_PER_ADDRESS: RateLimit;
      SIGN_INS_PER_ADDRESS: RateLimit;
      /** How long an agency's endpoint may take to answer a webhook (default 10 s). */
      WEBHOOK_TIMEOUT_MS?: string;
      /** Rows above which a Renja export runs in the background (default SYNC_ROW_LIMIT). */
      EXPORT_SYNC_ROW_LIMIT?: string;
    }
    interface GlobalProps {
      mainModule: typeof import("./index.ts");
    }
  }
}

export type Env = Cloudflare.Env;
