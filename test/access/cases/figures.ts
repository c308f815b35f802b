import { adminOnly, type MatrixCase } from "../matrix.ts";

/** The console's figures are Bappeda's: they name every agency's and kecamatan's money; a Bappeda sees its own kabupaten's. */
export const figureCases: MatrixCase[] = ["envelopes", "stages", "overlaps", "districts"].map((figure) => ({
  group: "figures",
  name: `GET /api/v1/figures/${figure}?year=2027`,
  request: async () => ({ path: `/api/v1/figures/${figure}?year=2027` }),
  expect: adminOnly([200, 200, 200], [403, 403, 403]),
}));
