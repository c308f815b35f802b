/**
 * How far a year's proposals got, from the village's submission to the Renja: each step counts the proposals that
 * reached it (whatever happened to them after), so the steps only shrink.
 */
import type { Language } from "../i18n.ts";
import { isAccepted } from "./lifecycle.ts";

export const FUNNEL_STEPS = {
  submitted: { id: "Diajukan desa", en: "Submitted by villages" },
  verified: { id: "Lolos verifikasi kecamatan", en: "Verified by the district" },
  routed: { id: "Ditelaah OPD", en: "Reviewed by agencies" },
  agreed: { id: "Disepakati", en: "Agreed" },
  renja: { id: "Masuk Renja", en: "In the Renja" },
} as const;
export type FunnelStepKey = keyof typeof FUNNEL_STEPS;

/** Still with the village (or withdrawn there): not past the kecamatan. */
const AT_VILLAGE = new Set(["submitted", "returned", "withdrawn"]);
const ROUTED_STAGES = new Set(["opd_review", "sync_forum", "renja"]);

export interface Tally {
  status: string;
  stage: string;
  count: number;
}

export function funnelCounts(tallies: readonly Tally[], inRenja: number, lang: Language): { step: FunnelStepKey; label: string; count: number }[] {
  const sum = (keep: (t: Tally) => boolean) => tallies.filter(keep).reduce((n, t) => n + t.count, 0);
  const counts: Record<FunnelStepKey, number> = {
    submitted: sum(() => true),
    verified: sum((t) => !AT_VILLAGE.has(t.status)),
    routed: sum((t) => ROUTED_STAGES.has(t.stage)),
    agreed: sum((t) => isAccepted(t.status)),
    renja: inRenja,
  };
  return (Object.keys(FUNNEL_STEPS) as FunnelStepKey[]).map((step) => ({ step, label: FUNNEL_STEPS[step][lang], count: counts[step] }));
}
