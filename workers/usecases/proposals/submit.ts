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
import type { ChannelProposalInput, PokirInput, ProposalInput, ProposalView, ThematicInput } from "../../../shared/schemas/proposals.ts";
import { passesDistrictVerification, type Channel, type LocationLevel } from "../../../shared/proposals/channels.ts";
import { ancestorAt } from "../../../shared/regions/codes.ts";
import { districtPlace, dprdMember, insertPokir, type DprdMember } from "../../storage/channels.ts";
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
import { assertStageOpen } from "../calendar/calendar.ts";

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

/** Where a proposal sits and whose it is, checked against the kabupaten's regions, its DPRD and the caller's scope. */
export interface Placement {
  regencyCode: string;
  districtCode: string;
  /** What `proposals.village_code` holds: the desa, or the kecamatan or kabupaten of a wider line. */
  locationCode: string;
  locationLevel: LocationLevel;
  channel: Channel;
  theme: string | null;
  proposerGroup: string | null;
  member: DprdMember | null;
}

const refuse = (deps: Deps, path: string, code: string) => invalidInput([customIssue(path, code, deps.lang)]);

/** The place and owner a submission names, refused field by field before anything is written. */
async function placeOf(deps: Deps, principal: Principal, input: ChannelProposalInput): Promise<Placement> {
  const { db } = deps;
  let place: { regencyCode: string; districtCode: string; locationCode: string; locationLevel: LocationLevel; path: string };
  const villageCode = input.channel === "tematik" ? null : input.villageCode;
  const districtCode = input.channel === "desa" ? null : input.districtCode;
  if (villageCode) {
    const village: VillagePlace | null = await villagePlace(db, villageCode);
    if (!village) throw refuse(deps, "villageCode", "region_unknown");
    place = { regencyCode: village.regencyCode, districtCode: village.districtCode, locationCode: villageCode, locationLevel: "desa", path: "villageCode" };
  } else if (districtCode) {
    const district = await districtPlace(db, districtCode);
    if (!district) throw refuse(deps, "districtCode", "region_unknown");
    const regencyCode = ancestorAt(districtCode, "regency")!;
    place = { regencyCode, districtCode, locationCode: districtCode, locationLevel: "kecamatan", path: "districtCode" };
  } else {
    // Only a thematic group plans for the whole kabupaten: its caller's own.
    place = { regencyCode: principal.regencyCode, districtCode: principal.regencyCode, locationCode: principal.regencyCode, locationLevel: "kabupaten", path: "districtCode" };
  }
  let member: DprdMember | null = null;
  if (input.channel === "pokir") {
    // A member's own account is its member; the secretariat and Bappeda name one.
    const memberId = principal.role === "dprd_member" ? principal.scopeCode : input.memberId;
    if (!memberId) throw refuse(deps, "memberId", "member_required");
    if (input.memberId && input.memberId !== memberId) throw refuse(deps, "memberId", "region_out_of_scope");
    member = (await dprdMember(db, place.regencyCode, memberId)) ?? null;
    if (!member) throw refuse(deps, "memberId", "member_unknown");
  }
  const theme = input.channel === "tematik" ? input.theme : null;
  const target = {
    regencyCode: place.regencyCode,
    districtCode: place.districtCode,
    villageCode: place.locationLevel === "desa" ? place.locationCode : null,
    channel: input.channel,
    memberId: member?.id ?? null,
    theme,
  };
  if (decide(principal, "proposal.submit", target) !== "allow") throw refuse(deps, input.channel === "tematik" ? "theme" : place.path, "region_out_of_scope");
  return { ...place, channel: input.channel, theme, proposerGroup: input.channel === "tematik" ? principal.name : null, member };
}

/** A sub-activity code the caller gives must be in the nomenclature; `path` names the field it came in. */
export async function checkSubActivity(db: Database, lang: Language, code: string | null | undefined, path = "subActivityCode"): Promise<void> {
  if (code && !(await subActivityExists(db, code))) throw invalidInput([customIssue(path, "sub_activity_unknown", lang)]);
}

async function requestHash(input: ProposalInput | ChannelProposalInput, uploads: readonly Upload[]): Promise<string> {
  const files = await Promise.all(uploads.map(async (u) => `${u.filename}:${await sha256Hex(u.bytes)}`));
  return sha256Hex(JSON.stringify({ input, files }));
}

