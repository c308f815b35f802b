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
