/**
 * Agencies that serve a territory: "Kecamatan Dayeuhkolot", "UPT Puskesmas Kecamatan Cimaung", "UPTD Puskesmas
 * Pakutandang", "Cabang Dinas Pendidikan Wilayah VII", "UPTD Pengelolaan Jalan Wilayah II", "Dinas Kesehatan
 * Kabupaten Garut". The name splits into the kind of unit (the same for all parallel units) and its territory.
 * Parallel units plan the same standard activity each for its own territory: not an overlap. A unit's territory
 * is also where its lines take place when the text names no place.
 */
import { findPlaces, type Gazetteer, type ResolvedPlaces } from "./places.ts";

export interface AgencyUnit {
  /** The kind of unit, territory removed, lower case: "kecamatan", "upt puskesmas", "cabang dinas pendidikan". */
  kind: string;
  /** The territory as written ("Wilayah VII", "Kecamatan Cimaung"), or null for a kabupaten-wide agency. */
  territory: string | null;
  /** The territory resolved against the region tables (empty mentions when it is not a region). */
  places: ResolvedPlaces;
  /** The unit runs one facility named after its place (a puskesmas, a hospital, a school, a market). */
  facility: boolean;
}

const NONE: ResolvedPlaces = { mentions: [] };

/** Words that open a territory in an agency name. */
const TERRITORY_WORDS = new Set(["wilayah", "wil", "kecamatan", "kec", "kelurahan", "kel", "desa", "distrik", "kabupaten", "kab", "kota"]);
/** Units named after the facility they run, which is named after its place: "UPTD Puskesmas Pakutandang". */
const FACILITY_KIND = /\b(?:puskesmas|rsud|rumah sakit|pasar|terminal|sd negeri|smp negeri|sma negeri|smk negeri)\b/;
const FACILITY_UNIT = /^((?:uptd?|upt d)?\s*(?:puskesmas|rsud|rumah sakit umum daerah|pasar|terminal|sd negeri|smp negeri|sma negeri|smk negeri))\s+(.+)$/;

const clean = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.]+/gu, " ")
    .replace(/\.(?=\S)/g, ". ")
    .replace(/\s+/g, " ")
    .trim();

/** A kabupaten has a few dozen agencies: each name is read once per isolate and gazetteer. */
const NO_GAZETTEER = {};
const units = new WeakMap<object, Map<string, AgencyUnit | null>>();

export function agencyUnit(agencyName: string | null | undefined, gazetteer: Gazetteer | null): AgencyUnit | null {
  let known = units.get(gazetteer ?? NO_GAZETTEER);
  if (known === undefined) {
    known = new Map();
    units.set(gazetteer ?? NO_GAZETTEER, known);
  }
  const key = agencyName ?? "";
  if (known.has(key)) return known.get(key)!;
  const unit = readUnit(key, gazetteer);
  if (known.size >= 5_000) known.clear();
  known.set(key, unit);
  return unit;
}

function readUnit(agencyName: string, gazetteer: Gazetteer | null): AgencyUnit | null {
  const name = clean(agencyName);
  if (name === "") return null;
  const words = name.split(" ");
  // The first territory word with a name after it ("... dan Desa Kabupaten X" is a kabupaten's agency for villages).
  const at = words.findIndex((w, i) => TERRITORY_WORDS.has(w.replace(/\.$/, "")) && i + 1 < words.length && !TERRITORY_WORDS.has(words[i + 1]!.replace(/\.$/, "")));
  if (at >= 0) {
    const word = words[at]!.replace(/\.$/, "");
    // "Kecamatan X" and "UPT Puskesmas Kecamatan X" / "UPT Puskesmas X" are one kind each.
    const kind = words.slice(0, at).join(" ").replace(/\s+(?:di|pada|untuk)$/, "") || ({ kec: "kecamatan", kel: "kelurahan" }[word] ?? word);
    const territory = titleCase(words.slice(at).join(" "));
    return { kind, territory, places: findPlaces(territory, gazetteer), facility: FACILITY_KIND.test(kind) };
  }
  const facility = FACILITY_UNIT.exec(name);
  if (facility) {
    const [, kind = "", rest = ""] = facility;
    const places = findPlaces(titleCase(rest), gazetteer);
    return { kind: kind.replace(/^upt d\b/, "uptd").trim(), territory: titleCase(rest), places, facility: true };
  }
  return { kind: name, territory: null, places: NONE, facility: false };
}

function titleCase(text: string): string {
  return text.replace(/(^|\s)(\p{L})/gu, (_m, space: string, c: string) => space + c.toUpperCase());
}

/**
 * Two units of the same kind for different territories ("Kecamatan Cimaung" / "Kecamatan Pacet", "Cabang Dinas
 * Pendidikan Wilayah I" / "Wilayah VII"): the reason, or null when they are not parallel units.
 */
export function parallelUnits(a: AgencyUnit | null, b: AgencyUnit | null): string | null {
  if (a === null || b === null || a.kind !== b.kind || a.territory === null || b.territory === null) return null;
  if (a.territory.toLowerCase() === b.territory.toLowerCase()) return null;
  return `unit sejenis (${a.kind}) untuk wilayah berbeda: ${a.territory} / ${b.territory}`;
}
