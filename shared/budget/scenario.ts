/**
 * Budget scenarios: what a cut (or a raise) of some envelopes (pagu indikatif) does to the year's proposals, with
 * every envelope fitted at once. A proposal draws on its agency's envelope and its kecamatan's envelope together,
 * so it is funded only when both have room.
 *
 * The algorithm is greedy with floors, in three passes:
 *  1. floors: every kecamatan below its floor (at least N proposals or Rp X) takes, in turn, its next proposal in
 *     priority order that fits, round-robin, until no kecamatan below its floor can take another;
 *  2. quotas: each thematic group below its quota takes its next fitting proposals the same way;
 *  3. everything else in priority order: kecamatan rank, then village rank, then cost per beneficiary (or a
 *     weighted blend of the three that Bappeda sets).
 * It is fair enough because the floors come first (no kecamatan is left with nothing while another is served
 * whole), it follows the order the kecamatan and the villages agreed, and every proposal left out is told which
 * envelope ran out and by how much. It is not optimal in rupiah: an expensive first-priority proposal that does
 * not fit does not block cheaper later ones, but a first-priority one that fits is taken even if two later ones
 * would use the envelope better (test/budget/scenario.test.ts measures the gap against an exact search).
 */

export interface ScenarioProposal {
  id: string;
  cost: number;
  agencyId: string;
  districtCode: string;
  villageCode: string;
  districtRank: number | null;
  villageRank: number | null;
  beneficiaryCount: number | null;
  /** Thematic group (perempuan, anak, disabilitas, ...) or beneficiary group, for quotas. */
  group: string | null;
}

export type EnvelopeKind = "agency" | "district";
/** `agency:<id>` or `district:<kode kecamatan>`. */
export type EnvelopeKey = `${EnvelopeKind}:${string}`;

export const envelopeKey = (kind: EnvelopeKind, target: string): EnvelopeKey => `${kind}:${target}`;

/** One change of a scenario: an envelope (or every envelope of a kind, or all) set to an amount or moved by a percentage. */
export interface EnvelopeChange {
  kind: EnvelopeKind | "all";
  /** The agency or kecamatan; absent: every envelope of the kind. */
  target?: string | undefined;
  amount?: number | undefined;
  /** -65 cuts by 65%, +10 raises by 10%. */
  percent?: number | undefined;
}

export interface Floor {
  /** One kecamatan; absent: every kecamatan. */
  districtCode?: string | undefined;
  minCount?: number | undefined;
  minRupiah?: number | undefined;
}

export interface Quota {
  group: string;
  minCount?: number | undefined;
  minRupiah?: number | undefined;
}

/** Lower is earlier. The default orders by kecamatan rank, then village rank, then cost per beneficiary. */
export interface PriorityWeights {
  districtRank: number;
  villageRank: number;
  costPerBeneficiary: number;
}

export interface FairnessRules {
  floors?: readonly Floor[] | undefined;
  quotas?: readonly Quota[] | undefined;
  weights?: PriorityWeights | undefined;
}

export interface Shortfall {
  envelope: EnvelopeKey;
  needed: number;
  room: number;
}

export interface Excluded {
  id: string;
  /** The envelopes that could not take it when its turn came (one or both). */
  shortfalls: Shortfall[];
}

export interface Tally {
  count: number;
  rupiah: number;
}

export interface ScenarioResult {
  funded: string[];
  /** Why each was funded: its kecamatan's floor, its group's quota, or its priority. */
  fundedBy: Record<string, "floor" | "quota" | "priority">;
  excluded: Excluded[];
  envelopes: Record<EnvelopeKey, { amount: number; used: number }>;
  byDistrict: Record<string, Tally>;
  byVillage: Record<string, Tally>;
}

/** The envelopes after a scenario's changes, applied in order. */
export function applyChanges(envelopes: ReadonlyMap<EnvelopeKey, number>, changes: readonly EnvelopeChange[]): Map<EnvelopeKey, number> {
  const result = new Map(envelopes);
  for (const change of changes) {
    for (const [key, amount] of result) {
      const [kind, target] = key.split(/:(.*)/) as [EnvelopeKind, string];
      if (change.kind !== "all" && change.kind !== kind) continue;
      if (change.target !== undefined && change.target !== target) continue;
      const changed = change.amount ?? Math.round(amount * (1 + (change.percent ?? 0) / 100));
      result.set(key, Math.max(0, changed));
    }
    // Setting an envelope that did not exist yet creates it.
    if (change.kind !== "all" && change.target !== undefined && change.amount !== undefined) result.set(envelopeKey(change.kind, change.target), change.amount);
  }
  return result;
}

const RANK_NONE = 1_000_000;

