/** Which text suggestions route a proposal without a person. */
import { describe, expect, it } from "vitest";
import { SUGGESTION_THRESHOLD, type Suggestion } from "../../shared/routing/classify.ts";
import { pickConfident } from "../../shared/routing/confidence.ts";

const suggestion = (code: string, score: number, words: string[]): Suggestion => ({ code, score, words, reason: words.join(", ") });

describe("confident suggestions", () => {
  it("routes on nothing when the best is below the threshold", () => {
    expect(pickConfident([suggestion("1.03.06.2.01.0012", SUGGESTION_THRESHOLD - 0.01, ["drainase"])])).toEqual([]);
    expect(pickConfident([])).toEqual([]);
  });

  it("routes on the best alone when the runner-up is of the same bidang", () => {
    const best = suggestion("1.03.06.2.01.0012", 0.9, ["drainase"]);
    expect(pickConfident([best, suggestion("1.03.06.2.01.0020", 0.89, ["jalan"])])).toEqual([best]);
  });

  it("adds a runner-up of another bidang that is nearly as good and matched other words (two pieces of work)", () => {
    const best = suggestion("1.03.06.2.01.0012", 0.9, ["drainase"]);
    const second = suggestion("1.04.05.2.01.0002", 0.86, ["jalan"]);
    expect(pickConfident([best, second])).toEqual([best, second]);
  });

  it("keeps one code when the runner-up is clearly weaker or matched only the same words", () => {
    const best = suggestion("1.03.06.2.01.0012", 0.9, ["drainase"]);
    expect(pickConfident([best, suggestion("1.04.05.2.01.0002", 0.84, ["jalan"])])).toEqual([best]);
    expect(pickConfident([best, suggestion("1.04.05.2.01.0002", 0.89, ["drainase"])])).toEqual([best]);
  });
});
