/**
 * What we tell agencies' systems, as Standard Webhooks messages: `{ type, timestamp, data }`. Event types are
 * stable names; an endpoint subscribes to some of them.
 */
import * as v from "valibot";
import { decisionSchemaWith } from "../reviews/decisions.ts";

export const WEBHOOK_EVENT_TYPES = [
  "review_task.created",
  "review_task.updated",
  "review_task.due_soon",
  "review_task.escalated",
  "forum.decision",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface WebhookEvent {
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

export function webhookEvent(type: WebhookEventType, data: Record<string, unknown>, now = new Date()): WebhookEvent {
  return { type, timestamp: now.toISOString(), data };
}

export const EndpointCreateSchema = v.strictObject({
  url: v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(500),
    v.url(),
    v.check((url) => /^https:\/\//.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url), "webhook_url_https"),
  ),
  eventTypes: v.pipe(v.array(v.picklist(WEBHOOK_EVENT_TYPES)), v.minLength(1), v.maxLength(WEBHOOK_EVENT_TYPES.length)),
});
export type EndpointCreate = v.InferOutput<typeof EndpointCreateSchema>;

export const SecretRotateSchema = v.strictObject({
  /** How long the previous secrets stay valid, so the agency can switch without losing a message. */
  overlapHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 30)), 72),
});

/** What an agency's system sends us: the task and its decision, in the same vocabulary as the API. */
export const InboundDecisionSchema = decisionSchemaWith({
  taskId: v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(64)),
});
