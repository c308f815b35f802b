/**
 * What the overlap score promises (shared/overlap/score.ts, header comment), as properties over pairs made for each
 * rule, rather than exact scores: agreeing facts raise a related pair's score and never an unrelated one's; facts
 * that say "another place" cut it hard, hints that the texts mean different things cut it mildly; routine office
 * lines only when both are routine; and the threshold sits where the tuning pairs put it.
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCORE_CONFIG,
  haversineMetres,
  isRoutineCode,
  OVERLAP_THRESHOLD,
  type OverlapSubject,
  type ScoreConfig,
  scoreOverlap,
} from "../../shared/overlap/score.ts";

let next = 0;
const subject = (text: string, extra: Partial<OverlapSubject> = {}): OverlapSubject => ({ id: `s${++next}`, text, ...extra });
/** Scores texts `a` and `b`, each with its own facts. */
const score = (a: string, b: string, factsA: Partial<OverlapSubject> = {}, factsB: Partial<OverlapSubject> = factsA, config?: ScoreConfig) =>
  scoreOverlap(subject(a, factsA), subject(b, factsB), config ? { config } : {});
const withConfig = (change: Partial<ScoreConfig>): ScoreConfig => ({ ...DEFAULT_SCORE_CONFIG, ...change });

// Related (one shared rare word) but not flagged on text alone.
const BRIDGE: [string, string] = ["Pembangunan jembatan penghubung", "Penggantian jembatan putus terbawa banjir"];
// The same need, flagged on text alone.
const DRAIN: [string, string] = ["Pembangunan drainase", "Normalisasi drainase"];
// Nothing meaningful in common.
const UNRELATED: [string, string] = ["Pembangunan jalan", "Pembangunan posyandu"];

const WAY_URANG = { villageCode: "18.01.06.1008", districtCode: "18.01.06" };
const HERE = { latitude: -5.73, longitude: 105.59 };
const ROUTINE = { subActivityCode: "1.06.01.2.06.0004" };

