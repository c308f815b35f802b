/** Audit events are written in the same batch as the change they record, never after it. */
import { auditEvents } from "../../shared/db/schema.ts";
import type { Database } from "./database.ts";

export interface AuditEvent {
  regencyCode: string | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

export function auditInsert(db: Database, event: AuditEvent) {
  return db.insert(auditEvents).values({ ...event, data: event.data ? JSON.stringify(event.data) : null });
}
