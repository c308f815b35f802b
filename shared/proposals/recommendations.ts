/**
 * Recommendations kept per level of Musrenbang, as SIPD keeps rekom_lurah / rekom_camat / rekom_skpd / rekom_tapd:
 * what the desa asked for, what the kecamatan recommended, what each agency decided and what the forum agreed,
 * each a volume, a cost and a note.
 */
import type { Text } from "../i18n.ts";
import { isAccepted } from "./lifecycle.ts";

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
 * The cost a proposal competes for an envelope with: once accepted, what was accepted (the proposal's cost then);
 * before that, what the kecamatan recommended for the whole proposal, or else what the desa asked.
 */
export function competingCost(proposal: { status: string; estimatedCost: number }, recommendations: readonly Pick<Recommendation, "level" | "source" | "cost">[]): number {
  if (isAccepted(proposal.status)) return proposal.estimatedCost;
  return recommendations.find((r) => r.level === "kecamatan" && r.source === "" && r.cost !== null)?.cost ?? proposal.estimatedCost;
}
