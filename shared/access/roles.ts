/** Who may act, and over what: each role is bound to one scope inside one kabupaten/kota. */

export const ROLES = {
  village_operator: { id: "Operator desa/kelurahan", en: "Village operator", scope: "village" },
  district_verifier: { id: "Verifikator kecamatan", en: "District verifier", scope: "district" },
  agency_reviewer: { id: "Penelaah OPD", en: "Agency reviewer", scope: "agency" },
  planning_admin: { id: "Admin Bappeda", en: "Planning admin (Bappeda)", scope: "regency" },
  integration: { id: "Integrasi sistem OPD", en: "Agency system integration", scope: "agency" },
  // Pokok-pokok pikiran DPRD: a member enters and follows their own pokir; the secretariat (Setwan) enters them
  // for any member of the kabupaten's DPRD.
  dprd_member: { id: "Anggota DPRD", en: "DPRD member", scope: "member" },
  dprd_secretariat: { id: "Sekretariat DPRD (Setwan)", en: "DPRD secretariat", scope: "regency" },
  // A thematic Musrenbang's proposer group (perempuan, anak, disabilitas, lansia, pemuda): its scope is its theme.
  thematic_group: { id: "Kelompok Musrenbang tematik", en: "Thematic Musrenbang group", scope: "theme" },
} as const;

export type Role = keyof typeof ROLES;
export type ScopeKind = (typeof ROLES)[Role]["scope"];

export const ROLE_NAMES = Object.keys(ROLES) as Role[];

/** An authenticated caller, person or machine. */
export interface Principal {
  kind: "account" | "token";
  id: string;
  name: string;
  role: Role;
  regencyCode: string;
  /** Village code, district code, agency id, regency code, DPRD member id or theme, by role. */
  scopeCode: string;
}
