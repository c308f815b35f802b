/**
 * Candidate recall of the MinHash/LSH index on a labelled CSV: `node scripts/overlap-lsh-recall.ts pairs.csv`.
 * For the pairs the scorer flags and for the pairs labelled 1: the share that shares at least one band key (found
 * as candidates), measured with the real hash family and as expected from the feature Jaccard; and, over all
 * distinct texts of the file, the share of random pairs that become candidates (the cost side).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseCsvRecords } from "../shared/csv/parse.ts";
import {
  candidateProbability,
  LSH_BANDS,
  LSH_ROWS,
  MINHASH_PERMUTATIONS,
  minhashSignature,
  overlapBandKeys,
  overlapFeatures,
} from "../shared/overlap/minhash.ts";
import { analyzeText } from "../shared/overlap/normalize.ts";
import { scoreOverlap } from "../shared/overlap/score.ts";

const file = process.argv[2];
if (file === undefined) {
  console.error("pakai: node scripts/overlap-lsh-recall.ts pairs.csv");
  process.exit(2);
}
const rows = parseCsvRecords(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), "utf8"), file);

const keyCache = new Map<string, Set<string>>();
const keysOf = (text: string) => {
  let keys = keyCache.get(text);
  if (keys === undefined) {
    keys = new Set(overlapBandKeys(text));
    keyCache.set(text, keys);
  }
  return keys;
};
const featuresOf = (text: string) => new Set(overlapFeatures(analyzeText(text)));
const jaccard = (a: Set<string>, b: Set<string>) => {
  const shared = [...a].filter((x) => b.has(x)).length;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
};
const collide = (a: string, b: string) => {
  const keysB = keysOf(b);
  return [...keysOf(a)].some((key) => keysB.has(key));
};

function recall(selected: typeof rows): { measured: number; expected: number; n: number } {
  let found = 0;
  let expected = 0;
  for (const row of selected) {
    if (collide(row.text_a ?? "", row.text_b ?? "")) found++;
    expected += candidateProbability(jaccard(featuresOf(row.text_a ?? ""), featuresOf(row.text_b ?? "")));
  }
  return { measured: found / selected.length, expected: expected / selected.length, n: selected.length };
}

const flagged = rows.filter(
  (row) =>
    scoreOverlap({ id: "a", text: row.text_a ?? "", agencyName: row.agency_a || null }, { id: "b", text: row.text_b ?? "", agencyName: row.agency_b || null })
      .kind !== null,
);
const positives = rows.filter((row) => row.label === "1");
const texts = [...new Set(rows.flatMap((row) => [row.text_a ?? "", row.text_b ?? ""]))].filter((t) => minhashSignature(overlapFeatures(analyzeText(t))) !== null);
let candidates = 0;
let pairs = 0;
for (let i = 0; i < texts.length; i++) {
  for (let j = i + 1; j < texts.length; j++) {
    pairs++;
    if (collide(texts[i] ?? "", texts[j] ?? "")) candidates++;
  }
}

const show = (name: string, r: { measured: number; expected: number; n: number }) =>
  console.log(`${name}: ${r.n} pairs, found as candidates ${(100 * r.measured).toFixed(1)}% (expected from Jaccard ${(100 * r.expected).toFixed(1)}%)`);
console.log(`MinHash ${MINHASH_PERMUTATIONS} permutations, LSH ${LSH_BANDS} bands x ${LSH_ROWS} rows`);
show("flagged by the scorer", recall(flagged));
show("labelled 1", recall(positives));
console.log(`random pairs of the ${texts.length} distinct texts: ${(100 * candidates / pairs).toFixed(2)}% become candidates (unscoped)`);
