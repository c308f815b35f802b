/**
 * Turns valibot issues into field errors people can act on: a stable code for machines and a message in
 * Indonesian (or English). Schemas that need a rule of their own put a code from CUSTOM as the message.
 */
import * as v from "valibot";

export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

type Lang = "id" | "en";
type Texts = { id: string; en: string };

const CUSTOM: Record<string, Texts> = {
  region_unknown: { id: "Kode wilayah tidak dikenal.", en: "Unknown region code." },
  region_out_of_scope: { id: "Wilayah ini di luar wewenang Anda.", en: "This region is outside your scope." },
  region_code_format: { id: "Kode wilayah harus berbentuk seperti 18.01.02.2001.", en: "Region code must look like 18.01.02.2001." },
  sub_activity_code_format: { id: "Kode sub kegiatan harus berbentuk seperti 1.03.10.2.01.0028.", en: "Sub-activity code must look like 1.03.10.2.01.0028." },
  sub_activity_unknown: { id: "Kode sub kegiatan tidak ada dalam nomenklatur.", en: "Sub-activity code is not in the nomenclature." },
  agency_unknown: { id: "OPD tidak dikenal di kabupaten ini.", en: "Unknown agency in this kabupaten." },
  scope_mismatch: { id: "Cakupan tidak sesuai dengan peran.", en: "Scope does not fit the role." },
  username_format: {
    id: "Nama pengguna hanya huruf kecil, angka, titik, garis bawah atau tanda hubung (3-64).",
    en: "Username may only hold lowercase letters, digits, dots, underscores or hyphens (3-64).",
  },
  username_taken: { id: "Nama pengguna sudah dipakai.", en: "Username is already taken." },
  password_weak: { id: "Kata sandi minimal 10 karakter.", en: "Password needs at least 10 characters." },
  volume_requires_unit: { id: "Volume harus disertai satuan.", en: "A volume needs a unit." },
  cost_absurd: {
    id: "Perkiraan biaya tidak masuk akal (harus 1.000 sampai 1 triliun rupiah).",
    en: "Estimated cost is not plausible (must be 1,000 to 1 trillion rupiah).",
  },
  changes_required: { id: "Sebutkan perubahannya (volume, biaya atau kode sub kegiatan).", en: "Give the changes (volume, cost or sub-activity code)." },
  decision_not_for_task: { id: "Keputusan ini tidak berlaku untuk jenis tugas ini.", en: "This decision does not apply to this kind of task." },
  proposal_unknown: { id: "Usulan tujuan penggabungan tidak ditemukan di kabupaten ini.", en: "The proposal to merge into is not in this kabupaten." },
  webhook_url_https: { id: "Alamat webhook harus https:// (http hanya untuk localhost).", en: "Webhook URL must be https:// (http only for localhost)." },
  text_malformed: { id: "Teks berisi karakter yang rusak.", en: "The text holds malformed characters." },
  nothing_to_change: { id: "Tidak ada isian yang diubah.", en: "Nothing to change." },
  priority_code_format: { id: "Kode prioritas daerah berupa 1-12 huruf, angka, titik atau tanda hubung, mis. P1.", en: "A regional priority code is 1-12 letters, digits, dots or hyphens, e.g. P1." },
  priority_unknown: { id: "Prioritas daerah ini tidak ada dalam daftar tahun ini.", en: "This regional priority is not on the year's list." },
  account_unknown: { id: "Akun dengan nama pengguna ini tidak ada di kabupaten ini.", en: "No account with this username in this kabupaten." },
  priority_code_twice: { id: "Kode prioritas tidak boleh dipakai dua kali.", en: "A priority code may appear only once." },
  number_pattern_needs_nomor: { id: "Pola nomor harus memuat {nomor} (dan boleh {tahun}).", en: "The number pattern must hold {nomor} (and may hold {tahun})." },
  logo_too_large: { id: "Logo paling besar 200 KB.", en: "The logo may be 200 KB at most." },
  logo_not_image: { id: "Logo harus berkas PNG atau JPEG dalam base64, sesuai jenisnya.", en: "The logo must be a PNG or JPEG file in base64, matching its type." },
  pdf_td4_only: { id: "PDF tersedia untuk T-D.4 (view=td4); Renja per OPD tersedia sebagai XLSX siap cetak.", en: "PDF is for T-D.4 (view=td4); the Renja per agency is a print-ready XLSX." },
  pdf_too_many_rows: { id: "T-D.4 sebagai PDF paling banyak 2.000 baris: pilih kecamatan (kecamatan=...), atau unduh XLSX.", en: "A T-D.4 PDF holds at most 2,000 rows: choose a kecamatan (kecamatan=...), or download the XLSX." },
  change_amount_or_percent: { id: "Isi salah satu: jumlah pagu baru (Rp) atau persentase perubahan.", en: "Give one of: the new amount (Rp) or a percentage change." },
  change_target_required: { id: "Pilih OPD atau kecamatan yang paganya diubah.", en: "Choose the agency or kecamatan whose envelope changes." },
  minimum_required: { id: "Isi paling sedikit jumlah usulan atau rupiah minimum.", en: "Give at least a minimum number of proposals or of rupiah." },
  date_in_past: { id: "Tanggal ini sudah lewat.", en: "This date is in the past." },
  district_code_format: { id: "Kode kecamatan harus berbentuk seperti 18.01.06.", en: "A district code must look like 18.01.06." },
  location_one_of: { id: "Pilih satu lokasi: desa/kelurahan atau sekecamatan.", en: "Give one place: a village or a whole district." },
  reses_date_format: { id: "Tanggal reses harus berbentuk TTTT-BB-HH, mis. 2026-03-14.", en: "The reses date must look like 2026-03-14." },
  member_unknown: { id: "Anggota DPRD ini tidak terdaftar di kabupaten ini.", en: "This DPRD member is not registered in this kabupaten." },
  member_required: { id: "Pilih anggota DPRD pemilik pokir.", en: "Choose the DPRD member the pokir belongs to." },
  reason_required: { id: "Tuliskan alasan pembatalan.", en: "Give the reason for the withdrawal." },
  rt_rw_format: { id: "RT/RW berupa 1-3 angka.", en: "RT/RW are 1-3 digits." },
};

