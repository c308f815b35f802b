/**
 * A proposal's story as the village reads it: each step with who decided (the level and its name: "Kecamatan
 * Kalianda", "Dinas PUPR"; a person's name only for signed-in readers), when, and why (the return note, the agency's
 * reason, the changes before → after, the proposal it was merged into, the forum's decision, the outcome). Built
 * from the facts D1 keeps (audit events, decided tasks, forum decisions) by one pure function, for the operator's
 * page, the public tracking page and the API alike.
 */
import type { Role } from "../access/roles.ts";
import { dateTime, quantity, rupiah } from "../format.ts";
import { fill, type Language, type Text } from "../i18n.ts";
import { villageKind } from "../regions/codes.ts";
import { DECISION_LABELS, type DecisionName } from "../reviews/decisions.ts";
import { CARRY_OVER_TEXT } from "./carry-over.ts";
import { STATUSES, type Status } from "./lifecycle.ts";

export type ActorLevel = "desa" | "kecamatan" | "opd" | "bappeda" | "forum" | "system";

export interface StoryChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface StoryStep {
  at: string;
  /** The moment in the region's zone, e.g. "12 Mar 2027 14.05 WIB". */
  when: string;
  kind: string;
  title: string;
  by: { level: ActorLevel; label: string; person?: string };
  status?: Status;
  reason?: string;
  changes?: StoryChange[];
  /** The tracking code of the proposal this one lives on in. */
  mergedInto?: string;
  /** Further facts in words: the agencies it went to, a forum's split, files added. */
  details?: string[];
}

export interface StoryEvent {
  at: string;
  actor: string;
  action: string;
  data: Record<string, unknown>;
}

export interface AgencyDecisionFact {
  at: string;
  agencyId: string;
  decision: string;
  reason: string | null;
  data: Record<string, unknown>;
  decidedBy: string;
}

export interface ForumDecisionFact {
  at: string;
  agendaItemId: string;
  forumTitle: string;
  decision: string;
  data: Record<string, unknown>;
  decidedBy: string;
}

export interface StoryFacts {
  villageCode: string;
  villageName: string;
  /** Who proposed it when not a village: "Pokir DPRD", "Musrenbang tematik perempuan" (shared/proposals/channels.ts). */
  proposer?: string;
  districtName: string;
  /** What the desa asked for, the "before" of a change an agency made. */
  asked: { volume: number; unit: string; cost: number; subActivityCode: string | null };
  events: readonly StoryEvent[];
  verification: { decision: string | null; reason: string | null; decidedBy: string | null } | null;
  agencyDecisions: readonly AgencyDecisionFact[];
  forumDecisions: readonly ForumDecisionFact[];
  trackingCodes: Readonly<Record<string, string>>;
  agencyNames: Readonly<Record<string, string>>;
  /** Accounts and tokens by id, for the level of who acted (and, for signed-in readers, their name). */
  people: Readonly<Record<string, { name: string; role: Role }>>;
}

export interface StoryOptions {
  lang: Language;
  /**
   * Signed-in readers see who by name and every change; the public (tracking page, public account) sees no names,
   * no values of the fields that place a house or a person (PRIVATE_FIELDS: only that they changed) and no file names.
   */
  withNames: boolean;
}

const T = {
  submitted: { id: "Diajukan", en: "Submitted" },
  submittedByBappeda: { id: "Diajukan Bappeda atas nama desa", en: "Submitted by Bappeda for the village" },
  edited: { id: "Diubah desa", en: "Changed by the village" },
  resubmitted: { id: "Diperbaiki dan dikirim kembali ke kecamatan", en: "Fixed and sent back to the district" },
  withdrawn: { id: "Dibatalkan", en: "Withdrawn" },
  returned: { id: "Dikembalikan ke desa untuk diperbaiki", en: "Returned to the village to be fixed" },
  verified: { id: "Diverifikasi kecamatan", en: "Verified by the district" },
  routed: { id: "Diteruskan ke perangkat daerah", en: "Sent on to the agencies" },
  triage: { id: "Menunggu pemilahan Bappeda", en: "Waiting for Bappeda to sort it" },
  classified: { id: "Kode sub kegiatan ditetapkan Bappeda", en: "Sub-activity code set by Bappeda" },
  inForum: { id: "Dibahas di Forum Lintas Perangkat Daerah", en: "Taken to the cross-agency forum" },
  districtRecommended: { id: "Rekomendasi Musrenbang kecamatan", en: "District Musrenbang recommendation" },
  districtClosed: { id: "Daftar prioritas kecamatan ditetapkan", en: "District priority list settled" },
  outcome: { id: "Hasil", en: "Outcome" },
  mergedInto: { id: "Digabungkan ke usulan", en: "Merged into proposal" },
  agencies: { id: "OPD", en: "Agencies" },
  unowned: { id: "Belum ada OPD untuk kode", en: "No agency yet for code" },
  codes: { id: "Kode", en: "Codes" },
  added: { id: "Lampiran ditambah", en: "Attachments added" },
  removedFiles: { id: "Lampiran dihapus", en: "Attachments removed" },
  files: { id: "{n} berkas", en: "{n} file(s)" },
  changedFields: { id: "Diubah", en: "Changed" },
  districtRank: { id: "Peringkat kecamatan", en: "District rank" },
  leadAgency: { id: "OPD pelaksana utama", en: "Lead agency" },
  forum: { id: "Forum Lintas Perangkat Daerah", en: "Cross-agency forum" },
  system: { id: "Sistem", en: "System" },
  bappeda: { id: "Bappeda", en: "Bappeda" },
  kecamatan: { id: "Kecamatan", en: "District" },
} satisfies Record<string, Text>;

