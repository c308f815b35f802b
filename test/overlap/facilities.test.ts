import { describe, expect, it } from "vitest";
import { compareFacilities, findFacilities } from "../../shared/overlap/facilities.ts";

const labels = (text: string) => findFacilities(text).map((f) => f.label);
const compare = (a: string, b: string) => compareFacilities(findFacilities(a), findFacilities(b));

describe("facilities: kind plus number or name", () => {
  it("reads schools, health posts, bridges, roads and numbered packages as agencies write them", () => {
    expect(labels("Rehabilitasi ruang kelas SDN Sukamaju 03")).toEqual(["SD Sukamaju 3"]);
    expect(labels("PEMAGARAN SMPN 1 CIMENYAN (DID)")).toEqual(["SMP 1 Cimenyan"]);
    expect(labels("Belanja Modal Bangunan Kesehatan (Pelaksanaan Rehab Berat Puskesmas Pakutandang 01.02)")).toEqual(["Puskesmas Pakutandang"]);
    expect(labels("Pembangunan Jalan Cikopo - Sodong")).toEqual(["Jalan Cikopo Sodong"]);
    expect(labels("Perencanaan PSU Paket 8")).toEqual(["Paket 8"]);
    expect(labels("Tenaga Ahli Sipil 4")).toEqual(["nomor 4"]);
    // Sizes, counts, RT and percentages are not facility numbers; a kind without name or number is not a facility.
    expect(labels("Pakan ikan protein min 28 %")).toEqual([]);
    expect(labels("Pembangunan Drainase RT 03")).toEqual([]);
    expect(labels("Pembangunan Jalan Lingkungan")).toEqual([]);
  });

  it("decides identity both ways", () => {
    expect(compare("SDN Sukamaju 03", "SD Negeri Sukamaju 05").different?.map((f) => f.label)).toEqual(["SD Sukamaju 3", "SD Sukamaju 5"]);
    expect(compare("Rehab SMPN 4", "Pagar SMP Negeri 4 Soreang").same.map((f) => f.label)).toEqual(["SMP 4"]);
    expect(compare("Rehab Puskesmas Pakutandang", "Alkes Puskesmas Pakutandang").same).toHaveLength(1);
    expect(compare("Rehab Puskesmas Pakutandang", "Alkes Puskesmas Ciparay").different).not.toBeNull();
    expect(compare("Perencanaan PSU Paket 8", "Perencanaan PSU Paket 1").different).not.toBeNull();
    // Only the number on one side, only the name on the other: not enough to tell.
    expect(compare("Rehab SMPN 4", "Rehab SMPN Soreang")).toEqual({ same: [], different: null });
  });
});