function generic(issue: v.BaseIssue<unknown>): { code: string; texts: Texts } {
  const requirement = String((issue as { requirement?: unknown }).requirement ?? "");
  if (issue.kind === "schema" && issue.received === "undefined") {
    return { code: "required", texts: { id: "Wajib diisi.", en: "Required." } };
  }
  // A strict object reports a key it does not know as expecting `never`.
  if (issue.expected === "never") {
    return { code: "unknown_field", texts: { id: "Isian ini tidak dikenal.", en: "Unknown field." } };
  }
  switch (issue.type) {
    case "string":
      return { code: "type", texts: { id: "Harus berupa teks.", en: "Must be text." } };
    case "number":
      return { code: "type", texts: { id: "Harus berupa angka.", en: "Must be a number." } };
    case "boolean":
      return { code: "type", texts: { id: "Harus ya atau tidak.", en: "Must be true or false." } };
    case "object":
    case "strict_object":
      return { code: "type", texts: { id: "Harus berupa objek.", en: "Must be an object." } };
    case "array":
      return { code: "type", texts: { id: "Harus berupa daftar.", en: "Must be a list." } };
    case "integer":
      return { code: "integer", texts: { id: "Harus bilangan bulat.", en: "Must be a whole number." } };
    case "non_empty":
      return { code: "required", texts: { id: "Wajib diisi.", en: "Required." } };
    case "min_length":
      return { code: "too_short", texts: { id: `Minimal ${requirement} karakter.`, en: `At least ${requirement} characters.` } };
    case "max_length":
      return { code: "too_long", texts: { id: `Maksimal ${requirement} karakter.`, en: `At most ${requirement} characters.` } };
    case "max_items":
      return { code: "too_many", texts: { id: `Maksimal ${requirement} butir.`, en: `At most ${requirement} items.` } };
    case "min_value":
      return { code: "too_small", texts: { id: `Minimal ${requirement}.`, en: `At least ${requirement}.` } };
    case "max_value":
      return { code: "too_large", texts: { id: `Maksimal ${requirement}.`, en: `At most ${requirement}.` } };
    case "picklist":
    case "enum":
    case "variant":
    case "literal":
      return { code: "not_allowed", texts: { id: "Pilihan tidak tersedia.", en: "Not one of the allowed values." } };
    case "regex":
      return { code: "format", texts: { id: "Bentuknya tidak sesuai.", en: "Wrong format." } };
    default:
      return { code: issue.type, texts: { id: "Isian tidak sah.", en: "Invalid value." } };
  }
}

export function fieldIssues(issues: readonly v.BaseIssue<unknown>[], lang: Lang): FieldIssue[] {
  return issues.map((issue) => {
    const custom = CUSTOM[issue.message];
    const { code, texts } = custom ? { code: issue.message, texts: custom } : generic(issue);
    return { path: v.getDotPath(issue) ?? "", code, message: texts[lang] };
  });
}

/** A field error raised outside valibot (a database check), in the same shape. */
export function customIssue(path: string, code: keyof typeof CUSTOM, lang: Lang): FieldIssue {
  return { path, code, message: CUSTOM[code]![lang] };
}
