/**
 * Changes a village makes to its own proposals until the kecamatan verifies them: edit (attachments too), withdraw,
 * re-rank.
 * Each change and its audit event are one batch, guarded on the proposal still being the village's to change.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { MAX_ATTACHMENTS } from "../../../shared/proposals/attachments.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import { isEditable } from "../../../shared/proposals/lifecycle.ts";
import { moveTo, rankChanges } from "../../../shared/proposals/ranking.ts";
import type { ProposalPatch } from "../../../shared/schemas/proposals.ts";
import { wakeLifecycle } from "../../messaging/lifecycle.ts";
import { auditInsert } from "../../storage/audit.ts";
import { nowIso, tryBatch } from "../../storage/database.ts";
import {
  closeRanksBehind,
  deleteAttachments,
  findProposal,
  insertAttachment,
  proposalAttachments,
  setVillageRank,
  updateEditableProposal,
  villageListUnchanged,
  villageProposals,
  type ProposalRow,
} from "../../storage/proposals.ts";
import { askedRecommendationStatement } from "../../storage/recommendations.ts";
import { cancelTasksOfWithdrawn } from "../../storage/reviews.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound, Refusal } from "../errors.ts";
import { withdrawPokir } from "../channels/channels.ts";
import { proposalFor } from "./read.ts";
import { checkSubActivity, type Upload } from "./submit.ts";

export const notEditable = new Refusal(409, "proposal_not_editable", {
  id: "Usulan ini sudah diverifikasi kecamatan atau sudah selesai, sehingga tidak dapat diubah lagi.",
  en: "This proposal has been verified by the district or is closed, so it can no longer be changed.",
});

export interface ProposalChange {
  id: string;
  patch?: ProposalPatch | undefined;
  /** Photos and documents to add (read and checked by `readUploads`). */
  uploads?: readonly Upload[] | undefined;
  /** Attachments of this proposal to remove, by id. */
  removeAttachmentIds?: readonly string[] | undefined;
}

/** The fields a person reads "before → after" for; longer texts are only named as changed. */
const SHOWN_CHANGES = ["volume", "unit", "estimatedCost", "subActivityCode", "rt", "rw", "latitude", "longitude", "beneficiaryCount", "beneficiaryGroup", "villageRank"] as const;

const tooManyAttachments = (lang: Deps["lang"]) =>
  invalidInput([{ path: "attachments", code: "too_many", message: lang === "id" ? `Maksimal ${MAX_ATTACHMENTS} lampiran per usulan.` : `At most ${MAX_ATTACHMENTS} attachments per proposal.` }]);

/**
 * Changes the village's proposal: its fields and its attachments, in one batch with the desa's recommendation and
 * the audit event (what changed, before → after). Editing a proposal the kecamatan returned sends it back. New files
 * go to R2 first and are deleted again if the batch does not commit; removed files leave R2 once it did.
 */
export async function editProposal(deps: Deps, caller: Principal | undefined, change: ProposalChange): Promise<ProposalRow> {
  const { row, principal } = await proposalFor(deps, caller, change.id, "proposal.edit");
  if (!isEditable(row.status)) throw notEditable;
  const { db, env } = deps;
  const patch = change.patch ?? {};
  await checkSubActivity(db, deps.lang, patch.subActivityCode);
  const existing = await proposalAttachments(db, row.id);
  const removed = existing.filter((a) => change.removeAttachmentIds?.includes(a.id));
  if (change.removeAttachmentIds?.some((id) => !existing.some((a) => a.id === id))) throw notFound;
  const uploads = change.uploads ?? [];
  if (existing.length - removed.length + uploads.length > MAX_ATTACHMENTS) throw tooManyAttachments(deps.lang);
  const changed = Object.fromEntries(Object.entries(patch).filter(([key, value]) => row[key as keyof ProposalRow] !== value));
  const shown = Object.fromEntries(SHOWN_CHANGES.filter((key) => key in changed).map((key) => [key, { before: row[key], after: changed[key] }]));
  // Fixing a proposal the kecamatan returned sends it back for verification.
  const resubmitted = row.status === "returned";
  const added = uploads.map((u) => {
    const attachmentId = sortableId("lmp");
    return { ...u, id: attachmentId, r2Key: `proposals/${row.id}/${attachmentId}/${u.filename}` };
  });
  await Promise.all(added.map((f) => env.ATTACHMENTS.put(f.r2Key, f.bytes, { httpMetadata: { contentType: f.contentType } })));
  const now = nowIso();
  const batch = await tryBatch(db, [
    ...updateEditableProposal(db, row.id, { ...changed, ...(resubmitted ? { status: "submitted" } : {}) }),
    askedRecommendationStatement(db, row.id, principal.id, now),
    ...added.map((f) => insertAttachment(db, { id: f.id, proposalId: row.id, r2Key: f.r2Key, filename: f.filename, contentType: f.contentType, size: f.bytes.length })),
    ...(removed.length ? [deleteAttachments(db, row.id, removed.map((a) => a.id))] : []),
    auditInsert(db, {
      regencyCode: row.regencyCode,
      actor: principal.id,
      action: "proposal.edited",
      entityType: "proposal",
      entityId: row.id,
      data: {
        fields: Object.keys(changed),
        ...(Object.keys(shown).length ? { changes: shown } : {}),
        ...(added.length ? { attachmentsAdded: added.map((f) => f.filename) } : {}),
        ...(removed.length ? { attachmentsRemoved: removed.map((a) => a.filename) } : {}),
        ...(resubmitted ? { status: "submitted" } : {}),
      },
    }),
  ]);
  // The kecamatan verified it (or the village withdrew it) between our read and our write.
  if (!batch.ok) {
    await env.ATTACHMENTS.delete(added.map((f) => f.r2Key));
    throw notEditable;
  }
  if (removed.length) await env.ATTACHMENTS.delete(removed.map((a) => a.r2Key));
  if (resubmitted) await wakeLifecycle(deps.env, row.id, { kind: "resubmitted" });
  return (batch.results[1] as ProposalRow[])[0]!;
}