describe("agreeing facts", () => {
  const base = score(...BRIDGE);

  it.each<[string, Partial<OverlapSubject>, Partial<OverlapSubject>, string | RegExp]>([
    ["same desa code", WAY_URANG, WAY_URANG, "desa sama: 18.01.06.1008"],
    ["same kecamatan code", { districtCode: "18.01.06", districtName: "Kalianda" }, { districtCode: "18.01.06" }, "kecamatan sama: Kalianda"],
    ["coordinates 65 m apart", HERE, { latitude: -5.7305, longitude: 105.5903 }, "jarak 65 m"],
    ["coordinates 511 m apart", HERE, { latitude: -5.733, longitude: 105.5935 }, "jarak 511 m"],
    ["same sub-activity code", { subActivityCode: "1.03.10.2.01.0030" }, { subActivityCode: "1.03.10.2.01.0030" }, "kode sub kegiatan sama 1.03.10.2.01.0030"],
    ["same kegiatan code", { subActivityCode: "1.03.10.2.01.0030" }, { subActivityCode: "1.03.10.2.01.0031" }, "kode kegiatan sama 1.03.10.2.01"],
    ["same program code", { subActivityCode: "1.03.10.2.01.0030" }, { subActivityCode: "1.03.10.2.02.0031" }, "kode program sama 1.03.10"],
    ["same beneficiary group", { beneficiaryGroup: "petani" }, { beneficiaryGroup: "petani" }, "penerima manfaat sama: Petani dan peternak"],
    ["a shared word in one agency's field", { agencyName: "Dinas Sosial" }, { agencyName: "Dinas Pekerjaan Umum dan Penataan Ruang" }, "bidang Dinas Pekerjaan Umum dan Penataan Ruang: jembatan"],
  ])("%s raises the score of related texts, and says so", (_fact, factsA, factsB, reason) => {
    const result = score(...BRIDGE, factsA, factsB);
    expect(result.score).toBeGreaterThan(base.score);
    expect(result.reasons).toContain(reason);
  });

  it("weighs closer places and longer shared codes more", () => {
    const at = (latitude: number, longitude: number) => score(...BRIDGE, HERE, { latitude, longitude }).score;
    const coded = (code: string) => score(...BRIDGE, { subActivityCode: "1.03.10.2.01.0030" }, { subActivityCode: code }).score;
    expect(at(-5.7305, 105.5903)).toBeGreaterThan(at(-5.733, 105.5935)); // 65 m > 511 m
    expect(at(-5.733, 105.5935)).toBeGreaterThan(at(-5.75, 105.6)); // 511 m > 2.5 km
    expect(at(-5.75, 105.6)).toBe(base.score); // between close and far: neither bonus nor conflict
    expect(coded("1.03.10.2.01.0030")).toBeGreaterThan(coded("1.03.10.2.01.0031"));
    expect(coded("1.03.10.2.01.0031")).toBeGreaterThan(coded("1.03.10.2.02.0031"));
    expect(coded("1.03.10.2.02.0031")).toBeGreaterThan(coded("1.03.11.2.01.0030"));
    expect(coded("1.03.11.2.01.0030")).toBe(base.score);
    expect(score(...BRIDGE, WAY_URANG).score).toBeGreaterThan(score(...BRIDGE, { districtCode: "18.01.06" }).score);
  });

  it("rewards the same RT and the same numbered facility written in both texts", () => {
    const noBonus = withConfig({ bonus: { ...DEFAULT_SCORE_CONFIG.bonus, sameRt: 0, sameIdentifier: 0 } });
    const rt = [`${BRIDGE[0]} RT 05`, `${BRIDGE[1]} RT 05`] as const;
    expect(score(...rt).score).toBeGreaterThan(score(...rt, {}, {}, noBonus).score);
    expect(score(...rt).reasons).toContain("RT sama: 5");
    const school = ["Rehabilitasi ruang kelas SDN 1", "Perbaikan gedung SD Negeri 1"] as const;
    expect(score(...school).score).toBeGreaterThan(score(...school, {}, {}, noBonus).score);
    expect(score(...school).reasons).toContain("fasilitas sama: SD 1");
  });

  it("turns a related pair into a flag when enough facts agree", () => {
    expect(base.kind).toBeNull();
    expect(score(...BRIDGE, { subActivityCode: "1.03.10.2.01.0030" }).kind).toBe("duplicate");
  });

  it("counts only facts both sides give and share", () => {
    expect(score(...BRIDGE, { beneficiaryGroup: "petani" }, { beneficiaryGroup: "lansia" }).score).toBe(base.score);
    // A desa or kecamatan code on one side only is no disagreement either.
    expect(score(...DRAIN, WAY_URANG, {})).toEqual(score(...DRAIN));
    expect(score(...DRAIN, { districtCode: "18.01.06" }, {})).toEqual(score(...DRAIN));
  });

  it("reads the same desa from both texts, a name cut short included", () => {
    expect(score("Pembangunan drainase Desa Way Urang", "Normalisasi drainase Ds. Way Urang").reasons).toContain("desa sama: Way Urang");
    expect(score("Pembangunan drainase Desa Way Urang", "Normalisasi drainase Desa Way Urang", WAY_URANG).reasons.filter((r) => r.startsWith("desa sama"))).toHaveLength(1);
    const cut = score("Pembangunan drainase Desa Way", "Normalisasi drainase Desa Way Urang");
    expect(cut.kind).toBe("duplicate");
    expect(cut.reasons.join(" ")).not.toContain("berbeda");
  });

  it("adds nothing to texts that are not related, whatever the facts", () => {
    const facts = { ...WAY_URANG, ...HERE, subActivityCode: "1.03.10.2.01.0030", beneficiaryGroup: "petani" };
    expect(score(...UNRELATED, facts)).toMatchObject({ score: score(...UNRELATED).score, kind: null });
    expect(score(...UNRELATED).reasons).toEqual([]); // no "kata kunci sama" without a shared keyword
  });

  it("never goes above 1", () => {
    const facts = { ...WAY_URANG, ...HERE, subActivityCode: "1.03.10.2.01.0030", beneficiaryGroup: "petani" };
    expect(score("Pembangunan drainase RT 05", "Pembangunan drainase RT 05", facts).score).toBe(1);
  });
});

