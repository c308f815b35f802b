/**
 * Finding a sub-activity code by the words a village uses: "saluran" (and "selokan", "drainase saluran") are the
 * drainase codes, read with the classifier's normalisation and synonyms; codes and literal words still work.
 */
import { describe, expect, it } from "vitest";
import { indexCatalogue, searchCatalogue } from "../../shared/routing/classify.ts";
import { call } from "../support/principals.ts";

const search = async (q: string) => {
  const response = await call(`/api/v1/sub-activities?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { subActivities: { code: string; name: string }[] }).subActivities;
};

describe("GET /api/v1/sub-activities and /kode-kegiatan", () => {
  it.each(["saluran", "drainase saluran", "selokan", "got mampet"])("finds the drainase codes for %j", async (q) => {
    const codes = (await search(q)).map((s) => s.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).toContain("1.03.06.2.01.0012");
    expect(codes.filter((c) => c.startsWith("1.03.06.")).length / codes.length).toBeGreaterThan(0.5);
  });

  it("looks codes up as typed", async () => {
    const codes = (await search("1.03.06.2.01")).map((s) => s.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith("1.03.06.2.01"))).toBe(true);
  });

  it("shows the drainase codes on the page for people", async () => {
    const html = await (await call("/kode-kegiatan?q=saluran")).text();
    expect(html).toContain("1.03.06.2.01.0012");
    expect(html).not.toContain("Tidak ada yang cocok.");
  });
});

describe("searchCatalogue", () => {
  const index = indexCatalogue([
    { code: "1.03.06.2.01.0012", name: "Pembangunan Saluran Drainase", kegiatanName: "Pengelolaan Sistem Drainase" },
    { code: "1.03.10.2.01.0001", name: "Pembangunan Jalan", kegiatanName: "Penyelenggaraan Jalan" },
    { code: "3.27.03.2.01.0001", name: "Pembangunan Jaringan Irigasi Desa", kegiatanName: "Pengembangan Prasarana Pertanian" },
  ]);

  it("needs every word, read through the synonyms", () => {
    expect(searchCatalogue("selokan", index)).toEqual(["1.03.06.2.01.0012"]);
    expect(searchCatalogue("pembangunan jln", index)).toEqual(["1.03.10.2.01.0001"]);
  });

  it("falls back to the best partial matches when no entry has every word, and to nothing for no words", () => {
    expect(searchCatalogue("saluran irigasi sawah", index)[0]).toBe("3.27.03.2.01.0001");
    expect(searchCatalogue("dan yang", index)).toEqual([]);
  });
});
