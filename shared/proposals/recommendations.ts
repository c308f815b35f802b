/**
 * Recommendations kept per level of Musrenbang, as SIPD keeps rekom_lurah / rekom_camat / rekom_skpd / rekom_tapd:
 * what the desa asked for, what the kecamatan recommended, what each agency decided and what the forum agreed,
 * each a volume, a cost and a note.
 */
import type { Text } from "../i18n.ts";

export const RECOMMENDATION_LEVELS = ["desa", "kecamatan", "opd", "forum"] as const;
export type RecommendationLevel = (typeof RECOMMENDATION_LEVELS)[number];

export const RECOMMENDATION_LABELS: Record<RecommendationLevel, Text> = {
  desa: { id: "Diminta desa", en: "Asked by the village" },
  kecamatan: { id: "Rekomendasi kecamatan", en: "Recommended by the district" },
  opd: { id: "Keputusan OPD", en: "Decided by the agency" },
  forum: { id: "Kesepakatan forum", en: "Agreed by the forum" },
};

export interface Recommendation {
  level: RecommendationLevel;
  /** The agency, for an agency's decision or a forum's split part; "" for the whole proposal. */
  source: string;
  volume: number | null;
  unit: string | null;
  cost: number | null;
  subActivityCode: string | null;
  note: string | null;
  decidedBy: string;
  decidedAt: string;
}

/**
 * The cost a proposal competes with before an agency has accepted it: the latest level that named one for the
 * whole proposal (the kecamatan's recommendation over the desa's request); once accepted, what was accepted.
 */
export function latestWholeCost(recommendations: readonly Pick<Recommendation, "level" | "source" | "cost">[], fallback: number): number {
  const whole = recommendations.filter((r) => r.source === "" && r.cost !== null);
  const latest = whole.sort((a, b) => RECOMMENDATION_LEVELS.indexOf(b.level) - RECOMMENDATION_LEVELS.indexOf(a.level))[0];
  return latest?.cost ?? fallback;
}
