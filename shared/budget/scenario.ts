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
const NO_COST = Number.MAX_SAFE_INTEGER;

/**
 * A year's proposals in columns (typed arrays and small dictionaries), so a province's 300,000 proposals take a few
 * megabytes instead of the ~190 MB the same data takes as objects, and a Worker (128 MB) can fit them. Rows are
 * added one at a time (from D1 pages); a row's index is its tie-break in the priority order, so rows are added in a
 * stable order (by creation, then id). `keys` holds a number per row that names it to the caller (D1's rowid, an
 * index): 300,000 ids as strings would take more memory than all the columns together.
 */
export interface ScenarioYear {
  size: number;
  keys: Float64Array;
  cost: Float64Array;
  agency: Uint16Array;
  district: Uint16Array;
  village: Uint32Array;
  districtRank: Int32Array;
  villageRank: Int32Array;
  /** Cost per beneficiary (NO_COST without a count). */
  perBeneficiary: Float64Array;
  /** Index into `groups` + 1; 0 for none. */
  group: Uint16Array;
  agencies: string[];
  districts: string[];
  villages: string[];
  groups: string[];
}

/** A proposal as the builder takes it: named by a number instead of its id. */
export type ScenarioRow = Omit<ScenarioProposal, "id"> & { key: number };

class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) this.index.set(value, (i = this.values.push(value) - 1));
    return i;
  }
}

/** Collects a year row by row into growing typed arrays. */
export class ScenarioYearBuilder {
  private size = 0;
  private capacity: number;
  private columns;
  private readonly agencies = new Dictionary();
  private readonly districts = new Dictionary();
  private readonly villages = new Dictionary();
  private readonly groups = new Dictionary();

  constructor(expected = 1024) {
    this.capacity = Math.max(16, expected);
    this.columns = this.allocate(this.capacity);
  }

  private allocate(n: number) {
    return { keys: new Float64Array(n), cost: new Float64Array(n), agency: new Uint16Array(n), district: new Uint16Array(n), village: new Uint32Array(n), districtRank: new Int32Array(n), villageRank: new Int32Array(n), perBeneficiary: new Float64Array(n), group: new Uint16Array(n) };
  }

  add(row: ScenarioRow): void {
    if (this.size === this.capacity) {
      const grown = this.allocate((this.capacity *= 2));
      for (const name of Object.keys(grown) as (keyof typeof grown)[]) grown[name].set(this.columns[name] as never);
      this.columns = grown;
    }
    const c = this.columns;
    const i = this.size++;
    c.keys[i] = row.key;
    c.cost[i] = row.cost;
    c.agency[i] = this.agencies.of(row.agencyId);
    c.district[i] = this.districts.of(row.districtCode);
    c.village[i] = this.villages.of(row.villageCode);
    c.districtRank[i] = row.districtRank ?? RANK_NONE;
    c.villageRank[i] = row.villageRank ?? RANK_NONE;
    c.perBeneficiary[i] = row.beneficiaryCount && row.beneficiaryCount > 0 ? row.cost / row.beneficiaryCount : NO_COST;
    c.group[i] = row.group === null ? 0 : this.groups.of(row.group) + 1;
  }

  build(): ScenarioYear {
    const n = this.size;
    const c = this.columns;
    return {
      size: n,
      keys: c.keys.slice(0, n),
      cost: c.cost.slice(0, n),
      agency: c.agency.slice(0, n),
      district: c.district.slice(0, n),
      village: c.village.slice(0, n),
      districtRank: c.districtRank.slice(0, n),
      villageRank: c.villageRank.slice(0, n),
      perBeneficiary: c.perBeneficiary.slice(0, n),
      group: c.group.slice(0, n),
      agencies: this.agencies.values,
      districts: this.districts.values,
      villages: this.villages.values,
      groups: this.groups.values,
    };
  }
}

/** Row indices in priority order: lexicographic by default, a weighted blend when weights are given. */
export function yearOrder(year: ScenarioYear, weights?: PriorityWeights): Uint32Array {
  const order = new Uint32Array(year.size);
  for (let i = 0; i < year.size; i++) order[i] = i;
  const { districtRank, villageRank, perBeneficiary, cost } = year;
  if (!weights) {
    return order.sort((a, b) => districtRank[a]! - districtRank[b]! || villageRank[a]! - villageRank[b]! || perBeneficiary[a]! - perBeneficiary[b]! || cost[a]! - cost[b]! || a - b);
  }
  // Each criterion scaled to 0..1 over the year, so a weight says how much it counts against the others.
  let maxDistrict = 1;
  let maxVillage = 1;
  let maxCost = 1;
  for (let i = 0; i < year.size; i++) {
    if (districtRank[i]! < RANK_NONE) maxDistrict = Math.max(maxDistrict, districtRank[i]!);
    if (villageRank[i]! < RANK_NONE) maxVillage = Math.max(maxVillage, villageRank[i]!);
    if (perBeneficiary[i]! < NO_COST) maxCost = Math.max(maxCost, perBeneficiary[i]!);
  }
  const score = new Float64Array(year.size);
  for (let i = 0; i < year.size; i++) {
    score[i] =
      weights.districtRank * (Math.min(districtRank[i]!, maxDistrict + 1) / (maxDistrict + 1)) +
      weights.villageRank * (Math.min(villageRank[i]!, maxVillage + 1) / (maxVillage + 1)) +
      weights.costPerBeneficiary * Math.min(1, perBeneficiary[i]! / maxCost);
  }
  return order.sort((a, b) => score[a]! - score[b]! || a - b);
}

