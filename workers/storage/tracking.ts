/** The public view of a proposal: what was asked, where, and how it went. No names, no accounts, no notes. */
import { and, asc, eq, like } from "drizzle-orm";
import { STAGES, STATUSES, type Stage, type Status } from "../../shared/proposals/lifecycle.ts";
import { TRACKING_CODE } from "../../shared/proposals/ids.ts";
import { auditEvents, proposals } from "../../shared/db/schema.ts";
import type { Database } from "./database.ts";
import { villagePlace } from "./proposals.ts";

export async function trackingView(db: Database, code: string) {
  if (!TRACKING_CODE.test(code)) return null;
  const proposal = await db.query.proposals.findFirst({ where: eq(proposals.trackingCode, code) });
  if (!proposal) return null;
  const place = await villagePlace(db, proposal.villageCode);
  const events = await db
    .select({ at: auditEvents.createdAt, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "proposal"), eq(auditEvents.entityId, proposal.id), like(auditEvents.data, '%"status"%')))
    .orderBy(asc(auditEvents.id));
  const mergedIntoId = events.map((e) => (JSON.parse(e.data ?? "{}") as { status?: string; mergedIntoId?: string })).findLast((d) => d.status === "merged")?.mergedIntoId;
  const target = proposal.status === "merged" && mergedIntoId ? await db.query.proposals.findFirst({ where: eq(proposals.id, mergedIntoId), columns: { trackingCode: true } }) : undefined;
  const history = events.flatMap((event) => {
    const status = (JSON.parse(event.data ?? "{}") as { status?: string }).status as Status | undefined;
    return status && STATUSES[status] ? [{ at: event.at, status, label: STATUSES[status].id }] : [];
  });
  return {
    trackingCode: proposal.trackingCode,
    activity: proposal.activity,
    village: place?.villageName ?? proposal.villageCode,
    district: place?.districtName ?? proposal.districtCode,
    year: proposal.year,
    stage: STAGES[proposal.stage as Stage]?.id ?? proposal.stage,
    status: STATUSES[proposal.status as Status]?.id ?? proposal.status,
    mergedInto: target?.trackingCode ?? null,
    history,
  };
}
