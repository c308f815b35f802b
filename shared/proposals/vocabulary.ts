/** Words that proposals are recorded in, as Musrenbang forms offer them. */

/** Beneficiary groups (kelompok penerima manfaat). Keys are stable codes; labels are what people read. */
export const BENEFICIARY_GROUPS = {
  umum: { id: "Masyarakat umum", en: "General public" },
  balita: { id: "Balita", en: "Toddlers" },
  anak: { id: "Anak dan pelajar", en: "Children and pupils" },
  ibu_hamil: { id: "Ibu hamil dan menyusui", en: "Pregnant and nursing mothers" },
  perempuan: { id: "Perempuan", en: "Women" },
  pemuda: { id: "Pemuda", en: "Youth" },
  lansia: { id: "Lansia", en: "Elderly" },
  disabilitas: { id: "Penyandang disabilitas", en: "People with disabilities" },
  keluarga_miskin: { id: "Keluarga miskin", en: "Poor households" },
  petani: { id: "Petani dan peternak", en: "Farmers and herders" },
  nelayan: { id: "Nelayan dan pembudidaya ikan", en: "Fishers and fish farmers" },
  pelaku_umkm: { id: "Pelaku UMKM", en: "Small business owners" },
  pencari_kerja: { id: "Pencari kerja", en: "Job seekers" },
} as const;

export type BeneficiaryGroup = keyof typeof BENEFICIARY_GROUPS;

/** Units (satuan) offered in the form; free text stays allowed because real proposals use many more. */
export const COMMON_UNITS = [
  "m",
  "m2",
  "m3",
  "km",
  "unit",
  "paket",
  "titik",
  "ruang",
  "orang",
  "kelompok",
  "kegiatan",
  "ha",
  "ekor",
  "dokumen",
] as const;
