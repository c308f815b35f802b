import { describe, expect, it } from "vitest";
import { clusterGroups, clusterIds, ProposalClusters } from "../../shared/overlap/clusters.ts";

describe("overlap clusters", () => {
  it("merges flags connected through a shared proposal, with the smallest id as cluster id", () => {
    const groups = clusterGroups([
      ["p5", "p3"],
      ["p3", "p9"],
      ["p7", "p8"],
    ]);
    expect(groups).toEqual([
      { id: "p3", members: ["p3", "p5", "p9"] },
      { id: "p7", members: ["p7", "p8"] },
    ]);
  });

  it("merges two clusters when a new flag joins them", () => {
    const clusters = new ProposalClusters();
    clusters.union("b", "c");
    clusters.union("x", "y");
    expect(clusters.find("y")).toBe("x");
    expect(clusters.union("c", "y")).toBe("b");
    expect(clusters.groups()).toEqual([{ id: "b", members: ["b", "c", "x", "y"] }]);
  });

  it("gives the same ids whatever order the flags arrive in", () => {
    const flags: [string, string][] = [
      ["u-10", "u-02"],
      ["u-02", "u-33"],
      ["u-40", "u-41"],
      ["u-41", "u-33"],
    ];
    const forward = clusterIds(flags);
    const backward = clusterIds([...flags].reverse().map(([a, b]) => [b, a] as [string, string]));
    expect(forward).toEqual(backward);
    expect(new Set(forward.values())).toEqual(new Set(["u-02"]));
  });

  it("leaves proposals without flags out", () => {
    const clusters = new ProposalClusters();
    clusters.add("lonely");
    expect(clusters.groups()).toEqual([]);
    expect(clusterIds([]).size).toBe(0);
  });
});
