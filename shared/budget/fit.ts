/**
 * Fitting proposals into a budget envelope (pagu indikatif), Consul-style: in priority order (kecamatan rank,
 * then village rank, then the cheaper first), take each proposal that still fits and skip the ones that do not,
 * saying why. A 65% cut in village funds is exactly this question: what falls out, and why.
 */
export interface Candidate {
  id: string;
  cost: number;
  districtRank: number | null;
  villageRank: number | null;
}

export interface Excluded {
  id: string;
  reason: string;
  /** What was left of the envelope at its turn: it lacked `cost - room`. */
  room: number;
}

export interface Fit {
  selected: string[];
  excluded: Excluded[];
  used: number;
  remaining: number;
}

const rankKey = (rank: number | null) => rank ?? Number.MAX_SAFE_INTEGER;
const rupiah = (value: number) => `Rp ${value.toLocaleString("id-ID")}`;

export function priorityOrder<T extends Candidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort(
    (a, b) =>
      rankKey(a.districtRank) - rankKey(b.districtRank) ||
      rankKey(a.villageRank) - rankKey(b.villageRank) ||
      a.cost - b.cost ||
      a.id.localeCompare(b.id),
  );
}

export function fitEnvelope(candidates: readonly Candidate[], amount: number): Fit {
  const selected: string[] = [];
  const excluded: Excluded[] = [];
  let used = 0;
  for (const candidate of priorityOrder(candidates)) {
    if (used + candidate.cost <= amount) {
      selected.push(candidate.id);
      used += candidate.cost;
    } else {
      excluded.push({
        id: candidate.id,
        reason:
          amount === 0
            ? "pagu bernilai nol"
            : `biaya ${rupiah(candidate.cost)} melebihi sisa pagu ${rupiah(amount - used)}`,
        room: amount - used,
      });
    }
  }
  return { selected, excluded, used, remaining: amount - used };
}
