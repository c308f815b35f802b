import { describe, expect, it } from "vitest";
import { spellsAcronym } from "../../shared/overlap/acronyms.ts";
import { MINED_ACRONYMS, MINED_ROUTINE_LINES } from "../../shared/overlap/mined-vocabulary.ts";
import { analyzeText, tokenize } from "../../shared/overlap/normalize.ts";
import { isRoutine } from "../../shared/overlap/routine.ts";
import { mineAcronyms, mineSharedLines, mineStockWords } from "../../shared/overlap/vocabulary-mining.ts";

describe("vocabulary mined from real texts", () => {
  it("spells acronyms from initials or word starts, skipping joining words", () => {
    expect(spellsAcronym("spam", ["sistem", "penyediaan", "air", "minum"])).toBe(true);
    expect(spellsAcronym("bimtek", ["bimbingan", "teknis"])).toBe(true);
    expect(spellsAcronym("umkm", ["usaha", "mikro", "kecil", "dan", "menengah"])).toBe(true);
    expect(spellsAcronym("pju", ["pembangunan", "jalan", "usaha"])).toBe(true);
    expect(spellsAcronym("pju", ["penerangan", "jalan"])).toBe(false);
    expect(spellsAcronym("usb", ["sekolah", "baru"])).toBe(false);
  });

  it("mines long forms both ways of writing, and drops acronyms with two meanings or a hand meaning", () => {
    const mined = mineAcronyms([
      "Pembangunan Unit Sekolah Baru (USB)",
      "Perencanaan USB (unit sekolah baru) SD",
      "Penyusunan Detail Engineering Design (DED) Jembatan",
      // Two meanings: dropped.
      "Tim Profesi Ahli (TPA)",
      "Tempat Pemrosesan Akhir (TPA)",
      // The hand lexicon reads TPT as a talud: the nomenclature's other meaning is not taken.
      "Tim Penilai Teknis (TPT)",
    ]);
    expect(Object.fromEntries(mined)).toEqual({ "unit sekolah baru": "usb", "detail engineering design": "ded" });
  });

  it("takes a line written word for word by five kinds of agency as office spending, parallel units counted once", () => {
    const agencies = ["Dinas Kesehatan", "Dinas Sosial", "Dinas Pertanian", "Inspektorat Daerah", "Kecamatan Pacet"];
    const lines = agencies.map((agency) => ({ agency, line: "Belanja Makanan dan Minuman Rapat" }));
    const kecamatan = ["Kecamatan Pacet", "Kecamatan Cimaung", "Kecamatan Ibun", "Kecamatan Paseh", "Kecamatan Nagreg"];
    lines.push(...kecamatan.map((agency) => ({ agency, line: "Festival Seni Tradisional" })));
    expect(mineSharedLines(lines)).toEqual(["Belanja Makanan dan Minuman Rapat"]);
  });

  it("takes words most kinds of agency write as stock wording, but not the data's place names or words the hand lexicon means", () => {
    const agencies = ["Dinas Kesehatan", "Dinas Sosial", "Dinas Pertanian", "Kecamatan Pacet", "Kecamatan Cimaung"];
    const lines = agencies.map((agency) => ({ agency, line: `Belanja Jasa Konsultansi Pelatihan ${agency === "Dinas Sosial" ? "Drainase" : "Soreang"}` }));
    // Four kinds (the two kecamatan offices are one): belanja, jasa, konsultansi at 4 of 4, drainase at 1.
    expect(mineStockWords(lines, (word) => word === "soreang", 0.75)).toEqual(["belanja", "jasa", "konsultansi"]);
  });

  it("feeds the normaliser and the routine check (generated table)", () => {
    expect(MINED_ACRONYMS["unit sekolah baru"]).toBe("usb");
    expect(tokenize("Pembangunan Unit Sekolah Baru")).toEqual(tokenize("Pembangunan USB"));
    expect(MINED_ROUTINE_LINES).toContain("Belanja Makanan dan Minuman Rapat");
    for (const line of ["Belanja Perjalanan Dinas Dalam Kota", "Honorarium Narasumber atau Pembahas", "Pembulatan"]) {
      expect(isRoutine(analyzeText(line)), line).toBe(true);
    }
    expect(isRoutine(analyzeText("Pembangunan Drainase Desa Citeureup"))).toBe(false);
    // Stock wording around an account line is still that account line; a shared object word alone is not.
    expect(isRoutine(analyzeText("Belanja Modal Peralatan Personal Computer"))).toBe(true);
    expect(isRoutine(analyzeText("Pembangunan Jalan"))).toBe(false);
  });
});
