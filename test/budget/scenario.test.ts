/** Budget scenarios: every envelope fitted at once, floors and quotas first, and how far greedy is from an exact optimum. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { applyChanges, compareTallies, envelopeKey, priorityOrder, runScenario, type EnvelopeKey, type ScenarioProposal } from "../../shared/budget/scenario.ts";
import { responsibleAgency } from "../../shared/routing/responsible-agency.ts";

const p = (id: string, cost: number, over: Partial<ScenarioProposal> = {}): ScenarioProposal => ({
  id,
  cost,
  agencyId: "pupr",
  districtCode: "18.01.06",
  villageCode: "18.01.06.1008",
  districtRank: null,
  villageRank: null,
  beneficiaryCount: null,
  group: null,
  ...over,
});
const envelopes = (entries: Record<string, number>) => new Map(Object.entries(entries) as [EnvelopeKey, number][]);

describe("scenario changes", () => {
  it("cuts every envelope by a percentage, then sets one", () => {
    const after = applyChanges(envelopes({ "agency:pupr": 1_000, "agency:dinkes": 400, "district:18.01.06": 900 }), [
      { kind: "all", percent: -65 },
      { kind: "agency", target: "dinkes", amount: 500 },
    ]);
    expect(Object.fromEntries(after)).toEqual({ "agency:pupr": 350, "agency:dinkes": 500, "district:18.01.06": 315 });
  });

  it("creates an envelope a change names that did not exist, and never goes below zero", () => {
    const after = applyChanges(envelopes({ "agency:pupr": 100 }), [
      { kind: "district", target: "18.01.04", amount: 700 },
      { kind: "agency", percent: -150 },
    ]);
    expect(Object.fromEntries(after)).toEqual({ "agency:pupr": 0, "district:18.01.04": 700 });
  });
});

describe("fitting all envelopes at once", () => {
  it("funds a proposal only when its agency's and its kecamatan's envelope both have room, and says which ran out", () => {
    const result = runScenario([p("a", 60, { villageRank: 1 }), p("b", 50, { villageRank: 2 }), p("c", 30, { villageRank: 3, agencyId: "dinkes" })], envelopes({ "agency:pupr": 100, "district:18.01.06": 80 }));
    expect(result.funded).toEqual(["a"]);
    expect(result.excluded).toEqual([
      { id: "b", shortfalls: [{ envelope: "agency:pupr", needed: 50, room: 40 }, { envelope: "district:18.01.06", needed: 50, room: 20 }] },
      { id: "c", shortfalls: [{ envelope: "district:18.01.06", needed: 30, room: 20 }] },
    ]);
    expect(result.envelopes).toEqual({ "agency:pupr": { amount: 100, used: 60 }, "district:18.01.06": { amount: 80, used: 60 } });
  });

  it("takes a later, cheaper proposal that still fits after an earlier one did not", () => {
    const result = runScenario([p("big", 90, { villageRank: 1 }), p("small", 20, { villageRank: 2 })], envelopes({ "agency:pupr": 50 }));
    expect(result.funded).toEqual(["small"]);
  });

  it("orders by kecamatan rank, then village rank, then cost per beneficiary; or by weights Bappeda sets", () => {
    const list = [
      p("cheap-per-head", 100, { districtRank: 2, villageRank: 1, beneficiaryCount: 100 }),
      p("first", 500, { districtRank: 1, villageRank: 3, beneficiaryCount: 20 }),
      p("dear-per-head", 100, { districtRank: 2, villageRank: 1, beneficiaryCount: 2 }),
    ];
    expect(priorityOrder(list).map((x) => x.id)).toEqual(["first", "cheap-per-head", "dear-per-head"]);
    expect(priorityOrder(list, { districtRank: 0, villageRank: 0, costPerBeneficiary: 1 }).map((x) => x.id)).toEqual(["cheap-per-head", "first", "dear-per-head"]);
  });
});

describe("fairness rules", () => {
  const kalianda = (id: string, cost: number, rank: number) => p(id, cost, { districtCode: "18.01.06", districtRank: rank });
  const natar = (id: string, cost: number, rank: number) => p(id, cost, { districtCode: "18.01.04", villageCode: "18.01.04.2001", districtRank: rank });

  it("without a floor, one kecamatan's first ranks can take a shared agency envelope whole", () => {
    const result = runScenario([kalianda("k1", 40, 1), kalianda("k2", 40, 2), natar("n1", 40, 3)], envelopes({ "agency:pupr": 80 }));
    expect(result.byDistrict).toEqual({ "18.01.06": { count: 2, rupiah: 80 } });
  });

  it("with a floor of one proposal per kecamatan, every kecamatan gets its first before anyone gets a second", () => {
    const result = runScenario([kalianda("k1", 40, 1), kalianda("k2", 40, 2), natar("n1", 40, 3)], envelopes({ "agency:pupr": 80 }), { floors: [{ minCount: 1 }] });
    expect(result.byDistrict).toEqual({ "18.01.06": { count: 1, rupiah: 40 }, "18.01.04": { count: 1, rupiah: 40 } });
    expect(result.fundedBy).toEqual({ k1: "floor", n1: "floor" });
  });

  it("with a rupiah floor for one kecamatan, funds its proposals until the floor is met", () => {
    const result = runScenario([kalianda("k1", 50, 1), natar("n1", 20, 2), natar("n2", 20, 3)], envelopes({ "agency:pupr": 60 }), { floors: [{ districtCode: "18.01.04", minRupiah: 40 }] });
    expect(result.funded.sort()).toEqual(["n1", "n2"]);
  });

  it("with a quota for a thematic group, funds its proposals first", () => {
    const result = runScenario([p("road", 60, { villageRank: 1 }), p("women", 50, { villageRank: 2, group: "perempuan" })], envelopes({ "agency:pupr": 60 }), { quotas: [{ group: "perempuan", minCount: 1 }] });
    expect(result.funded).toEqual(["women"]);
    expect(result.fundedBy.women).toBe("quota");
  });

  it("compares kecamatan before and after a cut, biggest loss first", () => {
    const list = [kalianda("k1", 40, 1), natar("n1", 30, 1), natar("n2", 30, 2)];
    const before = runScenario(list, envelopes({ "agency:pupr": 100 }));
    const after = runScenario(list, applyChanges(envelopes({ "agency:pupr": 100 }), [{ kind: "all", percent: -65 }]));
    expect(compareTallies(before.byDistrict, after.byDistrict)).toEqual([
      { code: "18.01.06", before: { count: 1, rupiah: 40 }, after: { count: 0, rupiah: 0 } },
      { code: "18.01.04", before: { count: 2, rupiah: 60 }, after: { count: 1, rupiah: 30 } },
    ]);
  });
});

/** The most rupiah that fits every envelope, by exhaustive search (small inputs only). */
function exactMaximum(list: readonly ScenarioProposal[], limits: ReadonlyMap<EnvelopeKey, number>): number {
  let best = 0;
  for (let mask = 0; mask < 1 << list.length; mask++) {
    const used = new Map<EnvelopeKey, number>();
    let total = 0;
    let ok = true;
    for (let i = 0; i < list.length && ok; i++) {
      if (!(mask & (1 << i))) continue;
      const x = list[i]!;
      total += x.cost;
      for (const key of [envelopeKey("agency", x.agencyId), envelopeKey("district", x.districtCode)]) {
        used.set(key, (used.get(key) ?? 0) + x.cost);
        if (limits.has(key) && used.get(key)! > limits.get(key)!) ok = false;
      }
    }
    if (ok) best = Math.max(best, total);
  }
  return best;
}

