import { describe, expect, it } from "vitest";
import { analyzeText, isAcronymLike, normalizeText, tokenize } from "../../shared/overlap/normalize.ts";

describe("normalizeText on real village phrasing", () => {
  it("takes RT numbers and quantities out: 'RT 12 Drainase 120 m' is about drainase in RT 12", () => {
    const analysis = analyzeText("RT 12 Drainase 120 m");
    expect(analysis.tokens).toEqual(["drainase"]);
    expect(analysis.rt).toEqual(["12"]);
  });

  it("reads RT/RW with dots, leading zeros and ranges (DU-RKPDesa Pandanlandung)", () => {
    expect(analyzeText("Pembangunan Drainase RT 002 RW 001")).toMatchObject({ rt: ["2"], rw: ["1"] });
    expect(analyzeText("Paving RT.6 , RT. 8, RT.9").rt).toEqual(["6", "8", "9"]);
    expect(analyzeText("Peningkatan Jl Kp. Waas RW 1, 2, 3, Kab. Bandung").rw).toEqual(["1", "2", "3"]);
    expect(analyzeText("PJU RW. 03,23,04,05 Desa Margamulya").rw).toEqual(["3", "23", "4", "5"]);
    expect(analyzeText("Jl Kp. Bojong Suren RT 01-RT 02 RW 15").rt).toEqual(["1", "2"]);
    // A number after the list that carries a unit is a size, not an RT.
    expect(analyzeText("Drainase RT 5, 100 m").rt).toEqual(["5"]);
    expect(analyzeText("Gorong-gorong RT 9-11 Beton Buis dm 40")).toMatchObject({ rt: ["9", "10", "11"], tokens: ["gorong", "drainase"] });
  });

  it("expands what villages abbreviate: Rehab Polindes, jln, pemb., ds., dsn, sarpras", () => {
    expect(normalizeText("Rehab Polindes")).toBe("rehabilitasi poskesdes");
    expect(normalizeText("Pembangunan jln. desa")).toBe("pembangunan jalan desa");
    expect(normalizeText("pemb. jln rabat beton")).toBe("pembangunan jalan rabat");
    expect(tokenize("Pengadaan Sarpras PKK")).toEqual(["pengadaan", "sarana", "prasarana", "pkk"]);
    expect(tokenize("Ambullance Desa")).toEqual(["ambulans", "desa"]);
  });

  it("drops the numbers of sizes and counts but keeps numbered schools apart", () => {
    expect(tokenize("Pembangunan Jembatan Bentang 4,8 x 4 m")).toEqual(["pembangunan", "jembatan", "bentang"]);
    expect(analyzeText("Rehabilitasi ruang kelas SDN 1 Sidomulyo").identifiers).toEqual(["sd1"]);
    expect(analyzeText("Perbaikan gedung SD Negeri 1 Sidomulyo").identifiers).toEqual(["sd1"]);
    expect(analyzeText("Pembangunan RKB SMPN 3 Kalianda").identifiers).toEqual(["smp3"]);
  });

  it("puts synonyms a planner treats as one need on one token", () => {
    for (const word of ["saluran", "drainase", "got", "selokan", "parit"]) expect(tokenize(`Pembangunan ${word}`)).toContain("drainase");
    expect(tokenize("Sosialisasi bahaya narkoba")).toEqual(tokenize("Penyuluhan bahaya narkoba"));
    expect(tokenize("PMT balita stunting")).toContain("gizi");
    expect(tokenize("Penanganan gizi buruk")).toContain("gizi");
    for (const text of ["Pembangunan talud", "Pembangunan TPT", "Pembangunan tembok penahan tanah", "Plengsengan sungai"]) {
      expect(tokenize(text)).toContain("talud");
    }
    expect(tokenize("Rehab Polindes")).toEqual(tokenize("Perbaikan Poskesdes"));
    expect(tokenize("Renovasi pondok bersalin desa")).toEqual(["rehabilitasi", "poskesdes"]);
    expect(tokenize("Pemasangan lampu penerangan jalan umum")).toContain("pju");
    expect(tokenize("Bedah rumah tidak layak huni")).toContain("rtlh");
    // As Kabupaten Bandung's agencies write them: wells and pipes are village water, SPAL a drain, LASTON asphalt,
    // LED armatures street lights, a road's appurtenances not its pavement.
    for (const text of ["Pembangunan Sumur Dangkal 60M", "Pipanisasi Bumdes", "Jaringan Perpipaan Air Bersih", "Pembangunan SPAM"]) {
      expect(tokenize(text), text).toContain("air_bersih");
    }
    expect(tokenize("Sumur resapan")).not.toContain("air_bersih");
    expect(tokenize("Pembangunan SPAL/Drainase Lingkungan")).toContain("drainase");
    expect(tokenize("Pemeliharaan Jalan Laston")).toContain("aspal");
    expect(tokenize("Armature LED 12 Watt")).toContain("pju");
    expect(tokenize("Penataan TPU Desa Sangkanhurip (P)")).toEqual(["tata", "makam", "desa", "sangkanhurip"]);
    // Capitals in mixed-case text are acronyms, topic words, not names.
    expect(analyzeText("Penataan Ruang IGD").names).toEqual([]);
    expect(tokenize("Pembangunan Bangunan Pelengkap Jalan (Saluran Tepi Jalan)")).toEqual(["pembangunan", "pelengkap_jalan", "drainase"]);
  });

  it("tags concepts: paving and hotmix are roads, gorong-gorong is drainage, SD is a school", () => {
    expect(tokenize("RT 16 Paving 450 m")).toEqual(["paving", "jalan"]);
    expect(tokenize("Aspal Hotmix RT.10")).toEqual(["aspal", "jalan"]);
    expect(tokenize("SDN 2 Sitirejo")).toContain("sekolah");
  });

  it("corrects one-letter typos against the planning vocabulary", () => {
    expect(tokenize("Pembangunan drainse")).toContain("drainase");
    expect(tokenize("Pembangunan posyndu")).toContain("posyandu");
    expect(tokenize("Rehabilitasii jalan")).toEqual(["rehabilitasi", "jalan"]);
    // A place name is not a typo: "Mutun" stays, it is not corrected to "mutu".
    expect(tokenize("Pantai Mutun")).toContain("mutun");
  });

  it("stems with Sastrawi where the stem is a real base word, and keeps words it would mangle", () => {
    expect(tokenize("Pengaspalan jalan")).toContain("aspal");
    expect(tokenize("Penyuluhan pertanian")).toEqual(["penyuluhan", "tani"]);
    // kinerja -> kerja and pengadaan -> ada would merge unrelated words.
    expect(tokenize("Laporan kinerja")).toContain("kinerja");
    expect(tokenize("Pengadaan bibit")).toEqual(["pengadaan", "bibit"]);
  });

  it("keeps the names written after a place word as place words, two-word village names included", () => {
    expect(analyzeText("Pembangunan jalan desa Way Urang Kec. Natar").placeTokens).toEqual(["way", "urang", "natar"]);
    expect(analyzeText("Pembangunan gedung posyandu Dusun II Desa Sumur Kumbang").placeTokens).toEqual(["ii", "sumur", "kumbang"]);
    // Not places: the words after "desa" here are ordinary planning words.
    expect(analyzeText("Penyusunan Dokumen Perencanaan Desa dan Keuangan Desa").placeTokens).toEqual([]);
  });

  it("keeps an acronym its text defines and treats acronyms as topic words, not names", () => {
    expect(tokenize("Padat karya tunai desa (PKTD)")).toEqual(["pktd"]);
    expect(analyzeText("Pelaksanaan Kegiatan PKTD").names).toEqual([]);
    expect(isAcronymLike("pktd")).toBe(true);
    expect(isAcronymLike("sidomulyo")).toBe(false);
  });
});
