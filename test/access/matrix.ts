/**
 * The authorization matrix: every route group, every role, and three targets: one in the caller's own scope, one
 * elsewhere in the caller's kabupaten (another desa, kecamatan or agency: see `placeFor`), and one in another
 * kabupaten. Each route group adds its cases in `cases/`; the test runs them all.
 */
import type { Role } from "../../shared/access/roles.ts";
import { DEMO, OTHER, type Caller } from "../support/principals.ts";

export type CallerKey = "anonymous" | Role;
/** In the caller's scope; in the caller's kabupaten but outside its scope; in another kabupaten. */
export type Where = "in" | "near" | "out";
export const WHERE: readonly Where[] = ["in", "near", "out"];

/** Statuses for [in scope, same kabupaten but another scope, another kabupaten]. */
export type Statuses = readonly [number, number, number];

export interface MatrixRequest {
  path: string;
  method?: string;
  /** JSON, or a FormData sent as multipart. */
  body?: unknown;
}

export interface MatrixCase {
  group: string;
  name: string;
  /** Builds a fresh request for a target `where` as seen from `caller` (see `placeFor`). */
  request: (where: Where, caller: Caller | null) => Promise<MatrixRequest>;
  /** Expected status per caller: [in scope, same kabupaten other scope, other kabupaten]. */
  expect: Record<CallerKey, Statuses>;
}

export interface Place {
  regency: string;
  district: string;
  village: string;
  agency: string;
  /** The DPRD member a pokir belongs to, and a thematic line's theme. */
  member: string;
  theme: string;
}

/**
 * Where a target sits. "near" differs from "in" only in the caller's own scope, so widening any role's reach by
 * one step fails a case: a village operator gets another desa of its own kecamatan, a district verifier a desa of
 * another kecamatan, an agency's reviewer or token another agency. Bappeda's scope is the whole kabupaten, so its
 * "near" (and an anonymous caller's) is simply another kecamatan, desa and agency, which Bappeda may reach. A DPRD
 * member's "near" is another member's pokir, a thematic group's another theme; the DPRD secretariat reaches every
 * member's pokir of its kabupaten.
 */
export function placeFor(where: Where, caller: Caller | null): Place {
  const here: Place = { regency: DEMO.regency, district: DEMO.district, village: DEMO.village, agency: DEMO.agency, member: DEMO.member, theme: DEMO.theme };
  if (where === "in") return here;
  if (where === "out") return { regency: OTHER.regency, district: OTHER.district, village: OTHER.village, agency: OTHER.agency, member: OTHER.member, theme: DEMO.theme };
  switch (caller?.role) {
    case "dprd_member":
      return { ...here, member: DEMO.otherMember };
    case "thematic_group":
      return { ...here, theme: DEMO.otherTheme };
    case "village_operator":
      return { ...here, village: DEMO.otherVillageSameDistrict };
    case "district_verifier":
      return { ...here, district: DEMO.otherDistrict, village: DEMO.villageInOtherDistrict };
    case "agency_reviewer":
    case "integration":
      return { ...here, agency: DEMO.otherAgency };
    default:
      return { ...here, district: DEMO.otherDistrict, village: DEMO.villageInOtherDistrict, agency: DEMO.otherAgency, member: DEMO.otherMember, theme: DEMO.otherTheme };
  }
}

/** Shorthand: the same statuses for every role but the ones listed. */
export function expectAll(statuses: Statuses, overrides: Partial<Record<CallerKey, Statuses>>) {
  const roles: CallerKey[] = ["anonymous", "village_operator", "district_verifier", "agency_reviewer", "integration", "planning_admin", "dprd_member", "dprd_secretariat", "thematic_group"];
  return Object.fromEntries(roles.map((r) => [r, overrides[r] ?? statuses])) as Record<CallerKey, Statuses>;
}

/** The pokir and thematic roles, for routes about a village's proposals or a kecamatan's or agency's things. */
export const channelRoles = (statuses: Statuses): Partial<Record<CallerKey, Statuses>> => ({ dprd_member: statuses, dprd_secretariat: statuses, thematic_group: statuses });

/** Only Bappeda may; everyone else signed in is refused or, outside the kabupaten, shown nothing. */
export const adminOnly = (admin: Statuses, others: Statuses) => expectAll(others, { anonymous: [401, 401, 401], planning_admin: admin });

/** The agency's reviewers and its integration token (`agency`), and Bappeda (`admin`, defaults to `agency`). */
export const agencyRoles = (agency: Statuses, others: Statuses, admin: Statuses = agency) =>
  expectAll(others, { anonymous: [401, 401, 401], agency_reviewer: agency, integration: agency, planning_admin: admin });
