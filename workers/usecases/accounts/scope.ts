/** The name people know a caller's scope by: the desa, kecamatan, OPD or kabupaten. */
import type { Principal } from "../../../shared/access/roles.ts";
import { scopeName } from "../../storage/scopes.ts";
import type { Deps } from "../deps.ts";

export const scopeLabel = (deps: Deps, principal: Principal): Promise<string> => scopeName(deps.db, principal);
