/**
 * Submitting a proposal, for the form and the API alike. Everything that can be refused is checked before
 * anything is written; then the files go to R2 and the proposal, its attachments, its audit event and the
 * idempotency answer go to D1 in one batch. If the batch fails the R2 objects are deleted again, so a failed
 * submission leaves nothing behind.
 */
import { sha256Hex } from "../../../shared/access/bytes.ts";
import { decide } from "../../../shared/access/policy.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { attachments, proposals } from "../../../shared/db/schema.ts";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, safeFilename, sniffAttachmentType } from "../../../shared/proposals/attachments.ts";
import { sortableId, trackingCode } from "../../../shared/proposals/ids.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import type { ProposalInput, ProposalView } from "../../../shared/schemas/proposals.ts";
import { auditInsert } from "../../storage/audit.ts";
import { database, nowIso, type Database } from "../../storage/database.ts";
import { nextVillageRank, proposalView, subActivityExists, villagePlace, type VillagePlace } from "../../storage/proposals.ts";
import { dueIn, openTaskStatement, TASK_DAYS } from "../../storage/reviews.ts";
import { startLifecycle } from "../../workflows/start.ts";
import { authorizeInOwnScope } from "../access.ts";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { earlierAnswer, isKeyConflict, rememberAnswer } from "../idempotency.ts";
import { preferredLanguage } from "../messages.ts";
import { invalidInput } from "../validation.ts";

export interface Upload {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

const tooLarge = new ApiError(413, "attachment_too_large", {
  id: `Lampiran terlalu besar (maksimal ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB per berkas).`,
  en: `Attachment too large (at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB per file).`,
});

const unsupportedType = new ApiError(415, "attachment_type_unsupported", {
  id: "Lampiran harus berupa foto (JPG, PNG, WebP) atau PDF.",
  en: "Attachments must be photos (JPG, PNG, WebP) or PDF.",
});

/** Reads uploaded files, refusing too many, too large or of a type we do not take, before anything is stored. */
export async function readUploads(files: readonly File[], lang: "id" | "en"): Promise<Upload[]> {
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
export async function checkPlace(c: AppContext, db: Database, principal: Principal, villageCode: string): Promise<VillagePlace> {
  const lang = preferredLanguage(c.req.header("accept-language"));
  const place = await villagePlace(db, villageCode);
  if (!place) throw invalidInput([customIssue("villageCode", "region_unknown", lang)]);
  const target = { regencyCode: place.regencyCode, districtCode: place.districtCode, villageCode };
  if (decide(principal, "proposal.submit", target) !== "allow") throw invalidInput([customIssue("villageCode", "region_out_of_scope", lang)]);
  return place;
}

export async function checkSubActivity(c: AppContext, db: Database, code: string | null | undefined): Promise<void> {
  if (code && !(await subActivityExists(db, code))) {
    throw invalidInput([customIssue("subActivityCode", "sub_activity_unknown", preferredLanguage(c.req.header("accept-language")))]);
  }
}

async function requestHash(input: ProposalInput, uploads: readonly Upload[]): Promise<string> {
  const files = await Promise.all(uploads.map(async (u) => `${u.filename}:${await sha256Hex(u.bytes)}`));
  return sha256Hex(JSON.stringify({ input, files }));
}

export interface Submitted {
  status: number;
  proposal: ProposalView;
  replayed: boolean;
}

export async function submitProposal(
  c: AppContext,
  principal: Principal,
  input: ProposalInput,
  uploads: readonly Upload[],
  idempotencyKey?: string,
): Promise<Submitted> {
  authorizeInOwnScope(c, "proposal.submit");
  const db = database(c.env.DB);
  const place = await checkPlace(c, db, principal, input.villageCode);
  await checkSubActivity(c, db, input.subActivityCode);

  const hash = idempotencyKey ? await requestHash(input, uploads) : "";
  if (idempotencyKey) {
    const earlier = await earlierAnswer(db, principal.id, idempotencyKey, hash);
    if (earlier) return { status: earlier.status, proposal: earlier.body as ProposalView, replayed: true };
  }

  const now = nowIso();
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
    // A proposal without a rank goes to the end of its village's list for the year.
    villageRank: input.villageRank ?? (await nextVillageRank(db, input.villageCode, input.year)),
    districtRank: null,
    stage: "desa",
    status: "submitted",
    createdBy: principal.id,
    createdAt: now,
    updatedAt: now,
  };
  const files = uploads.map((u) => {
    const attachmentId = sortableId("lmp");
    return { ...u, id: attachmentId, r2Key: `proposals/${id}/${attachmentId}/${u.filename}` };
  });
  const view = proposalView(row, files.map((f) => ({ id: f.id, filename: f.filename, contentType: f.contentType, size: f.bytes.length })));

  await Promise.all(files.map((f) => c.env.ATTACHMENTS.put(f.r2Key, f.bytes, { httpMetadata: { contentType: f.contentType } })));
  try {
    await db.batch([
      db.insert(proposals).values(row),
      ...files.map((f) =>
        db.insert(attachments).values({ id: f.id, proposalId: id, r2Key: f.r2Key, filename: f.filename, contentType: f.contentType, size: f.bytes.length }),
      ),
      // In the kecamatan's queue from the moment the village is told "received", whenever the lifecycle starts.
      openTaskStatement(db, { proposalId: id, regencyCode: place.regencyCode, kind: "verification", agencyId: null, queueKey: place.districtCode, dueAt: dueIn(TASK_DAYS.verification) }),
      auditInsert(db, {
        regencyCode: place.regencyCode,
        actor: principal.id,
        action: "proposal.submitted",
        entityType: "proposal",
        entityId: id,
        data: { status: "submitted", stage: "desa", trackingCode: row.trackingCode, attachments: files.length },
      }),
      ...(idempotencyKey ? [rememberAnswer(db, principal.id, idempotencyKey, hash, { status: 201, body: view })] : []),
    ]);
  } catch (error) {
    await c.env.ATTACHMENTS.delete(files.map((f) => f.r2Key));
    if (idempotencyKey && isKeyConflict(error)) {
      const earlier = await earlierAnswer(db, principal.id, idempotencyKey, hash);
      if (earlier) return { status: earlier.status, proposal: earlier.body as ProposalView, replayed: true };
    }
    throw error;
  }
  await startLifecycle(c.env, id);
  return { status: 201, proposal: view, replayed: false };
}
