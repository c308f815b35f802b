/**
 * `npm start` brings the demo's 300 seeded proposals to life in the background. Locally every Workflow instance
 * is created on the one thread that also answers requests, and a burst of creations holds requests back until it
 * ends (300 at once: 30-60 s). So they start a few at a time with pauses between, and the server keeps answering.
 * Only `npm start` sends this trigger (to wrangler dev's /__scheduled); it is not in wrangler.toml, and a real
 * deployment has no demo proposals (the cron's reconcile starts any proposal's missing lifecycle there).
 */
import { startLifecycle } from "../../messaging/lifecycle.ts";
import { demoProposalsNotStarted, latestRoutedProposal } from "../../storage/demo.ts";
import type { Deps } from "../deps.ts";
import { keepDeadLetter } from "./dead-letters.ts";

export const LOCAL_DEMO_CRON = "local-demo-lifecycles";

export async function startDemoLifecycles(deps: Deps, { perBurst = 5, pauseMs = 500 } = {}): Promise<number> {
  const tried = new Set<string>();
  for (;;) {
    // Each once: a lifecycle that started but has not opened its task yet is left to itself.
    const ids = (await demoProposalsNotStarted(deps.db, tried.size + perBurst)).filter((id) => !tried.has(id)).slice(0, perBurst);
    if (ids.length === 0) return tried.size;
    for (const id of ids) {
      tried.add(id);
      await startLifecycle(deps.env, id);
    }
    // The first step of each (opening its verification) also runs on that thread before the next burst looks.
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

export const LOCAL_DEAD_LETTER_CRON = "local-demo-dead-letter";

/**
 * Local only, like LOCAL_DEMO_CRON (sent to wrangler dev's /__scheduled by the browser suite; never a configured
 * cron): the latest routed proposal's routing message recorded as exhausted, exactly as the dead-letter consumer
 * records one, so Bappeda's replay can be walked without waiting hours of real retries. Its replay routes the
 * proposal again, which changes nothing (routing is idempotent).
 */
export async function deadLetterLatestRouting(deps: Deps): Promise<string | null> {
  const regencyCode = deps.env.DEMO_REGENCY_CODE;
  const proposalId = await latestRoutedProposal(deps.db, regencyCode);
  if (!proposalId) return null;
  await keepDeadLetter(deps, { id: `demo-dlq-${proposalId}-${Date.now()}`, queue: "proposal-routing", body: { proposalId, attempt: 6 }, attempts: 6 });
  return proposalId;
}
