import { describe, expect, it } from "vitest";
import { decide, ownScope, type Target } from "../../shared/access/policy.ts";
import type { Principal, Role } from "../../shared/access/roles.ts";
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