export interface Submission {
  /** A village's proposal (the form, the village API), or any channel's with its `channel` (pokir, thematic, an importer). */
  proposal: ProposalInput | ChannelProposalInput;
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

/** A new proposal's row as intake stores it, for every channel, the form, the API and spreadsheet imports alike. */
export function intakeRow(input: ChannelProposalInput, place: Omit<Placement, "member">, createdBy: string, contentHash: string, now: string, id = sortableId("usl")) {
  const { channel: _channel, ...fields } = input;
  const { villageCode: _village, districtCode: _district, memberId: _member, resesDate: _resesDate, resesPlace: _resesPlace, theme: _theme, ...own } = fields as Partial<PokirInput & ThematicInput> & typeof fields;
  return {
    ...own,
    id,
    trackingCode: trackingCode(input.year),
    regencyCode: place.regencyCode,
    districtCode: place.districtCode,
    villageCode: place.locationCode,
    channel: place.channel,
    locationLevel: place.locationLevel,
    theme: place.theme,
    proposerGroup: place.proposerGroup,
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
    villageRank: "villageRank" in input ? (input.villageRank ?? null) : null,
    districtRank: null,
    // A pokir or a thematic line goes to the agencies directly (shared/proposals/channels.ts).
    stage: passesDistrictVerification(place.channel) ? "desa" : "opd_review",
    status: "submitted",
    createdBy,
    contentHash,
    createdAt: now,
    updatedAt: now,
  };
}

/** A desa's place as intake places a village proposal (an importer's rows are village proposals). */
export const villagePlacement = (village: VillagePlace): Omit<Placement, "member"> => ({
  regencyCode: village.regencyCode,
  districtCode: village.districtCode,
  locationCode: village.villageCode,
  locationLevel: "desa",
  channel: "desa",
  theme: null,
  proposerGroup: null,
});

export const carryOverChosen = new Refusal(409, "carry_over_chosen", {
  id: "Desa sudah memilih untuk usulan tahun lalu ini (diajukan lagi atau tidak diajukan lagi).",
  en: "The village has already chosen for this proposal of last year (submitted again or dropped).",
});

export async function submitProposal(deps: Deps, caller: Principal | undefined, { proposal: given, uploads, idempotencyKey, carriedFrom }: Submission): Promise<Submitted> {
  const input: ChannelProposalInput = "channel" in given ? given : { channel: "desa", ...given };
  const principal = authorizeInOwnScope(caller, "proposal.submit", { channel: input.channel });
  const { db, env } = deps;
  const place = await placeOf(deps, principal, input);
  // The calendar's submission window is the village Musrenbang's; pokir and thematic lines follow their own rhythm.
  if (input.channel === "desa") await assertStageOpen(deps, place.regencyCode, input.year, "proposal.submit");
  await checkSubActivity(db, deps.lang, input.subActivityCode);

  const hash = idempotencyKey ? await requestHash(given, uploads) : "";
  if (idempotencyKey) {
    const earlier = await earlierAnswer(db, principal.id, idempotencyKey, hash);
    if (earlier) return { status: earlier.status, proposal: earlier.body as ProposalView, replayed: true };
  }
  const now = nowIso();
  // A village's content hashes as it always did (no channel key), so a resubmission across the change still matches.
  // Carrying over is part of the content: two offers with the same words are two proposals, a double tap one.
  const contentHash = await sha256Hex(proposalContent(given) + (carriedFrom ? `\ncarried:${carriedFrom.id}` : ""));
  const since = duplicateSince(Date.parse(now));
  const duplicate = await earlierSameContent(db, principal, contentHash, since);
  if (duplicate) return duplicate;

  const id = sortableId("usl");
  const verified = passesDistrictVerification(place.channel);
  const row = { ...intakeRow(input, place, principal.id, contentHash, now, id), carriedFrom: carriedFrom?.id ?? null };
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
      ...(verified ? [openTaskStatement(db, { proposalId: id, regencyCode: place.regencyCode, kind: "verification", agencyId: null, queueKey: place.districtCode, dueAt: taskDueAt("verification", Date.parse(now)) })] : []),
      ...(input.channel === "pokir" && place.member
        ? [insertPokir(db, { proposalId: id, memberId: place.member.id, memberName: place.member.name, fraksi: place.member.fraksi, dapil: place.member.dapil, resesDate: input.resesDate, resesPlace: input.resesPlace })]
        : []),
      auditInsert(db, {
        regencyCode: place.regencyCode,
        actor: principal.id,
        action: "proposal.submitted",
        entityType: "proposal",
        entityId: id,
        data: { status: "submitted", stage: row.stage, channel: row.channel, ...(place.member ? { memberId: place.member.id } : {}), ...(row.theme ? { theme: row.theme } : {}), trackingCode: row.trackingCode, attachments: files.length, ...(carriedFrom ? { carriedFrom: { trackingCode: carriedFrom.trackingCode, year: carriedFrom.year } } : {}) },
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
