import { describe, expect, it } from "vitest";
import { agencyUnit, parallelUnits } from "../../shared/overlap/agency-units.ts";
import { comparePlaces, findPlaces, Gazetteer, inferScope, type RegionEntry } from "../../shared/overlap/places.ts";

// A slice of idn-area-data: Kabupaten Bandung (32.04) and Kecamatan Kalianda (18.01.06).
const ROWS: RegionEntry[] = [
  { code: "32", level: "province", name: "Jawa Barat" },
  { code: "32.04", level: "regency", name: "Kabupaten Bandung" },
  { code: "32.73", level: "regency", name: "Kota Bandung" },
  { code: "32.04.12", level: "district", name: "Dayeuhkolot" },
  { code: "32.04.12.2004", level: "village", name: "Cangkuang Kulon" },
  { code: "32.04.12.2005", level: "village", name: "Sukapura" },
  { code: "32.04.12.2006", level: "village", name: "Citeureup" },
  { code: "32.04.13", level: "district", name: "Banjaran" },
  { code: "32.04.13.2012", level: "village", name: "Mekarjaya" },
  { code: "32.04.16", level: "district", name: "Arjasari" },
  { code: "32.04.16.2007", level: "village", name: "Mekarjaya" },
  { code: "32.04.17", level: "district", name: "Cimaung" },
  { code: "32.04.17.2003", level: "village", name: "Pasirhuni" },
  { code: "32.04.17.2005", level: "village", name: "Cipinang" },
  { code: "32.04.06", level: "district", name: "Cimenyan" },
  { code: "32.04.06.2001", level: "village", name: "Ciburial" },
  { code: "32.04.05", level: "district", name: "Cileunyi" },
  { code: "32.04.05.2004", level: "village", name: "Cibiru Wetan" },
  { code: "32.04.36", level: "district", name: "Ibun" },
  { code: "32.04.36.2011", level: "village", name: "Dukuh" },
  { code: "32.04.29", level: "district", name: "Ciparay" },
  { code: "32.04.29.2006", level: "village", name: "Pakutandang" },
  { code: "32.04.30", level: "district", name: "Pacet" },
  { code: "32.04.30.2008", level: "village", name: "Mekarjaya" },
  { code: "18", level: "province", name: "Lampung" },
  { code: "18.01", level: "regency", name: "Kabupaten Lampung Selatan" },
  { code: "18.01.06", level: "district", name: "Kalianda" },
  { code: "18.01.06.1007", level: "village", name: "Kalianda" },
  { code: "18.01.06.1008", level: "village", name: "Way Urang" },
];
const country = new Gazetteer(ROWS);
const bandung = country.within(["32.04"]);
const codes = (text: string, gazetteer = bandung) => findPlaces(text, gazetteer).mentions.map((m) => [m.level, m.codes]);

