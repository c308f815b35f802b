/**
 * Deterministic demo proposals (usulan) for a kabupaten, written in the style of real village proposals.
 *
 * Pure: no I/O and no Node APIs (runs inside the Workers runtime as well). The same villages and options always give
 * byte-identical output, so the seed can run on every start: ids (`demo-2027-0001`) and tracking codes are stable.
 */
import { mulberry32 } from "../random.ts";
import { PROPOSAL_TEMPLATES } from "./proposal-templates.ts";
import type { ProposalTemplate } from "./proposal-templates.ts";

export interface DemoVillage {
  code: string;
  name: string;
  districtCode: string;
}

export interface DemoProposal {
  id: string;
  trackingCode: string;
  year: number;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  problem: string;
  activity: string;
  description: string | null;
  address: string | null;
  rt: string | null;
  rw: string | null;
  latitude: number | null;
  longitude: number | null;
  volume: number;
  unit: string;
  estimatedCost: number;
  beneficiaryCount: number | null;
  beneficiaryGroup: string | null;
  subActivityCode: string | null;
  villageRank: number;
  createdAt: string;
}

/** Rough bounding box of Kabupaten Lampung Selatan. */
const BOX = { latMin: -5.95, latMax: -5.45, lonMin: 105.25, lonMax: 105.85 } as const;

/** Share of villages that propose nothing (when there are enough proposals to go round, the rest get at least one). */
const SILENT_VILLAGE_SHARE = 0.25;
/** Villages usually send 1-4 proposals; more only when the count cannot be spread otherwise. */
const USUAL_MAX_PER_VILLAGE = 4;
const COORDINATE_SHARE = 0.6;
const DESCRIPTION_SHARE = 0.55;
const MISSING_BENEFICIARY_SHARE = 0.07;

/** Tracking code alphabet without look-alikes (no 0/O, 1/I/L). */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 6;
const CODE_SPACE = CODE_ALPHABET.length ** CODE_LENGTH; // 31^6 = 887,503,681
/** Multiplier coprime with 31, so `index -> (index * A + B) mod 31^6` is a bijection: codes never collide. */
const CODE_MULTIPLIER = 387_420_489; // 3^18
const CODE_OFFSET = 104_729_113;

const ROMAN_DUSUN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"] as const;
const NAMED_DUSUN = [
  "Sukamaju",
  "Sidorejo",
  "Karang Anyar",
  "Sumber Agung",
  "Banjarsari",
  "Suka Makmur",
  "Talang Baru",
  "Margodadi",
  "Way Arong",
  "Tanjungsari",
  "Sinar Harapan",
  "Pasar",
  "Krajan",
  "Bumi Asri",
] as const;
const STREETS = [
  "Jl. Lintas Sumatera",
  "Jl. Trans Sumatera",
  "Jl. Poros Desa",
  "Jl. Raya Kalianda",
  "Jl. Pesisir",
  "Jl. Pemuda",
  "Jl. Masjid",
  "Jl. Irigasi",
  "Jl. Pendidikan",
  "Jl. Balai Desa",
  "Jl. Lapangan",
  "Jl. Makam",
] as const;
const DESCRIPTIONS = [
  "Usulan hasil musyawarah dusun.",
  "Usulan ulang, sudah diajukan pada Musrenbang {prev} namun belum terealisasi.",
  "Masyarakat siap swadaya tenaga kerja.",
  "Foto kondisi eksisting dan RAB terlampir.",
  "Prioritas hasil musdes, mendesak sebelum musim hujan.",
  "Sudah dikoordinasikan dengan kepala dusun dan ketua RT setempat.",
  "Usulan kelompok masyarakat, proposal dan daftar penerima terlampir.",
  "Kondisi makin parah sejak tahun lalu, mohon menjadi perhatian.",
] as const;

type Rng = () => number;


/** FNV-1a 32-bit hash, for values that should depend on a code rather than on generation order. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  if (total <= 0) return -1;
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    if (r < w) return i;
    r -= w;
  }
  // Floating-point edge: the last positive weight.
  for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
  return -1;
}

function shuffled(rng: Rng, length: number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = order[i] as number;
    order[i] = order[j] as number;
    order[j] = a;
  }
  return order;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** (a * b) mod m for non-negative a, b < m <= 2^30 without leaving the exact range of doubles. */
function mulMod(a: number, b: number, m: number): number {
  const hi = Math.floor(b / 32768);
  const lo = b % 32768;
  return (((a * hi) % m) * 32768 + a * lo) % m;
}

