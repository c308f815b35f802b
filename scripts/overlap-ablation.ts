/**
 * What each part of overlap detection contributes, measured on a labelled CSV (same columns as overlap-eval):
 * `node scripts/overlap-ablation.ts data/overlap-dev/tune.csv`. Prints F1 for the default configuration and for
 * variants (no Sastrawi stemming, no typo correction, IDF only, generic-word rules only, no agency signal...), and
 * F1 over a range of thresholds. For choosing and documenting; the eval and the Worker use the defaults only.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseCsvRecords } from "../shared/csv/parse.ts";
import { DEFAULT_SCORE_CONFIG, type ScoreConfig, scoreOverlap } from "../shared/overlap/score.ts";
import { documentFrequencies, readCorpus } from "./overlap-corpus.ts";
import { pairGazetteers } from "./overlap-gazetteer.ts";

const file = process.argv[2];
if (file === undefined) {
  console.error("pakai: node scripts/overlap-ablation.ts pairs.csv");
  process.exit(2);
}
const rows = parseCsvRecords(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), "utf8"), file);

// As overlap-eval: the region tables scoped to the kabupaten the file's texts name (pair by pair when several).
const texts = (row: Record<string, string>) => [row.text_a ?? "", row.text_b ?? "", row.agency_a ?? "", row.agency_b ?? ""];
const { forPair } = pairGazetteers(rows.flatMap(texts));

function evaluate(config: ScoreConfig, withPlaces = true): { f1: number; precision: number; recall: number; scores: { score: number; label: boolean }[] } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const scores: { score: number; label: boolean }[] = [];
  for (const row of rows) {
    const label = row.label === "1";
    // Fresh subjects per configuration: analyses are cached per subject object.
    const result = scoreOverlap(
      { id: "a", text: row.text_a ?? "", agencyName: row.agency_a || null },
      { id: "b", text: row.text_b ?? "", agencyName: row.agency_b || null },
      { config, places: withPlaces ? forPair(texts(row)) : null },
    );
    scores.push({ score: result.score, label });
    const predicted = result.kind !== null;
    if (predicted && label) tp++;
    else if (predicted) fp++;
    else if (label) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall, scores };
}

const base = DEFAULT_SCORE_CONFIG;
const corpus = readCorpus();
const variants: [name: string, config: ScoreConfig, places?: null][] = [
  ["default", base],
  ["no region tables (places by name only)", base, null],
  [
    "no Sastrawi stemming",
    {
      ...base,
      normalize: { ...base.normalize, stem: false },
      // Frequencies of unstemmed tokens, or every stemmed-away word would look unseen.
      similarity: { ...base.similarity, frequencies: { count: corpus.documents.length, df: Object.fromEntries(documentFrequencies(corpus.documents, { stem: false })) } },
    },
  ],
  ["no typo correction", { ...base, normalize: { ...base.normalize, typos: false } }],
  ["weights: corpus IDF only", { ...base, similarity: { ...base.similarity, mode: "idf" } }],
  ["weights: generic-word rules only", { ...base, similarity: { ...base.similarity, mode: "rules" } }],
  ["no fuzzy token match", { ...base, similarity: { ...base.similarity, fuzzy: false } }],
  ["Dice only (no containment)", { ...base, similarity: { ...base.similarity, containment: 0 } }],
  ["containment only", { ...base, similarity: { ...base.similarity, containment: 1 } }],
  ["no agency-field bonus", { ...base, bonus: { ...base.bonus, agencyField: 0 } }],
  ["no soft conflicts", { ...base, softConflictFactor: 1 }],
  ["no hard conflicts (place, facility, unit, part, routine)", { ...base, conflictFactor: 1 }],
];

const pct = (x: number) => x.toFixed(4);
console.log(`${rows.length} pairs`);
console.log("variant                                  precision  recall     f1");
for (const [name, config, places] of variants) {
  const { precision, recall, f1 } = evaluate(config, places !== null);
  console.log(`${name.padEnd(40)} ${pct(precision)}     ${pct(recall)}     ${pct(f1)}`);
}

console.log("\nthreshold  precision  recall     f1   (default configuration)");
const { scores } = evaluate(base);
for (let t = 0.3; t <= 0.75 + 1e-9; t += 0.05) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { score, label } of scores) {
    const predicted = score >= t - 1e-9;
    if (predicted && label) tp++;
    else if (predicted) fp++;
    else if (label) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  console.log(`${t.toFixed(2)}       ${pct(precision)}     ${pct(recall)}     ${pct(f1)}`);
}
