/**
 * The bench corpus: proposals written from the real templates (shared/demo/proposal-templates.ts) over real villages
 * (idn-area-data), a share of them rewritten the way a second village operator or another agency writes the same
 * need, routed to the agencies that carry their codes, with the overlap index (band keys) and the flags a system
 * that had routed every proposal would hold. Deterministic: the same size gives byte-identical rows.
 *
 * Pure computation (no I/O): bench/overlap.ts turns the result into SQL for D1 and TSV for PostgreSQL.
 */
import { mulberry32 } from "../../shared/random.ts";
import { Worker } from "node:worker_threads";
import { agencyId } from "../../shared/agencies/agencies.ts";
import { readDemoAgencies } from "../../scripts/reference-sources.ts";
import { projectRoot } from "../../scripts/wrangler.ts";
import type { overlapFlags, proposals, reviewTasks } from "../../shared/db/schema.ts";
import { generateDemoProposals, type DemoProposal, type DemoVillage } from "../../shared/demo/proposals.ts";
import { PROPOSAL_TEMPLATES } from "../../shared/demo/proposal-templates.ts";
import { clusterIds } from "../../shared/overlap/clusters.ts";
import { bandKeyNumber, fnv1a32, lshBandKeys, minhashSignature, overlapFeatures } from "../../shared/overlap/minhash.ts";
import { analyzeText } from "../../shared/overlap/normalize.ts";
import { isRoutine } from "../../shared/overlap/routine.ts";
import { scoreOverlap, subjectAnalysis, type OverlapSubject } from "../../shared/overlap/score.ts";
import type { RegionRow } from "../../shared/reference/regions.ts";
import { indexCatalogue, suggestSubActivities, SUGGESTION_THRESHOLD, type CatalogueEntry } from "../../shared/routing/classify.ts";
import { responsibleAgency } from "../../shared/routing/responsible-agency.ts";
import { overlapSubject, proposalBandKeys } from "../../shared/overlap/subject.ts";

export type ProposalInsert = typeof proposals.$inferInsert;
export type TaskInsert = typeof reviewTasks.$inferInsert;
export type FlagInsert = typeof overlapFlags.$inferInsert;

export const BENCH_YEAR = 2027;
/** Share of the corpus that is a rewritten variant of another proposal of the same village. */
export const VARIANT_SHARE = 0.05;

export interface CorpusOptions {
  size: number;
  /** Region code whose villages propose: "18" (Provinsi Lampung) or "18.01" (Lampung Selatan). */
  scope: string;
  /** Worker threads for the band keys and steady-state flags (default 1: in this thread). */
  threads?: number;
}

export interface Corpus {
  proposals: ProposalInsert[];
  tasks: TaskInsert[];
  /** Band keys per proposal, in proposal order (empty for routine lines). */
  keys: string[][];
  flags: FlagInsert[];
  /** Ids of the rewritten variants and the proposal each rewrites. */
  variants: Map<string, string>;
  stats: {
    regencies: number;
    villages: number;
    bucketRows: number;
    candidatePairs: number;
    flags: number;
    crossAgencyFlags: number;
    variantsFlagged: number;
    proposalsPerRegencyMax: number;
    /** Milliseconds per phase of the build. */
    phases: Record<string, number>;
  };
}

type Rng = () => number;



const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

