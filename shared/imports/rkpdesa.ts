/**
 * The village channel's file: the Daftar Usulan RKP Desa (DU-RKPDesa, Permendagri 114/2014), with the columns
 * villages already keep (see data/rkpdesa-pandanlandung-2026 for a real one). What a row becomes:
 * - a proposal to the kabupaten, when it names the work with its volume and cost;
 * - skipped, with the reason shown, when it is the village's own business (funded by its APB Desa: salaries,
 *   its own operations) or when it has neither volume nor cost yet (a wish from the dusun meetings that the
 *   village has not costed: fill them in and upload again to propose it);
 * - refused, with each column's reason, when something in it cannot be read.
 */
import { parseIndonesianNumber } from "../proposals/form.ts";
import type { FundingSource } from "../renja/funding.ts";
import type { ImportLayout, RowDraft, RowProblem } from "./table.ts";

export interface VillageRowDraft {
  activity: string;
  problem: string;
  description: string | null;
  volume: number;
  unit: string;
  estimatedCost: number;
  beneficiaryCount: number | null;
  fundingSource: FundingSource | null;
  rt: string | null;
  rw: string | null;
  /** The lokasi cell as written: resolved to a desa against the kabupaten's regions by the importer. */
  location: string;
}

/** What sumber_biaya says, as written in real files. `village` = the village's own budget: not for the kabupaten. */
const FUNDING: readonly [RegExp, FundingSource | "village"][] = [
  [/^(apb\s*des(a)?|apbdes|dd|dana\s*desa|add|alokasi\s*dana\s*desa|pades|pad\s*desa)$/, "village"],
  [/^apbd\s*(prov(insi)?|i)$/, "apbd_provinsi"],
  [/^apbd(\s*(kab(upaten)?|kota|ii|kab\/kota))?$/, "apbd_kabupaten"],
  [/^(apbn|dak|apbn\/dak|apbn\s*dak)$/, "apbn_dak"],
  [/^csr$/, "csr"],
];

export function fundingOf(raw: string): FundingSource | "village" | null | undefined {
  const text = raw.trim().toLowerCase().replace(/\./g, "");
  if (text === "") return null;
  return FUNDING.find(([pattern]) => pattern.test(text))?.[1];
}

/** "11 Org" → 11 Org; "112,5 m" → 112.5 m; "1 Paket" → 1 Paket. */
export function volumeAndUnit(raw: string): { volume: number; unit: string } | null {
  const match = /^(\d[\d.,]*)\s*([^\d].*)$/.exec(raw.trim());
  if (!match) return null;
  const volume = parseIndonesianNumber(match[1]!);
  return typeof volume === "number" ? { volume, unit: match[2]!.trim() } : null;
}

/** The one RT (and RW) a text names ("RT 002 RW 001" → 2, 1); none when it names several ("RT 9-11", "RT.6, RT.8"). */
export function neighbourhood(text: string): { rt: string | null; rw: string | null } {
  const one = (word: string) => {
    const found = [...text.matchAll(new RegExp(`\\b${word}\\.?\\s*(\\d{1,3})(?!\\s*(?:-|s/?d|,\\s*${word}))`, "gi"))];
    const all = [...text.matchAll(new RegExp(`\\b${word}\\b`, "gi"))];
    return found.length === 1 && all.length === 1 ? String(Number(found[0]![1])) : null;
  };
  return { rt: one("RT"), rw: one("RW") };
}

const titleCase = (text: string) => text.toLowerCase().replace(/(^|\s)\p{L}/gu, (m) => m.toUpperCase());

const problem = (row: number, column: string, code: string, id: string, en: string): RowProblem => ({ row, column, code, message: { id, en } });

