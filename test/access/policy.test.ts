import { describe, expect, it } from "vitest";
import { type Action, decide, ownScope, type Target } from "../../shared/access/policy.ts";
import { ROLE_NAMES, type Principal, type Role } from "../../shared/access/roles.ts";
import { retryAfterSeconds, slowDownMs } from "../../shared/access/throttle.ts";
import { hashPassword, verifyPassword } from "../../shared/access/password.ts";

const principal = (role: Role, scopeCode: string, regencyCode = "18.01"): Principal => ({ kind: "token", id: "t", name: "t", role, regencyCode, scopeCode });

const wayUrang: Target = { regencyCode: "18.01", districtCode: "18.01.06", villageCode: "18.01.06.1008", agencyIds: ["18.01-pupr"] };

describe("decide", () => {
  it.each([
    ["village_operator", "18.01.06.1008", "proposal.edit", "allow"],
    ["village_operator", "18.01.06.2001", "proposal.edit", "forbidden"],
    ["village_operator", "18.01.06.2001", "proposal.read", "hidden"],
    ["district_verifier", "18.01.06", "proposal.verify", "allow"],
    ["district_verifier", "18.01.04", "proposal.verify", "forbidden"],
    ["agency_reviewer", "18.01-pupr", "review.decide", "allow"],
    ["agency_reviewer", "18.01-dinkes", "review.decide", "forbidden"],
    ["agency_reviewer", "18.01-dinkes", "review.read", "hidden"],
    ["integration", "18.01-pupr", "account.manage", "forbidden"],
    ["planning_admin", "18.01", "export.read", "allow"],
  ] as const)("%s scoped to %s: %s → %s", (role, scope, action, expected) => {
    expect(decide(principal(role, scope), action, wayUrang)).toBe(expected);
  });

  it("hides everything of another kabupaten, even from its planning admin", () => {
    expect(decide(principal("planning_admin", "18.02", "18.02"), "proposal.read", wayUrang)).toBe("hidden");
    expect(decide(principal("planning_admin", "18.02", "18.02"), "account.manage", wayUrang)).toBe("hidden");
  });

  it("gives each role a target for its own scope", () => {
    expect(ownScope(principal("village_operator", "18.01.06.1008"))).toEqual({ regencyCode: "18.01", villageCode: "18.01.06.1008", districtCode: "18.01.06" });
    expect(decide(principal("village_operator", "18.01.06.1008"), "proposal.submit", ownScope(principal("village_operator", "18.01.06.1008")))).toBe("allow");
  });
});

/**
 * Every action × role × reach, written out: the ACTIONS table is a module constant that mutation testing does not
 * switch, so this table is what pins it. Each caller sits in Way Urang (desa) / Kalianda (kecamatan) / Dinas PUPR
 * of Lampung Selatan (18.01). Columns, one target each:
 *   here        Way Urang, Kalianda, routed to PUPR: every caller's own scope
 *   desa        Jondong, another desa of Kalianda, routed to PUPR
 *   kecamatan   a desa of Natar, another kecamatan, routed to PUPR
 *   agency      Way Urang, Kalianda, routed to Dinas Kesehatan instead
 *   kabupaten   a thing of the whole kabupaten, with no desa, kecamatan or agency (a forum, an envelope)
 *   other       "here" in every code but the kabupaten (18.02): only the kabupaten check can hide it
 *   pokir       a pokir of member 18.01-dprd-01 placed in Way Urang, routed to PUPR
 *   pokir2      the same, of another member (18.01-dprd-02)
 *   tematik     a thematic (perempuan) line for the whole of Kalianda, routed to PUPR
 * A = allow, H = hidden (404), F = forbidden (403).
 */
const REACH_TARGETS: readonly (readonly [string, Target])[] = [
  ["here", wayUrang],
  ["desa", { regencyCode: "18.01", districtCode: "18.01.06", villageCode: "18.01.06.2001", agencyIds: ["18.01-pupr"] }],
  ["kecamatan", { regencyCode: "18.01", districtCode: "18.01.04", villageCode: "18.01.04.2001", agencyIds: ["18.01-pupr"] }],
  ["agency", { regencyCode: "18.01", districtCode: "18.01.06", villageCode: "18.01.06.1008", agencyIds: ["18.01-dinkes"] }],
  ["kabupaten", { regencyCode: "18.01" }],
  ["other", { regencyCode: "18.02", districtCode: "18.01.06", villageCode: "18.01.06.1008", agencyIds: ["18.01-pupr"] }],
  ["pokir", { regencyCode: "18.01", districtCode: "18.01.06", villageCode: "18.01.06.1008", agencyIds: ["18.01-pupr"], channel: "pokir", memberId: "18.01-dprd-01" }],
  ["pokir2", { regencyCode: "18.01", districtCode: "18.01.06", villageCode: "18.01.06.1008", agencyIds: ["18.01-pupr"], channel: "pokir", memberId: "18.01-dprd-02" }],
  ["tematik", { regencyCode: "18.01", districtCode: "18.01.06", villageCode: null, agencyIds: ["18.01-pupr"], channel: "tematik", theme: "perempuan" }],
];

