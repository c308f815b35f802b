/** Region names for what people read: desa and kecamatan names instead of codes. */
import { regionNames as names } from "../../storage/regions.ts";
import type { Deps } from "../deps.ts";

export const regionNames = (deps: Deps, codes: readonly string[]) => names(deps.db, codes);