// ------------------------------------------------------------------------------------------------ rewriting
// How a second operator (or an agency copying a line into its Renja) writes the same need: abbreviations,
// synonyms a planner treats as one, typos, lower case, a place added or dropped.
const REWRITES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/\bPembangunan\b/gi, ["Pemb.", "pembgn", "Pembuatan", "Bangun"]],
  [/\bPemb\.\s?/gi, ["Pembangunan ", "Pembuatan ", "pembgn "]],
  [/\bRehabilitasi\b/gi, ["Rehab", "Perbaikan", "Renovasi"]],
  [/\bRehab\b/gi, ["Rehabilitasi", "Perbaikan", "rehap"]],
  [/\bPerbaikan\b/gi, ["Rehab", "Rehabilitasi"]],
  [/\bjln\b|\bjalan\b/gi, ["jalan", "jln", "jl."]],
  [/\bdrainase\b/gi, ["saluran drainase", "saluran air", "selokan"]],
  [/\bsaluran\b/gi, ["drainase", "sal.", "saluran air"]],
  [/\bPenyuluhan\b/gi, ["Sosialisasi", "Edukasi"]],
  [/\bSosialisasi\b/gi, ["Penyuluhan", "Edukasi"]],
  [/\bPelatihan\b/gi, ["Pelatihan", "Bimtek", "Kursus"]],
  [/\bPengadaan\b/gi, ["Pengadaan", "Pembelian", "Bantuan"]],
  [/\bBantuan\b/gi, ["Pemberian bantuan", "Bantuan", "Pengadaan"]],
  [/\bDusun\b/g, ["Dsn.", "dusun", "Dusun"]],
  [/\butk\b/gi, ["untuk", "bagi"]],
  [/\buntuk\b/gi, ["utk"]],
  [/\bdan\b/gi, ["&", "dan"]],
  [/\btidak\b/gi, ["tdk"]],
  [/\bstunting\b/gi, ["gizi buruk", "stunting"]],
  [/\bposyandu\b/gi, ["Posyandu", "posy."]],
  [/\bgorong-gorong\b/gi, ["gorong2", "gorong gorong"]],
];

function typo(rng: Rng, text: string): string {
  const words = text.split(" ");
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{6,}$/i.test(w));
  if (long.length === 0) return text;
  const [word, index] = pick(rng, long);
  const at = 1 + Math.floor(rng() * (word.length - 3));
  words[index] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(" ");
}

function rewriteActivity(rng: Rng, activity: string, villageName: string): string {
  let text = activity;
  for (const [pattern, options] of REWRITES) {
    if (pattern.test(text) && rng() < 0.6) text = text.replace(pattern, () => pick(rng, options));
    pattern.lastIndex = 0;
  }
  const place = rng();
  if (place < 0.25) text = `${text} Desa ${villageName}`;
  else if (place < 0.35) text = `${text} Ds. ${villageName}`;
  else if (place < 0.45) text = text.replace(/\s*\([^)]*\)/g, "");
  if (rng() < 0.3) text = typo(rng, text);
  if (rng() < 0.35) text = text.toLowerCase();
  return text.replace(/\s+/g, " ").trim();
}

const PROBLEM_REWRITES = [
  (p: string) => p,
  (p: string) => p.split(/,| sehingga | dan /)[0]!.trim() + ".",
  (p: string) => `Kondisi saat ini: ${p.charAt(0).toLowerCase()}${p.slice(1)}`,
  () => "Usulan masyarakat hasil musyawarah, kondisi mendesak.",
  () => "Sesuai hasil Musrenbang desa dan kecamatan.",
];

// ------------------------------------------------------------------------------------------------ routing
export interface RoutingTables {
  /** Per regency: code prefix → agency id. */
  prefixes: Map<string, Map<string, string>>;
  agencyNames: Map<string, string>;
  catalogue: CatalogueEntry[];
}

export function routingTables(regencyCodes: readonly string[], catalogue: CatalogueEntry[]): RoutingTables {
  const prefixes = new Map<string, Map<string, string>>();
  const agencyNames = new Map<string, string>();
  for (const regency of regencyCodes) {
    const map = new Map<string, string>();
    for (const a of readDemoAgencies(projectRoot)) {
      agencyNames.set(agencyId(regency, a.shortName), a.name);
      for (const prefix of a.codePrefixes) map.set(prefix, agencyId(regency, a.shortName));
    }
    prefixes.set(regency, map);
  }
  return { prefixes, agencyNames, catalogue };
}

