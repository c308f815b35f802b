/**
 * What the overlap detector knows of a proposal, built the same way wherever proposals are compared: the Worker's
 * check, the benches and the evaluation scripts.
 */
import { bandKeyNumber, overlapBandKeys, overlapBandKeysIn } from "./minhash.ts";
import type { OverlapSubject } from "./score.ts";

export interface ProposalForOverlap {
  id: string;
  activity: string;
  problem: string;
  description: string | null;
  /** The place the proposal sits: the desa, or the kecamatan or kabupaten of a wider line (`locationLevel`). */
  villageCode: string;
  districtCode: string;
  /** desa (the default), kecamatan or kabupaten: how wide `villageCode` is. */
  locationLevel?: string;
  year: number;
  latitude: number | null;
  longitude: number | null;
  subActivityCode: string | null;
  beneficiaryGroup: string | null;
}

/** The words compared: what the village asks for, why, and how. */
export const overlapText = (p: Pick<ProposalForOverlap, "activity" | "problem" | "description">) => [p.activity, p.problem, p.description].filter(Boolean).join(". ");

type ForKeys = Pick<ProposalForOverlap, "activity" | "problem" | "description" | "villageCode" | "districtCode" | "locationLevel" | "year">;

/**
 * The band keys of a proposal at its own place: scoped by the place it sits in (a desa, or the kecamatan or kabupaten
 * of a wider line) and the year, since two lines of different desa or years never reach the threshold.
 */
export function proposalBandKeys(p: Pick<ProposalForOverlap, "activity" | "problem" | "description" | "villageCode" | "year">): number[] {
  return [...new Set(overlapBandKeys(overlapText(p), `${p.villageCode}|${p.year}`).map(bandKeyNumber))];
}

const keysIn = (p: ForKeys, scopes: readonly string[]) => [...new Set(overlapBandKeysIn(overlapText(p), scopes.map((scope) => `${scope}|${p.year}`)).map(bandKeyNumber))];

/**
 * Every key a proposal is indexed under: its own place's, and for a desa line also "inside its kecamatan"
 * (`in:<kecamatan>`), so that a kecamatan-wide pokir or thematic line, whose own keys are scoped by the kecamatan,
 * meets the desa lines inside it. The desa-scoped keys alone would never bring the two together.
 */
export function indexBandKeys(p: ForKeys): number[] {
  return (p.locationLevel ?? "desa") === "desa" ? keysIn(p, [p.villageCode, `in:${p.districtCode}`]) : proposalBandKeys(p);
}

/**
 * The keys a proposal looks its candidates up by: its own place's (the same place), every wider place's that holds
 * it (a kecamatan-wide or kabupaten-wide line over it) and the lines inside it (`in:` keys of its kecamatan; for a
 * kabupaten-wide line every kecamatan's, given in `districtCodes`).
 */
export function candidateBandKeys(p: ForKeys, districtCodes: readonly string[] = []): number[] {
  const regencyCode = p.districtCode.split(".").slice(0, 2).join(".");
  switch (p.locationLevel ?? "desa") {
    case "desa":
      return keysIn(p, [p.villageCode, p.districtCode, regencyCode]);
    case "kecamatan":
      return keysIn(p, [p.villageCode, `in:${p.villageCode}`, regencyCode]);
    default:
      return keysIn(p, [p.villageCode, ...districtCodes.flatMap((code) => [code, `in:${code}`])]);
  }
}

/** The proposal as the scorer sees it, with the agency it was routed to (the first, when several). */
export function overlapSubject(p: Omit<ProposalForOverlap, "year">, agency: { agencyId: string | null; agencyName: string | null }): OverlapSubject {
  return {
    id: p.id,
    text: overlapText(p),
    agencyId: agency.agencyId,
    agencyName: agency.agencyName,
    // A wider line has no desa (and a kabupaten-wide one no kecamatan): the scorer compares it by containment.
    villageCode: (p.locationLevel ?? "desa") === "desa" ? p.villageCode : null,
    districtCode: p.locationLevel === "kabupaten" ? null : p.districtCode,
    latitude: p.latitude,
    longitude: p.longitude,
    subActivityCode: p.subActivityCode,
    beneficiaryGroup: p.beneficiaryGroup,
  };
}
