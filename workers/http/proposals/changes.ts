/**
 * Changes a village makes to its own proposals until the kecamatan verifies them: edit, withdraw, re-rank.
 * Each change and its audit event are one batch.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Action } from "../../../shared/access/policy.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { proposals } from "../../../shared/db/schema.ts";
import type { ProposalPatch } from "../../../shared/schemas/proposals.ts";
import { auditInsert } from "../../storage/audit.ts";
import { database, nowIso } from "../../storage/database.ts";
import { findProposal, routedAgencies, villageProposals, type ProposalRow } from "../../storage/proposals.ts";
import { LIFECYCLE_EVENT, type LifecycleWake } from "../../workflows/proposal-lifecycle.ts";
import { notifyLifecycle } from "../../workflows/start.ts";
import { authorize } from "../access.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { checkSubActivity } from "./intake.ts";

/** Statuses in which the village still owns its proposal. */
export const EDITABLE_STATUSES = new Set(["submitted", "returned"]);

export const notEditable = new ApiError(409, "proposal_not_editable", {
  id: "Usulan ini sudah diverifikasi kecamatan atau sudah selesai, sehingga tidak dapat diubah lagi.",
  en: "This proposal has been verified by the district or is closed, so it can no longer be changed.",
});

/** The proposal and the caller, when the caller may do `action` on it (404/403 otherwise). */
export async function proposalFor(c: AppContext, id: string, action: Action): Promise<{ row: ProposalRow; principal: Principal }> {
  const db = database(c.env.DB);
  const row = await findProposal(db, id);
  if (!row) throw notFound;
  const agencyIds = action === "proposal.read" ? await routedAgencies(db, id) : [];
  const principal = authorize(c, action, { regencyCode: row.regencyCode, districtCode: row.districtCode, villageCode: row.villageCode, agencyIds });
  return { row, principal };
}

export async function editProposal(c: AppContext, principal: Principal, row: ProposalRow, patch: ProposalPatch): Promise<ProposalRow> {
  if (!EDITABLE_STATUSES.has(row.status)) throw notEditable;
  const db = database(c.env.DB);
  await checkSubActivity(c, db, patch.subActivityCode);
  const changed = Object.fromEntries(Object.entries(patch).filter(([key, value]) => row[key as keyof ProposalRow] !== value));
  // Fixing a proposal the kecamatan returned sends it back for verification.
  const resubmitted = row.status === "returned";
  const [updated] = await db.batch([
    db
      .update(proposals)
      .set({ ...changed, ...(resubmitted ? { status: "submitted" } : {}), updatedAt: nowIso() })
      .where(and(eq(proposals.id, row.id), inArray(proposals.status, [...EDITABLE_STATUSES])))
      .returning(),
    auditInsert(db, {
      regencyCode: row.regencyCode,
      actor: principal.id,
      action: "proposal.edited",
      entityType: "proposal",
      entityId: row.id,
      data: { fields: Object.keys(changed), ...(resubmitted ? { status: "submitted" } : {}) },
    }),
  ]);
  // The guarded update matched nothing: the kecamatan verified it between our read and our write.
  if (!updated[0]) throw notEditable;
  if (resubmitted) await notifyLifecycle(c.env, row.id, { type: LIFECYCLE_EVENT, payload: { kind: "resubmitted" } satisfies LifecycleWake });
  return updated[0];
}

export async function withdrawProposal(c: AppContext, principal: Principal, row: ProposalRow, reason?: string): Promise<ProposalRow> {
  if (row.status === "withdrawn") return row;
  if (!EDITABLE_STATUSES.has(row.status)) throw notEditable;
  const db = database(c.env.DB);
  const [updated] = await db.batch([
    db
      .update(proposals)
      .set({ status: "withdrawn", updatedAt: nowIso() })
      .where(and(eq(proposals.id, row.id), inArray(proposals.status, [...EDITABLE_STATUSES])))
      .returning(),
    auditInsert(db, {
      regencyCode: row.regencyCode,
      actor: principal.id,
      action: "proposal.withdrawn",
      entityType: "proposal",
      entityId: row.id,
      data: { status: "withdrawn", ...(reason ? { reason } : {}) },
    }),
  ]);
  if (!updated[0]) throw notEditable;
  await notifyLifecycle(c.env, row.id, { type: LIFECYCLE_EVENT, payload: { kind: "withdrawn" } satisfies LifecycleWake });
  return updated[0];
}

/** Moves a proposal to `rank` in its village's list for the year; the others close ranks around it. */
export async function rankProposal(c: AppContext, principal: Principal, row: ProposalRow, rank: number): Promise<ProposalRow[]> {
  if (!EDITABLE_STATUSES.has(row.status)) throw notEditable;
  const db = database(c.env.DB);
  const list = (await villageProposals(db, row.villageCode, row.year)).filter((p) => p.status !== "withdrawn");
  const others = list.filter((p) => p.id !== row.id);
  const position = Math.min(Math.max(rank, 1), others.length + 1) - 1;
  const ordered = [...others.slice(0, position), row, ...others.slice(position)];
  const moves = ordered.map((p, index) => ({ p, rank: index + 1 })).filter(({ p, rank }) => p.villageRank !== rank);
  if (moves.length > 0) {
    await db.batch([
      auditInsert(db, {
        regencyCode: row.regencyCode,
        actor: principal.id,
        action: "proposal.ranked",
        entityType: "proposal",
        entityId: row.id,
        data: { rank: position + 1, villageCode: row.villageCode, year: row.year },
      }),
      ...moves.map(({ p, rank }) => db.update(proposals).set({ villageRank: rank, updatedAt: nowIso() }).where(eq(proposals.id, p.id))),
    ]);
  }
  return ordered.map((p, index) => ({ ...p, villageRank: index + 1 }));
}