// ------------------------------------------------------------------------------------------------ ids
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** Same shape as sortableId("usl") (30 characters), deterministic: time from createdAt, then a hash of the ordinal. */
function benchId(prefix: string, createdAt: string, ordinal: number, salt: string): string {
  let time = "";
  for (let t = Date.parse(createdAt), i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  const rng = mulberry32(fnv1a32(`${salt}:${ordinal}`));
  let random = "";
  for (let i = 0; i < 16; i++) random += CROCKFORD[Math.floor(rng() * 32)];
  return `${prefix}_${time}${random}`;
}

const TRACKING = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** Distinct ordinals (< 31^6) give distinct codes: x -> x * 3^18 + c mod 31^6 is a bijection. */
function trackingCode(year: number, ordinal: number): string {
  const space = 31 ** 6;
  let x = (ordinal * 387_420_489 + 104_729_113) % space;
  let out = "";
  for (let i = 0; i < 6; i++) {
    out = TRACKING.charAt(x % 31) + out;
    x = Math.floor(x / 31);
  }
  return `USL-${year}-${out}`;
}

// ------------------------------------------------------------------------------------------------ corpus
interface Draft extends DemoProposal {
  variantOf: DemoProposal | null;
  agency: string | null;
}

export async function buildCorpus(regions: readonly RegionRow[], routing: RoutingTables, options: CorpusOptions): Promise<Corpus> {
  const started = performance.now();
  const { size, scope } = options;
  const year = BENCH_YEAR;
  const villagesByRegency = new Map<string, DemoVillage[]>();
  const names = new Map(regions.map((r) => [r.code, r.name]));
  for (const r of regions) {
    if (r.level !== "village" || !(r.code === scope || r.code.startsWith(`${scope}.`))) continue;
    const regency = r.code.split(".").slice(0, 2).join(".");
    const list = villagesByRegency.get(regency) ?? [];
    list.push({ code: r.code, name: r.name, districtCode: r.parentCode! });
    villagesByRegency.set(regency, list);
  }
  const regencies = [...villagesByRegency.keys()].sort();
  const villageCount = regencies.reduce((n, r) => n + villagesByRegency.get(r)!.length, 0);
  // Proposals per regency in proportion to its villages (largest remainder).
  const exact = regencies.map((r) => (size * villagesByRegency.get(r)!.length) / villageCount);
  const quota = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = size - quota.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) quota[order[k]![1]]! += 1;

  const agencyFor = agencyRouter(routing);
  const drafts: Draft[] = [];
  const draftOf = new Map<DemoProposal, Draft>();
  regencies.forEach((regency, i) => {
    const villages = villagesByRegency.get(regency)!;
    const total = quota[i]!;
    const variantCount = Math.round(total * VARIANT_SHARE);
    const base = generateDemoProposals(villages, { count: total - variantCount, year, seed: fnv1a32(`bench:${regency}`) });
    for (const p of base) {
      const draft: Draft = { ...p, variantOf: null, agency: agencyFor(regency, p.subActivityCode, p.activity) };
      draftOf.set(p, draft);
      drafts.push(draft);
    }
    const rng = mulberry32(fnv1a32(`variants:${regency}:${size}`));
    for (let v = 0; v < variantCount && base.length > 0; v++) {
      const of = pick(rng, base);
      drafts.push(variant(rng, of, names.get(of.villageCode) ?? "", regency, agencyFor));
    }
  });
  drafts.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) || (a.villageCode < b.villageCode ? -1 : 1));

  // Final ids in arrival order; variants point at their base's final id.
  const idOf = new Map<DemoProposal, string>();
  drafts.forEach((d, index) => idOf.set(d, benchId("usl", d.createdAt, index + 1, `p${size}`)));
  const rows: ProposalInsert[] = drafts.map((d, index) => {
    const { variantOf: _v, agency: _a, id: _id, trackingCode: _t, ...fields } = d;
    return {
      ...fields,
      id: idOf.get(d)!,
      trackingCode: trackingCode(year, index + 1),
      stage: "opd_review",
      status: "in_review",
      createdBy: "bench:overlap",
      updatedAt: d.createdAt,
    };
  });
  const variants = new Map<string, string>();
  for (const d of drafts) if (d.variantOf) variants.set(idOf.get(d)!, idOf.get(draftOf.get(d.variantOf)!)!);
  const tasks: TaskInsert[] = drafts.map((d, index): TaskInsert => {
    const common = { id: benchId("tgs", d.createdAt, index + 1, `t${size}`), proposalId: idOf.get(d)!, regencyCode: d.regencyCode, status: "open" as const, dueAt: "2026-03-31T00:00:00.000Z" };
    // No agency carries the code: Bappeda triages it (routeProposal does the same).
    return d.agency === null ? { ...common, kind: "triage", agencyId: null, queueKey: d.regencyCode } : { ...common, kind: "agency_review", agencyId: d.agency, queueKey: d.agency };
  });

  const phases: Record<string, number> = { generate: performance.now() - started };
  const mark = performance.now();
  const subjects: OverlapSubject[] = rows.map((p, i) =>
    overlapSubject(
      { ...p, id: p.id!, description: p.description ?? null, latitude: p.latitude ?? null, longitude: p.longitude ?? null, subActivityCode: p.subActivityCode ?? null, beneficiaryGroup: p.beneficiaryGroup ?? null },
      { agencyId: drafts[i]!.agency, agencyName: drafts[i]!.agency === null ? null : (routing.agencyNames.get(drafts[i]!.agency!) ?? null) },
    ),
  );
  // Band keys and steady-state flags per village (keys are scoped by village, so no pair crosses one), the villages
  // split over worker threads.
  const byVillage = new Map<string, number[]>();
  rows.forEach((p, i) => {
    const list = byVillage.get(p.villageCode) ?? [];
    list.push(i);
    byVillage.set(p.villageCode, list);
  });
  const threads = Math.max(1, options.threads ?? 1);
  const shards: number[][] = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  for (const members of [...byVillage.values()].sort((a, b) => b.length - a.length)) {
    const k = load.indexOf(Math.min(...load));
    shards[k]!.push(...members);
    load[k]! += members.length * members.length + members.length;
  }
  const results = await Promise.all(
    shards.map((indices) => {
      const input: ShardInput = {
        items: indices.map((i) => ({ index: i, subject: subjects[i]!, regencyCode: rows[i]!.regencyCode, year: rows[i]!.year, createdAt: rows[i]!.createdAt! })),
        names: [...names].filter(([code]) => code.startsWith(options.scope)),
      };
      return threads === 1 ? Promise.resolve(runShard(input)) : runShardInWorker(input);
    }),
  );
  const keys: string[][] = new Array(rows.length);
  const flags: FlagInsert[] = [];
  let candidatePairs = 0;
  for (const result of results) {
    result.indices.forEach((index, n) => {
      keys[index] = result.keys[n]!;
    });
    flags.push(...result.flags);
    candidatePairs += result.candidatePairs;
  }
  flags.sort((x, y) => (x.id! < y.id! ? -1 : 1));
  const clusters = clusterIds(flags.map((f) => [f.proposalA, f.proposalB] as const));
  for (const f of flags) f.clusterId = clusters.get(f.proposalA) ?? f.proposalA;
  // The index must be exactly the Worker's: a sample against overlapBandKeys itself.
  const sampleRng = mulberry32(size);
  for (let n = 0; n < Math.min(300, rows.length); n++) {
    const i = Math.floor(sampleRng() * rows.length);
    if (proposalBandKeys({ ...rows[i]!, description: rows[i]!.description ?? null }).map(String).join() !== keys[i]!.join()) throw new Error(`band keys of ${rows[i]!.id} differ from the Worker's proposalBandKeys`);
  }
  phases.keysAndFlags = performance.now() - mark;
  const flaggedIds = new Set(flags.flatMap((f) => [f.proposalA, f.proposalB]));
  const perRegency = new Map<string, number>();
  for (const p of rows) perRegency.set(p.regencyCode, (perRegency.get(p.regencyCode) ?? 0) + 1);
  return {
    proposals: rows,
    tasks,
    keys,
    flags,
    variants,
    stats: {
      regencies: regencies.length,
      villages: villageCount,
      bucketRows: keys.reduce((n, k) => n + k.length, 0),
      candidatePairs,
      flags: flags.length,
      crossAgencyFlags: flags.filter((f) => f.kind === "cross_agency").length,
      variantsFlagged: [...variants.keys()].filter((id) => flaggedIds.has(id)).length,
      proposalsPerRegencyMax: Math.max(...perRegency.values()),
      phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])),
    },
  };
}

