/**
 * Derives data/pengadaan-kab-bandung-2025/packages.csv from the shared procurement files of Kabupaten Bandung 2025:
 * `node scripts/pengadaan-bandung-subset.ts [SOURCE_DIR]` (default: $PENGADAAN_DIR, else
 * ../shared/data/pengadaan-kab-bandung-2025 next to the repository).
 *
 * One row per package: kd_rup, sumber (nontender | swakelola), nama_satker, nama_paket, kd_subkegiatan.
 * - nontender: the latest version (versi_nontender) of each kd_rup whose status is not "Gagal/Batal";
 *   kd_subkegiatan = the first 17 characters of `mak`.
 * - swakelola: every row (a few rows have shifted columns after nama_paket; nama_paket itself is intact);
 *   kd_subkegiatan is empty (the swakelola file has no `mak`).
 * Text changes, and only these: a literal backslash-r-backslash-n sequence in nama_paket becomes a space, stray
 * backslashes and double quotes around the name (export artefacts) are dropped, runs of whitespace become one space.
 * The location files are not used: the overlap labels are decided from the texts and agency names only.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvRecords } from "../shared/csv/parse.ts";

const root = join(import.meta.dirname, "..");
const source = process.argv[2] ?? process.env.PENGADAAN_DIR ?? join(root, "..", "shared", "data", "pengadaan-kab-bandung-2025");

export function cleanName(raw: string): string {
  return raw
    .replace(/\\r\\n/g, " ")
    .replace(/^[\s\\"]+|[\s\\"]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const read = (file: string) => parseCsvRecords(readFileSync(join(source, file), "utf8"), file);

interface Row {
  kd_rup: string;
  sumber: "nontender" | "swakelola";
  nama_satker: string;
  nama_paket: string;
  kd_subkegiatan: string;
}

const latest = new Map<string, Record<string, string>>();
for (const row of read("paket_nontender.csv")) {
  if (/gagal|batal/i.test(row.status_nontender ?? "")) continue;
  const seen = latest.get(row.kd_rup!);
  if (!seen || Number(row.versi_nontender) > Number(seen.versi_nontender)) latest.set(row.kd_rup!, row);
}
const rows: Row[] = [];
for (const row of latest.values()) {
  rows.push({
    kd_rup: row.kd_rup!,
    sumber: "nontender",
    nama_satker: row.nama_satker!.trim(),
    nama_paket: cleanName(row.nama_paket!),
    kd_subkegiatan: row.mak!.slice(0, 17),
  });
}
for (const row of read("paket_swakelola.csv")) {
  rows.push({
    kd_rup: row.kd_rup!,
    sumber: "swakelola",
    nama_satker: row.nama_satker!.trim(),
    nama_paket: cleanName(row.nama_paket!),
    kd_subkegiatan: "",
  });
}
rows.sort((a, b) => a.sumber.localeCompare(b.sumber) || Number(a.kd_rup) - Number(b.kd_rup));

const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const header = ["kd_rup", "sumber", "nama_satker", "nama_paket", "kd_subkegiatan"] as const;
const csv = [header.join(","), ...rows.map((row) => header.map((column) => cell(row[column])).join(","))].join("\n") + "\n";
const out = join(root, "data", "pengadaan-kab-bandung-2025");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "packages.csv"), csv);
console.log(`packages.csv: ${rows.length} rows (${latest.size} nontender, ${rows.length - latest.size} swakelola)`);