describe("places: names resolved to region codes", () => {
  it("resolves what follows a place word, at that level, longest name first", () => {
    expect(codes("Pembangunan SPAL/Drainase Lingkungan Desa Cangkuang Kulon, Kecamatan Dayeuhkolot")).toEqual([["village", ["32.04.12.2004"]]]);
    expect(codes("Rehabilitasi drainase Ds. Pasirhuni Kec. Cimaung")).toEqual([["village", ["32.04.17.2003"]]]);
    expect(codes("Pembangunan PJU Kecamatan Dayeuhkolot")).toEqual([["district", ["32.04.12"]]]);
    expect(codes("Pembangunan jalan desa Way Urang Kec. Kalianda", country)).toEqual([["village", ["18.01.06.1008"]]]);
  });

  it("keeps every candidate of an ambiguous desa name unless its kecamatan or the agency's territory says which", () => {
    expect(codes("Sumur bor Desa Mekarjaya")).toEqual([["village", ["32.04.13.2012", "32.04.16.2007", "32.04.30.2008"]]]);
    expect(codes("Sumur bor Desa Mekarjaya Kecamatan Pacet")).toEqual([["village", ["32.04.30.2008"]]]);
    // The kabupaten holds every Mekarjaya: the kecamatan, the most specific outer place, decides.
    expect(codes("Sumur bor Kp Mekarjaya Desa Mekarjaya Kec Pacet, Kab. Bandung")).toEqual([["village", ["32.04.30.2008"]]]);
    expect(findPlaces("Sumur bor Desa Mekarjaya", bandung, ["32.04.16"]).mentions[0]?.codes).toEqual(["32.04.16.2007"]);
  });

  it("reads bare names only within the kabupaten, and hamlets (Kp., Dusun) by name", () => {
    expect(codes("REHABILITASI RUANG KELAS SMPN 2 CIMAUNG")).toEqual([["district", ["32.04.17"]]]);
    expect(codes("REHABILITASI RUANG KELAS SMPN 2 CIMAUNG", country)).toEqual([]);
    const hamlet = findPlaces("Peningkatan Jl Kp. Ciririp Rt 01 Desa Cipinang", bandung).mentions;
    expect(hamlet.map((m) => [m.level, m.name, m.codes])).toEqual([["hamlet", "Ciririp", []], ["village", "Cipinang", ["32.04.17.2005"]]]);
    // A village after Kp. is a hamlet when the text names its desa; a place word can be a name ("Desa Dukuh").
    expect(codes("Peningkatan Jl Kp. Cipinang RW 09 Desa Pasirhuni")).toEqual([["hamlet", []], ["village", ["32.04.17.2003"]]]);
    expect(codes("Bangunan Pelengkap Jalan Rt 03 Rw 05 Desa Dukuh Kec Ibun")).toEqual([["village", ["32.04.36.2011"]]]);
    // A bare name away from the marked places is a river or a school, not a place: "Sungai Ciburial" in Cileunyi.
    expect(codes("Rehabilitasi Tanggul Sungai Ciburial Ds. Cibiru Wetan Kec. Cileunyi")).toEqual([["village", ["32.04.05.2004"]]]);
    // ... also when the text names its kabupaten too, which holds every bare name.
    expect(codes("Rehabilitasi drainase Jl. Ciburial Desa Cipinang Kec. Cimaung, Kab. Bandung")).toEqual([["village", ["32.04.17.2005"]]]);
    // A lower-case name no dictionary knows, after a place word, is still a name.
    expect(comparePlaces(findPlaces("Peningkatan Jl Jalan Sukasari-Langonsari Kp. legokloa", bandung), findPlaces("Peningkatan Jalan Sukasari-Langonsari (Kp. Cibiuk)", bandung), bandung).kind).toBe("different");
    // A kampung written in lower case is still a hamlet of the desa the text names.
    expect(codes("Sumur Bumdes Desa Pasirhuni Kecamatan Cimaung KP cipinang RT 006")).toEqual([["hamlet", []], ["village", ["32.04.17.2003"]]]);
    // Ordinary words are not villages.
    expect(codes("Penyusunan Dokumen Perencanaan Desa dan Keuangan Desa")).toEqual([]);
  });

  it("compares by containment: a desa lies in its kecamatan, another kecamatan's desa does not", () => {
    const kecamatan = findPlaces("Penanganan saluran Kecamatan Dayeuhkolot", bandung);
    const desa = findPlaces("Perbaikan saluran Desa Citeureup", bandung);
    expect(comparePlaces(kecamatan, desa, bandung)).toEqual({ kind: "within", reason: "desa Citeureup berada di kecamatan Dayeuhkolot" });
    expect(comparePlaces(findPlaces("Drainase Desa Pasirhuni", bandung), kecamatan, bandung)).toEqual({
      kind: "different",
      reason: "desa Pasirhuni tidak berada di kecamatan Dayeuhkolot",
    });
    expect(comparePlaces(desa, findPlaces("Sumur Desa Sukapura", bandung), bandung).reason).toBe("desa Citeureup dan desa Sukapura berbeda");
    // Namesakes are told apart by their kecamatan.
    expect(comparePlaces(findPlaces("Sumur Desa Mekarjaya Kec. Pacet", bandung), findPlaces("Sumur Desa Mekarjaya Kec. Arjasari", bandung), bandung).reason).toBe(
      "desa Mekarjaya (kecamatan Pacet) dan desa Mekarjaya (kecamatan Arjasari) berbeda",
    );
    expect(comparePlaces(desa, findPlaces("Drainase Ds. Citeureup Kec. Dayeuhkolot", bandung), bandung)).toEqual({ kind: "same", reason: "desa sama: Citeureup" });
    // An ambiguous name agrees with the kecamatan one of its candidates lies in.
    expect(comparePlaces(findPlaces("Sumur Desa Mekarjaya", bandung), findPlaces("Sumur bor Kecamatan Pacet", bandung), bandung).kind).toBe("within");
    // Same desa, another hamlet.
    expect(comparePlaces(findPlaces("Jalan Kp. Ciririp Desa Cipinang", bandung), findPlaces("Jalan Kp. Lamping Desa Cipinang", bandung), bandung).kind).toBe("different");
    expect(comparePlaces(desa, findPlaces("Perbaikan saluran", bandung), bandung).kind).toBe("unknown");
  });

  it("compares unknown names by name, as written, without region tables", () => {
    const a = findPlaces("Pembangunan posyandu Desa Gunung Terang", null);
    expect(comparePlaces(a, findPlaces("Pembangunan posyandu Desa Sumur Kumbang", null), null).reason).toBe("desa Gunung Terang dan desa Sumur Kumbang berbeda");
    expect(comparePlaces(a, findPlaces("Posyandu Ds. Gunung Terang", null), null).kind).toBe("same");
  });

  it("infers the kabupaten a file is about from the places it names", () => {
    const texts = ["Drainase Desa Citeureup Kecamatan Dayeuhkolot", "Sumur Desa Mekarjaya Kec. Pacet", "PJU Kecamatan Cimaung"];
    expect(inferScope(country, texts)).toEqual(["32.04"]);
    // A file about two kabupaten keeps both, the smaller one included.
    expect(inferScope(country, [...texts, ...texts, "Posyandu Desa Way Urang"])).toEqual(["18.01", "32.04"]);
    expect(inferScope(country, ["Rapat koordinasi"])).toEqual([]);
  });
});