/** Each template's activity as a pattern, to tell which template a generated proposal was written from. */
const TEMPLATE_PATTERNS = PROPOSAL_TEMPLATES.map(
  (t) => new RegExp(`^${t.activity.replace(/[.*+?^$()|[\]\\/]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, ".*?")}$`),
);
export function templateActivity(activity: string): string {
  const index = TEMPLATE_PATTERNS.findIndex((re) => re.test(activity));
  return index < 0 ? activity : PROPOSAL_TEMPLATES[index]!.activity.replace(/\{\w+\}/g, "").replace(/\s+/g, " ").trim();
}

/**
 * The agency a proposal's code routes to; without a code, the routing classifier's best confident suggestion for
 * the template line it was written from (the classifier takes milliseconds a call, too slow for 100k distinct texts).
 */
const suggestedCodes = new WeakMap<RoutingTables, { index: ReturnType<typeof indexCatalogue>; codes: Map<string, string | null> }>();
function agencyRouter(routing: RoutingTables) {
  if (!suggestedCodes.has(routing)) suggestedCodes.set(routing, { index: indexCatalogue(routing.catalogue), codes: new Map() });
  const { index, codes: suggested } = suggestedCodes.get(routing)!;
  return (regency: string, code: string | null, activity: string): string | null => {
    let routeCode = code;
    if (routeCode === null) {
      const line = templateActivity(activity);
      if (!suggested.has(line)) {
        const [best] = suggestSubActivities(line, index);
        suggested.set(line, best && best.score >= SUGGESTION_THRESHOLD ? best.code : null);
      }
      routeCode = suggested.get(line) ?? null;
    }
    return routeCode === null ? null : responsibleAgency(routeCode, routing.prefixes.get(regency)!);
  };
}

