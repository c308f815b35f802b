/**
 * Kemendagri region codes: `18` province, `18.01` regency, `18.01.02` district (kecamatan),
 * `18.01.02.2001` village (desa when the 4-digit part starts with 2, kelurahan when it starts with 1).
 */
export type RegionLevel = "province" | "regency" | "district" | "village";

const REGION_CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
const LEVELS: readonly RegionLevel[] = ["province", "regency", "district", "village"];

export function isRegionCode(code: string): boolean {
  return REGION_CODE.test(code);
}

export function regionLevel(code: string): RegionLevel {
  if (!isRegionCode(code)) throw new Error(`Kode wilayah tidak sah: ${code}`);
  return LEVELS[code.split(".").length - 1] as RegionLevel;
}

export function parentRegionCode(code: string): string | null {
  const parts = code.split(".");
  return parts.length > 1 ? parts.slice(0, -1).join(".") : null;
}

/** The ancestor of `code` at `level` (e.g. the regency of a village), or null when `code` is above it. */
export function ancestorAt(code: string, level: RegionLevel): string | null {
  const depth = LEVELS.indexOf(level) + 1;
  const parts = code.split(".");
  return parts.length >= depth ? parts.slice(0, depth).join(".") : null;
}

export function villageKind(code: string): "desa" | "kelurahan" {
  return code.split(".")[3]?.startsWith("1") ? "kelurahan" : "desa";
}
