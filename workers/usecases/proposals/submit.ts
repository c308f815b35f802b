/**
 * Submitting a proposal, for the form and the API alike. Everything that can be refused is checked before
 * anything is written; then the files go to R2 and the proposal, its attachments, its kecamatan verification
 * task, what the desa asks for, its audit event and the idempotency answer go to D1 in one batch. If the batch
 * fails the R2 objects are deleted again, so a failed submission leaves nothing behind. The same content sent again
 * by the same account within a short window answers the proposal it already made (shared/proposals/content.ts).
 */
import { sha256Hex } from "../../../shared/access/bytes.ts";
import { duplicateSince, proposalContent } from "../../../shared/proposals/content.ts";
import { decide } from "../../../shared/access/policy.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import type { Language } from "../../../shared/i18n.ts";
import { taskDueAt } from "../../../shared/lifecycle/deadlines.ts";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, safeFilename, sniffAttachmentType } from "../../../shared/proposals/attachments.ts";
import { sortableId, trackingCode } from "../../../shared/proposals/ids.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import type { ProposalInput, ProposalView } from "../../../shared/schemas/proposals.ts";
import { startLifecycle } from "../../messaging/lifecycle.ts";
import { auditInsert } from "../../storage/audit.ts";
import { carryOverUnchosen, insertCarryOverChoice } from "../../storage/carry-over.ts";
import { nowIso, tryBatch, type BatchOutcome, type Database } from "../../storage/database.ts";
import { isKeyConflict, rememberAnswer } from "../../storage/idempotency.ts";
import { insertAttachment, insertProposal, noRecentSameContent, proposalAttachments, proposalView, recentSameContent, subActivityExists, villagePlace, villageRankOf, type VillagePlace } from "../../storage/proposals.ts";
import { askedRecommendationStatement } from "../../storage/recommendations.ts";
import { openTaskStatement } from "../../storage/reviews.ts";
import { authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, Refusal } from "../errors.ts";
import { earlierAnswer } from "../idempotency.ts";