const FORUM_DECISIONS: Record<string, Text> = {
  lead_agency: { id: "Forum menetapkan OPD pelaksana utama", en: "The forum named a lead agency" },
  merged: { id: "Forum menggabungkan usulan", en: "The forum merged the proposals" },
  split: { id: "Forum membagi pekerjaan antar-OPD", en: "The forum split the work between agencies" },
  kept_separate: { id: "Forum menyatakan tetap terpisah", en: "The forum kept the proposals separate" },
  rejected: { id: "Forum menolak usulan", en: "The forum rejected the proposal" },
};

export const FIELD_LABELS: Record<string, Text> = {
  problem: { id: "Permasalahan", en: "Problem" },
  activity: { id: "Usulan kegiatan", en: "Proposed activity" },
  description: { id: "Uraian", en: "Description" },
  address: { id: "Alamat", en: "Address" },
  rt: { id: "RT", en: "RT" },
  rw: { id: "RW", en: "RW" },
  latitude: { id: "Lintang", en: "Latitude" },
  longitude: { id: "Bujur", en: "Longitude" },
  volume: { id: "Volume", en: "Volume" },
  unit: { id: "Satuan", en: "Unit" },
  estimatedCost: { id: "Biaya", en: "Cost" },
  beneficiaryCount: { id: "Penerima manfaat", en: "Beneficiaries" },
  beneficiaryGroup: { id: "Kelompok penerima", en: "Beneficiary group" },
  subActivityCode: { id: "Kode sub kegiatan", en: "Sub-activity code" },
  villageRank: { id: "Peringkat desa", en: "Village rank" },
};

/** Fields whose values can point at a house or a person: the public story says they changed, never what they hold. */
export const PRIVATE_FIELDS: ReadonlySet<string> = new Set(["address", "rt", "rw", "latitude", "longitude", "description", "problem", "beneficiaryGroup"]);

/** "acc_x (Siti)" → "acc_x": a decision's decidedBy may carry the reviewer's own name after the id. */
const idOf = (actor: string) => actor.replace(/\s+\(.*\)$/, "");
const string = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : undefined);

function value(field: string, raw: unknown, unit: string, lang: Language): string {
  if (raw === null || raw === undefined || raw === "") return "-";
  if (field === "estimatedCost" && typeof raw === "number") return rupiah(raw);
  if (field === "volume" && typeof raw === "number") return `${quantity(raw, lang)} ${unit}`;
  return typeof raw === "number" ? quantity(raw, lang) : String(raw);
}

