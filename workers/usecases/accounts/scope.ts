/** The name people know a caller's scope by: the desa, kecamatan, OPD or kabupaten. */
import type { Principal } from "../../../shared/access/roles.ts";
import { agenciesWithPrefixes } from "../../storage/agencies.ts";
import { districtsOf, findRegion, villagesMatching } from "../../storage/regions.ts";
import { scopeName } from "../../storage/scopes.ts";
import { authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";

export const scopeLabel = (deps: Deps, principal: Principal): Promise<string> => scopeName(deps.db, principal);

/** Every scope Bappeda can give an account or a token in its kabupaten, by name: the kabupaten, its OPD, kecamatan and desa. */
export async function scopeChoices(deps: Deps, caller: Principal | undefined) {
  const admin = authorizeInOwnScope(caller, "account.read");
  const [regency, agencies, districts, villages] = await Promise.all([
    findRegion(deps.db, admin.regencyCode),
    agenciesWithPrefixes(deps.db, admin.regencyCode),
    districtsOf(deps.db, admin.regencyCode),
    villagesMatching(deps.db, `${admin.regencyCode}.%`),
  ]);
  const byName = <T extends { name: string }>(rows: T[]) => rows.sort((a, b) => a.name.localeCompare(b.name));
  return {
    regency: { code: admin.regencyCode, name: regency?.name ?? admin.regencyCode },
    agencies: byName(agencies.filter((a) => a.active).map((a) => ({ code: a.id, name: a.name }))),
    districts: byName(districts.map((d) => ({ code: d.code, name: d.name }))).map((d) => ({
      ...d,
      villages: byName(villages.filter((v) => v.parentCode === d.code).map((v) => ({ code: v.code, name: v.name }))),
    })),
  };
}