export interface Upload {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

const tooLarge = new Refusal(413, "attachment_too_large", {
  id: `Lampiran terlalu besar (maksimal ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB per berkas).`,
  en: `Attachment too large (at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB per file).`,
});

const unsupportedType = new Refusal(415, "attachment_type_unsupported", {
  id: "Lampiran harus berupa foto (JPG, PNG, WebP) atau PDF.",
  en: "Attachments must be photos (JPG, PNG, WebP) or PDF.",
});

/** Reads uploaded files, refusing too many, too large or of a type we do not take, before anything is stored. */
export async function readUploads(files: readonly File[], lang: Language): Promise<Upload[]> {
  const given = files.filter((f) => f.size > 0 || f.name);
  if (given.length > MAX_ATTACHMENTS) {
    throw invalidInput([{ path: "attachments", code: "too_many", message: lang === "id" ? `Maksimal ${MAX_ATTACHMENTS} lampiran.` : `At most ${MAX_ATTACHMENTS} attachments.` }]);
  }
  const uploads: Upload[] = [];
  for (const file of given) {
    if (file.size > MAX_ATTACHMENT_BYTES) throw tooLarge;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentType = sniffAttachmentType(bytes.subarray(0, 16));
    if (!contentType) throw unsupportedType;
    uploads.push({ filename: safeFilename(file.name), contentType, bytes });
  }
  return uploads;
}

/** The place a proposal names, checked: a real village, inside the caller's scope. */
async function checkPlace(deps: Deps, principal: Principal, villageCode: string): Promise<VillagePlace> {
  const place = await villagePlace(deps.db, villageCode);
  if (!place) throw invalidInput([customIssue("villageCode", "region_unknown", deps.lang)]);
  const target = { regencyCode: place.regencyCode, districtCode: place.districtCode, villageCode };
  if (decide(principal, "proposal.submit", target) !== "allow") throw invalidInput([customIssue("villageCode", "region_out_of_scope", deps.lang)]);
  return place;
}

/** A sub-activity code the caller gives must be in the nomenclature; `path` names the field it came in. */
export async function checkSubActivity(db: Database, lang: Language, code: string | null | undefined, path = "subActivityCode"): Promise<void> {
  if (code && !(await subActivityExists(db, code))) throw invalidInput([customIssue(path, "sub_activity_unknown", lang)]);
}

async function requestHash(input: ProposalInput, uploads: readonly Upload[]): Promise<string> {
  const files = await Promise.all(uploads.map(async (u) => `${u.filename}:${await sha256Hex(u.bytes)}`));
  return sha256Hex(JSON.stringify({ input, files }));
}

export interface Submission {
  proposal: ProposalInput;
  uploads: readonly Upload[];
  /** Retries with the same key get the first answer (API header, or the form's one-time token). */
  idempotencyKey?: string;
  /** Last year's proposal this one carries over (workers/usecases/proposals/carry-over.ts checked the offer). */
  carriedFrom?: { id: string; trackingCode: string; year: number; regencyCode: string };
}

export interface Submitted {
  status: number;
  proposal: ProposalView;
  replayed: boolean;
  /** The same content came from this account a moment ago: this is that proposal, nothing new was stored. */
  duplicate?: boolean;
}

/** The proposal this account submitted with the same content within the window, as the answer to a resubmission. */
async function earlierSameContent(db: Database, principal: Principal, contentHash: string, since: string): Promise<Submitted | null> {
  const earlier = await recentSameContent(db, principal.id, contentHash, since);
  return earlier ? { status: 200, proposal: proposalView(earlier, await proposalAttachments(db, earlier.id)), replayed: true, duplicate: true } : null;
}

export const carryOverChosen = new Refusal(409, "carry_over_chosen", {
  id: "Desa sudah memilih untuk usulan tahun lalu ini (diajukan lagi atau tidak diajukan lagi).",
  en: "The village has already chosen for this proposal of last year (submitted again or dropped).",
});

export async function submitProposal(deps: Deps, caller: Principal | undefined, { proposal: input, uploads, idempotencyKey, carriedFrom }: Submission): Promise<Submitted> {
  const principal = authorizeInOwnScope(caller, "proposal.submit");
  const { db, env } = deps;
  const place = await checkPlace(deps, principal, input.villageCode);
  await checkSubActivity(db, deps.lang, input.subActivityCode);

  const hash = idempotencyKey ? await requestHash(input, uploads) : "";
  if (idempotencyKey) {
    const earlier = await earlierAnswer(db, principal.id, idempotencyKey, hash);
    if (earlier) return { status: earlier.status, proposal: earlier.body as ProposalView, replayed: true };
  }
  const now = nowIso();
  // Carrying over is part of the content: two offers with the same words are two proposals, a double tap one.
  const contentHash = await sha256Hex(proposalContent(input) + (carriedFrom ? `\ncarried:${carriedFrom.id}` : ""));
  const since = duplicateSince(Date.parse(now));
  const duplicate = await earlierSameContent(db, principal, contentHash, since);
  if (duplicate) return duplicate;

  const id = sortableId("usl");
  const row = {
    ...input,
    id,
    trackingCode: trackingCode(input.year),
    regencyCode: place.regencyCode,
    districtCode: place.districtCode,
    description: input.description ?? null,
    address: input.address ?? null,
    rt: input.rt ?? null,
    rw: input.rw ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    beneficiaryCount: input.beneficiaryCount ?? null,
    beneficiaryGroup: input.beneficiaryGroup ?? null,
    subActivityCode: input.subActivityCode ?? null,
    fundingSource: input.fundingSource ?? null,
    // Without a rank it goes to the end of its village's list for the year, as the insert finds it.
    villageRank: input.villageRank ?? null,
    districtRank: null,
    stage: "desa",
    status: "submitted",
    createdBy: principal.id,
    contentHash,
    carriedFrom: carriedFrom?.id ?? null,
    createdAt: now,
    updatedAt: now,
  };
  const files = uploads.map((u) => {
    const attachmentId = sortableId("lmp");
    return { ...u, id: attachmentId, r2Key: `proposals/${id}/${attachmentId}/${u.filename}` };
  });
  const view = proposalView(row, files.map((f) => ({ id: f.id, filename: f.filename, contentType: f.contentType, size: f.bytes.length })));

  await Promise.all(files.map((f) => env.ATTACHMENTS.put(f.r2Key, f.bytes, { httpMetadata: { contentType: f.contentType } })));
  const removeFiles = () => env.ATTACHMENTS.delete(files.map((f) => f.r2Key));
  // Offered once: a keep, change or drop of the same proposal that committed first rolls this one back.
  const carryGuards = carriedFrom ? carryOverUnchosen(db, carriedFrom.id) : [];
  let batch: BatchOutcome;
  try {
    batch = await tryBatch(db, [
      ...carryGuards,
      // A parallel submission of the same content that committed first makes this one that proposal, not a second.
      noRecentSameContent(db, principal.id, contentHash, since),
      insertProposal(db, row),
      askedRecommendationStatement(db, id, principal.id, now),
      ...files.map((f) => insertAttachment(db, { id: f.id, proposalId: id, r2Key: f.r2Key, filename: f.filename, contentType: f.contentType, size: f.bytes.length })),
      // In the kecamatan's queue from the moment the village is told "received", whenever the lifecycle starts.
      openTaskStatement(db, { proposalId: id, regencyCode: place.regencyCode, kind: "verification", agencyId: null, queueKey: place.districtCode, dueAt: taskDueAt("verification", Date.parse(now)) }),
      auditInsert(db, {
        regencyCode: place.regencyCode,
        actor: principal.id,
        action: "proposal.submitted",
        entityType: "proposal",
        entityId: id,
        data: { status: "submitted", stage: "desa", trackingCode: row.trackingCode, attachments: files.length, ...(carriedFrom ? { carriedFrom: { trackingCode: carriedFrom.trackingCode, year: carriedFrom.year } } : {}) },
      }),
      ...(carriedFrom
        ? [
            insertCarryOverChoice(db, carriedFrom.id, "kept", id, principal.id),
            auditInsert(db, { regencyCode: carriedFrom.regencyCode, actor: principal.id, action: "proposal.carry_over_kept", entityType: "proposal", entityId: carriedFrom.id, data: { proposalId: id, trackingCode: row.trackingCode, year: row.year } }),
          ]
        : []),
      ...(idempotencyKey ? [rememberAnswer(db, principal.id, idempotencyKey, hash, { status: 201, body: view }, { villageRank: villageRankOf(id) })] : []),
    ]);
  } catch (error) {
    await removeFiles();
    if (idempotencyKey && isKeyConflict(error)) {
      const earlier = await earlierAnswer(db, principal.id, idempotencyKey, hash);
      if (earlier) return { status: earlier.status, proposal: earlier.body as ProposalView, replayed: true };
    }
    throw error;
  }
  if (!batch.ok) {
    await removeFiles();
    if (batch.guard === "carry_over_chosen") throw carryOverChosen;
    // A retry with the same key gets the first answer as it was; another submission of the content gets the proposal.
    const earlier = idempotencyKey ? await earlierAnswer(db, principal.id, idempotencyKey, hash) : null;
    if (earlier) return { status: earlier.status, proposal: earlier.body as ProposalView, replayed: true };
    const same = await earlierSameContent(db, principal, contentHash, since);
    if (same) return same;
    throw new Error(`submission batch stopped by guard ${batch.guard}`);
  }
  const villageRank = (batch.results[carryGuards.length + 1] as { villageRank: number | null }[])[0]!.villageRank;
  await startLifecycle(env, id);
  return { status: 201, proposal: { ...view, villageRank }, replayed: false };
}