describe("facts that say another place", () => {
  const base = score(...DRAIN);

  it.each<[string, Partial<OverlapSubject>, Partial<OverlapSubject>, string]>([
    ["another desa code", WAY_URANG, { villageCode: "18.01.06.2001", districtCode: "18.01.06" }, "tetapi desa berbeda"],
    ["another kecamatan code", { districtCode: "18.01.06" }, { districtCode: "18.01.04" }, "tetapi kecamatan berbeda"],
    ["coordinates 10 km apart", HERE, { latitude: -5.8, longitude: 105.65 }, "tetapi jarak 10.2 km"],
  ])("%s cuts a flagged pair to 40%%", (_fact, factsA, factsB, reason) => {
    expect(base.kind).toBe("duplicate");
    const result = score(...DRAIN, factsA, factsB);
    expect(result.score).toBeCloseTo(base.score * DEFAULT_SCORE_CONFIG.conflictFactor, 2);
    expect(result.kind).toBeNull();
    expect(result.reasons).toContain(reason);
  });

  it.each([
    // The texts' own places are named in the reason (issue 17).
    ["Pembangunan drainase Desa Sitirejo", "Normalisasi drainase Desa Parangargo", "tetapi desa Sitirejo dan desa Parangargo berbeda"],
    ["Pembangunan drainase Kecamatan Natar", "Normalisasi drainase Kecamatan Kalianda", "tetapi kecamatan Natar dan kecamatan Kalianda berbeda"],
    ["Pembangunan drainase Dusun Krajan", "Normalisasi drainase Dusun Sumberejo", "tetapi dusun Krajan dan dusun Sumberejo berbeda"],
    ["Pembangunan drainase RT 05", "Normalisasi drainase RT 06", "tetapi RT berbeda"],
    ["Rehabilitasi ruang kelas SDN 1", "Perbaikan gedung SD Negeri 2", "tetapi SD 1 dan SD 2 berbeda"],
    ["Pembangunan posyandu Sitirejo", "Pembangunan posyandu Parangargo", "tetapi Posyandu Sitirejo dan Posyandu Parangargo berbeda"],
  ])("in the texts too: %s / %s", (a, b, reason) => {
    const result = score(a, b);
    expect(result.kind).toBeNull();
    expect(result.reasons).toContain(reason);
  });

  it("applies one cut, the hard one, when the texts also hint at different things", () => {
    const pair = ["Pengadaan meja kursi sekolah", "Pengadaan meja kursi puskesmas"] as const;
    const unpenalised = score(...pair, {}, {}, withConfig({ softConflictFactor: 1, conflictFactor: 1 })).score;
    const result = score(...pair, WAY_URANG, { villageCode: "18.01.06.2001" });
    expect(result.score).toBeCloseTo(unpenalised * DEFAULT_SCORE_CONFIG.conflictFactor, 2);
    expect(result.reasons.filter((reason) => reason.startsWith("tetapi"))).toEqual(["tetapi desa berbeda"]);
  });
});

