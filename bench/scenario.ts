/**
 * Budget scenario speed and memory (`npm run bench:scenario`): a province-sized year fitted into every envelope at
 * once by shared/budget/scenario.ts, in Node (the same code runs in the BudgetScenarioRun Workflow step). Synthetic
 * proposals: 40 agencies, 200 kecamatan, 10 desa each, ranks and costs spread as in the demo data, added row by row
 * in pages of 5,000 as the Workflow reads them from D1; envelopes at 60% of what is asked (before), then a 65% cut
 * with a floor of one proposal per kecamatan and a quota (after).
 *
 * Each size runs in its own Node process, so its peak resident memory is its own: the table shows that peak minus
 * the peak of the same process that builds nothing (Node itself), and the JS heap plus array buffers at their
 * highest checkpoint (what counts against a Worker's 128 MB).
 */
import { execFileSync } from "node:child_process";
import { applyChanges, envelopeKey, fitYear, ScenarioYearBuilder, type EnvelopeKey } from "../shared/budget/scenario.ts";
import { mulberry32 } from "../shared/random.ts";
import { table } from "./lib/report.ts";

const PAGE = 5_000;

function measure(size: number) {
  const mb = (bytes: number) => bytes / 1024 / 1024;
  let peak = 0;
  const checkpoint = () => {
    // Live memory: what a Worker's isolate must hold at that moment (V8 collects garbage before it gives up).
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
  };
  const rng = mulberry32(size);
  const started = performance.now();
  const builder = new ScenarioYearBuilder();
  const asked = new Map<EnvelopeKey, number>();
  for (let offset = 0; offset < size; offset += PAGE) {
    // A page of plain rows, as D1 answers one, dropped once added.
    const page = Array.from({ length: Math.min(PAGE, size - offset) }, (_, j) => {
      const district = Math.floor(rng() * 200);
      return {
        key: offset + j,
        cost: Math.round(10 + rng() ** 2 * 990) * 1_000_000,
        agencyId: `opd-${Math.floor(rng() * 40)}`,
        districtCode: `32.04.${String(district).padStart(3, "0")}`,
        villageCode: `32.04.${String(district).padStart(3, "0")}.${2000 + Math.floor(rng() * 10)}`,
        districtRank: rng() < 0.8 ? 1 + Math.floor(rng() * 60) : null,
        villageRank: 1 + Math.floor(rng() * 15),
        beneficiaryCount: rng() < 0.7 ? 10 + Math.floor(rng() * 2000) : null,
        group: rng() < 0.05 ? "perempuan" : null,
      };
    });
    for (const row of page) {
      builder.add(row);
      for (const key of [envelopeKey("agency", row.agencyId), envelopeKey("district", row.districtCode)]) asked.set(key, (asked.get(key) ?? 0) + row.cost);
    }
    checkpoint();
  }
  const year = builder.build();
  checkpoint();
  const loaded = performance.now();
  const envelopes = applyChanges(asked, [{ kind: "all", percent: -40 }]);
  const before = fitYear(year, envelopes);
  checkpoint();
  const plain = performance.now();
  const after = fitYear(year, applyChanges(envelopes, [{ kind: "all", percent: -65 }]), { floors: [{ minCount: 1 }], quotas: [{ group: "perempuan", minCount: 200 }] });
  checkpoint();
  const ruled = performance.now();
  const funded = (fit: typeof before) => fit.status.reduce((sum, s) => sum + (s ? 1 : 0), 0);
  return {
    buildMs: loaded - started,
    fitMs: plain - loaded,
    ruledMs: ruled - plain,
    peakHeapMb: mb(peak),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    result: `${funded(before).toLocaleString("en")} → ${funded(after).toLocaleString("en")} funded`,
  };
}

const sizeArg = process.argv.indexOf("--size");
if (sizeArg > 0) {
  console.log(JSON.stringify(measure(Number(process.argv[sizeArg + 1]))));
} else {
  const run = (size: number) => JSON.parse(execFileSync(process.execPath, ["--expose-gc", import.meta.filename, "--size", String(size)], { encoding: "utf8" })) as ReturnType<typeof measure>;
  const node = run(0).maxRssMb;
  const rows = [30_000, 300_000].map((size) => {
    const m = run(size);
    return [size.toLocaleString("en"), m.buildMs.toFixed(0), m.fitMs.toFixed(0), m.ruledMs.toFixed(0), (m.buildMs + m.fitMs + m.ruledMs).toFixed(0), m.peakHeapMb.toFixed(1), (m.maxRssMb - node).toFixed(1), m.result];
  });
  console.log(table(["proposals", "load rows ms", "fit ms", "cut + floors + quota ms", "total ms", "peak heap+buffers MB", "peak RSS over Node MB", "result"], rows, [true, true, true, true, true, true, true]));
  console.log(`(Node alone: peak RSS ${node.toFixed(1)} MB)`);
}
