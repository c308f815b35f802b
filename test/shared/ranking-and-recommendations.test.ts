/** Moving a proposal in a priority list, and the cost a proposal competes for an envelope with. */
import { describe, expect, it } from "vitest";
import { competingCost } from "../../shared/proposals/recommendations.ts";
import { moveTo, rankChanges } from "../../shared/proposals/ranking.ts";

const list = [
  { id: "a", rank: 1 },
  { id: "b", rank: 2 },
  { id: "c", rank: null },
];

describe("moveTo and rankChanges", () => {
  it("moves to a position, clamped to the list, the others closing ranks", () => {
    expect(moveTo(list, "c", 1).map((p) => p.id)).toEqual(["c", "a", "b"]);
    expect(moveTo(list, "a", 99).map((p) => p.id)).toEqual(["b", "c", "a"]);
    expect(moveTo(list, "b", 0).map((p) => p.id)).toEqual(["b", "a", "c"]);
    expect(moveTo(list, "x", 1)).toEqual(list);
  });

  it("writes only the ranks that are not already right, and numbers the unranked", () => {
    expect(rankChanges(list, (p) => p.rank).map(({ item, rank }) => [item.id, rank])).toEqual([["c", 3]]);
    expect(rankChanges(moveTo(list, "c", 1), (p) => p.rank).map(({ item, rank }) => [item.id, rank])).toEqual([
      ["c", 1],
      ["a", 2],
      ["b", 3],
    ]);
  });
});

describe("competingCost", () => {
  const kecamatan = { level: "kecamatan" as const, source: "", cost: 70 };
  it("is the kecamatan's recommendation before acceptance, else what the desa asked", () => {
    expect(competingCost({ status: "in_review", estimatedCost: 90 }, [{ level: "desa", source: "", cost: 90 }, kecamatan])).toBe(70);
    expect(competingCost({ status: "verified", estimatedCost: 90 }, [{ level: "desa", source: "", cost: 90 }])).toBe(90);
    expect(competingCost({ status: "in_review", estimatedCost: 90 }, [{ level: "kecamatan", source: "", cost: null }])).toBe(90);
    expect(competingCost({ status: "in_review", estimatedCost: 90 }, [{ level: "forum", source: "18.01-pupr", cost: 10 }])).toBe(90);
  });

  it("is what was accepted once accepted", () => {
    expect(competingCost({ status: "accepted_with_changes", estimatedCost: 60 }, [kecamatan])).toBe(60);
    expect(competingCost({ status: "accepted", estimatedCost: 90 }, [kecamatan])).toBe(90);
  });
});