export const FUNDED_BY = ["floor", "quota", "priority"] as const;
export type FundedBy = (typeof FUNDED_BY)[number];

/** What a fit decided for every row, in columns. */
export interface YearFit {
  order: Uint32Array;
  /** 0: excluded; 1 + index in FUNDED_BY: funded, and why. */
  status: Uint8Array;
  /** For an excluded row: the room its agency's (kecamatan's) envelope had left when its turn came, or -1 when that envelope had room. */
  agencyRoom: Float64Array;
  districtRoom: Float64Array;
  envelopes: Record<EnvelopeKey, { amount: number; used: number }>;
  districtCount: Int32Array;
  districtRupiah: Float64Array;
  villageCount: Int32Array;
  villageRupiah: Float64Array;
}

/** Fits a year into all envelopes at once (see the module comment for the algorithm). */
export function fitYear(year: ScenarioYear, envelopes: ReadonlyMap<EnvelopeKey, number>, rules: FairnessRules = {}): YearFit {
  const n = year.size;
  const keys = [...envelopes.keys()];
  const room = Float64Array.from(envelopes.values());
  const slot = new Map(keys.map((key, i) => [key, i]));
  const agencySlot = Int32Array.from(year.agencies, (a) => slot.get(envelopeKey("agency", a)) ?? -1);
  const districtSlot = Int32Array.from(year.districts, (d) => slot.get(envelopeKey("district", d)) ?? -1);
  const order = yearOrder(year, rules.weights);
  const status = new Uint8Array(n);
  const districtCount = new Int32Array(year.districts.length);
  const districtRupiah = new Float64Array(year.districts.length);
  const villageCount = new Int32Array(year.villages.length);
  const villageRupiah = new Float64Array(year.villages.length);
  const { cost } = year;

  const fits = (i: number) => {
    const a = agencySlot[year.agency[i]!]!;
    const d = districtSlot[year.district[i]!]!;
    return (a < 0 || room[a]! >= cost[i]!) && (d < 0 || room[d]! >= cost[i]!);
  };
  const fund = (i: number, why: FundedBy) => {
    const a = agencySlot[year.agency[i]!]!;
    const d = districtSlot[year.district[i]!]!;
    if (a >= 0) room[a]! -= cost[i]!;
    if (d >= 0) room[d]! -= cost[i]!;
    status[i] = 1 + FUNDED_BY.indexOf(why);
    districtCount[year.district[i]!]!++;
    districtRupiah[year.district[i]!]! += cost[i]!;
    villageCount[year.village[i]!]!++;
    villageRupiah[year.village[i]!]! += cost[i]!;
  };
  const below = (count: number, rupiah: number, rule: { minCount?: number | undefined; minRupiah?: number | undefined }) => count < (rule.minCount ?? 0) || rupiah < (rule.minRupiah ?? 0);

  // 1. Floors, round-robin over the kecamatan still below theirs. Room only shrinks, so a proposal that did not fit
  // never fits later: each kecamatan's queue is walked once, with a cursor.
  const floors = rules.floors ?? [];
  const general = floors.find((f) => !f.districtCode);
  const floorOf = year.districts.map((code) => floors.find((f) => f.districtCode === code) ?? general);
  if (floors.length > 0) {
    const start = new Int32Array(year.districts.length + 1);
    for (let i = 0; i < n; i++) start[year.district[i]! + 1]!++;
    for (let d = 0; d < year.districts.length; d++) start[d + 1]! += start[d]!;
    const queue = new Uint32Array(n);
    const fill = start.slice(0, year.districts.length);
    for (const i of order) queue[fill[year.district[i]!]!++] = i;
    const cursor = start.slice(0, year.districts.length);
    const byCode = [...year.districts.keys()].sort((a, b) => (year.districts[a]! < year.districts[b]! ? -1 : 1));
    for (let progressed = true; progressed; ) {
      progressed = false;
      for (const d of byCode) {
        const floor = floorOf[d];
        if (!floor || !below(districtCount[d]!, districtRupiah[d]!, floor)) continue;
        while (cursor[d]! < start[d + 1]! && (status[queue[cursor[d]!]!] !== 0 || !fits(queue[cursor[d]!]!))) cursor[d]!++;
        if (cursor[d]! === start[d + 1]!) continue;
        fund(queue[cursor[d]!++]!, "floor");
        progressed = true;
      }
    }
  }

  // 2. Quotas of thematic groups.
  for (const quota of rules.quotas ?? []) {
    const group = year.groups.indexOf(quota.group) + 1;
    if (group === 0) continue;
    let count = 0;
    let rupiah = 0;
    for (let i = 0; i < n; i++) {
      if (year.group[i] !== group || status[i] === 0) continue;
      count++;
      rupiah += cost[i]!;
    }
    for (const i of order) {
      if (!below(count, rupiah, quota)) break;
      if (year.group[i] !== group || status[i] !== 0 || !fits(i)) continue;
      fund(i, "quota");
      count++;
      rupiah += cost[i]!;
    }
  }

  // 3. Everything else in priority order; what does not fit keeps the room of the envelope that ran out.
  const agencyRoom = new Float64Array(n).fill(-1);
  const districtRoom = new Float64Array(n).fill(-1);
  for (const i of order) {
    if (status[i] !== 0) continue;
    if (fits(i)) {
      fund(i, "priority");
      continue;
    }
    const a = agencySlot[year.agency[i]!]!;
    const d = districtSlot[year.district[i]!]!;
    if (a >= 0 && room[a]! < cost[i]!) agencyRoom[i] = room[a]!;
    if (d >= 0 && room[d]! < cost[i]!) districtRoom[i] = room[d]!;
  }

  return {
    order,
    status,
    agencyRoom,
    districtRoom,
    envelopes: Object.fromEntries(keys.map((key, i) => [key, { amount: envelopes.get(key)!, used: envelopes.get(key)! - room[i]! }])) as YearFit["envelopes"],
    districtCount,
    districtRupiah,
    villageCount,
    villageRupiah,
  };
}

