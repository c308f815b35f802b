/** Sub-activity rows from the SIPD nomenclature export (data/nomenklatur-subkegiatan-2027). */
import { parseCsvRecords } from "../csv/parse.ts";
import type { subActivities } from "../db/schema.ts";

export type SubActivityRow = typeof subActivities.$inferInsert;

const SUB_ACTIVITY_CODE = /^(\d|X)\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}\.\d{4}$/;

const orNull = (value: string | undefined) => (value && value !== "[null]" ? value : null);

export function subActivityRows(csv: string, file = "nomenklatur_subkegiatan_2027_kabkot.csv"): SubActivityRow[] {
  return parseCsvRecords(csv, file).map((r, index) => {
    const code = r.kode_sub_kegiatan ?? "";
    if (!SUB_ACTIVITY_CODE.test(code)) throw new Error(`${file} baris ${index + 2}: kode sub kegiatan tidak sah: "${code}"`);
    const level = r.jenis_pemda;
    if (level !== "PROV" && level !== "KABKOT") throw new Error(`${file} baris ${index + 2}: jenis_pemda tidak dikenal: "${level}"`);
    return {
      code,
      governmentLevel: level,
      bidangCode: r.kode_bidang!,
      bidangName: r.nama_bidang!,
      programCode: r.kode_program!,
      programName: r.nama_program!,
      kegiatanCode: r.kode_kegiatan!,
      kegiatanName: r.nama_kegiatan!,
      name: r.nama_sub_kegiatan!,
      performance: orNull(r.kinerja),
      indicator: orNull(r.indikator),
      unit: orNull(r.satuan),
      implementer: orNull(r.pelaksana),
      spm: r.spm === "SPM",
      kind: orNull(r.jenis),
      previousCode: orNull(r.sub_kegiatan_sebelumnya),
      definition: orNull(r.definisi_operasional),
    };
  });
}

/** The bidang urusan (U.BB) of a sub-activity code: `1.03.10.2.01.0028` → `1.03`. */
export function bidangOf(subActivityCode: string): string {
  return subActivityCode.split(".").slice(0, 2).join(".");
}
