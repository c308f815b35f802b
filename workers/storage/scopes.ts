/** Whether a scope code names a real place or agency of the kabupaten, for the role it is given to. */
import { and, eq, like } from "drizzle-orm";
import type { Role } from "../../shared/access/roles.ts";
import { ROLES } from "../../shared/access/roles.ts";
import { agencies, dprdMembers, regions } from "../../shared/db/schema.ts";
import { THEMES } from "../../shared/proposals/channels.ts";
import type { Database } from "./database.ts";

export async function scopeExists(db: Database, role: Role, regencyCode: string, scopeCode: string): Promise<boolean> {
  switch (ROLES[role].scope) {
    case "regency":
      return scopeCode === regencyCode;
    case "agency":
      return !!(await db.query.agencies.findFirst({
        where: and(eq(agencies.id, scopeCode), eq(agencies.regencyCode, regencyCode)),
        columns: { id: true },
      }));
    case "member":
      return !!(await db.query.dprdMembers.findFirst({ where: and(eq(dprdMembers.id, scopeCode), eq(dprdMembers.regencyCode, regencyCode)), columns: { id: true } }));
    case "theme":
      return Object.hasOwn(THEMES, scopeCode);
    case "district":
    case "village": {
      const level = ROLES[role].scope;
      return !!(await db.query.regions.findFirst({
        where: and(eq(regions.code, scopeCode), eq(regions.level, level), like(regions.code, `${regencyCode}.%`)),
        columns: { code: true },
      }));
    }
  }
}

/** The name people know a principal's scope by: the desa, kecamatan, OPD or kabupaten. */
export async function scopeName(db: Database, principal: { role: Role; scopeCode: string }): Promise<string> {
  const scope = ROLES[principal.role].scope;
  if (scope === "member") {
    const member = await db.query.dprdMembers.findFirst({ where: eq(dprdMembers.id, principal.scopeCode), columns: { name: true } });
    return member?.name ?? principal.scopeCode;
  }
  if (scope === "theme") return `Musrenbang tematik ${THEMES[principal.scopeCode as keyof typeof THEMES]?.id.toLowerCase() ?? principal.scopeCode}`;
  if (scope === "agency") {
    const agency = await db.query.agencies.findFirst({ where: eq(agencies.id, principal.scopeCode), columns: { name: true } });
    return agency?.name ?? principal.scopeCode;
  }
  const region = await db.query.regions.findFirst({ where: eq(regions.code, principal.scopeCode), columns: { name: true } });
  return region?.name ?? principal.scopeCode;
}
