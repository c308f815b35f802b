/**
 * Units of the Renja: the village asks in its own unit (300 m, 2 titik) while the sub-activity's output indicator
 * is counted in the nomenclature's unit (KM, Unit, Sistem Drainase Perkotaan). The target is only ever in the
 * indicator's unit: the same unit carries the volume over, a certain conversion (m → km) is suggested, and any
 * other pair needs the agency or the forum to set the target.
 */

/** Spellings of the same unit, each to one canonical key. */
const SYNONYMS: Record<string, string> = {
  m: "m", meter: "m", mtr: "m", "m'": "m", "meter panjang": "m", "meter lari": "m", cm: "cm", sentimeter: "cm", centimeter: "cm",
  km: "km", kilometer: "km",
  m2: "m2", "m²": "m2", "meter persegi": "m2", ha: "ha", hektar: "ha", hektare: "ha", km2: "km2", "km²": "km2", "kilometer persegi": "km2",
  m3: "m3", "m³": "m3", "meter kubik": "m3", l: "l", liter: "l", ltr: "l",
  kg: "kg", kilogram: "kg", ton: "ton", t: "ton", kuintal: "kuintal", kw: "kuintal",
  unit: "unit", buah: "buah", bh: "buah", titik: "titik", lokasi: "lokasi", paket: "paket", orang: "orang", jiwa: "orang",
};

/** The canonical key of a unit as people write it ("Meter", " KM ", "M²" → m, km, m2); unknown units as trimmed lower case. */
export function canonicalUnit(unit: string): string {
  const key = unit.trim().toLowerCase().replace(/\s+/g, " ").replace(/\.$/, "");
  return SYNONYMS[key] ?? key;
}

export function sameUnit(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && canonicalUnit(a) === canonicalUnit(b);
}

/** How many base units (m, m2, m3, kg) one of each unit is: conversions within a dimension are exact. */
const FACTORS: Record<string, { dimension: string; factor: number }> = {
  cm: { dimension: "length", factor: 0.01 },
  m: { dimension: "length", factor: 1 },
  km: { dimension: "length", factor: 1000 },
  m2: { dimension: "area", factor: 1 },
  ha: { dimension: "area", factor: 10_000 },
  km2: { dimension: "area", factor: 1_000_000 },
  l: { dimension: "volume", factor: 0.001 },
  m3: { dimension: "volume", factor: 1 },
  kg: { dimension: "mass", factor: 1 },
  kuintal: { dimension: "mass", factor: 100 },
  ton: { dimension: "mass", factor: 1000 },
};

/** `value` of `from` in `to`, when that conversion is certain (same dimension); null otherwise. Rounded to 6 decimals. */
export function convertUnit(value: number, from: string, to: string): number | null {
  const a = FACTORS[canonicalUnit(from)];
  const b = FACTORS[canonicalUnit(to)];
  if (!a || !b || a.dimension !== b.dimension) return null;
  return Math.round(((value * a.factor) / b.factor) * 1e6) / 1e6;
}

export type TargetResolution =
  /** The target to record: given by the decision, carried over from the volume, or none (the indicator has no unit). */
  | { kind: "target"; target: number | null }
  /** Units differ and no target was given: the decision must set it; `suggestion` when a conversion is certain. */
  | { kind: "required"; suggestion: number | null };

/**
 * The output indicator's target for an agreed activity of `volume` `volumeUnit`, counted in `indicatorUnit`.
 * A target given by the decision always stands; otherwise the volume carries over only in the same unit.
 */
export function resolveTarget(input: { volume: number; volumeUnit: string | null; indicatorUnit: string | null; given?: number | undefined }): TargetResolution {
  if (input.given !== undefined) return { kind: "target", target: input.given };
  if (!input.indicatorUnit) return { kind: "target", target: null };
  if (sameUnit(input.volumeUnit, input.indicatorUnit)) return { kind: "target", target: input.volume };
  return { kind: "required", suggestion: input.volumeUnit ? convertUnit(input.volume, input.volumeUnit, input.indicatorUnit) : null };
}
