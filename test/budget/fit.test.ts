import { describe, expect, it } from "vitest";
import { fitEnvelope } from "../../shared/budget/fit.ts";

describe("fitting proposals into an envelope", () => {
  const p = (id: string, cost: number, districtRank: number | null, villageRank: number | null) => ({ id, cost, districtRank, villageRank });

  it("takes proposals by kecamatan rank, then village rank, then the cheaper, skipping what does not fit", () => {
    const fit = fitEnvelope([p("c", 50, 2, 1), p("a", 60, 1, 2), p("b", 30, 1, 1), p("d", 40, null, 1), p("e", 20, 3, 1)], 120);
    expect(fit.selected).toEqual(["b", "a", "e"]);
    expect(fit.excluded.map((x) => x.id)).toEqual(["c", "d"]);
    expect(fit.excluded[0]!.reason).toBe("biaya Rp 50 melebihi sisa pagu Rp 30");
    expect(fit.excluded[0]!.room).toBe(30);
    expect(fit).toMatchObject({ used: 110, remaining: 10 });
  });

  it("breaks ties by cost, then id, so the result does not depend on input order", () => {
    const tied = [p("y", 50, 1, 1), p("x", 50, 1, 1), p("z", 40, 1, 1)];
    expect(fitEnvelope(tied, 90).selected).toEqual(["z", "x"]);
    expect(fitEnvelope([...tied].reverse(), 90).selected).toEqual(["z", "x"]);
  });

  it("excludes everything from an envelope of 0, saying so", () => {
    const fit = fitEnvelope([p("a", 1, 1, 1)], 0);
    expect(fit).toMatchObject({ selected: [], used: 0, remaining: 0 });
    expect(fit.excluded).toEqual([{ id: "a", reason: "pagu bernilai nol", room: 0 }]);
  });
});
