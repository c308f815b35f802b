/**
 * Measures overlap detection on a labelled CSV: `node scripts/overlap-eval.ts pairs.csv [--errors]`.
 * Columns: id,agency_a,text_a,agency_b,text_b,label (1 = overlap worth a forum, 0 = not).
 *
 * Every pair is scored with exactly the Worker's `scoreOverlap` and its fixed OVERLAP_THRESHOLD (predicted overlap
 * = kind !== null), next to the pg_trgm baseline `similarity(text_a, text_b) >= 0.25` (Decidim's query). The last
 * line printed is one JSON object: {"pairs":N,"precision":P,"recall":R,"f1":F,"baseline":{...}}.
 * `--errors` lists the misclassified pairs first (for looking, not for tuning on a held-out file).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseCsvRecords } from "../shared/csv/parse.ts";
import { scoreOverlap } from "../shared/overlap/score.ts";
import { TRIGRAM_THRESHOLD, trigramSimilarity } from "../shared/overlap/trigram.ts";
import { pairGazetteers } from "./overlap-gazetteer.ts";

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function metrics({ tp, fp, fn }: Counts): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const r = (x: number) => Math.round(x * 10_000) / 10_000;
  return { precision: r(precision), recall: r(recall), f1: r(f1) };
}

function count(counts: Counts, predicted: boolean, actual: boolean): void {
  if (predicted && actual) counts.tp++;
  else if (predicted) counts.fp++;
  else if (actual) counts.fn++;
  else counts.tn++;
}

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--"));
if (file === undefined) {
  console.error("pakai: node scripts/overlap-eval.ts pairs.csv [--errors]");
  process.exit(2);
}
// Under `npm run`, the working directory is the project root; resolve the path from where the user typed it.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const rows = parseCsvRecords(readFileSync(path, "utf8"), file);
for (const column of ["id", "agency_a", "text_a", "agency_b", "text_b", "label"]) {
  if (rows.length > 0 && !(column in rows[0]!)) {
    console.error(`${file}: kolom "${column}" tidak ada`);
    process.exit(2);
  }
}

// The file has no region column: its kabupaten is the one its texts and agency names point to (pair by pair when
// the file is about several).
const texts = (row: Record<string, string>) => [row.text_a ?? "", row.text_b ?? "", row.agency_a ?? "", row.agency_b ?? ""];
const {
  file: { gazetteer, scope },
  forPair,
} = pairGazetteers(rows.flatMap(texts));
const ours: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
const baseline: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
const errors: string[] = [];
for (const row of rows) {
  const actual = row.label?.trim() === "1";
  const result = scoreOverlap(
    { id: `${row.id}:a`, text: row.text_a ?? "", agencyName: row.agency_a || null },
    { id: `${row.id}:b`, text: row.text_b ?? "", agencyName: row.agency_b || null },
    { places: forPair(texts(row)) },
  );
  const predicted = result.kind !== null;
  count(ours, predicted, actual);
  count(baseline, trigramSimilarity(row.text_a ?? "", row.text_b ?? "") >= TRIGRAM_THRESHOLD, actual);
  if (predicted !== actual) {
    errors.push(`${predicted ? "FP" : "FN"} ${row.id} ${result.score} | ${row.text_a} | ${row.text_b} | ${result.reasons.join("; ")}`);
  }
}

if (args.includes("--errors")) for (const line of errors) console.log(line);
console.log(`wilayah: ${scope.length > 0 ? scope.map((code) => gazetteer.label(code)).join(", ") : "tidak diketahui (seluruh Indonesia)"}`);
console.log(`tp=${ours.tp} fp=${ours.fp} fn=${ours.fn} tn=${ours.tn} (pg_trgm: tp=${baseline.tp} fp=${baseline.fp} fn=${baseline.fn} tn=${baseline.tn})`);
console.log(JSON.stringify({ pairs: rows.length, ...metrics(ours), baseline: metrics(baseline) }));
