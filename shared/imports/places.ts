/**
 * Where an imported row's proposal lies: the desa its lokasi names, resolved against the kabupaten's own regions
 * (the overlap scorer's gazetteer, shared/overlap/places.ts), or the importing village when the lokasi names no desa
 * ("Linmas", "RT 12", empty). A name several desa carry is shown with every candidate until the person chooses; a
 * desa the lokasi marks ("Desa X") that the kabupaten does not have is refused.
 */
import { codeWithin, findPlaces, placeKey, type Gazetteer } from "../overlap/places.ts";

export type Placement =
  | { kind: "named"; villageCode: string }
  | { kind: "default"; villageCode: string }
  | { kind: "ambiguous"; key: string; candidates: string[] }
  | { kind: "unknown"; name: string }
  | { kind: "unplaced" };

/** The key a person's choice for an ambiguous lokasi is stored under: the same text chooses the same desa. */
export const locationKey = (location: string) => placeKey(location);

export function placeRow(location: string, gazetteer: Gazetteer, defaultVillage: string | null, choices: Readonly<Record<string, string>> = {}): Placement {
  const mentions = findPlaces(location, gazetteer).mentions;
  const districts = mentions.filter((m) => m.level === "district").flatMap((m) => m.codes);
  const village = mentions.find((m) => m.level === "village");
  if (village === undefined) return defaultVillage ? { kind: "default", villageCode: defaultVillage } : { kind: "unplaced" };
  const candidates = village.codes.filter((code) => gazetteer.byCode.get(code)?.level === "village" && (districts.length === 0 || districts.some((d) => codeWithin(code, d))));
  if (candidates.length === 0) return village.marked ? { kind: "unknown", name: village.name } : defaultVillage ? { kind: "default", villageCode: defaultVillage } : { kind: "unplaced" };
  if (candidates.length === 1) return { kind: "named", villageCode: candidates[0]! };
  const key = locationKey(location);
  const chosen = choices[key];
  if (chosen && candidates.includes(chosen)) return { kind: "named", villageCode: chosen };
  return { kind: "ambiguous", key, candidates: candidates.sort() };
}