/** Template codes by the meaningful features of their activity, for "the same need filed under another agency". */
const TEMPLATE_FEATURES = PROPOSAL_TEMPLATES.filter((t) => t.subActivityCode !== null).map((t) => ({
  code: t.subActivityCode!,
  features: new Set(overlapFeatures(analyzeText(t.activity.replace(/\{\w+\}/g, "")))),
}));

function variant(rng: Rng, of: DemoProposal, villageName: string, regency: string, agencyFor: ReturnType<typeof agencyRouter>): Draft {
  const activity = rewriteActivity(rng, of.activity, villageName);
  const problem = pick(rng, PROBLEM_REWRITES)(of.problem);
  // The code: kept (same agency), left blank (routed from the text), or another agency's code for the same thing.
  const roll = rng();
  let code = of.subActivityCode;
  if (roll < 0.25) code = null;
  else if (roll < 0.6) {
    const features = new Set(overlapFeatures(analyzeText(of.activity)));
    const others = TEMPLATE_FEATURES.filter(
      (t) => t.code.split(".").slice(0, 2).join(".") !== (of.subActivityCode ?? "").split(".").slice(0, 2).join(".") && [...t.features].some((f) => features.has(f)),
    );
    if (others.length > 0) code = pick(rng, others).code;
  }
  const near = of.latitude !== null && of.longitude !== null && rng() < 0.6;
  const createdAt = new Date(Date.parse(of.createdAt) + (1 + Math.floor(rng() * 40)) * 86_400_000 + Math.floor(rng() * 36_000_000)).toISOString();
  const volume = Math.max(1, Math.round(of.volume * (0.8 + rng() * 0.4)));
  return {
    ...of,
    activity,
    problem,
    description: rng() < 0.4 ? of.description : rng() < 0.5 ? "Usulan ulang dari dusun, mohon diprioritaskan." : null,
    latitude: near ? Math.round((of.latitude! + (rng() - 0.5) * 0.001) * 1e6) / 1e6 : null,
    longitude: near ? Math.round((of.longitude! + (rng() - 0.5) * 0.001) * 1e6) / 1e6 : null,
    volume,
    estimatedCost: Math.round((of.estimatedCost / of.volume) * volume / 1000) * 1000,
    subActivityCode: code,
    villageRank: of.villageRank + 20,
    createdAt,
    variantOf: of,
    // Routed from its base's line: the rewritten text is the same need.
    agency: agencyFor(regency, code, of.activity),
  };
}

