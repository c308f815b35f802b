import { describe, expect, it } from "vitest";
import { overlapSubject, overlapText, proposalBandKeys } from "../../shared/overlap/subject.ts";

const proposal = {
  id: "usl_1",
  activity: "Pembangunan drainase lingkungan RT 03",
  problem: "Saluran tersumbat dan meluap saat hujan",
  description: null,
  villageCode: "18.01.06.1008",
  districtCode: "18.01.06",
  year: 2027,
  latitude: null,
  longitude: null,
  subActivityCode: "1.03.06.2.01.0012",
  beneficiaryGroup: "umum",
};

describe("a proposal as the overlap detector sees it", () => {
  it("compares the activity, the problem and the description, skipping what is empty", () => {
    expect(overlapText(proposal)).toBe("Pembangunan drainase lingkungan RT 03. Saluran tersumbat dan meluap saat hujan");
    expect(overlapText({ ...proposal, description: "Pasangan batu kali" })).toBe(`${overlapText(proposal)}. Pasangan batu kali`);
  });

  it("scopes band keys by desa and year: the same words elsewhere or another year share none", () => {
    const keys = proposalBandKeys(proposal);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    expect(proposalBandKeys({ ...proposal })).toEqual(keys);
    const elsewhere = new Set(proposalBandKeys({ ...proposal, villageCode: "18.01.06.2001" }));
    const nextYear = new Set(proposalBandKeys({ ...proposal, year: 2028 }));
    expect(keys.filter((k) => elsewhere.has(k) || nextYear.has(k))).toEqual([]);
  });

  it("carries the routed agency and the facts the scorer weighs", () => {
    expect(overlapSubject(proposal, { agencyId: "18.01-pupr", agencyName: "Dinas PUPR" })).toMatchObject({
      id: "usl_1",
      text: overlapText(proposal),
      agencyId: "18.01-pupr",
      agencyName: "Dinas PUPR",
      villageCode: "18.01.06.1008",
      subActivityCode: "1.03.06.2.01.0012",
    });
  });
});