export async function withdrawProposal(deps: Deps, caller: Principal | undefined, { id, reason }: { id: string; reason?: string }): Promise<ProposalRow> {
  const { row, principal } = await proposalFor(deps, caller, id, "proposal.edit");
  // A pokir is withdrawn only with its reason, and also while an agency reviews it.
  if (row.channel === "pokir") return withdrawPokir(deps, caller, { id, reason: reason ?? "" });
  if (row.status === "withdrawn") return row;
  if (!isEditable(row.status)) throw notEditable;
  const { db } = deps;
  const [stillEditable, withdraw] = updateEditableProposal(db, row.id, { status: "withdrawn", villageRank: null });
  const batch = await tryBatch(db, [
    stillEditable,
    // Out of the village's ranking: the others close ranks behind it.
    closeRanksBehind(db, row.id),
    withdraw,
    // Out of the kecamatan's queue with it: nobody can verify a withdrawn proposal.
    cancelTasksOfWithdrawn(db, row.id, principal.id),
    auditInsert(db, {
      regencyCode: row.regencyCode,
      actor: principal.id,
      action: "proposal.withdrawn",
      entityType: "proposal",
      entityId: row.id,
      data: { status: "withdrawn", ...(reason ? { reason } : {}) },
    }),
  ]);
  if (!batch.ok) {
    // Withdrawn by a parallel request: the same answer as a second withdrawal.
    const current = (await findProposal(db, row.id))!;
    if (current.status === "withdrawn") return current;
    throw notEditable;
  }
  await wakeLifecycle(deps.env, row.id, { kind: "withdrawn" });
  return (batch.results[2] as ProposalRow[])[0]!;
}

const listChanged = new Refusal(409, "village_list_changed", {
  id: "Daftar usulan desa sedang diubah di tempat lain. Coba lagi.",
  en: "The village's list is being changed elsewhere. Try again.",
});

/**
 * Moves a proposal to `rank` in its village's list for the year; the others close ranks around it. The new ranks
 * are written only over the list they were computed from; when it changed meanwhile, the move is computed again.
 */
export async function rankProposal(deps: Deps, caller: Principal | undefined, { id, rank }: { id: string; rank: number }): Promise<ProposalRow[]> {
  const { db } = deps;
  for (let attempt = 1; ; attempt++) {
    const { row, principal } = await proposalFor(deps, caller, id, "proposal.edit");
    if (!isEditable(row.status)) throw notEditable;
    const all = await villageProposals(db, row.villageCode, row.year);
    const ordered = moveTo([...all.filter((p) => p.status !== "withdrawn" && p.id !== row.id), row], row.id, rank);
    const moves = rankChanges(ordered, (p) => p.villageRank);
    const position = ordered.findIndex((p) => p.id === row.id);
    if (moves.length === 0) return ordered;
    const batch = await tryBatch(db, [
      villageListUnchanged(db, row.villageCode, row.year, all),
      auditInsert(db, {
        regencyCode: row.regencyCode,
        actor: principal.id,
        action: "proposal.ranked",
        entityType: "proposal",
        entityId: row.id,
        data: { rank: position + 1, villageCode: row.villageCode, year: row.year },
      }),
      ...moves.map(({ item, rank }) => setVillageRank(db, item.id, rank)),
    ]);
    if (batch.ok) return ordered.map((p, index) => ({ ...p, villageRank: index + 1 }));
    if (attempt === 3) throw listChanged;
  }
}