describe("hints that the texts mean different things", () => {
  const unpenalised = withConfig({ softConflictFactor: 1 });

  it.each([
    ["building against running", "Rehabilitasi gedung posyandu", "Pelayanan posyandu balita", {}, "tetapi jenis kegiatan berbeda (fisik / layanan)"],
    ["one facility against another", "Pengadaan meja kursi sekolah", "Pengadaan meja kursi puskesmas", {}, "tetapi fasilitas berbeda: sekolah / puskesmas"],
    // A named facility is compared by identity (a hard cut, above); other names only hint.
    ["each names a name the other lacks", "Pembangunan drainase Sitirejo", "Pembangunan drainase Parangargo", {}, "tetapi nama berbeda: Sitirejo / Parangargo"],
    ["two unanchored lines of one agency's plan", ...DRAIN, { agencyId: "18.01-dinsos" }, "tetapi dua kegiatan berbeda dalam rencana satu perangkat daerah"],
  ] as const)("%s turns a flag into none", (_rule, a, b, facts, reason) => {
    const result = score(a, b, facts);
    const without = score(a, b, facts, facts, unpenalised);
    expect(without.kind).not.toBeNull();
    expect(result.kind).toBeNull();
    expect(result.score).toBeCloseTo(without.score * DEFAULT_SCORE_CONFIG.softConflictFactor, 2);
    expect(result.reasons).toContain(reason);
  });

  it("takes one agency's two lines as a duplicate when a place anchors them or the texts are near-identical", () => {
    const agency = { agencyId: "18.01-dinsos" };
    expect(score(...DRAIN, { ...agency, villageCode: "18.01.06.1008" }).kind).toBe("duplicate");
    expect(score(...DRAIN, { ...agency, ...HERE }).kind).toBe("duplicate");
    const pupr = score(...DRAIN, { agencyId: "18.01-pupr", ...WAY_URANG }).reasons;
    expect(pupr.filter((reason) => reason.startsWith("bidang"))).toEqual(["bidang 18.01-pupr: drainase"]);
    expect(score(`${DRAIN[0]} RT 05`, `${DRAIN[1]} RT 05`, agency).kind).toBe("duplicate");
    expect(score("Pembangunan jalan lingkungan", "Pemeliharaan jalan lingkungan", agency).kind).toBe("duplicate");
    // Two agencies' unanchored lines are not "one plan".
    expect(score(...DRAIN, agency, { agencyId: "18.01-pupr" }).kind).toBe("cross_agency");
  });
});

describe("routine office lines", () => {
  it("are set aside when both lines are routine, and a routine line against a need is cut hard (two objects)", () => {
    const one = score(...DRAIN, ROUTINE, {});
    expect(one.kind).toBeNull();
    expect(one.score).toBeCloseTo(score(...DRAIN).score * DEFAULT_SCORE_CONFIG.conflictFactor, 2);
    expect(one.reasons).toContain("tetapi yang pertama kegiatan rutin perkantoran (tiap perangkat daerah membiayai kantornya sendiri), yang lain bukan");
    const both = score(...DRAIN, ROUTINE, { subActivityCode: "2.15.01.2.02.0001" });
    expect(both.kind).toBeNull();
    expect(both.score).toBeLessThan(OVERLAP_THRESHOLD);
    expect(score(...DRAIN).reasons.join(" ")).not.toContain("rutin");
  });

  it("recognise program U.BB.01 codes, the support program every agency has", () => {
    expect(isRoutineCode("1.03.01.2.02.0001")).toBe(true);
    expect(isRoutineCode("X.XX.01.2.06.0004")).toBe(true);
    expect(isRoutineCode("1.01.03.2.01.0001")).toBe(false);
    expect(isRoutineCode("1.03.10.2.01.0001")).toBe(false);
  });
});

