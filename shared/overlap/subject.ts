/**
 * What the overlap detector knows of a proposal, built the same way wherever proposals are compared: the Worker's
 * check, the benches and the evaluation scripts.
 */
import { bandKeyNumber, overlapBandKeys } from "./minhash.ts";
import type { OverlapSubject } from "./score.ts";

export interface ProposalForOverlap {
  id: string;
  activity: string;
  problem: string;
  description: string | null;
  villageCode: string;
  districtCode: string;
  year: number;
  latitude: number | null;
  longitude: number | null;
  subActivityCode: string | null;
  beneficiaryGroup: string | null;
}

/** The words compared: what the village asks for, why, and how. */
export const overlapText = (p: Pick<ProposalForOverlap, "activity" | "problem" | "description">) => [p.activity, p.problem, p.description].filter(Boolean).join(". ");

/** The band keys of a proposal: scoped by desa and year, since pairs across either never reach the threshold. */
export function proposalBandKeys(p: Pick<ProposalForOverlap, "activity" | "problem" | "description" | "villageCode" | "year">): number[] {
  return [...new Set(overlapBandKeys(overlapText(p), `${p.villageCode}|${p.year}`).map(bandKeyNumber))];
}

/** The proposal as the scorer sees it, with the agency it was routed to (the first, when several). */
export function overlapSubject(p: Omit<ProposalForOverlap, "year">, agency: { agencyId: string | null; agencyName: string | null }): OverlapSubject {
  return {
    id: p.id,
    text: overlapText(p),
    agencyId: agency.agencyId,
    agencyName: agency.agencyName,
    villageCode: p.villageCode,
    districtCode: p.districtCode,
    latitude: p.latitude,
    longitude: p.longitude,
    subActivityCode: p.subActivityCode,
    beneficiaryGroup: p.beneficiaryGroup,
  };
}
