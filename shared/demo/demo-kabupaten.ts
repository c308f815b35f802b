/** The demo kabupaten `npm start` brings to life: Lampung Selatan, its OPD (a CSV in data/), and a season of proposals. */
export const DEMO_KABUPATEN = {
  regencyCode: "18.01",
  /** Loaded like any kabupaten's list (`npm run agencies:load`): the OPD and the bidang/program each carries. */
  agencyFile: "data/agencies/18.01-lampung-selatan.csv",
  proposalCount: 300,
  year: 2027,
} as const;
