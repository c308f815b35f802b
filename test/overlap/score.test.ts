import { describe, expect, it } from "vitest";
import { Gazetteer } from "../../shared/overlap/places.ts";
import { OVERLAP_THRESHOLD, type OverlapSubject, scoreOverlap } from "../../shared/overlap/score.ts";

let next = 0;
const subject = (text: string, agencyName: string | null, extra: Partial<OverlapSubject> = {}): OverlapSubject => ({
  id: `p${++next}`,
  text,
  agencyName,
  ...extra,
});

describe("scoreOverlap: the hard cases", () => {
  it("does not flag identical routine office lines of two agencies", () => {
    for (const line of [
      "Penyediaan Alat Tulis Kantor",
      "Penyediaan Jasa Surat Menyurat",
      "Koordinasi dan Penyusunan Laporan Capaian Kinerja",
      "Penyediaan Gaji dan Tunjangan ASN",
      "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
    ]) {
      const result = scoreOverlap(subject(line, "Dinas Kesehatan"), subject(line, "Dinas Pendidikan dan Kebudayaan"));
      expect(result.kind, line).toBeNull();
      expect(result.reasons.join(" ")).toContain("rutin perkantoran");
    }
  });

  it("does not flag a routine office line against a need, unless the need is that office's building", () => {
    const routine = scoreOverlap(subject("Belanja Sosialisasi", "Kecamatan Cimaung"), subject("Belanja Sosialisasi (Peningkatan Kapasitas Kader Pendataan Obyek Pajak)", "Badan Pendapatan Daerah"));
    expect(routine.kind).toBeNull();
    expect(routine.reasons).toContain("tetapi yang pertama kegiatan rutin perkantoran (tiap perangkat daerah membiayai kantornya sendiri), yang lain bukan");
    const office = subject("Perencanaan Kantor Kecamatan Cilengkrang", "Dinas Pekerjaan Umum dan Tata Ruang");
    const own = scoreOverlap(office, subject("Jasa Konsultansi Perencanaan Pemeliharaan Gedung Kantor Kecamatan", "Kecamatan Cilengkrang"));
    expect(own.kind).toBe("cross_agency");
    expect(scoreOverlap(office, subject("Jasa Konsultansi Perencanaan Pemeliharaan Gedung Kantor Kecamatan", "Kecamatan Cimaung")).kind).toBeNull();
  });

  it("does not flag routine lines by their code either (program U.BB.01)", () => {
    const result = scoreOverlap(
      subject("Penyediaan Bahan Logistik Kantor", "Dinas Sosial", { subActivityCode: "1.06.01.2.06.0004" }),
      subject("Penyediaan Bahan Logistik Kantor", "Dinas Perhubungan", { subActivityCode: "2.15.01.2.06.0004" }),
    );
    expect(result.kind).toBeNull();
  });

  it("flags the same school rebuilt by two agencies, across agencies, with reasons", () => {
    const result = scoreOverlap(
      subject("Rehabilitasi ruang kelas SDN 1 Sidomulyo", "Dinas Pendidikan dan Kebudayaan"),
      subject("Perbaikan gedung SD Negeri 1 Sidomulyo", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    );
    expect(result.kind).toBe("cross_agency");
    expect(result.score).toBeGreaterThanOrEqual(OVERLAP_THRESHOLD);
    expect(result.reasons).toContain("fasilitas sama: SD 1 Sidomulyo");
    expect(result.reasons.some((reason) => reason.startsWith("kata kunci sama:") && reason.includes("sekolah"))).toBe(true);
  });

  it("does not flag two different schools, by number or by name", () => {
    const sd1 = subject("Rehabilitasi ruang kelas SDN 1 Sidomulyo", "Dinas Pendidikan dan Kebudayaan");
    expect(scoreOverlap(sd1, subject("Perbaikan gedung SD Negeri 2 Sidomulyo", "Dinas Pekerjaan Umum")).kind).toBeNull();
    expect(scoreOverlap(sd1, subject("Rehabilitasi ruang kelas SDN 1 Parangargo", "Dinas Pekerjaan Umum")).kind).toBeNull();
  });

  it("does not flag the same service for two subjects (the subject is what it is about)", () => {
    const result = scoreOverlap(subject("Pelatihan kader posyandu", "Dinas Kesehatan"), subject("Pelatihan kader pemberdayaan masyarakat desa (KPMD)", "Dinas Pemberdayaan Masyarakat dan Desa"));
    expect(result.kind).toBeNull();
    expect(result.reasons).toContain("tetapi pelatihan untuk hal berbeda: posyandu / kpmd");
    expect(scoreOverlap(subject("Pelatihan kader posyandu", "Dinas Kesehatan"), subject("Pelatihan bagi kader posyandu balita", "DPMD")).kind).toBe("cross_agency");
  });

  it("does not flag a shared generic word with a different need", () => {
    expect(scoreOverlap(subject("Pembangunan jalan", "Dinas PUPR"), subject("Pembangunan posyandu", "Dinas Kesehatan")).kind).toBeNull();
    expect(scoreOverlap(subject("Pelatihan menjahit", "Dinas Tenaga Kerja"), subject("Pelatihan Las SMAW", "Dinas Tenaga Kerja")).kind).toBeNull();
    expect(scoreOverlap(subject("Pengadaan Mebel Sekolah", "Dinas Pendidikan"), subject("Pengadaan Mebel Puskesmas", "Dinas Kesehatan")).kind).toBeNull();
  });

  it("flags village wording against agency wording of the same need", () => {
    const village = subject("RT 12 Drainase 120 m", "Dinas Pekerjaan Umum dan Penataan Ruang");
    const agency = subject("Pembangunan saluran drainase lingkungan RT 12 Desa Pandanlandung", "Dinas Perumahan Rakyat dan Kawasan Permukiman");
    const result = scoreOverlap(village, agency);
    expect(result.kind).toBe("cross_agency");
    expect(result.reasons).toContain("RT sama: 12");
    // Another RT of the same village is another drain.
    expect(scoreOverlap(village, subject("Normalisasi selokan RT 13 Pandanlandung", "Dinas Perumahan")).kind).toBeNull();
    expect(scoreOverlap(subject("Rehab Polindes", "Dinas Kesehatan"), subject("Rehabilitasi gedung Poskesdes Desa Pandanlandung", "Dinas PUPR")).kind).toBe(
      "cross_agency",
    );
  });

  it("flags the same need in the same village twice as a duplicate, and names the village", () => {
    const place = { villageCode: "18.01.06.1008", districtCode: "18.01.06" };
    const result = scoreOverlap(
      subject("Pembangunan talud penahan tebing sungai", "Dinas PUPR", { ...place, agencyId: "18.01-pupr" }),
      subject("Pembuatan TPT sungai rawan longsor", "Dinas PUPR", { ...place, agencyId: "18.01-pupr" }),
      { regionName: (code) => (code === "18.01.06.1008" ? "Way Urang" : null) },
    );
    expect(result.kind).toBe("duplicate");
    expect(result.reasons).toContain("desa sama: Way Urang");
    expect(result.reasons[0]).toMatch(/^kata kunci sama: .*talud/);
  });

  it("does not flag the same need in two different villages", () => {
    const result = scoreOverlap(
      subject("Pembangunan gedung posyandu", "Dinas Kesehatan", { villageCode: "18.01.06.1008", districtCode: "18.01.06" }),
      subject("Pembangunan gedung posyandu", "Dinas Pemberdayaan Masyarakat dan Desa", { villageCode: "18.01.06.2005", districtCode: "18.01.06" }),
    );
    expect(result.kind).toBeNull();
    expect(result.reasons).toContain("tetapi desa berbeda");
    expect(scoreOverlap(subject("Pembangunan posyandu Desa Gunung Terang", null), subject("Pembangunan posyandu Desa Sumur Kumbang", null)).kind).toBeNull();
  });

  it("uses codes, people and distance as reasons and bonuses", () => {
    const a = subject("Pembangunan jalan usaha tani blok sawah", "Dinas Pertanian", {
      subActivityCode: "1.03.10.2.01.0053",
      beneficiaryGroup: "petani",
      latitude: -5.73,
      longitude: 105.59,
    });
    const b = subject("Rabat beton jalan tani ke sawah", "Dinas Pekerjaan Umum dan Penataan Ruang", {
      subActivityCode: "1.03.10.2.01.0055",
      beneficiaryGroup: "petani",
      latitude: -5.7303,
      longitude: 105.5901,
    });
    const result = scoreOverlap(a, b);
    expect(result.kind).toBe("cross_agency");
    expect(result.reasons).toEqual(
      expect.arrayContaining(["kode kegiatan sama 1.03.10.2.01", "penerima manfaat sama: Petani dan peternak", expect.stringMatching(/^jarak \d+ m$/)]),
    );
    const far = scoreOverlap(a, { ...b, id: "far", latitude: -5.9, longitude: 105.2 });
    expect(far.kind).toBeNull();
  });

  it("meets morphological variants through Sastrawi stemming (pengolahan/olahan, perikanan/ikan, pengaspalan/aspal)", () => {
    expect(scoreOverlap(subject("Pelatihan pengolahan hasil perikanan", "Dinas Perikanan"), subject("Pelatihan olahan ikan bagi nelayan", "Dinas Koperasi")).kind).toBe(
      "cross_agency",
    );
    expect(scoreOverlap(subject("Pengaspalan jalan lingkungan Dusun Krajan", "Dinas PUPR"), subject("Aspal jalan lingkungan dsn Krajan", "Dinas Perkim")).kind).toBe(
      "cross_agency",
    );
  });

  it("is symmetric in score and kind", () => {
    const a = subject("Bedah rumah RTLH warga miskin Desa Sukodadi", "Dinas Sosial");
    const b = subject("Perbaikan Rumah Tidak Layak Huni Desa Sukodadi", "Dinas Perumahan Rakyat dan Kawasan Permukiman");
    const ab = scoreOverlap(a, b);
    const ba = scoreOverlap(b, a);
    expect(ab.score).toBe(ba.score);
    expect(ab.kind).toBe("cross_agency");
    expect(ba.kind).toBe("cross_agency");
  });

  it("has a fixed threshold between 0 and 1", () => {
    expect(OVERLAP_THRESHOLD).toBeGreaterThan(0);
    expect(OVERLAP_THRESHOLD).toBeLessThan(1);
  });
});

describe("scoreOverlap: places, facilities and parallel units", () => {
  // Part of Kabupaten Bandung (idn-area-data), as the Worker loads its own kabupaten.
  const places = new Gazetteer(
    [
      { code: "32.04", level: "regency", name: "Kabupaten Bandung" },
      { code: "32.04.12", level: "district", name: "Dayeuhkolot" },
      { code: "32.04.12.2006", level: "village", name: "Citeureup" },
      { code: "32.04.12.2005", level: "village", name: "Sukapura" },
      { code: "32.04.17", level: "district", name: "Cimaung" },
    ],
    true,
  );
  const score = (a: OverlapSubject, b: OverlapSubject) => scoreOverlap(a, b, { places });

  it("flags a kecamatan-wide line and a desa line inside it, and says where the desa lies", () => {
    const kecamatan = subject("Penanganan saluran Kecamatan Dayeuhkolot", "Dinas Pekerjaan Umum dan Tata Ruang");
    const result = score(kecamatan, subject("Perbaikan saluran Desa Citeureup", "Dinas Perumahan dan Kawasan Permukiman"));
    expect(result.kind).toBe("cross_agency");
    expect(result.reasons).toContain("desa Citeureup berada di kecamatan Dayeuhkolot");
    const elsewhere = score(subject("Penanganan saluran Kecamatan Cimaung", "Dinas PUTR"), subject("Perbaikan saluran Desa Citeureup", "Dinas Perkim"));
    expect(elsewhere.kind).toBeNull();
    expect(elsewhere.reasons).toContain("tetapi desa Citeureup tidak berada di kecamatan Cimaung");
  });

  it("places a territorial agency's line in its territory when the text names none", () => {
    const result = score(subject("Pembangunan drainase lingkungan", "Kecamatan Dayeuhkolot"), subject("Pembangunan Drainase Desa Citeureup", "Dinas PUTR"));
    expect(result.kind).toBe("cross_agency");
    expect(result.reasons).toContain("desa Citeureup berada di kecamatan Dayeuhkolot");
  });

  it("does not flag parallel units planning the same standard activity for their own territories", () => {
    const branch = score(
      subject("Pengadaan perlengkapan posko siaga", "Cabang Dinas Pendidikan Wilayah I"),
      subject("Pengadaan perlengkapan posko siaga", "Cabang Dinas Pendidikan Wilayah VII"),
    );
    expect(branch.kind).toBeNull();
    expect(branch.reasons).toContain("tetapi unit sejenis (cabang dinas pendidikan) untuk wilayah berbeda: Wilayah I / Wilayah Vii");
    const offices = score(subject("Pengadaan perlengkapan posko siaga", "Kecamatan Dayeuhkolot"), subject("Pengadaan perlengkapan posko siaga", "Kecamatan Cimaung"));
    expect(offices.reasons).toContain("tetapi kecamatan Dayeuhkolot dan kecamatan Cimaung berbeda");
    expect(offices.kind).toBeNull();
  });

  it("compares RT/RW numbers only inside one desa, not across lists of several", () => {
    const lists = score(
      subject("Pembangunan PJU RW. 11 Desa Citeureup, RT. 04 RW. 04 Desa Sukapura Kecamatan Dayeuhkolot", "Dinas Perhubungan"),
      subject("Pembangunan PJU Desa Citeureup, Kp. Sadang RT 01 RW 19 Desa Sukapura", "Dinas Perhubungan"),
    );
    expect(lists.kind).toBe("duplicate");
    expect(score(subject("Sumur Bumdes Desa Citeureup RT 02 RW 09", "Dinas PUTR"), subject("Sumur Bumdes Desa Citeureup RT 04 RW 09", "Dinas PUTR")).kind).toBeNull();
  });

  it("does not flag one agency's design, supervision and works of one project, its lots or its units of another size", () => {
    const dinkes = "Dinas Kesehatan";
    const design = subject("Belanja Modal Bangunan Kesehatan (Perencanaan Rehab Sedang Poskesdes/Pustu Desa Sukapura Kec.Dayeuhkolot)", dinkes);
    const works = subject("Belanja Modal Bangunan Kesehatan (Pelaksanaan Rehab Sedang Poskesdes/Pustu Desa Sukapura Kec.Dayeuhkolot)", dinkes);
    const result = score(design, works);
    expect(result.kind).toBeNull();
    expect(result.reasons).toContain("tetapi dalam satu perangkat daerah, tahap berbeda dari satu pekerjaan: perencanaan / pelaksanaan");
    // Two agencies: the rule does not apply (the works line of another agency is still shown).
    expect(score(design, { ...works, id: "other", agencyName: "Dinas PUTR" }).reasons.join(" ")).not.toContain("tahap berbeda");
    const perkim = "Dinas Perumahan dan Kawasan Permukiman";
    expect(score(subject("Pembangunan MCK Desa Citeureup Paket 1", perkim), subject("Pembangunan MCK Desa Citeureup Paket 2", perkim)).kind).toBeNull();
    expect(score(subject("Pembangunan Sumur Dangkal 80M Desa Citeureup", perkim), subject("Pembangunan Sumur Dangkal 60M Desa Citeureup", perkim)).kind).toBeNull();
    expect(score(subject("Pembangunan Sumur Dangkal 60M Desa Citeureup (P)", perkim), subject("Pembangunan Sumur Dangkal 60M Desa Citeureup (PD)", perkim)).kind).toBe("duplicate");
  });

  it("does not take a road's retaining wall for a river's", () => {
    const road = subject("Pembangunan bangunan pelengkap jalan TPT Jl. Ciririp Desa Citeureup Kec. Dayeuhkolot", "Dinas PUTR");
    const river = score(road, subject("Rehabilitasi Tanggul Sungai Kp. Lamping Desa Citeureup", "Dinas PUTR"));
    expect(river.kind).toBeNull();
    expect(river.reasons).toContain("tetapi bangunan di jalan dan di sungai");
    expect(score(road, subject("Pembangunan TPT Jalan Ciririp Desa Citeureup", "Dinas Perkim")).kind).toBe("cross_agency");
  });

  it("does not flag one agency's standard activity for its own territorial units (UPTD I / III, Sapras X / Y, Sub DAS X / Y)", () => {
    const putr = "Dinas PUTR";
    expect(score(subject("Operasi dan Pemeliharaan Sistem Drainase Perkotaan Sapras Dayeuhkolot", putr), subject("Operasi dan Pemeliharaan Sistem Drainase Perkotaan Sapras Cimaung", putr)).reasons).toContain(
      "tetapi kecamatan Dayeuhkolot dan kecamatan Cimaung berbeda",
    );
    const uptd = score(subject("Belanja Jasa Iklan (Media Promosi Radio Opsen Pajak UPTD III)", "Bapenda"), subject("Belanja Jasa Iklan (Media Promosi Radio Opsen Pajak UPTD I)", "Bapenda"));
    expect(uptd.kind).toBeNull();
    expect(uptd.reasons).toContain("tetapi UPTD 3 dan UPTD 1 berbeda");
    expect(score(subject("Perencanaan Rehabilitasi Jaringan Irigasi Wilayah Sub DAS Ciwidey", putr), subject("Perencanaan Rehabilitasi Jaringan Irigasi Wilayah Sub DAS Citarik", putr)).kind).toBeNull();
  });

  it("reads a hospital's or puskesmas's own lines as about that facility when they name none", () => {
    const putr = subject("Penataan RSUD Cicalengka Lanjutan", "Dinas Pekerjaan Umum dan Tata Ruang");
    const result = score(putr, subject("Penataan Ruang IGD", "Rumah Sakit Umum Daerah Cicalengka"));
    expect(result.kind).toBe("cross_agency");
    expect(result.reasons).toContain("fasilitas sama: RSUD Cicalengka");
    expect(score(putr, subject("Penataan Ruang IGD", "Rumah Sakit Umum Daerah Majalaya")).kind).toBeNull();
  });

  it("decides by facility identity both ways", () => {
    const other = score(subject("Rehabilitasi ruang kelas SDN Sukamaju 03", "Dinas Pendidikan"), subject("Rehab atap SD Negeri Sukamaju 05", "Dinas PUPR"));
    expect(other.kind).toBeNull();
    expect(other.reasons).toContain("tetapi SD Sukamaju 3 dan SD Sukamaju 5 berbeda");
    const same = score(subject("Rehab SMPN 4", "Dinas Pendidikan"), subject("Perbaikan gedung SMP Negeri 4", "Dinas PUPR"));
    expect(same.kind).toBe("cross_agency");
    expect(same.reasons).toContain("fasilitas sama: SMP 4");
  });

  it("does not flag two different works at one facility, and reads the facility's name before its number", () => {
    const fence = score(subject("PEMAGARAN SMPN 3 CIWIDEY", "DINAS PENDIDIKAN"), subject("PEMBANGUNAN TPT FRAME SMPN 3 CIWIDEY", "DINAS PENDIDIKAN"));
    expect(fence.kind).toBeNull();
    expect(fence.reasons).toContain("tetapi pekerjaan berbeda di fasilitas yang sama: pagar / talud");
    const sapan = score(subject("Rehabilitasi Ruang Perpustakaan SDN. Sapan 1", "DINAS PENDIDIKAN"), subject("Pembangunan Jamban Siswa/Guru SDN. Sapan 1", "DINAS PENDIDIKAN"));
    expect(sapan.reasons).toContain("fasilitas sama: SD Sapan 1");
    expect(sapan.kind).toBeNull();
    // The same work in other words is still the same: RKB = ruang kelas baru, "gedung kelas" is a classroom.
    expect(score(subject("Pembangunan ruang kelas baru SMP Negeri 3 Kalianda", "Dinas Pendidikan"), subject("Pembangunan RKB SMPN 3 Kalianda", "Dinas PUPR")).kind).toBe("cross_agency");
    expect(score(subject("Pembangunan Ruang Kelas Baru SMPN 1 Kalianda", "Dinas Pendidikan"), subject("Pembangunan gedung kelas baru SMP 1 Kalianda", "Dinas PUPR")).kind).toBe("cross_agency");
  });
});