const CALLER_SCOPES: Record<Role, string> = {
  village_operator: "18.01.06.1008",
  district_verifier: "18.01.06",
  agency_reviewer: "18.01-pupr",
  integration: "18.01-pupr",
  planning_admin: "18.01",
  dprd_member: "18.01-dprd-01",
  dprd_secretariat: "18.01",
  thematic_group: "perempuan",
};

// prettier-ignore
const POLICY: Record<Action, Record<Role, string>> = {
  //                            here desa kecamatan agency kabupaten other pokir pokir2 tematik
  "proposal.read":   { village_operator: "A H H A H H H H H", district_verifier: "A A H A H H H H H", agency_reviewer: "A A A H H H A A A", integration: "A A A H H H A A A", planning_admin: "A A A A A H A A A", dprd_member: "H H H H H H A H H", dprd_secretariat: "H H H H H H A A H", thematic_group: "H H H H H H H H A" },
  "proposal.submit": { village_operator: "A F F A F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H A F F", dprd_secretariat: "F F F F F H A A F", thematic_group: "F F F F F H F F A" },
  "proposal.edit":   { village_operator: "A F F A F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H A F F", dprd_secretariat: "F F F F F H A A F", thematic_group: "F F F F F H F F A" },
  "proposal.carry_over": { village_operator: "A F F A F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "F F F F F H F F F", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "proposal.verify": { village_operator: "F F F F F H F F F", district_verifier: "A A F A F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "district.read":   { village_operator: "H H H H H H H H H", district_verifier: "A A H A H H H H H", agency_reviewer: "H H H H H H H H H", integration: "H H H H H H H H H", planning_admin: "A A A A A H A A A", dprd_member: "H H H H H H H H H", dprd_secretariat: "H H H H H H H H H", thematic_group: "H H H H H H H H H" },
  "district.plan":   { village_operator: "F F F F F H F F F", district_verifier: "A A F A F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "review.read":     { village_operator: "H H H H H H H H H", district_verifier: "H H H H H H H H H", agency_reviewer: "A A A H H H A A A", integration: "A A A H H H A A A", planning_admin: "A A A A A H A A A", dprd_member: "H H H H H H H H H", dprd_secretariat: "H H H H H H H H H", thematic_group: "H H H H H H H H H" },
  "review.decide":   { village_operator: "F F F F F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "A A A F F H A A A", integration: "A A A F F H A A A", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "triage.decide":   { village_operator: "F F F F F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "agency.read":     { village_operator: "A A A A A H A A A", district_verifier: "A A A A A H A A A", agency_reviewer: "A A A A A H A A A", integration: "A A A A A H A A A", planning_admin: "A A A A A H A A A", dprd_member: "A A A A A H A A A", dprd_secretariat: "A A A A A H A A A", thematic_group: "A A A A A H A A A" },
  "agency.manage":   { village_operator: "F F F F F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "account.read":    { village_operator: "H H H H H H H H H", district_verifier: "H H H H H H H H H", agency_reviewer: "H H H H H H H H H", integration: "H H H H H H H H H", planning_admin: "A A A A A H A A A", dprd_member: "H H H H H H H H H", dprd_secretariat: "H H H H H H H H H", thematic_group: "H H H H H H H H H" },
  "account.manage":  { village_operator: "F F F F F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "token.manage":    { village_operator: "F F F F F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "forum.manage":    { village_operator: "F F F F F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "budget.manage":   { village_operator: "F F F F F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "regency.manage":  { village_operator: "F F F F F H F F F", district_verifier: "F F F F F H F F F", agency_reviewer: "F F F F F H F F F", integration: "F F F F F H F F F", planning_admin: "A A A A A H A A A", dprd_member: "F F F F F H F F F", dprd_secretariat: "F F F F F H F F F", thematic_group: "F F F F F H F F F" },
  "budget.read":     { village_operator: "H H H H H H H H H", district_verifier: "A A H A H H H H H", agency_reviewer: "A A A H H H A A A", integration: "A A A H H H A A A", planning_admin: "A A A A A H A A A", dprd_member: "H H H H H H H H H", dprd_secretariat: "H H H H H H H H H", thematic_group: "H H H H H H H H H" },
  "export.read":     { village_operator: "H H H H H H H H H", district_verifier: "H H H H H H H H H", agency_reviewer: "H H H H H H H H H", integration: "H H H H H H H H H", planning_admin: "A A A A A H A A A", dprd_member: "H H H H H H H H H", dprd_secretariat: "H H H H H H H H H", thematic_group: "H H H H H H H H H" },
  "pokir.report":    { village_operator: "H H H H H H H H H", district_verifier: "H H H H H H H H H", agency_reviewer: "H H H H H H H H H", integration: "H H H H H H H H H", planning_admin: "A A A A A H A A A", dprd_member: "H H H H H H A H H", dprd_secretariat: "H H H H H H A A H", thematic_group: "H H H H H H H H H" },
  "theme.summary":   { village_operator: "H H H H H H H H H", district_verifier: "H H H H H H H H H", agency_reviewer: "H H H H H H H H H", integration: "H H H H H H H H H", planning_admin: "A A A A A H A A A", dprd_member: "H H H H H H H H H", dprd_secretariat: "H H H H H H H H H", thematic_group: "H H H H H H H H A" },
};

describe("the policy table: every action × role × reach", () => {
  const LETTER = { allow: "A", hidden: "H", forbidden: "F" } as const;
  it.each(Object.keys(POLICY) as Action[])("%s", (action) => {
    const actual = Object.fromEntries(
      ROLE_NAMES.map((role) => {
        const caller = principal(role, CALLER_SCOPES[role]);
        return [role, REACH_TARGETS.map(([, target]) => LETTER[decide(caller, action, target)]).join(" ")];
      }),
    );
    expect(actual).toEqual(POLICY[action]);
  });

  it("covers every role", () => {
    expect(Object.keys(CALLER_SCOPES).sort()).toEqual([...ROLE_NAMES].sort());
  });
});

describe("ownScope", () => {
  it.each([
    ["village_operator", "18.01.06.1008", { regencyCode: "18.01", villageCode: "18.01.06.1008", districtCode: "18.01.06" }],
    ["district_verifier", "18.01.06", { regencyCode: "18.01", districtCode: "18.01.06" }],
    ["agency_reviewer", "18.01-pupr", { regencyCode: "18.01", agencyIds: ["18.01-pupr"] }],
    ["integration", "18.01-pupr", { regencyCode: "18.01", agencyIds: ["18.01-pupr"] }],
    ["planning_admin", "18.01", { regencyCode: "18.01" }],
    ["dprd_member", "18.01-dprd-01", { regencyCode: "18.01", channel: "pokir", memberId: "18.01-dprd-01" }],
    ["dprd_secretariat", "18.01", { regencyCode: "18.01", channel: "pokir" }],
    ["thematic_group", "perempuan", { regencyCode: "18.01", channel: "tematik", theme: "perempuan" }],
  ] as const)("%s scoped to %s", (role, scope, expected) => {
    expect(ownScope(principal(role, scope))).toEqual(expected);
  });
});

describe("throttle", () => {
  const now = new Date("2026-11-23T08:00:00Z");
  const state = (failures: number) => ({ failures, windowStartedAt: now.toISOString() });
  it("blocks at the limit until the window ends", () => {
    expect(retryAfterSeconds(state(4), 5, now)).toBe(0);
    expect(retryAfterSeconds(state(5), 5, now)).toBe(900);
    expect(retryAfterSeconds(state(5), 5, new Date(now.getTime() + 901_000))).toBe(0);
  });

  it("slows an account down, doubling from 1 s, never past 8 s, and only within the window", () => {
    expect([4, 5, 6, 7, 8, 30].map((n) => slowDownMs(state(n), now))).toEqual([0, 1000, 2000, 4000, 8000, 8000]);
    expect(slowDownMs(state(30), new Date(now.getTime() + 901_000))).toBe(0);
  });
});

describe("password hashing", () => {
  it("salts every hash and verifies only the right password", async () => {
    const a = await hashPassword("kata-sandi-panjang");
    const b = await hashPassword("kata-sandi-panjang");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword("kata-sandi-panjang", a)).toBe(true);
    expect(await verifyPassword("kata-sandi-salah", a)).toBe(false);
    expect(await verifyPassword("x", "rusak")).toBe(false);
  });
});