/** Objects in, columns inside: the year of a list of proposals, rows in id order (the tie-break). */
function yearOf<T extends ScenarioProposal>(proposals: readonly T[]): { year: ScenarioYear; byRow: T[] } {
  const byRow = [...proposals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const builder = new ScenarioYearBuilder(byRow.length);
  byRow.forEach((p, key) => builder.add({ ...p, key }));
  return { year: builder.build(), byRow };
}

/** The proposals in priority order: lexicographic by default, a weighted blend when weights are given. */
export function priorityOrder<T extends ScenarioProposal>(proposals: readonly T[], weights?: PriorityWeights): T[] {
  const { year, byRow } = yearOf(proposals);
  return Array.from(yearOrder(year, weights), (i) => byRow[i]!);
}

/** Fits a list of proposals into all envelopes at once, answered as objects (small years, tests). */
export function runScenario(proposals: readonly ScenarioProposal[], envelopes: ReadonlyMap<EnvelopeKey, number>, rules: FairnessRules = {}): ScenarioResult {
  const { year, byRow } = yearOf(proposals);
  const fit = fitYear(year, envelopes, rules);
  const fundedBy: ScenarioResult["fundedBy"] = {};
  const excluded: Excluded[] = [];
  for (const i of fit.order) {
    const id = byRow[i]!.id;
    if (fit.status[i]) fundedBy[id] = FUNDED_BY[fit.status[i]! - 1]!;
    else excluded.push({ id, shortfalls: shortfalls(year, fit, i) });
  }
  const tallies = (names: string[], count: Int32Array, rupiah: Float64Array) => Object.fromEntries(names.flatMap((name, i) => (count[i]! > 0 ? [[name, { count: count[i]!, rupiah: rupiah[i]! }]] : [])));
  return {
    funded: Array.from(fit.order).filter((i) => fit.status[i]).map((i) => byRow[i]!.id),
    fundedBy,
    excluded,
    envelopes: fit.envelopes,
    byDistrict: tallies(year.districts, fit.districtCount, fit.districtRupiah),
    byVillage: tallies(year.villages, fit.villageCount, fit.villageRupiah),
  };
}

/** Which envelopes could not take row i when its turn came (none for a funded row). */
export function shortfalls(year: ScenarioYear, fit: YearFit, i: number): Shortfall[] {
  const needed = year.cost[i]!;
  return [
    ...(fit.agencyRoom[i]! >= 0 ? [{ envelope: envelopeKey("agency", year.agencies[year.agency[i]!]!), needed, room: fit.agencyRoom[i]! }] : []),
    ...(fit.districtRoom[i]! >= 0 ? [{ envelope: envelopeKey("district", year.districts[year.district[i]!]!), needed, room: fit.districtRoom[i]! }] : []),
  ];
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
