/**
 * An agency's own system decides a task through a signed webhook. The body is verified against any of the
 * agency's valid secrets; the signature is the agency's credential, so the caller is the agency's integration.
 * The `webhook-id` is the idempotency key: a replayed delivery gets the first answer and changes nothing.
 */
import * as v from "valibot";
import { sha256Hex } from "../../../shared/access/bytes.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { InboundDecisionSchema } from "../../../shared/webhooks/events.ts";
import { verifyWebhook } from "../../../shared/webhooks/signature.ts";
import { findAgency } from "../../storage/agencies.ts";
import { rememberAnswer } from "../../storage/idempotency.ts";
import { findTask } from "../../storage/reviews.ts";
import { validSecrets } from "../../storage/webhooks.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, malformedJson, notFound, Refusal } from "../errors.ts";
import { earlierAnswer } from "../idempotency.ts";
import { decideTask, type decisionView } from "../reviews/decide.ts";

const badSignature = (reason: string) =>
  new Refusal(401, "invalid_webhook_signature", { id: "Tanda tangan webhook tidak sah atau kedaluwarsa.", en: "The webhook signature is invalid or expired." }, { details: { reason } });

const notForAgency = new Refusal(403, "task_not_for_agency", { id: "Tugas ini bukan milik OPD ini.", en: "This task does not belong to this agency." });

export interface InboundDecision {
  agencyId: string;
  headers: Headers;
  body: string;
}

export async function decideFromAgencySystem(deps: Deps, { agencyId, headers, body: raw }: InboundDecision): Promise<{ task: ReturnType<typeof decisionView>; replayed: boolean }> {
  const { db } = deps;
  const agency = await findAgency(db, agencyId);
  if (!agency) throw notFound;
  const verified = await verifyWebhook(await validSecrets(db, agencyId), headers, raw);
  if (!verified.ok) throw badSignature(verified.reason);

  const caller = `webhook:${agencyId}`;
  const hash = await sha256Hex(raw);
  const earlier = await earlierAnswer(db, caller, verified.id, hash);
  if (earlier) return { task: earlier.body as ReturnType<typeof decisionView>, replayed: true };
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw malformedJson;
  }
  const parsed = v.safeParse(InboundDecisionSchema, body);
  if (!parsed.success) throw invalidInput(fieldIssues(parsed.issues, deps.lang));
  const { taskId, ...decision } = parsed.output;
  const task = await findTask(db, taskId);
  if (!task || task.regencyCode !== agency.regencyCode) throw notFound;
  if (task.agencyId !== agencyId) throw notForAgency;
  const principal: Principal = { kind: "token", id: caller, name: agency.name, role: "integration", regencyCode: agency.regencyCode, scopeCode: agencyId };
  const result = await decideTask(deps, principal, { taskId, decision: decision as Parameters<typeof decideTask>[2]["decision"], deliveryId: verified.id });
  // Remember the answer so the same delivery, sent again, gets it back unchanged.
  await db.batch([rememberAnswer(db, caller, verified.id, hash, { status: 202, body: result.task })]).catch(() => undefined);
  return { task: result.task, replayed: false };
}
