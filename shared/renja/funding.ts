/** Sources of funds (sumber dana) an agreed activity can carry, set by the proposal or the agency's decision. */
export const FUNDING_SOURCES = {
  apbd_kabupaten: "APBD Kabupaten/Kota",
  apbd_provinsi: "APBD Provinsi",
  apbn_dak: "APBN/DAK",
  dana_desa: "Dana Desa",
  csr: "CSR",
} as const;

export type FundingSource = keyof typeof FUNDING_SOURCES;

export const FUNDING_SOURCE_KEYS = Object.keys(FUNDING_SOURCES) as FundingSource[];

/**
 * An activity agreed in a kabupaten's Renja without a source named anywhere is the kabupaten's own budget: the
 * Renja Perangkat Daerah is the agency's plan for the APBD it receives.
 */
export const DEFAULT_FUNDING_SOURCE: FundingSource = "apbd_kabupaten";

export const fundingSourceLabel = (key: string | null): string | null => (key ? (FUNDING_SOURCES[key as FundingSource] ?? key) : null);