export const VILLAGE_LAYOUT: ImportLayout<VillageRowDraft> = {
  channel: "desa",
  title: { id: "Daftar Usulan RKP Desa (DU-RKPDesa)", en: "Village plan proposal list (DU-RKPDesa)" },
  columns: [
    { key: "bidang", required: false, example: "BIDANG PELAKSANAAN PEMBANGUNAN DESA", description: { id: "Bidang kegiatan desa (Permendagri 114/2014); dipakai sebagai permasalahan bila data eksisting dan target kosong.", en: "The village's field of activity." } },
    { key: "no", required: false, example: "1", description: { id: "Nomor urut di daftar desa (hanya untuk dibaca; urutan baris menjadi urutan prioritas desa).", en: "Number in the village's list (read only; row order becomes the village's ranking)." } },
    { key: "jenis_kegiatan", aliases: ["kegiatan", "usulan_kegiatan", "nama_kegiatan"], required: true, example: "Pembangunan Drainase RT 002 RW 001", description: { id: "Usulan kegiatan, 5-300 huruf. RT/RW yang disebut di sini dicatat sebagai lokasi RT/RW.", en: "The proposed activity, 5-300 characters." } },
    { key: "data_eksisting", required: false, example: "Drainase lama rusak, air menggenang saat hujan", description: { id: "Kondisi sekarang: menjadi permasalahan usulan.", en: "The present condition: becomes the proposal's problem." } },
    { key: "target_capaian", required: false, example: "Drainase 120 m berfungsi", description: { id: "Hasil yang dituju.", en: "The intended result." } },
    { key: "lokasi", required: true, example: "Desa Pandanlandung", description: { id: "Desa/kelurahan lokasi (boleh dengan kecamatan: \"Desa Sumbersari Kec. Wagir\"). Kosong atau bukan nama desa: desa pengusul; teksnya disimpan sebagai alamat.", en: "The desa/kelurahan (with its kecamatan if the name repeats). Empty or not a desa: the proposing village." } },
    { key: "volume_satuan", aliases: ["volume", "volume_dan_satuan"], required: true, example: "120 m", description: { id: "Volume dan satuan, mis. \"120 m\", \"1 Paket\", \"112,5 m\".", en: "Volume and unit, e.g. \"120 m\"." } },
    { key: "penerima_manfaat", required: false, example: "350", description: { id: "Jumlah penerima manfaat (angka), atau keterangannya.", en: "Number of beneficiaries, or a note." } },
    { key: "waktu_pelaksanaan", required: false, example: "3 Bulan", description: { id: "Lama pelaksanaan (keterangan).", en: "Duration (note)." } },
    { key: "biaya_rp", aliases: ["biaya", "perkiraan_biaya", "jumlah_biaya", "biaya_rupiah"], required: true, example: "150000000", description: { id: "Perkiraan biaya dalam rupiah, mis. 150000000 atau 150.000.000.", en: "Estimated cost in rupiah." } },
    { key: "sumber_biaya", aliases: ["sumber_dana"], required: true, example: "APBD", description: { id: "APBD (kabupaten), APBD Provinsi, APBN/DAK, CSR, atau kosong (APBD kabupaten). APBDes/DD/ADD: dibiayai desa sendiri, tidak diimpor.", en: "APBD, APBD Provinsi, APBN/DAK, CSR or empty. APBDes/DD/ADD: the village's own, not imported." } },
    { key: "pola_pelaksanaan", required: false, example: "Dinas Terkait", description: { id: "Pola pelaksanaan atau pelaksana yang diharapkan (keterangan).", en: "Who is expected to carry it out (note)." } },
  ],
  fieldColumns: {
    activity: "jenis_kegiatan",
    problem: "data_eksisting",
    description: "waktu_pelaksanaan",
    volume: "volume_satuan",
    unit: "volume_satuan",
    estimatedCost: "biaya_rp",
    beneficiaryCount: "penerima_manfaat",
    fundingSource: "sumber_biaya",
    rt: "jenis_kegiatan",
    rw: "jenis_kegiatan",
    address: "lokasi",
    villageCode: "lokasi",
  },
  readRow(cells, row): RowDraft<VillageRowDraft> {
    const activity = cells.jenis_kegiatan ?? "";
    const funding = fundingOf(cells.sumber_biaya ?? "");
    const volumeText = cells.volume_satuan ?? "";
    const costText = cells.biaya_rp ?? "";
    if (activity === "") {
      const only = Object.entries(cells).every(([key, value]) => value === "" || key === "bidang" || key === "no");
      if (only) return { row, outcome: "skip", code: "heading", message: { id: "Baris judul bidang, bukan usulan.", en: "A heading row, not a proposal." } };
    }
    if (funding === "village") {
      return { row, outcome: "skip", code: "village_funded", message: { id: `Dibiayai desa sendiri (${cells.sumber_biaya}): tidak diusulkan ke kabupaten.`, en: `Funded by the village itself (${cells.sumber_biaya}): not proposed to the kabupaten.` } };
    }
    if (activity !== "" && volumeText === "" && costText === "") {
      return { row, outcome: "skip", code: "not_costed", message: { id: "Belum ada volume dan biaya: isi kolom volume_satuan dan biaya_rp lalu unggah lagi untuk mengusulkannya.", en: "No volume and cost yet: fill in volume_satuan and biaya_rp and upload again to propose it." } };
    }
    const problems: RowProblem[] = [];
    if (activity === "") problems.push(problem(row, "jenis_kegiatan", "required", "Jenis kegiatan wajib diisi.", "The activity is required."));
    if (funding === undefined) problems.push(problem(row, "sumber_biaya", "funding_unknown", `Sumber biaya "${cells.sumber_biaya}" tidak dikenal: tulis APBD, APBD Provinsi, APBN/DAK, CSR, atau APBDes.`, `Unknown source "${cells.sumber_biaya}": write APBD, APBD Provinsi, APBN/DAK, CSR or APBDes.`));
    const volume = volumeAndUnit(volumeText);
    if (volumeText === "") problems.push(problem(row, "volume_satuan", "required", "Volume dan satuan wajib diisi bila biaya diisi, mis. \"120 m\".", "Volume and unit are required when a cost is given, e.g. \"120 m\"."));
    else if (!volume) problems.push(problem(row, "volume_satuan", "volume_unreadable", `"${volumeText}" bukan volume dan satuan: tulis angka lalu satuan, mis. "120 m".`, `"${volumeText}" is not a volume and unit: write a number then a unit, e.g. "120 m".`));
    const cost = costText === "" ? null : parseIndonesianNumber(costText);
    if (costText === "") problems.push(problem(row, "biaya_rp", "required", "Perkiraan biaya wajib diisi bila volume diisi.", "The estimated cost is required when a volume is given."));
    else if (typeof cost !== "number" || !Number.isInteger(cost)) problems.push(problem(row, "biaya_rp", "cost_unreadable", `"${costText}" bukan jumlah rupiah: tulis mis. 150000000 atau 150.000.000.`, `"${costText}" is not an amount of rupiah: write e.g. 150000000.`));
    const beneficiaries = cells.penerima_manfaat ?? "";
    const count = /^\d[\d.]*$/.test(beneficiaries) ? parseIndonesianNumber(beneficiaries) : null;
    if (problems.length) return { row, outcome: "error", problems };
    const notes = [
      typeof count === "number" || beneficiaries === "" ? null : `Penerima manfaat: ${beneficiaries}`,
      cells.waktu_pelaksanaan ? `Waktu pelaksanaan: ${cells.waktu_pelaksanaan}` : null,
      cells.pola_pelaksanaan ? `Pola pelaksanaan: ${cells.pola_pelaksanaan}` : null,
      cells.target_capaian && cells.data_eksisting ? `Target capaian: ${cells.target_capaian}` : null,
    ].filter((n) => n !== null);
    return {
      row,
      outcome: "create",
      draft: {
        activity,
        // DU-RKPDesa has no column for the problem: the present condition, else the aim, else the bidang it sits in.
        problem: cells.data_eksisting || cells.target_capaian || `Usulan DU-RKPDesa ${titleCase(cells.bidang || "desa")}`,
        description: notes.length ? notes.join(". ") : null,
        volume: volume!.volume,
        unit: volume!.unit,
        estimatedCost: cost as number,
        beneficiaryCount: typeof count === "number" ? count : null,
        fundingSource: funding ?? null,
        ...neighbourhood(activity),
        location: cells.lokasi ?? "",
      },
    };
  },
};
