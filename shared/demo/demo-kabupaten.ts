/** The demo kabupaten `npm start` brings to life: Lampung Selatan, its OPD, and a Musrenbang season of proposals. */
import { LAMPUNG_SELATAN_AGENCIES, LAMPUNG_SELATAN_REGENCY_CODE } from "../agencies/lampung-selatan.ts";
import type { DemoOptions } from "../reference/seed.ts";

export const DEMO_KABUPATEN: DemoOptions = {
  regencyCode: LAMPUNG_SELATAN_REGENCY_CODE,
  agencies: LAMPUNG_SELATAN_AGENCIES,
  proposalCount: 300,
  year: 2027,
};