export interface ShardInput {
  items: { index: number; subject: OverlapSubject; regencyCode: string; year: number; createdAt: string }[];
  names: [string, string][];
}

export interface ShardResult {
  indices: number[];
  keys: string[][];
  flags: FlagInsert[];
  candidatePairs: number;
}

/**
 * Band keys of each proposal, and the flags a system holds once every proposal has been routed and checked in
 * arrival order: each proposal against the earlier ones of its village sharing a band key (detectOverlaps'
 * candidates), scored with the same scorer. The scorer's text analysis of each subject is computed once and
 * used for the keys too (overlapBandKeys would analyse every text again).
 */
export function runShard(input: ShardInput): ShardResult {
  const names = new Map(input.names);
  const items = [...input.items].sort((a, b) => a.index - b.index);
  // Exactly the Worker's keys (shared/overlap/subject.ts proposalBandKeys): scoped by desa and year, as integers.
  const keys = items.map(({ subject, year }) => {
    const analysis = subjectAnalysis(subject);
    if (isRoutine(analysis)) return [];
    const signature = minhashSignature(overlapFeatures(analysis));
    return signature === null ? [] : [...new Set(lshBandKeys(signature, `${subject.villageCode!}|${year}`).map((key) => String(bandKeyNumber(key))))];
  });
  const byVillage = new Map<string, number[]>();
  items.forEach((item, n) => {
    const list = byVillage.get(item.subject.villageCode!) ?? [];
    list.push(n);
    byVillage.set(item.subject.villageCode!, list);
  });
  const flags: FlagInsert[] = [];
  let candidatePairs = 0;
  for (const members of byVillage.values()) {
    const buckets = new Map<string, number[]>();
    for (const n of members) {
      const item = items[n]!;
      const candidates = new Set<number>();
      for (const key of keys[n]!) {
        const list = buckets.get(key);
        if (list) for (const m of list) candidates.add(m);
        else buckets.set(key, []);
        buckets.get(key)!.push(n);
      }
      for (const m of candidates) {
        const other = items[m]!;
        if (other.regencyCode !== item.regencyCode || other.year !== item.year) continue;
        candidatePairs++;
        const result = scoreOverlap(item.subject, other.subject, { regionName: (code) => names.get(code) });
        if (result.kind === null) continue;
        const [a, b] = item.subject.id < other.subject.id ? [item.subject.id, other.subject.id] : [other.subject.id, item.subject.id];
        flags.push({
          id: benchId("ovl", item.createdAt, 0, `${a}|${b}`),
          regencyCode: item.regencyCode,
          year: item.year,
          proposalA: a,
          proposalB: b,
          kind: result.kind,
          score: result.score,
          reasons: JSON.stringify(result.reasons),
          status: "open",
          clusterId: a,
          updatedAt: item.createdAt,
        });
      }
    }
  }
  return { indices: items.map((i) => i.index), keys, flags, candidatePairs };
}

function runShardInWorker(input: ShardInput): Promise<ShardResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./overlap-corpus-shard.ts", import.meta.url), { workerData: input });
    worker.once("message", (result: ShardResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`corpus shard exited with ${code}`));
    });
  });
}
