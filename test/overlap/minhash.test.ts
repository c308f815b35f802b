import { describe, expect, it } from "vitest";
import {
  candidateProbability,
  estimatedJaccard,
  fmix32,
  fnv1a32,
  LSH_BANDS,
  minhashSignature,
  MINHASH_PERMUTATIONS,
  overlapBandKeys,
} from "../../shared/overlap/minhash.ts";

const shareKey = (a: readonly string[], b: readonly string[]) => a.some((key) => b.includes(key));

describe("MinHash and LSH band keys", () => {
  it("uses a deterministic 32-bit hash family", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fmix32(0)).toBe(0);
    expect(minhashSignature(["drainase", "rt"])).toEqual(minhashSignature(["rt", "drainase", "drainase"]));
    expect(minhashSignature([])).toBeNull();
  });

  it("gives one key per band, prefixed by the scope", () => {
    const keys = overlapBandKeys("Pembangunan drainase lingkungan", "35.07.21.2012");
    expect(keys).toHaveLength(LSH_BANDS);
    expect(new Set(keys).size).toBe(LSH_BANDS);
    expect(keys.every((key) => key.startsWith("35.07.21.2012|"))).toBe(true);
  });

  it("finds overlapping proposals as candidates", () => {
    const pairs: [string, string][] = [
      ["RT 12 Drainase 120 m", "Pembangunan saluran drainase lingkungan RT 12 Desa Pandanlandung"],
      ["Rehab Polindes", "Rehabilitasi gedung Poskesdes Desa Pandanlandung"],
      ["Rehabilitasi ruang kelas SDN 1 Sidomulyo", "Perbaikan gedung SD Negeri 1 Sidomulyo"],
      ["Pembangunan talud penahan tebing sungai Desa Babulang", "Pembangunan TPT sungai rawan longsor Babulang"],
      ["Perbaikan Rumah Tidak Layak Huni Desa Sukodadi", "Bedah rumah RTLH warga miskin Desa Sukodadi"],
    ];
    for (const [a, b] of pairs) expect(shareKey(overlapBandKeys(a), overlapBandKeys(b)), `${a} / ${b}`).toBe(true);
  });

  it("keeps unrelated proposals and other scopes apart", () => {
    expect(shareKey(overlapBandKeys("Pembangunan jalan rabat beton"), overlapBandKeys("Pelatihan menjahit bagi perempuan"))).toBe(false);
    expect(shareKey(overlapBandKeys("Rehab Polindes", "desa-a"), overlapBandKeys("Rehab Polindes", "desa-b"))).toBe(false);
  });

  it("does not index routine office lines", () => {
    expect(overlapBandKeys("Penyediaan Alat Tulis Kantor")).toEqual([]);
    expect(overlapBandKeys("Penyediaan Gaji dan Tunjangan ASN")).toEqual([]);
  });

  it("estimates Jaccard and the candidate probability of the banding", () => {
    const a = minhashSignature(["a", "b", "c", "d"]);
    const b = minhashSignature(["a", "b", "c", "e"]);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(a).toHaveLength(MINHASH_PERMUTATIONS);
    expect(estimatedJaccard(a!, a!)).toBe(1);
    expect(estimatedJaccard(a!, b!)).toBeGreaterThan(0.3);
    expect(estimatedJaccard(a!, b!)).toBeLessThan(0.9);
    expect(candidateProbability(0.33)).toBeGreaterThan(0.99);
    expect(candidateProbability(0.2)).toBeGreaterThan(0.85);
    expect(candidateProbability(0)).toBe(0);
  });
});