describe("greedy against an exact optimum", () => {
  it("is not optimal in rupiah: a first priority that fits is taken even when two later ones would fill the envelope", () => {
    const list = [p("first", 60, { villageRank: 1 }), p("second", 50, { villageRank: 2 }), p("third", 50, { villageRank: 3 })];
    const limits = envelopes({ "agency:pupr": 100 });
    expect(runScenario(list, limits).funded).toEqual(["first"]);
    expect(exactMaximum(list, limits)).toBe(100);
  });

  it("on the demo kabupaten, kecamatan by kecamatan and cut by cut, stays close to the exact maximum", async () => {
    const owners = new Map((await env.DB.prepare("SELECT code_prefix, agency_id FROM agency_responsibilities WHERE regency_code = '18.01'").all<{ code_prefix: string; agency_id: string }>()).results.map((r) => [r.code_prefix, r.agency_id]));
    const lines: string[] = [];
    const busiest = await env.DB.prepare("SELECT district_code FROM proposals WHERE id LIKE 'demo-%' GROUP BY district_code ORDER BY count(*) DESC, district_code LIMIT 3").all<{ district_code: string }>();
    for (const district of busiest.results.map((r) => r.district_code)) {
      const rows = await env.DB.prepare("SELECT id, estimated_cost AS cost, district_code, village_code, village_rank, beneficiary_count, beneficiary_group, sub_activity_code FROM proposals WHERE id LIKE 'demo-%' AND district_code = ? ORDER BY id LIMIT 18")
        .bind(district)
        .all<{ id: string; cost: number; district_code: string; village_code: string; village_rank: number; beneficiary_count: number | null; beneficiary_group: string | null; sub_activity_code: string | null }>();
      const list = rows.results.map((r) => p(r.id, r.cost, { agencyId: (r.sub_activity_code && responsibleAgency(r.sub_activity_code, owners)) || "triage", districtCode: r.district_code, villageCode: r.village_code, villageRank: r.village_rank, beneficiaryCount: r.beneficiary_count, group: r.beneficiary_group }));
      const asked = new Map<EnvelopeKey, number>();
      for (const x of list) for (const key of [envelopeKey("agency", x.agencyId), envelopeKey("district", x.districtCode)]) asked.set(key, (asked.get(key) ?? 0) + x.cost);
      for (const percent of [-35, -50, -65]) {
        const limits = applyChanges(asked, [{ kind: "all", percent }]);
        const greedy = runScenario(list, limits).funded.reduce((sum, id) => sum + list.find((x) => x.id === id)!.cost, 0);
        const exact = exactMaximum(list, limits);
        lines.push(`${district} (${list.length} usulan) pagu ${percent}%: greedy Rp ${greedy.toLocaleString("id-ID")}, optimum Rp ${exact.toLocaleString("id-ID")} (${((greedy / exact) * 100).toFixed(1)}%)`);
        expect(greedy).toBeLessThanOrEqual(exact);
        expect(greedy / exact).toBeGreaterThan(0.95);
      }
    }
    console.log(lines.join("\n"));
  }, 60_000);
});