describe("agency units: kind and territory", () => {
  it("splits territorial units into kind and territory", () => {
    expect(agencyUnit("KECAMATAN DAYEUHKOLOT", bandung)).toMatchObject({ kind: "kecamatan", territory: "Kecamatan Dayeuhkolot" });
    expect(agencyUnit("UPT Puskesmas Kecamatan Cimaung", bandung)).toMatchObject({ kind: "upt puskesmas", territory: "Kecamatan Cimaung" });
    expect(agencyUnit("UPTD Puskesmas Pakutandang", bandung)?.places.mentions[0]?.codes).toEqual(["32.04.29.2006"]);
    expect(agencyUnit("Cabang Dinas Pendidikan Wilayah VII", bandung)).toMatchObject({ kind: "cabang dinas pendidikan", territory: "Wilayah Vii" });
    expect(agencyUnit("Dinas Pemberdayaan Masyarakat dan Desa", bandung)).toMatchObject({ kind: "dinas pemberdayaan masyarakat dan desa", territory: null });
  });

  it("calls units of one kind for different territories parallel, and nothing else", () => {
    const unit = (name: string) => agencyUnit(name, bandung);
    expect(parallelUnits(unit("Cabang Dinas Pendidikan Wilayah I"), unit("Cabang Dinas Pendidikan Wilayah VII"))).toBe(
      "unit sejenis (cabang dinas pendidikan) untuk wilayah berbeda: Wilayah I / Wilayah Vii",
    );
    expect(parallelUnits(unit("Kecamatan Pacet"), unit("Kecamatan Cimaung"))).not.toBeNull();
    expect(parallelUnits(unit("Kecamatan Pacet"), unit("UPT Puskesmas Kecamatan Pacet"))).toBeNull();
    expect(parallelUnits(unit("Dinas Kesehatan"), unit("Dinas Sosial"))).toBeNull();
  });
});