describe("the threshold", () => {
  // Pairs of data/overlap-dev/tune.csv that score next to it: the threshold was chosen on these.
  it.each([
    ["pl-portal-01", "Pemasangan portal pintu masuk dan keluar PWL di 3 Titik", "Pembangunan Portal Pembatas", "Dinas Perhubungan", "Dinas Pekerjaan Umum dan Penataan Ruang", true],
    ["pl-linmas-01", "Pelatihan Linmas", "Peningkatan Kapasitas Linmas", "Satuan Polisi Pamong Praja", "Satuan Polisi Pamong Praja", true],
    ["pl-drainase-rt2-12", "Mengembalikan drainase yang di tutup warga wilayah RW.1 RT.2", "Saluran drainase lingkungan RT 2 RW 1 Pandanlandung", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Perumahan Rakyat dan Kawasan Permukiman", true],
    ["hard-5", "Posbindu dan pemeriksaan kesehatan lansia Desa Taman Agung", "Bantuan permakanan bagi lansia terlantar Desa Taman Agung", "Dinas Kesehatan", "Dinas Sosial", false],
    ["nomen-16", "Monitoring dan Evaluasi Pelaksanaan Program/Kegiatan Urusan Pertanahan", "Monitoring dan Evaluasi ke Lokasi Transmigrasi", "Dinas Perumahan Rakyat dan Kawasan Permukiman", "Dinas Tenaga Kerja dan Transmigrasi", false],
  ] as const)("%s is flagged: %s", (_id, a, b, agencyA, agencyB, flagged) => {
    const result = score(a, b, { agencyName: agencyA }, { agencyName: agencyB });
    expect(Math.abs(result.score - OVERLAP_THRESHOLD)).toBeLessThan(0.1);
    expect(result.kind !== null).toBe(flagged);
  });

  it("flags a score equal to the threshold", () => {
    const exact = score(...BRIDGE).score;
    expect(score(...BRIDGE, {}, {}, withConfig({ threshold: exact })).kind).toBe("duplicate");
    expect(score(...BRIDGE, {}, {}, withConfig({ threshold: exact + 0.001 })).kind).toBeNull();
  });
});

describe("kind", () => {
  it("is cross_agency only when both agencies are known and differ", () => {
    expect(score(...DRAIN, { agencyId: "18.01-pupr" }, { agencyId: "18.01-perkim" }).kind).toBe("cross_agency");
    expect(score(...DRAIN, { agencyId: "18.01-pupr" }, { agencyId: " 18.01-PUPR " }).kind).toBe("duplicate");
    expect(score(...DRAIN, { agencyName: "Dinas  Pekerjaan Umum" }, { agencyName: "dinas pekerjaan umum" }).kind).toBe("duplicate");
    expect(score(...DRAIN, { agencyName: " Dinas Perumahan " }, { agencyName: "Dinas Perumahan" }).kind).toBe("duplicate");
    expect(score(...DRAIN, { agencyName: "Dinas Pekerjaan Umum" }, { agencyName: "Dinas Perumahan" }).kind).toBe("cross_agency");
    expect(score(...DRAIN, { agencyId: "18.01-pupr" }, {}).kind).toBe("duplicate");
    expect(score(...DRAIN, { agencyId: "  " }, { agencyName: "Dinas Perumahan" }).kind).toBe("duplicate");
  });
});

describe("symmetry", () => {
  it("scores every pair of this file the same both ways", () => {
    const pairs: [OverlapSubject, OverlapSubject][] = [
      [subject(BRIDGE[0], { agencyName: "Dinas Sosial", ...HERE }), subject(BRIDGE[1], { agencyName: "Dinas PUPR", latitude: -5.733, longitude: 105.5935 })],
      [subject(DRAIN[0], { ...WAY_URANG, subActivityCode: "1.03.10.2.01.0030" }), subject(DRAIN[1], { villageCode: "18.01.06.2001", subActivityCode: "1.03.10.2.01.0031" })],
      [subject("Rehabilitasi gedung posyandu", { agencyId: "18.01-dinkes" }), subject("Pelayanan posyandu balita", { agencyId: "18.01-dpmd" })],
      [subject("Pembangunan posyandu Sitirejo"), subject("Pembangunan posyandu Parangargo", ROUTINE)],
      [subject("Rehabilitasi ruang kelas SDN 1 Sidomulyo"), subject("Perbaikan gedung SD Negeri 1 Parangargo")],
    ];
    for (const [a, b] of pairs) {
      const ab = scoreOverlap(a, b);
      const ba = scoreOverlap(b, a);
      expect([ba.score, ba.kind], `${a.text} / ${b.text}`).toEqual([ab.score, ab.kind]);
    }
  });
});

describe("haversineMetres", () => {
  it("measures great-circle distance in metres", () => {
    expect(haversineMetres(-5.73, 105.59, -5.73, 105.59)).toBe(0);
    expect(haversineMetres(0, 0, 1, 0)).toBeCloseTo(111_195, 0);
    expect(haversineMetres(0, 0, 0, 1)).toBeCloseTo(111_195, 0);
    expect(haversineMetres(-5.73, 105.59, -5.8, 105.65)).toBeCloseTo(haversineMetres(-5.8, 105.65, -5.73, 105.59), 6);
    expect(haversineMetres(60, 0, 60, 1)).toBeCloseTo(55_597, 0); // a degree of longitude shrinks with cos(latitude)
    expect(haversineMetres(0, 0, 0, 180)).toBeCloseTo(Math.PI * 6_371_000, 0);
  });
});
