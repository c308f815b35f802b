import { describe, expect, it } from "vitest";
import { trigrams, trigramSimilarity } from "../../shared/overlap/trigram.ts";

// Expected values were read from PostgreSQL 15 pg_trgm (similarity() returns float4).
describe("pg_trgm similarity port", () => {
  it("builds the trigrams show_trgm() lists", () => {
    expect([...trigrams("word")].sort()).toEqual(["  w", " wo", "ord", "rd ", "wor"]);
    expect(trigrams("Jalan-jalan")).toEqual(trigrams("jalan"));
  });

  it("matches PostgreSQL on known pairs", () => {
    const cases: [string, string, number][] = [
      ["RT 12 Drainase 120 m", "Pembangunan drainase RT 12", 0.48387095],
      ["Rehab Polindes", "Rehabilitasi gedung Poskesdes Desa Pandanlandung", 0.18367347],
      ["Penyediaan Alat Tulis Kantor", "Penyediaan Alat Tulis Kantor", 1],
      ["Rehabilitasi ruang kelas SDN 1 Sidomulyo", "Perbaikan gedung SD Negeri 1 Sidomulyo", 0.22222222],
      ["Pembangunan jalan", "Pembangunan posyandu", 0.48],
      ["Gorong-gorong RT 9-11 Beton Buis dm 40", "gorong gorong rt 9", 0.38709676],
      ["", "abc", 0],
    ];
    for (const [a, b, expected] of cases) expect(trigramSimilarity(a, b), `${a} / ${b}`).toBeCloseTo(expected, 6);
  });
});
