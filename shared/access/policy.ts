/**
 * The one place that decides whether a caller may read or act on something. Routes describe the target
 * (where it sits: kabupaten, kecamatan, desa, agencies) and the action; this module answers.
 *
 * Outside the caller's kabupaten everything is hidden (404): one kabupaten never learns what another holds.
 * Inside it, a read outside the caller's scope is hidden (404) and an action is forbidden (403).
 */
import type { Principal, Role } from "./roles.ts";

export interface Target {
  regencyCode: string;
  districtCode?: string | null;
  villageCode?: string | null;
  /** Agencies the thing is routed to or owned by. */
  agencyIds?: readonly string[];
  /** The channel a proposal came through (shared/proposals/channels.ts); absent means a village's. */
  channel?: string | null;
  /** The DPRD member a pokir belongs to. */
  memberId?: string | null;
  /** The theme of a thematic Musrenbang proposal. */
  theme?: string | null;
}

/**
 * How far a role reaches: its desa, kecamatan, agency or kabupaten; a DPRD member's own pokir ("member"); any pokir
 * of the kabupaten ("pokir", the DPRD secretariat); the proposals of one theme ("theme", a thematic group).
 */
type Reach = "village" | "district" | "agency" | "regency" | "member" | "pokir" | "theme";

/** For each action: whether it only reads, and which roles may do it at which reach. */
const ACTIONS = {
  "proposal.read": { read: true, roles: { village_operator: "village", district_verifier: "district", agency_reviewer: "agency", integration: "agency", planning_admin: "regency", dprd_member: "member", dprd_secretariat: "pokir", thematic_group: "theme" } },
  "proposal.submit": { read: false, roles: { village_operator: "village", planning_admin: "regency", dprd_member: "member", dprd_secretariat: "pokir", thematic_group: "theme" } },
  "proposal.edit": { read: false, roles: { village_operator: "village", planning_admin: "regency", dprd_member: "member", dprd_secretariat: "pokir", thematic_group: "theme" } },
  // What became of each member's pokir (status, agency, reason, Renja line), and the thematic Musrenbang's tally.
  "pokir.report": { read: true, roles: { dprd_member: "member", dprd_secretariat: "pokir", planning_admin: "regency" } },
  "theme.summary": { read: true, roles: { thematic_group: "theme", planning_admin: "regency" } },
  // Last year's carried-over or rejected proposals offered again: the village's own choice to keep, change or drop.
  "proposal.carry_over": { read: false, roles: { village_operator: "village" } },
  "proposal.verify": { read: false, roles: { district_verifier: "district", planning_admin: "regency" } },
  // The kecamatan's Musrenbang list: its verified proposals, ranked and recommended, until it is closed.
  "district.read": { read: true, roles: { district_verifier: "district", planning_admin: "regency" } },
  "district.plan": { read: false, roles: { district_verifier: "district", planning_admin: "regency" } },
  "review.read": { read: true, roles: { agency_reviewer: "agency", integration: "agency", planning_admin: "regency" } },
  "review.decide": { read: false, roles: { agency_reviewer: "agency", integration: "agency", planning_admin: "regency" } },
  "triage.decide": { read: false, roles: { planning_admin: "regency" } },
  // Agencies, forums, envelopes and follow-ups of the kabupaten: public within it.
  "agency.read": { read: true, roles: { agency_reviewer: "regency", integration: "regency", planning_admin: "regency", district_verifier: "regency", village_operator: "regency", dprd_member: "regency", dprd_secretariat: "regency", thematic_group: "regency" } },
  "agency.manage": { read: false, roles: { planning_admin: "regency" } },
  "account.read": { read: true, roles: { planning_admin: "regency" } },
  "account.manage": { read: false, roles: { planning_admin: "regency" } },
  "token.manage": { read: false, roles: { planning_admin: "regency" } },
  "forum.manage": { read: false, roles: { planning_admin: "regency" } },
  "budget.manage": { read: false, roles: { planning_admin: "regency" } },
  // The kabupaten's planning settings: the year's regional priorities, the letterhead of its documents.
  "regency.manage": { read: false, roles: { planning_admin: "regency" } },
  // What fits an envelope names the competing proposals and their costs: only the envelope's owner and Bappeda.
  "budget.read": { read: true, roles: { agency_reviewer: "agency", integration: "agency", district_verifier: "district", planning_admin: "regency" } },
  "export.read": { read: true, roles: { planning_admin: "regency" } },
} as const satisfies Record<string, { read: boolean; roles: Partial<Record<Role, Reach>> }>;

export type Action = keyof typeof ACTIONS;

export type Decision = "allow" | "hidden" | "forbidden";

export function decide(principal: Principal, action: Action, target: Target): Decision {
  if (target.regencyCode !== principal.regencyCode) return "hidden";
  const rule = ACTIONS[action];
  const reach = (rule.roles as Partial<Record<Role, Reach>>)[principal.role];
  if (reach && within(principal, reach, target)) return "allow";
  return rule.read ? "hidden" : "forbidden";
}

function within(principal: Principal, reach: Reach, target: Target): boolean {
  switch (reach) {
    case "regency":
      return true;
    // A desa and its kecamatan reach their villages' proposals; a pokir or a thematic line placed there is not theirs.
    case "district":
      return target.districtCode === principal.scopeCode && isVillageChannel(target);
    case "village":
      return target.villageCode === principal.scopeCode && isVillageChannel(target);
    case "agency":
      return target.agencyIds?.includes(principal.scopeCode) ?? false;
    case "member":
      return target.channel === "pokir" && target.memberId === principal.scopeCode;
    case "pokir":
      return target.channel === "pokir";
    case "theme":
      return target.channel === "tematik" && target.theme === principal.scopeCode;
  }
}

const isVillageChannel = (target: Target) => (target.channel ?? "desa") === "desa";

/** The target that stands for the caller's own scope, for collection routes (lists, creation). */
export function ownScope(principal: Principal): Target {
  const { regencyCode, scopeCode } = principal;
  switch (principal.role) {
    case "village_operator":
      return { regencyCode, villageCode: scopeCode, districtCode: scopeCode.split(".").slice(0, 3).join(".") };
    case "district_verifier":
      return { regencyCode, districtCode: scopeCode };
    case "agency_reviewer":
    case "integration":
      return { regencyCode, agencyIds: [scopeCode] };
    case "planning_admin":
      return { regencyCode };
    case "dprd_member":
      return { regencyCode, channel: "pokir", memberId: scopeCode };
    case "dprd_secretariat":
      return { regencyCode, channel: "pokir" };
    case "thematic_group":
      return { regencyCode, channel: "tematik", theme: scopeCode };
  }
}