/** `USL-2027-7K3QX9`: six characters derived from the ordinal; distinct ordinals give distinct codes. */
function trackingCodeFor(year: number, ordinal: number): string {
  let x = (mulMod(ordinal % CODE_SPACE, CODE_MULTIPLIER, CODE_SPACE) + CODE_OFFSET) % CODE_SPACE;
  let out = "";
  for (let i = 0; i < CODE_LENGTH; i++) {
    out = CODE_ALPHABET.charAt(x % CODE_ALPHABET.length) + out;
    x = Math.floor(x / CODE_ALPHABET.length);
  }
  return `USL-${year}-${out}`;
}

/** Infrastructure is what villages ask for most; give it twice the weight of the other templates. */
function templateWeight(t: ProposalTemplate): number {
  const code = t.subActivityCode ?? "";
  if (code.startsWith("1.03.") || code.startsWith("1.04.")) return 2;
  if (t.unit === "m" || t.unit === "km" || t.unit === "titik") return 2;
  return 1;
}

function usesPlaceholder(t: ProposalTemplate, name: string): boolean {
  const token = `{${name}}`;
  return t.activity.includes(token) || t.problem.includes(token);
}

function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function roundedVolume(rng: Rng, [min, max]: readonly [number, number]): number {
  const raw = intBetween(rng, min, max);
  const step = max - min >= 100 ? 10 : max - min >= 40 ? 5 : 1;
  const rounded = Math.round(raw / step) * step;
  return Math.min(max, Math.max(min, rounded));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A village's rough centre: near its district's centre, both derived from the codes (not from generation order). */
function villageCentre(village: DemoVillage, seed: number): { lat: number; lon: number } {
  const d = mulberry32(hash32(`${seed}:${village.districtCode}`));
  const districtLat = BOX.latMin + 0.06 + d() * (BOX.latMax - BOX.latMin - 0.12);
  const districtLon = BOX.lonMin + 0.06 + d() * (BOX.lonMax - BOX.lonMin - 0.12);
  const v = mulberry32(hash32(`${seed}:${village.code}`));
  return {
    lat: clamp(districtLat + (v() - 0.5) * 0.08, BOX.latMin, BOX.latMax),
    lon: clamp(districtLon + (v() - 0.5) * 0.08, BOX.lonMin, BOX.lonMax),
  };
}

/** How many proposals each village sends: some none, most 1-4, summing to `count`. */
function villageQuotas(rng: Rng, villageCount: number, count: number): number[] {
  const quotas = new Array<number>(villageCount).fill(0);
  if (villageCount === 0 || count <= 0) return quotas;
  const order = shuffled(rng, villageCount);
  const activeCount = Math.min(count, Math.max(1, Math.round(villageCount * (1 - SILENT_VILLAGE_SHARE))));
  const active = order.slice(0, activeCount);
  // Some villages are simply busier than others.
  const eagerness = active.map(() => 0.2 + rng() * rng() * 1.8);
  for (const v of active) quotas[v] = 1;
  let remaining = count - activeCount;
  while (remaining > 0) {
    let weights = active.map((v, i) => ((quotas[v] ?? 0) < USUAL_MAX_PER_VILLAGE ? (eagerness[i] ?? 0) : 0));
    let i = weightedIndex(rng, weights);
    if (i < 0) {
      weights = eagerness;
      i = weightedIndex(rng, weights);
    }
    const v = active[i];
    if (v === undefined) break;
    quotas[v] = (quotas[v] ?? 0) + 1;
    remaining--;
  }
  return quotas;
}

interface Draft {
  villageIndex: number;
  rankInVillage: number;
  at: number;
  template: ProposalTemplate;
  dusun: string;
}

/**
 * Generates `count` demo proposals for `year`, spread over `villages` during the Musrenbang desa season
 * (5 January - 27 February of `year - 1`). Proposals are ordered by `createdAt`; `villageRank` numbers each
 * village's proposals 1..n in that order.
 */
export function generateDemoProposals(
  villages: readonly DemoVillage[],
  options: { count: number; year: number; seed: number },
): DemoProposal[] {
  const { year, seed } = options;
  const count = Math.max(0, Math.floor(options.count));
  if (villages.length === 0 || count === 0) return [];
  if (PROPOSAL_TEMPLATES.length === 0) throw new Error("no proposal templates");

  const rng = mulberry32(seed ^ Math.imul(year, 0x9e3779b1));
  const quotas = villageQuotas(rng, villages.length, count);

  const seasonStart = Date.UTC(year - 1, 0, 5);
  const seasonDays = Math.round((Date.UTC(year - 1, 1, 27) - seasonStart) / 86_400_000) + 1;
  const minute = 60_000;

  const baseWeights = PROPOSAL_TEMPLATES.map(templateWeight);
  const drafts: Draft[] = [];
  villages.forEach((_village, villageIndex) => {
    const quota = quotas[villageIndex] ?? 0;
    if (quota === 0) return;
    // The village's dusun names: numbered (Dusun I, II, ...) or named, 3-7 of them.
    const dusunCount = intBetween(rng, 3, 7);
    const dusunList =
      rng() < 0.55
        ? ROMAN_DUSUN.slice(0, dusunCount)
        : shuffled(rng, NAMED_DUSUN.length)
            .slice(0, dusunCount)
            .map((i) => NAMED_DUSUN[i] as string);
    // Musrenbang desa day, starting between 08:00 and 11:00 WIB (UTC+7); proposals are typed in one after another.
    const day = intBetween(rng, 0, seasonDays - 1);
    let at = seasonStart + day * 86_400_000 + (60 + intBetween(rng, 0, 180)) * minute;
    // Each template at most once per village while there are templates left.
    const weights = [...baseWeights];
    for (let rank = 1; rank <= quota; rank++) {
      let t = weightedIndex(rng, weights);
      if (t < 0) t = weightedIndex(rng, baseWeights);
      const template = PROPOSAL_TEMPLATES[t];
      if (template === undefined) throw new Error("template index out of range");
      weights[t] = 0;
      drafts.push({ villageIndex, rankInVillage: rank, at, template, dusun: pick(rng, dusunList) });
      at += intBetween(rng, 3, 25) * minute + intBetween(rng, 0, 59) * 1000;
    }
  });

  drafts.sort((a, b) => a.at - b.at || a.villageIndex - b.villageIndex || a.rankInVillage - b.rankInVillage);

  const width = Math.max(4, String(drafts.length).length);
  const nextRank = new Map<number, number>();
  return drafts.map((draft, index): DemoProposal => {
    const village = villages[draft.villageIndex];
    if (village === undefined) throw new Error("village index out of range");
    const { template } = draft;
    const ordinal = index + 1;
    const villageRank = (nextRank.get(draft.villageIndex) ?? 0) + 1;
    nextRank.set(draft.villageIndex, villageRank);

    const volume = roundedVolume(rng, template.volume);
    const rt = usesPlaceholder(template, "rt") ? pad2(intBetween(rng, 1, 12)) : null;
    const rw = usesPlaceholder(template, "rw") ? pad2(intBetween(rng, 1, 5)) : null;
    const values: Record<string, string> = {
      rt: rt ?? "",
      rw: rw ?? "",
      dusun: draft.dusun,
      volume: String(volume),
      unit: template.unit,
    };

    let address: string | null;
    if (usesPlaceholder(template, "dusun")) {
      address = rng() < 0.3 ? `${pick(rng, STREETS)}, Dusun ${draft.dusun}` : `Dusun ${draft.dusun}`;
    } else {
      const r = rng();
      address = r < 0.35 ? `Dusun ${draft.dusun}` : r < 0.7 ? pick(rng, STREETS) : null;
    }

    const description =
      rng() < DESCRIPTION_SHARE ? fill(pick(rng, DESCRIPTIONS), { prev: String(year - 2) }) : null;

    let latitude: number | null = null;
    let longitude: number | null = null;
    if (rng() < COORDINATE_SHARE) {
      const centre = villageCentre(village, seed);
      latitude = round6(clamp(centre.lat + (rng() - 0.5) * 0.012, BOX.latMin, BOX.latMax));
      longitude = round6(clamp(centre.lon + (rng() - 0.5) * 0.012, BOX.lonMin, BOX.lonMax));
    }

    let beneficiaryCount: number | null;
    if (rng() < MISSING_BENEFICIARY_SHARE) beneficiaryCount = null;
    else if (template.unit === "orang") beneficiaryCount = volume;
    else beneficiaryCount = intBetween(rng, template.beneficiaries[0], template.beneficiaries[1]);

    return {
      id: `demo-${year}-${String(ordinal).padStart(width, "0")}`,
      trackingCode: trackingCodeFor(year, ordinal),
      year,
      regencyCode: village.districtCode.split(".").slice(0, 2).join("."),
      districtCode: village.districtCode,
      villageCode: village.code,
      problem: fill(template.problem, values),
      activity: fill(template.activity, values),
      description,
      address,
      rt,
      rw,
      latitude,
      longitude,
      volume,
      unit: template.unit,
      estimatedCost: Math.round((volume * template.unitCost) / 1000) * 1000,
      beneficiaryCount,
      beneficiaryGroup: template.beneficiaryGroup,
      subActivityCode: template.subActivityCode,
      villageRank,
      createdAt: new Date(draft.at).toISOString(),
    };
  });
}
