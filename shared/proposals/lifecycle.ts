/** Where a proposal stands: the Musrenbang stage it is at and its status there. */

/** The stage chain, in order. */
export const STAGES = {
  desa: { id: "Musrenbang desa", en: "Village Musrenbang" },
  kecamatan: { id: "Musrenbang kecamatan", en: "District Musrenbang" },
  opd_review: { id: "Forum Perangkat Daerah", en: "Agency review" },
  sync_forum: { id: "Forum Lintas Perangkat Daerah", en: "Cross-agency sync forum" },
  renja: { id: "Renja OPD", en: "Agency work plan" },
} as const;
export type Stage = keyof typeof STAGES;

export const STATUSES = {
  submitted: { id: "Diajukan", en: "Submitted" },
  returned: { id: "Dikembalikan ke desa", en: "Returned to the village" },
  verified: { id: "Diverifikasi kecamatan", en: "Verified by the district" },
  in_review: { id: "Ditelaah OPD", en: "Under agency review" },
  triage: { id: "Menunggu pemilahan Bappeda", en: "Awaiting Bappeda triage" },
  in_forum: { id: "Dibahas di forum lintas OPD", en: "At the cross-agency forum" },
  accepted: { id: "Diterima tanpa perubahan", en: "Accepted as is" },
  accepted_with_changes: { id: "Diterima dengan perubahan", en: "Accepted with changes" },
  merged: { id: "Digabungkan", en: "Merged into another proposal" },
  rejected: { id: "Ditolak", en: "Rejected" },
  withdrawn: { id: "Dibatalkan", en: "Withdrawn" },
  carried_over: { id: "Dialihkan ke tahun berikutnya", en: "Carried over to next year" },
} as const;
export type Status = keyof typeof STATUSES;

/** The village still owns its proposal: it may edit, withdraw and re-rank it. */
export const EDITABLE_STATUSES: readonly Status[] = ["submitted", "returned"];
/** Past the village and not yet settled, or accepted: these compete for the budget envelopes. */
export const LIVE_STATUSES: readonly Status[] = ["verified", "in_review", "in_forum", "triage", "accepted", "accepted_with_changes"];
/** No longer competing for anything: overlap checks skip them. */
export const CLOSED_STATUSES: readonly Status[] = ["withdrawn", "rejected", "merged"];
/** Agreed: these become Renja lines and draw on the envelopes. */
export const ACCEPTED_STATUSES: readonly Status[] = ["accepted", "accepted_with_changes"];
/** The lifecycle is over: nothing will change them again (retention may archive their history). */
export const FINAL_STATUSES: readonly Status[] = ["accepted", "accepted_with_changes", "merged", "rejected", "withdrawn", "carried_over"];
/** Still before routing, so a lifecycle must be running for them. */
export const BEFORE_ROUTING_STATUSES: readonly Status[] = ["submitted", "returned", "verified"];

export const isEditable = (status: string) => (EDITABLE_STATUSES as readonly string[]).includes(status);
export const isClosed = (status: string) => (CLOSED_STATUSES as readonly string[]).includes(status);
export const isAccepted = (status: string) => (ACCEPTED_STATUSES as readonly string[]).includes(status);

/** Musrenbang in year N plans year N+1. */
export const planningYear = (now: Date) => now.getUTCFullYear() + 1;
