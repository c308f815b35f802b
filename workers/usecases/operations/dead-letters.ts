/**
 * Messages that exhausted their retries: kept in D1 (by the dead-letter queues' consumer), where Bappeda sees them
 * and replays them onto their original queue.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { isReplayable, replayMessage } from "../../messaging/replay.ts";
import { auditInsert } from "../../storage/audit.ts";
import { deadLettersOf, findDeadLetter, markReplayed, recordDeadLetter, type DeadLetterRow } from "../../storage/operations.ts";
import { tryBatch } from "../../storage/database.ts";
import { findProposal } from "../../storage/proposals.ts";
import { markDead } from "../../storage/webhooks.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { notFound, Refusal } from "../errors.ts";

export const deadLetterView = (row: DeadLetterRow) => ({
  id: row.id,
  queue: row.queue,
  body: JSON.parse(row.body) as unknown,
  attempts: row.attempts,
  createdAt: row.createdAt,
  replayedAt: row.replayedAt,
});

/** Keeps a dead-lettered message (idempotent by message id); a webhook delivery is also marked dead. */
export async function keepDeadLetter(deps: Deps, message: { id: string; queue: string; body: unknown; attempts: number }): Promise<void> {
  const { db } = deps;
  const body = message.body as { proposalId?: string; regencyCode?: string; deliveryId?: unknown };
  const regencyCode = body.regencyCode ?? (body.proposalId ? (await findProposal(db, body.proposalId))?.regencyCode : undefined) ?? null;
  await db.batch([recordDeadLetter(db, { id: message.id, queue: message.queue, regencyCode, body: JSON.stringify(message.body), attempts: message.attempts })]);
  if (message.queue === "webhook-delivery" && typeof body.deliveryId === "string") await markDead(db, [body.deliveryId]);
}

export async function listDeadLetters(deps: Deps, caller: Principal | undefined, { includeReplayed }: { includeReplayed: boolean }) {
  const admin = authorizeInOwnScope(caller, "triage.decide");
  return (await deadLettersOf(deps.db, admin.regencyCode, includeReplayed)).map(deadLetterView);
}

const alreadyReplayed = new Refusal(409, "already_replayed", { id: "Pesan ini sudah dikirim ulang.", en: "This message was already replayed." });

export async function replayDeadLetter(deps: Deps, caller: Principal | undefined, { id }: { id: string }) {
  const { db } = deps;
  const row = await findDeadLetter(db, id);
  if (!row || !row.regencyCode) throw notFound;
  const admin = authorize(caller, "triage.decide", { regencyCode: row.regencyCode });
  if (row.replayedAt) throw alreadyReplayed;
  if (!isReplayable(row.queue)) throw notFound;
  // Mark first: a replay that is sent twice is harmless (consumers are idempotent), one that is lost is not.
  const batch = await tryBatch(db, [
    ...markReplayed(db, id, admin.id),
    auditInsert(db, { regencyCode: row.regencyCode, actor: admin.id, action: "dead_letter.replayed", entityType: "dead_letter", entityId: id, data: { queue: row.queue } }),
  ]);
  if (!batch.ok) throw alreadyReplayed;
  await replayMessage(deps.env, row.queue, JSON.parse(row.body));
  return deadLetterView((batch.results[1] as DeadLetterRow[])[0]!);
}
