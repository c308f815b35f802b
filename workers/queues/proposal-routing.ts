/**
 * The routing consumer: classifies each verified proposal, opens one review task per owning agency (or a
 * Bappeda triage task), moves the proposal on, and wakes its lifecycle. Safe to run twice for the same
 * proposal: tasks are unique per proposal and queue, the audit event per attempt. A message that fails is
 * retried with backoff; one that exhausts its retries goes to the dead-letter queue.
 */
import { eq } from "drizzle-orm";
import { agencyResponsibilities, proposalClassifications, subActivities } from "../../shared/db/schema.ts";
import { indexCatalogue, suggestSubActivities, SUGGESTION_THRESHOLD, type CatalogueIndex, type Suggestion } from "../../shared/routing/classify.ts";
import { bidangOf } from "../../shared/reference/nomenclature.ts";
import { planRouting } from "../../shared/routing/route.ts";
import { retryDelaySeconds } from "../../shared/webhooks/backoff.ts";
import type { Env } from "../env.ts";
import { database, runBatch, type Database } from "../storage/database.ts";
import { detectOverlaps } from "../storage/overlaps.ts";
import { findProposal, type ProposalRow } from "../storage/proposals.ts";
import { dueIn, openTaskStatement, TASK_DAYS, tasksOf, transitionStatements } from "../storage/reviews.ts";
import { enqueueDeliveries, prepareWebhookEvent } from "../storage/webhooks.ts";
import { sortableId } from "../../shared/proposals/ids.ts";
import { notifyLifecycle } from "../workflows/start.ts";
import { LIFECYCLE_EVENT } from "../workflows/proposal-lifecycle.ts";

export interface RoutingMessage {
  proposalId: string;
  attempt?: number;
  /** "overlap_check" re-checks overlaps only (Bappeda's recheck of a planning year); default: route. */
  kind?: "route" | "overlap_check";
}

let catalogue: Promise<CatalogueIndex> | undefined;

/** The KABKOT nomenclature indexed once per isolate: it changes once a year. */
function catalogueIndex(db: Database): Promise<CatalogueIndex> {
  catalogue ??= db
    .select({ code: subActivities.code, name: subActivities.name, kegiatanName: subActivities.kegiatanName })
    .from(subActivities)
    .where(eq(subActivities.governmentLevel, "KABKOT"))
    .then(indexCatalogue)
    .catch((error: unknown) => {
      catalogue = undefined;
      throw error;
    });
  return catalogue;
}

/** Codes to route on: corrected ones first, then the village's own, else the confident text suggestions. */
async function classify(db: Database, proposal: ProposalRow): Promise<{ codes: string[]; fresh: { code: string; source: "village" | "suggested"; score: number; reason: string }[] }> {
  const stored = await db.select().from(proposalClassifications).where(eq(proposalClassifications.proposalId, proposal.id));
  if (stored.length > 0) return { codes: stored.map((c) => c.subActivityCode), fresh: [] };
  if (proposal.subActivityCode) {
    return { codes: [proposal.subActivityCode], fresh: [{ code: proposal.subActivityCode, source: "village", score: 1, reason: "dipilih desa" }] };
  }
  // The activity names the work; the problem's words (rusak, banjir, warga) would only dilute the match.
  const suggestions = suggestSubActivities(proposal.activity, await catalogueIndex(db));
  const confident = pickConfident(suggestions);
  return { codes: confident.map((s) => s.code), fresh: confident.map(({ code, score, reason }) => ({ code, score, reason, source: "suggested" as const })) };
}

/**
 * The best suggestion, and a runner-up of another bidang when nearly as good and matching words the best did
 * not: the proposal names two pieces of work ("jalan dan drainase"), not one word found in two catalogues.
 */
export function pickConfident(suggestions: readonly Suggestion[]): Suggestion[] {
  const [best, ...rest] = suggestions;
  if (!best || best.score < SUGGESTION_THRESHOLD) return [];
  const second = rest.find(
    (s) => s.score >= Math.max(SUGGESTION_THRESHOLD, best.score - 0.05) && bidangOf(s.code) !== bidangOf(best.code) && s.words.some((w) => !best.words.includes(w)),
  );
  return second ? [best, second] : [best];
}

export async function routeProposal(env: Env, message: RoutingMessage): Promise<"routed" | "triage" | "missing"> {
  const db = database(env.DB);
  const proposal = await findProposal(db, message.proposalId);
  if (!proposal) return "missing";
  const { codes, fresh } = await classify(db, proposal);
  const responsibilities = await db.select().from(agencyResponsibilities).where(eq(agencyResponsibilities.regencyCode, proposal.regencyCode));
  const plan = planRouting(codes, new Map(responsibilities.map((r) => [r.codePrefix, r.agencyId])));
  const attempt = message.attempt ?? 1;
  const base = { proposalId: proposal.id, regencyCode: proposal.regencyCode };
  const existing = new Set((await tasksOf(db, proposal.id, "agency_review")).map((t) => t.agencyId));
  const newReviews = [...plan.agencies.keys()]
    .filter((agencyId) => !existing.has(agencyId))
    .map((agencyId) => ({ ...base, id: sortableId("tgs"), kind: "agency_review" as const, agencyId, queueKey: agencyId, dueAt: dueIn(TASK_DAYS.agency_review) }));
  const tasks = plan.triage
    ? [openTaskStatement(db, { ...base, kind: "triage", agencyId: null, queueKey: proposal.regencyCode, dueAt: dueIn(TASK_DAYS.triage) })]
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
  await runBatch(db, [
    ...events.flatMap((e) => e.statements),
    ...fresh.map((c) => db.insert(proposalClassifications).values({ proposalId: proposal.id, subActivityCode: c.code, source: c.source, score: c.score, reason: c.reason }).onConflictDoNothing()),
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
  await enqueueDeliveries(env, events.flatMap((e) => e.messages));
  // Overlaps are found once the proposal sits with its agencies, so a flag can tell cross-agency from duplicate.
  await detectOverlaps(db, proposal.id);
  await notifyLifecycle(env, proposal.id, { type: LIFECYCLE_EVENT, payload: { kind: "routed" } });
  return plan.triage ? "triage" : "routed";
}

export async function consumeRouting(batch: MessageBatch<RoutingMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      if (message.body.kind === "overlap_check") {
        await detectOverlaps(database(env.DB), message.body.proposalId);
        message.ack();
        continue;
      }
      const result = await routeProposal(env, message.body);
      if (result === "missing") console.warn(`routing: proposal ${message.body.proposalId} does not exist; message dropped`);
      message.ack();
    } catch (error) {
      console.error(`routing: ${message.body.proposalId} failed (attempt ${message.attempts})`, error);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
