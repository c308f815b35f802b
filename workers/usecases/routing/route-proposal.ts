/**
 * Routing a verified proposal (called by the proposal-routing queue consumer): classify it, open one review task
 * per owning agency (or a Bappeda triage task), move it on, check its overlaps and wake its lifecycle. Safe to run
 * twice for the same proposal: tasks are unique per proposal and queue, the audit event per attempt.
 */
import type { RoutingMessage } from "../../../shared/contracts.ts";
import { taskDueAt } from "../../../shared/lifecycle/deadlines.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import { suggestSubActivities, type CatalogueIndex } from "../../../shared/routing/classify.ts";
import { pickConfident } from "../../../shared/routing/confidence.ts";
import { planRouting } from "../../../shared/routing/route.ts";
import { wakeLifecycle } from "../../messaging/lifecycle.ts";
import { enqueueDeliveries } from "../../messaging/webhooks.ts";
import { responsibilities } from "../../storage/agencies.ts";
import { tryBatch, type Database } from "../../storage/database.ts";
import { catalogueIndex, classificationOf, classificationStatement } from "../../storage/nomenclature.ts";
import { detectOverlaps } from "../../storage/overlaps.ts";
import { findProposal, type ProposalRow } from "../../storage/proposals.ts";
import { noReviewsYet, openTaskStatement, tasksOf, transitionStatements } from "../../storage/reviews.ts";
import { prepareWebhookEvent } from "../../storage/webhooks.ts";
import type { Deps } from "../deps.ts";

interface Classified {
  codes: string[];
  fresh: { code: string; source: "village" | "suggested"; score: number; reason: string }[];
}

/** Codes to route on: corrected ones first, then the village's own, else the confident text suggestions. */
async function classify(db: Database, proposal: ProposalRow, catalogue: () => Promise<CatalogueIndex>): Promise<Classified> {
  const stored = await classificationOf(db, proposal.id);
  if (stored.length > 0) return { codes: stored.map((c) => c.subActivityCode), fresh: [] };
  if (proposal.subActivityCode) {
    return { codes: [proposal.subActivityCode], fresh: [{ code: proposal.subActivityCode, source: "village", score: 1, reason: "dipilih desa" }] };
  }
  // The activity names the work; the problem's words (rusak, banjir, warga) would only dilute the match.
  const confident = pickConfident(suggestSubActivities(proposal.activity, await catalogue()));
  return { codes: confident.map((s) => s.code), fresh: confident.map(({ code, score, reason }) => ({ code, score, reason, source: "suggested" as const })) };
}

export async function routeProposal(deps: Deps, message: RoutingMessage): Promise<"routed" | "triage" | "missing"> {
  const { db, env } = deps;
  const proposal = await findProposal(db, message.proposalId);
  if (!proposal) return "missing";
  const { codes, fresh } = await classify(db, proposal, () => catalogueIndex(db));
  const plan = planRouting(codes, await responsibilities(db, proposal.regencyCode));
  const attempt = message.attempt ?? 1;
  const base = { proposalId: proposal.id, regencyCode: proposal.regencyCode };
  const existing = new Set((await tasksOf(db, proposal.id, "agency_review")).map((t) => t.agencyId));
  const now = Date.now();
  const newReviews = [...plan.agencies.keys()]
    .filter((agencyId) => !existing.has(agencyId))
    .map((agencyId) => ({ ...base, id: sortableId("tgs"), kind: "agency_review" as const, agencyId, queueKey: agencyId, dueAt: taskDueAt("agency_review", now) }));
  const tasks = plan.triage
    ? [openTaskStatement(db, { ...base, kind: "triage", agencyId: null, queueKey: proposal.regencyCode, dueAt: taskDueAt("triage", now) })]
    : newReviews.map((task) => openTaskStatement(db, task));
  // Each agency's own system hears of the new task in the same batch that opens it.
  const events = await Promise.all(
    newReviews.map((task) =>
      prepareWebhookEvent(db, task.agencyId, proposal.regencyCode, "review_task.created", {
        taskId: task.id,
        dueAt: task.dueAt,
        proposal: { id: proposal.id, trackingCode: proposal.trackingCode, activity: proposal.activity, villageCode: proposal.villageCode, districtCode: proposal.districtCode, volume: proposal.volume, unit: proposal.unit, estimatedCost: proposal.estimatedCost, subActivityCodes: plan.agencies.get(task.agencyId) },
      }),
    ),
  );
  const batch = await tryBatch(db, [
    ...(newReviews.length ? [noReviewsYet(db, proposal.id, newReviews.map((t) => t.agencyId))] : []),
    ...events.flatMap((e) => e.statements),
    ...fresh.map((c) => classificationStatement(db, proposal.id, c)),
    ...tasks,
    ...transitionStatements(db, {
      ...base,
      status: plan.triage ? "triage" : "in_review",
      stage: "opd_review",
      actor: "system:routing",
      action: plan.triage ? "proposal.triage" : "proposal.routed",
      dedupeKey: `${proposal.id}:routed:${attempt}`,
      data: { codes, agencies: [...plan.agencies.keys()], unowned: plan.unowned },
    }),
  ]);
  // A parallel run (a redelivered message) opened them first: route again from what is there now.
  if (!batch.ok) return routeProposal(deps, message);
  await enqueueDeliveries(env, events.flatMap((e) => e.messages));
  // Overlaps are found once the proposal sits with its agencies, so a flag can tell cross-agency from duplicate.
  await detectOverlaps(db, proposal.id);
  await wakeLifecycle(env, proposal.id, { kind: "routed" });
  return plan.triage ? "triage" : "routed";
}
