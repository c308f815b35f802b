import { describe, expect, it } from "vitest";
import { differentParts, workParts } from "../../shared/overlap/work-parts.ts";

describe("work parts: how one agency splits one piece of work", () => {
  it("reads stages, lots and sizes as written", () => {
    expect(workParts("Belanja Modal Bangunan Kesehatan (Perencanaan Pembangunan Poskesdes/Pustu Sukapura Kec.Dayeuhkolot 01.03)").stages).toEqual(["perencanaan"]);
    expect(workParts("Pengawasan Pembangunan Jalan Usaha Tani Ds. Neglasari").stages).toEqual(["pengawasan"]);
    expect(workParts("Sumur Bumdes Desa Sayati").stages).toEqual(["pelaksanaan"]);
    expect(workParts("Pembangunan MCK + Septik Tank Desa Majalaya Paket 2 (P)").lots).toEqual(["paket 2"]);
    expect(workParts("Rehab Ruang Kelas Tahap II").lots).toEqual(["tahap 2"]);
    expect(workParts("Peningkatan Jl Jalan terusan Nanjung (Lanjutan), Kab. Bandung").lots).toEqual(["lanjutan"]);
    expect(workParts("Sumur Dangkal 70 M + Menara Besi Air 3M + Tangki Air Kapasitas 2000 L").sizes).toEqual(["2000 l", "3 m", "70 m"]);
  });

  it("tells parts apart: another stage, another lot (a marker on one side too), another size in the same unit", () => {
    const parts = (text: string) => workParts(text);
    expect(differentParts(parts("Perencanaan Rehab Pustu Panyirapan"), parts("Pelaksanaan Rehab Pustu Panyirapan"))).toBe(
      "tahap berbeda dari satu pekerjaan: perencanaan / pelaksanaan",
    );
    expect(differentParts(parts("MCK Desa Majalaya Paket 1"), parts("MCK Desa Majalaya Paket 2"))).toBe("paket berbeda: paket 1 / paket 2");
    expect(differentParts(parts("TPU Desa Sangkanhurip (P)"), parts("TPU Desa Sangkanhurip Paket 2 (P)"))).toBe("paket berbeda: tanpa nomor paket / paket 2");
    expect(differentParts(parts("Sumur Dangkal 80M Desa Cangkuang Wetan"), parts("Sumur Dangkal 60M Desa Cangkuang Wetan"))).toBe("ukuran berbeda: 80 m / 60 m");
    expect(differentParts(parts("Sumur Dangkal 60M (P)"), parts("Sumur Dangkal 60M (PD)"))).toBeNull();
    expect(differentParts(parts("Drainase 120 m RT 12"), parts("Pembangunan saluran drainase RT 12"))).toBeNull();
  });
});
