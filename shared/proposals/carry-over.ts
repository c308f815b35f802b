/**
 * Carry-over: what a village asked for in year N and did not get is offered to it again when year N+1 opens.
 * The rule, from the statuses the lifecycle already records: a proposal is offered when it ended `carried_over`
 * (an agency or the forum put it off to next year, or a stage's deadline passed) or `rejected` (the statuses do not
 * tell a rejection for want of money from one on the merits, so the village sees the reason and decides). Merged,
 * withdrawn and accepted proposals are not offered. The village keeps it (the same content, submitted again for
 * N+1), changes it (the form prefilled) or drops it; each proposal is offered until that one choice.
 */
import type { Text } from "../i18n.ts";
import type { Status } from "./lifecycle.ts";

export const OFFERED_STATUSES: readonly Status[] = ["carried_over", "rejected"];

export type CarryOverChoice = "kept" | "dropped";

export const CARRY_OVER_TEXT = {
  heading: { id: "Usulan tahun lalu yang dapat diajukan lagi", en: "Last year's proposals that can be submitted again" },
  keptStory: { id: "Diajukan lagi untuk {year} sebagai {code}", en: "Submitted again for {year} as {code}" },
  droppedStory: { id: "Tidak diajukan lagi oleh desa", en: "Not submitted again by the village" },
  carriedFrom: { id: "Lanjutan dari {code} ({year})", en: "Carried over from {code} ({year})" },
} satisfies Record<string, Text>;
