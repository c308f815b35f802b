/**
 * Budget scenario speed (`npm run bench:scenario`): a province-sized year fitted into every envelope at once by
 * shared/budget/scenario.ts, in Node (the same code runs in a Workflow step). Synthetic proposals: 40 agencies,
 * 200 kecamatan, 10 desa each, ranks and costs spread as in the demo data; envelopes at 60% of what is asked, then a
 * 65% cut with a floor of one proposal per kecamatan.
 */
import { applyChanges, envelopeKey, runScenario, type EnvelopeKey, type ScenarioProposal } from "../shared/budget/scenario.ts";
import { mulberry32 } from "../shared/random.ts";
import { table } from "./lib/report.ts";

function year(size: number): ScenarioProposal[] {
  const rng = mulberry32(size);
  return Array.from({ length: size }, (_, i) => {
    const district = Math.floor(rng() * 200);
    return {
      id: `usl_${i.toString().padStart(7, "0")}`,
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
}

const rows: string[][] = [];
for (const size of [30_000, 300_000]) {
  const proposals = year(size);
  const asked = new Map<EnvelopeKey, number>();
  for (const p of proposals) for (const key of [envelopeKey("agency", p.agencyId), envelopeKey("district", p.districtCode)]) asked.set(key, (asked.get(key) ?? 0) + p.cost);
  const envelopes = applyChanges(asked, [{ kind: "all", percent: -40 }]);
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const before = runScenario(proposals, envelopes);
  const plain = performance.now() - started;
  started = performance.now();
  const after = runScenario(proposals, applyChanges(envelopes, [{ kind: "all", percent: -65 }]), { floors: [{ minCount: 1 }], quotas: [{ group: "perempuan", minCount: 200 }] });
  const ruled = performance.now() - started;
  const heap = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  rows.push([size.toLocaleString("en"), plain.toFixed(0), ruled.toFixed(0), heap.toFixed(0), `${before.funded.length.toLocaleString("en")} → ${after.funded.length.toLocaleString("en")} funded`]);
}
console.log(table(["proposals", "fit ms", "cut + floors + quota ms", "heap MB", "result"], rows, [true, true, true, true]));