export function buildStory(facts: StoryFacts, options: StoryOptions): StoryStep[] {
  const { lang } = options;
  const say = (text: Text) => text[lang];
  const village = facts.proposer ?? `${villageKind(facts.villageCode) === "kelurahan" ? "Kelurahan" : "Desa"} ${facts.villageName}`;
  const district = `${say(T.kecamatan)} ${facts.districtName}`;
  const agencyName = (id: string) => facts.agencyNames[id] ?? id;
  const person = (actor: string | null | undefined) => (actor ? facts.people[idOf(actor)] : undefined);

  /** Who acted, at their level; Bappeda acting for a level is named as Bappeda. */
  function by(level: ActorLevel, label: string, actor?: string | null): StoryStep["by"] {
    const who = person(actor);
    const asBappeda = who?.role === "planning_admin" && level !== "bappeda" && level !== "forum";
    const named = options.withNames && who ? { person: who.name } : {};
    return asBappeda ? { level: "bappeda", label: say(T.bappeda), ...named } : { level, label, ...named };
  }

  const step = (at: string, kind: string, title: string, who: StoryStep["by"], extra: Partial<StoryStep> = {}): StoryStep => ({
    at,
    when: dateTime(at, facts.villageCode, lang),
    kind,
    title,
    by: who,
    ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))),
  });

  const changesOf = (changes: Record<string, unknown>, before: Record<string, unknown>, unit: string): StoryChange[] =>
    Object.entries(changes).map(([field, after]) => ({
      field,
      label: FIELD_LABELS[field] ? say(FIELD_LABELS[field]) : field,
      before: value(field, before[field], unit, lang),
      after: value(field, after, unit, lang),
    }));

  const asked = { volume: facts.asked.volume, estimatedCost: facts.asked.cost, subActivityCode: facts.asked.subActivityCode };
  const steps: StoryStep[] = [];

  for (const event of facts.events) {
    const d = event.data;
    const status = string(d.status) as Status | undefined;
    switch (event.action) {
      case "proposal.submitted": {
        const admin = person(event.actor)?.role === "planning_admin";
        const from = d.carriedFrom as { trackingCode?: unknown; year?: unknown } | undefined;
        const details = from ? [fill(say(CARRY_OVER_TEXT.carriedFrom), { code: String(from.trackingCode), year: String(from.year) })] : [];
        steps.push(step(event.at, "submitted", say(admin ? T.submittedByBappeda : T.submitted), by("desa", village, event.actor), { status: "submitted", details }));
        break;
      }
      case "proposal.carry_over_kept":
        steps.push(step(event.at, "carried_again", fill(say(CARRY_OVER_TEXT.keptStory), { code: String(d.trackingCode), year: String(d.year) }), by("desa", village, event.actor)));
        break;
      case "proposal.carry_over_dropped":
        steps.push(step(event.at, "carry_over_dropped", say(CARRY_OVER_TEXT.droppedStory), by("desa", village, event.actor)));
        break;
      case "proposal.edited": {
        const recorded = (d.changes ?? {}) as Record<string, { before: unknown; after: unknown }>;
        const shown = Object.fromEntries(Object.entries(recorded).filter(([field]) => options.withNames || !PRIVATE_FIELDS.has(field)));
        const other = ((d.fields ?? []) as string[]).filter((f) => !(f in shown)).map((f) => (FIELD_LABELS[f] ? say(FIELD_LABELS[f]) : f));
        // File names are the village's own (a scanned ID card's owner, say): the public learns only how many.
        const files = (names: unknown) => ((names as string[] | undefined)?.length ? [options.withNames ? (names as string[]).join(", ") : say(T.files).replace("{n}", String((names as string[]).length))] : []);
        const details = [
          ...(other.length ? [`${say(T.changedFields)}: ${other.join(", ")}`] : []),
          ...files(d.attachmentsAdded).map((f) => `${say(T.added)}: ${f}`),
          ...files(d.attachmentsRemoved).map((f) => `${say(T.removedFiles)}: ${f}`),
        ];
        const changes = Object.entries(shown).map(([field, c]) => ({
          field,
          label: FIELD_LABELS[field] ? say(FIELD_LABELS[field]) : field,
          before: value(field, c.before, facts.asked.unit, lang),
          after: value(field, c.after, facts.asked.unit, lang),
        }));
        const resubmitted = status === "submitted";
        steps.push(step(event.at, resubmitted ? "resubmitted" : "edited", say(resubmitted ? T.resubmitted : T.edited), by("desa", village, event.actor), { ...(resubmitted ? { status } : {}), changes, details }));
        break;
      }
      case "proposal.withdrawn":
        steps.push(step(event.at, "withdrawn", say(T.withdrawn), by("desa", village, event.actor), { status: "withdrawn", reason: string(d.reason) }));
        break;
      case "proposal.returned":
        steps.push(step(event.at, "returned", say(T.returned), by("kecamatan", district, event.actor), { status: "returned", reason: string(d.note) }));
        break;
      case "proposal.verified": {
        const v = facts.verification;
        steps.push(step(event.at, "verified", say(T.verified), by("kecamatan", district, v?.decidedBy), { status: "verified", reason: v?.decision === "verified" ? (v.reason ?? undefined) : undefined }));
        break;
      }
      case "proposal.routed":
      case "proposal.triage": {
        const agencies = ((d.agencies ?? []) as string[]).map(agencyName);
        const unowned = (d.unowned ?? []) as string[];
        const details = [...(agencies.length ? [`${say(T.agencies)}: ${agencies.join(", ")}`] : []), ...(unowned.length ? [`${say(T.unowned)}: ${unowned.join(", ")}`] : [])];
        const triage = event.action === "proposal.triage";
        steps.push(step(event.at, triage ? "triage" : "routed", say(triage ? T.triage : T.routed), by(triage ? "bappeda" : "system", say(triage ? T.bappeda : T.system)), { status: triage ? "triage" : "in_review", details, reason: string(d.reason) }));
        break;
      }
      case "proposal.classified":
        steps.push(step(event.at, "classified", say(T.classified), by("bappeda", say(T.bappeda), event.actor), { details: [`${say(T.codes)}: ${((d.codes ?? []) as string[]).join(", ")}`] }));
        break;
      case "proposal.in_forum":
        steps.push(step(event.at, "in_forum", say(T.inForum), by("forum", say(T.forum)), { status: "in_forum" }));
        break;
      case "proposal.district_recommended": {
        const unit = string(d.unit) ?? facts.asked.unit;
        const changes = changesOf({ volume: d.volume, estimatedCost: d.cost }, { volume: facts.asked.volume, estimatedCost: facts.asked.cost }, unit);
        steps.push(step(event.at, "district_recommended", say(T.districtRecommended), by("kecamatan", district, event.actor), { reason: string(d.note), changes }));
        break;
      }
      case "proposal.district_closed":
        steps.push(step(event.at, "district_closed", say(T.districtClosed), by("kecamatan", district, event.actor), { details: [`${say(T.districtRank)}: ${String(d.rank ?? "-")}`] }));
        break;
      default: {
        // The outcome and the other endings; a forum's merge or rejection is told with the forum's decision.
        if (!status || !STATUSES[status] || d.forumId) break;
        if (!["merged", "rejected", "accepted", "accepted_with_changes", "carried_over"].includes(status)) break;
        const mergedIntoId = string(d.mergedIntoId);
        // The lifecycle records what the agencies decided together; a deadline's ending is the system's.
        const deciders = [...new Set(facts.agencyDecisions.map((a) => agencyName(a.agencyId)))];
        const who = !event.actor.startsWith("system:") ? by("bappeda", say(T.bappeda), event.actor) : deciders.length && !d.reason ? by("opd", deciders.join(", ")) : by("system", say(T.system));
        steps.push(
          step(event.at, "outcome", `${say(T.outcome)}: ${say(STATUSES[status])}`, who, {
            status,
            reason: string(d.reason),
            mergedInto: mergedIntoId ? facts.trackingCodes[mergedIntoId] : undefined,
          }),
        );
      }
    }
  }

  for (const decision of facts.agencyDecisions) {
    const label = DECISION_LABELS[decision.decision as DecisionName];
    const changes = decision.decision === "accepted_with_changes" ? changesOf((decision.data.changes ?? {}) as Record<string, unknown>, asked, facts.asked.unit) : [];
    const mergedIntoId = string(decision.data.mergedIntoId);
    steps.push(
      step(decision.at, "agency_decision", `${agencyName(decision.agencyId)}: ${label ? say(label) : decision.decision}`, by("opd", agencyName(decision.agencyId), decision.decidedBy), {
        reason: decision.reason ?? undefined,
        changes,
        mergedInto: mergedIntoId ? facts.trackingCodes[mergedIntoId] : undefined,
      }),
    );
  }

  for (const forum of facts.forumDecisions) {
    const d = forum.data;
    const parts = ((d.parts ?? []) as { agencyId: string; volume: number; estimatedCost: number; note?: string }[]).map(
      (p) => `${agencyName(p.agencyId)}: ${quantity(p.volume, lang)} ${facts.asked.unit}, ${rupiah(p.estimatedCost)}${p.note ? ` (${p.note})` : ""}`,
    );
    const lead = string(d.leadAgencyId);
    // Merged by this decision (into another proposal of the item, or into the lead agency's): where it lives on.
    const merged = facts.events.find((e) => e.action === "proposal.merged" && e.data.agendaItemId === forum.agendaItemId);
    const into = string(merged?.data.mergedIntoId);
    steps.push(
      step(forum.at, "forum_decision", FORUM_DECISIONS[forum.decision] ? say(FORUM_DECISIONS[forum.decision]!) : forum.decision, { level: "forum", label: `${say(T.forum)}: ${forum.forumTitle}` }, {
        reason: string(d.reason),
        details: [...(lead ? [`${say(T.leadAgency)}: ${agencyName(lead)}`] : []), ...parts],
        mergedInto: into ? facts.trackingCodes[into] : undefined,
      }),
    );
  }

  return steps.sort((a, b) => a.at.localeCompare(b.at));
}

export const MERGED_INTO_LABEL = T.mergedInto;