/** The proposals in priority order: lexicographic by default, a weighted blend when weights are given. */
export function priorityOrder<T extends ScenarioProposal>(proposals: readonly T[], weights?: PriorityWeights): T[] {
  const perBeneficiary = (p: ScenarioProposal) => (p.beneficiaryCount && p.beneficiaryCount > 0 ? p.cost / p.beneficiaryCount : Number.MAX_SAFE_INTEGER);
  if (!weights) {
    return [...proposals].sort(
      (a, b) =>
        (a.districtRank ?? RANK_NONE) - (b.districtRank ?? RANK_NONE) ||
        (a.villageRank ?? RANK_NONE) - (b.villageRank ?? RANK_NONE) ||
        perBeneficiary(a) - perBeneficiary(b) ||
        a.cost - b.cost ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }
  // Each criterion scaled to 0..1 over the year, so a weight says how much it counts against the others.
  const max = (values: number[]) => Math.max(1, ...values.filter(Number.isFinite));
  const maxDistrict = max(proposals.map((p) => p.districtRank ?? 0));
  const maxVillage = max(proposals.map((p) => p.villageRank ?? 0));
  const costs = proposals.map(perBeneficiary).filter((c) => c < Number.MAX_SAFE_INTEGER);
  const maxCost = max(costs);
  const score = (p: ScenarioProposal) =>
    weights.districtRank * ((p.districtRank ?? maxDistrict + 1) / (maxDistrict + 1)) +
    weights.villageRank * ((p.villageRank ?? maxVillage + 1) / (maxVillage + 1)) +
    weights.costPerBeneficiary * Math.min(1, perBeneficiary(p) / maxCost);
  const scores = new Map(proposals.map((p) => [p.id, score(p)]));
  return [...proposals].sort((a, b) => scores.get(a.id)! - scores.get(b.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Fits the year's proposals into all envelopes at once (see the module comment for the algorithm). */
export function runScenario(proposals: readonly ScenarioProposal[], envelopes: ReadonlyMap<EnvelopeKey, number>, rules: FairnessRules = {}): ScenarioResult {
  const room = new Map(envelopes);
  const ordered = priorityOrder(proposals, rules.weights);
  const fundedBy: ScenarioResult["fundedBy"] = {};
  const byDistrict: Record<string, Tally> = {};
  const byVillage: Record<string, Tally> = {};
  const keysOf = (p: ScenarioProposal) => [envelopeKey("agency", p.agencyId), envelopeKey("district", p.districtCode)];
  const fits = (p: ScenarioProposal) => keysOf(p).every((key) => !room.has(key) || room.get(key)! >= p.cost);
  const fund = (p: ScenarioProposal, why: "floor" | "quota" | "priority") => {
    for (const key of keysOf(p)) if (room.has(key)) room.set(key, room.get(key)! - p.cost);
    fundedBy[p.id] = why;
    for (const [tallies, code] of [[byDistrict, p.districtCode], [byVillage, p.villageCode]] as const) {
      const tally = (tallies[code] ??= { count: 0, rupiah: 0 });
      tally.count++;
      tally.rupiah += p.cost;
    }
  };
  const below = (tally: Tally | undefined, rule: { minCount?: number | undefined; minRupiah?: number | undefined }) =>
    (tally?.count ?? 0) < (rule.minCount ?? 0) || (tally?.rupiah ?? 0) < (rule.minRupiah ?? 0);

  // 1. Floors, round-robin over the kecamatan still below theirs.
  const floorOf = new Map<string, Floor>();
  for (const floor of rules.floors ?? []) {
    if (floor.districtCode) floorOf.set(floor.districtCode, floor);
    else for (const p of proposals) if (!rules.floors?.some((f) => f.districtCode === p.districtCode)) floorOf.set(p.districtCode, floor);
  }
  const queues = new Map<string, ScenarioProposal[]>();
  for (const p of ordered) if (floorOf.has(p.districtCode)) (queues.get(p.districtCode) ?? queues.set(p.districtCode, []).get(p.districtCode)!).push(p);
  for (let progressed = true; progressed; ) {
    progressed = false;
    for (const [district, queue] of [...queues].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!below(byDistrict[district], floorOf.get(district)!)) continue;
      const next = queue.findIndex((p) => !(p.id in fundedBy) && fits(p));
      if (next < 0) continue;
      fund(queue[next]!, "floor");
      queue.splice(next, 1);
      progressed = true;
    }
  }

  // 2. Quotas of thematic groups.
  for (const quota of rules.quotas ?? []) {
    const tally: Tally = { count: 0, rupiah: 0 };
    for (const p of ordered) {
      if (p.group !== quota.group || !(p.id in fundedBy)) continue;
      tally.count++;
      tally.rupiah += p.cost;
    }
    for (const p of ordered) {
      if (!below(tally, quota)) break;
      if (p.group !== quota.group || p.id in fundedBy || !fits(p)) continue;
      fund(p, "quota");
      tally.count++;
      tally.rupiah += p.cost;
    }
  }

  // 3. Everything else in priority order; what does not fit is told which envelope ran out.
  const excluded: Excluded[] = [];
  for (const p of ordered) {
    if (p.id in fundedBy) continue;
    if (fits(p)) fund(p, "priority");
    else excluded.push({ id: p.id, shortfalls: keysOf(p).flatMap((key) => (room.has(key) && room.get(key)! < p.cost ? [{ envelope: key, needed: p.cost, room: room.get(key)! }] : [])) });
  }

  return {
    funded: ordered.filter((p) => p.id in fundedBy).map((p) => p.id),
    fundedBy,
    excluded,
    envelopes: Object.fromEntries([...envelopes].map(([key, amount]) => [key, { amount, used: amount - room.get(key)! }])) as ScenarioResult["envelopes"],
    byDistrict,
    byVillage,
  };
}

export interface Comparison {
  code: string;
  before: Tally;
  after: Tally;
}

/** Count and rupiah funded per kecamatan (or desa) before and after, biggest loss first. */
export function compareTallies(before: Record<string, Tally>, after: Record<string, Tally>): Comparison[] {
  const zero: Tally = { count: 0, rupiah: 0 };
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .map((code) => ({ code, before: before[code] ?? zero, after: after[code] ?? zero }))
    .sort((a, b) => a.after.rupiah - a.before.rupiah - (b.after.rupiah - b.before.rupiah) || (a.code < b.code ? -1 : 1));
}
