/**
 * Scores whether two proposals (or Renja lines) are the same need: text first, then place, codes, people and the
 * agencies' fields. Pure: the Worker passes what it read from D1, the eval passes what a CSV row has.
 *
 * score = text similarity (similarity.ts)
 *       + small bonuses for agreeing facts, only when the texts are already related (same desa, RT, facility,
 *         sub-activity/kegiatan/program code, beneficiary group, a shared keyword in one agency's field, nearby)
 *       x a penalty when the facts say "not the same object in the same place": another desa/kecamatan (by region
 *         code and by containment of the places the texts and agency territories name), another RT in one desa,
 *         another facility (SD 1 / SD 2) or another work at one facility, parallel units for their own territories,
 *         one agency's other stage/lot/size of one work (work-parts.ts), the same service for another subject, a
 *         river's structure against a road's, a routine office line against a need, kilometres apart;
 *         or a milder one when the texts hint at different things (each names a name the other lacks, building
 *         against running, a school against a puskesmas, two unanchored sub-activities of one agency's plan).
 * Two routine office lines (routine.ts) never overlap. kind: cross_agency when both agencies are known and differ,
 * otherwise duplicate (same agency, same village, or no agency given).
 */
import { BENEFICIARY_GROUPS } from "../proposals/vocabulary.ts";
import { agencyDomain } from "./agency-domains.ts";
import { agencyUnit, type AgencyUnit, parallelUnits } from "./agency-units.ts";
import { compareFacilities, type Facility, findFacilities } from "./facilities.ts";
import { displayToken, FACILITY_WORDS, SERVICE_WORDS, TARGET_WORDS, WORKS_WORDS } from "./lexicon.ts";
import { analyzeText, canonicalWord, type NormalizeOptions, type TextAnalysis } from "./normalize.ts";
import { comparePlaces, findPlaces, type Gazetteer, type ResolvedPlaces } from "./places.ts";
import { isRoutine, stockTokens } from "./routine.ts";
import { DEFAULT_SIMILARITY, genericTokens, type SimilarityConfig, textSimilarity } from "./similarity.ts";
import { differentParts, type WorkParts, workParts } from "./work-parts.ts";

export interface OverlapSubject {
  id: string;
  /** Activity + problem + description, as written. */
  text: string;
  agencyId?: string | null;
  agencyName?: string | null;
  villageCode?: string | null;
  villageName?: string | null;
  districtCode?: string | null;
  districtName?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  subActivityCode?: string | null;
  beneficiaryGroup?: string | null;
}

export type OverlapKind = "cross_agency" | "duplicate";

export interface OverlapScore {
  /** 0..1, rounded to 3 decimals. */
  score: number;
  /** null when score < OVERLAP_THRESHOLD (or both lines are routine office work). */
  kind: OverlapKind | null;
  /** Why, in words a planner reads: "kata kunci sama: drainase, saluran", "desa sama: Way Urang". */
  reasons: string[];
}

export interface ScoreConfig {
  threshold: number;
  /** Bonuses apply only when the text score is at least this. */
  relatedText: number;
  bonus: {
    sameSubActivity: number;
    sameKegiatan: number;
    sameProgram: number;
    sameVillage: number;
    sameDistrict: number;
    near: number;
    close: number;
    sameBeneficiary: number;
    agencyField: number;
    sameIdentifier: number;
    sameRt: number;
  };
  /** Multiplier when the facts say the two are in different places. */
  conflictFactor: number;
  /** Multiplier when the texts hint at different things. */
  softConflictFactor: number;
  /** Text score from which two unanchored lines of one agency count as the same line written twice. */
  sameAgencyText: number;
  nearMetres: number;
  closeMetres: number;
  farMetres: number;
  similarity: Readonly<SimilarityConfig>;
  normalize: Readonly<NormalizeOptions>;
}

export const DEFAULT_SCORE_CONFIG: Readonly<ScoreConfig> = Object.freeze({
  threshold: 0.45,
  relatedText: 0.3,
  bonus: Object.freeze({
    sameSubActivity: 0.15,
    sameKegiatan: 0.1,
    sameProgram: 0.05,
    // Small: candidates come from the same village already (band keys scoped by village).
    sameVillage: 0.05,
    sameDistrict: 0.02,
    near: 0.15,
    close: 0.08,
    sameBeneficiary: 0.03,
    agencyField: 0.05,
    sameIdentifier: 0.1,
    sameRt: 0.1,
  }),
  conflictFactor: 0.4,
  softConflictFactor: 0.6,
  sameAgencyText: 0.85,
  nearMetres: 150,
  closeMetres: 600,
  farMetres: 5_000,
  similarity: DEFAULT_SIMILARITY,
  normalize: Object.freeze({ stem: true, typos: true }),
});

/** A pair scoring at least this is flagged. Fixed; chosen on the tuning part of data/overlap-dev (see LABELLING.md). */
export const OVERLAP_THRESHOLD = DEFAULT_SCORE_CONFIG.threshold;

export interface ScoreContext {
  /** Region name by code, for reasons ("desa sama: Way Urang" instead of the code). */
  regionName?: (code: string) => string | null | undefined;
  /**
   * The region names to resolve the places of texts and agency names against: the Worker's kabupaten, or the
   * kabupaten the eval file is about. Without it, places are compared by the names written after a place word.
   */
  places?: Gazetteer | null;
  /** Only for measuring alternatives (scripts); the Worker and the eval use the defaults. */
  config?: Readonly<ScoreConfig>;
}

/** What a subject's text and agency name say beyond its words, worked out once per subject and gazetteer. */
export interface SubjectFacts {
  /** The places its text names, else its agency's territory. */
  places: ResolvedPlaces;
  facilities: Facility[];
  unit: AgencyUnit | null;
  /** Stage, lot and size, for telling one agency's packages apart. */
  parts: WorkParts;
  /**
   * What the line builds, buys or runs: its meaningful tokens without the facility it is for, places, names,
   * target groups, generic words and stock wording ("pagar" in "PEMAGARAN SMPN 3 CIWIDEY").
   */
  objects: readonly string[];
  /** What a service line is about (posyandu in "Pelatihan kader posyandu"): its meaningful tokens but the service. */
  subjects: readonly string[];
  /** An office running cost of its own agency (routine.ts), not a line about another body's office building. */
  routine: boolean;
  /** About the office building of a kecamatan or desa that is not its own agency ("Perencanaan Kantor Kecamatan X"). */
  otherOffice: boolean;
  /** The text analysis with the place names the gazetteer recognised counted as places, not as rare words. */
  analysis: TextAnalysis;
}

const NO_GAZETTEER = {};
const FACT_CACHE_LIMIT = 5_000;
interface FactCache {
  /** The subject objects seen (one check scores one proposal against many). */
  bySubject: WeakMap<OverlapSubject, SubjectFacts>;
  /** What the facts depend on, as text: a candidate meets many checks in an isolate, as a new object each time. */
  byContent: Map<string, SubjectFacts>;
}
const factCaches = new Map<string, WeakMap<object, FactCache>>();

/** What a subject's text and agency say, worked out once per subject and remembered per isolate. */
export function subjectFacts(subject: OverlapSubject, gazetteer: Gazetteer | null, options: Readonly<NormalizeOptions>): SubjectFacts {
  const optionsKey = `${options.stem ?? true}/${options.typos ?? true}`;
  let byGazetteer = factCaches.get(optionsKey);
  if (byGazetteer === undefined) {
    byGazetteer = new WeakMap();
    factCaches.set(optionsKey, byGazetteer);
  }
  let cache = byGazetteer.get(gazetteer ?? NO_GAZETTEER);
  if (cache === undefined) {
    cache = { bySubject: new WeakMap(), byContent: new Map() };
    byGazetteer.set(gazetteer ?? NO_GAZETTEER, cache);
  }
  let facts = cache.bySubject.get(subject);
  if (facts !== undefined) return facts;
  const content = `${subject.villageCode ?? ""}\u0001${subject.districtCode ?? ""}\u0001${subject.agencyName ?? ""}\u0001${subject.text}`;
  facts = cache.byContent.get(content);
  if (facts === undefined) {
    facts = computeFacts(subject, gazetteer, options);
    if (cache.byContent.size >= FACT_CACHE_LIMIT) cache.byContent.clear();
    cache.byContent.set(content, facts);
  }
  cache.bySubject.set(subject, facts);
  return facts;
}

function computeFacts(subject: OverlapSubject, gazetteer: Gazetteer | null, options: Readonly<NormalizeOptions>): SubjectFacts {
  const unit = agencyUnit(subject.agencyName, gazetteer);
  const within = [subject.villageCode, subject.districtCode, ...(unit?.places.mentions.flatMap((m) => m.codes) ?? [])].filter(present);
  const text = findPlaces(subject.text, gazetteer, within);
  let facilities = findFacilities(subject.text);
  let base = subjectAnalysis(subject, options);
  // A hospital's or a puskesmas's own lines are about that facility when they name no other ("Penataan Ruang IGD"
  // at RSUD Cicalengka): its name joins the text.
  if (facilities.length === 0 && unit?.facility === true && present(subject.agencyName)) {
    facilities = findFacilities(subject.agencyName);
    if (facilities.length > 0) base = analyzeText(`${subject.text}. ${subject.agencyName}`, options);
  }
  // Every name the region tables resolved is a place ("Kab. Bandung", "Sapras Banjaran", a bare "Soreang").
  const placeWords = text.mentions
    .filter((m) => m.codes.length > 0)
    .flatMap((m) => m.name.toLowerCase().split(" ").flatMap((w) => [w, ...canonicalWord(w, options)]))
    .filter((w) => base.tokens.includes(w) && !base.placeTokens.includes(w));
  const analysis =
    placeWords.length === 0
      ? base
      : { ...base, placeTokens: [...new Set([...base.placeTokens, ...placeWords])], names: [...new Set([...base.names, ...placeWords])] };
  const places = text.mentions.length > 0 ? text : (unit?.places ?? text);
  const office = otherOffice(subject.text, unit, text, gazetteer);
  return {
    places,
    facilities,
    unit,
    parts: workParts(subject.text),
    objects: objectTokens(analysis, facilities, options),
    subjects: objectTokens(analysis, [], options, true).filter((t) => !SERVICE_WORDS.has(t)),
    otherOffice: office,
    routine: !office && isRoutine(analysis, options),
    analysis,
  };
}

const OFFICE_OF_PLACE = /\bkantor\s+(?:kecamatan|kec|camat|desa|kelurahan|kel|lurah)\b/i;

/**
 * "Perencanaan Kantor Kecamatan Ciparay" at Dinas PUTR is about that kecamatan's office building, not PUTR's own
 * office: not a routine line. The kecamatan's own line about its office is (its territory is the place named).
 */
function otherOffice(text: string, unit: AgencyUnit | null, places: ResolvedPlaces, gazetteer: Gazetteer | null): boolean {
  if (!OFFICE_OF_PLACE.test(text)) return false;
  if (unit === null || unit.territory === null) return true;
  if (places.mentions.length === 0) return false;
  const relation = comparePlaces(places, unit.places, gazetteer).kind;
  return relation !== "same" && relation !== "within";
}

/** Facility words and the concepts they tag: the facility a line is for, not its object. */
const FACILITY_TOKENS: ReadonlySet<string> = new Set([...FACILITY_WORDS, "sekolah", "smps"]);

function objectTokens(analysis: TextAnalysis, facilities: readonly Facility[], options: Readonly<NormalizeOptions>, withFacilities = false): string[] {
  const generic = genericTokens();
  const stock = stockTokens(options);
  const names = new Set(analysis.names);
  const places = new Set(analysis.placeTokens);
  const facilityName = (t: string) => facilities.some((f) => f.name !== null && f.name.includes(t));
  return analysis.tokens.filter(
    (t) => !generic.has(t) && !stock.has(t) && !names.has(t) && !places.has(t) && (withFacilities || !FACILITY_TOKENS.has(t)) && !TARGET_WORDS.has(t) && !/\d/.test(t) && !facilityName(t),
  );
}

/** Structures that line something (a river bank, a road side) rather than stand alone. */
const LINING: ReadonlySet<string> = new Set(["talud", "drainase", "gorong"]);
const SETTINGS: ReadonlySet<string> = new Set(["sungai", "jalan", "pelengkap_jalan"]);
/** What a lining structure lines, when the text says one thing only: "sungai" or "jalan". */
function setting(analysis: TextAnalysis): string | null {
  const river = analysis.tokens.includes("sungai");
  const road = analysis.tokens.includes("jalan") || analysis.tokens.includes("pelengkap_jalan");
  return river === road ? null : river ? "sungai" : "jalan";
}

/** "kelas" is part of "ruang_kelas". */
const sameObject = (t: string, u: string) => t === u || t.split("_").includes(u) || u.split("_").includes(t);

/** The subject's text analysis (analyzeText remembers it per text). */
export function subjectAnalysis(subject: OverlapSubject, options: Readonly<NormalizeOptions> = DEFAULT_SCORE_CONFIG.normalize): TextAnalysis {
  return analyzeText(subject.text, options);
}

/** Great-circle distance in metres. */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function present(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** Sub-activity codes of program U.BB.01 (and X.XX.01) are the routine support program every agency has. */
export function isRoutineCode(code: string): boolean {
  return code.split(".")[2] === "01";
}

const oneDesa = (places: ResolvedPlaces) => places.mentions.filter((m) => m.level === "village").length <= 1;

function disjoint(a: readonly string[], b: readonly string[]): boolean {
  return a.length > 0 && b.length > 0 && !a.some((x) => b.includes(x));
}

function agencyKey(subject: OverlapSubject): string | null {
  if (present(subject.agencyId)) return subject.agencyId.trim().toLowerCase();
  if (present(subject.agencyName)) return subject.agencyName.trim().toLowerCase().replace(/\s+/g, " ");
  return null;
}

function title(text: string): string {
  return text.replace(/(^|\s)([a-z])/g, (_m, space: string, c: string) => space + c.toUpperCase());
}

/** Physical works, a service, or neither/both ("Pembangunan gedung posyandu" / "Penyelenggaraan posyandu"). */
function activityKind(analysis: TextAnalysis): "works" | "service" | null {
  const works = analysis.tokens.some((t) => WORKS_WORDS.has(t));
  const service = analysis.tokens.some((t) => SERVICE_WORDS.has(t));
  return works === service ? null : works ? "works" : "service";
}

/** Scores one pair. Symmetric up to the order of reasons. */
export function scoreOverlap(a: OverlapSubject, b: OverlapSubject, context: ScoreContext = {}): OverlapScore {
  const config = context.config ?? DEFAULT_SCORE_CONFIG;
  const gazetteer = context.places ?? null;
  const factsA = subjectFacts(a, gazetteer, config.normalize);
  const factsB = subjectFacts(b, gazetteer, config.normalize);
  const analysisA = factsA.analysis;
  const analysisB = factsB.analysis;
  const codeA = present(a.subActivityCode) ? a.subActivityCode.trim() : null;
  const codeB = present(b.subActivityCode) ? b.subActivityCode.trim() : null;
  const text = textSimilarity(analysisA, analysisB, config.similarity);

  const routineA = (codeA !== null && isRoutineCode(codeA)) || factsA.routine;
  const routineB = (codeB !== null && isRoutineCode(codeB)) || factsB.routine;
  if (routineA && routineB) {
    return {
      score: round(text.score * 0.2),
      kind: null,
      reasons: ["kegiatan rutin perkantoran yang dimiliki tiap perangkat daerah, bukan tumpang tindih"],
    };
  }

  const reasons: string[] = [];
  const generic = genericTokens();
  const names = new Set([...analysisA.names, ...analysisB.names]);
  // Stock wording (belanja, modal, jasa) says how money is spent, not what two lines share.
  const stock = stockTokens(config.normalize);
  const keywords = text.shared.filter((token) => !generic.has(token) && !names.has(token) && !stock.has(token));
  if (keywords.length > 0) reasons.push(`kata kunci sama: ${keywords.slice(0, 6).map(displayToken).join(", ")}`);

  const related = text.score >= config.relatedText;
  let bonus = 0;
  const award = (amount: number) => {
    if (related) bonus += amount;
  };
  let conflict: string | null = null;
  let softConflict: string | null = null;
  const regionName = (code: string, given: string | null | undefined) =>
    (present(given) ? given : null) ?? context.regionName?.(code) ?? code;

  // Place: region codes first, then coordinates, then what the texts say.
  let samePlaceSaid = false;
  if (present(a.villageCode) && present(b.villageCode)) {
    if (a.villageCode === b.villageCode) {
      award(config.bonus.sameVillage);
      reasons.push(`desa sama: ${regionName(a.villageCode, a.villageName)}`);
      samePlaceSaid = true;
    } else conflict = "desa berbeda";
  } else if (present(a.districtCode) && present(b.districtCode)) {
    if (a.districtCode === b.districtCode) {
      award(config.bonus.sameDistrict);
      reasons.push(`kecamatan sama: ${regionName(a.districtCode, a.districtName)}`);
      samePlaceSaid = true;
    } else conflict = "kecamatan berbeda";
  }
  if (typeof a.latitude === "number" && typeof a.longitude === "number" && typeof b.latitude === "number" && typeof b.longitude === "number") {
    const metres = haversineMetres(a.latitude, a.longitude, b.latitude, b.longitude);
    if (metres <= config.nearMetres) {
      award(config.bonus.near);
      reasons.push(`jarak ${Math.round(metres)} m`);
    } else if (metres <= config.closeMetres) {
      award(config.bonus.close);
      reasons.push(`jarak ${Math.round(metres)} m`);
    } else if (metres > config.farMetres) conflict ??= `jarak ${(metres / 1000).toFixed(1)} km`;
  }
  // What the texts and agency names say: places by containment, RT/RW, facilities by identity, parallel units.
  const relation = comparePlaces(factsA.places, factsB.places, gazetteer);
  // A place both texts name already counts in the word match; no bonus on top.
  if (relation.kind === "different") conflict ??= relation.reason;
  else if (relation.reason !== null && !reasons.includes(relation.reason) && !(relation.kind === "same" && samePlaceSaid)) reasons.push(relation.reason);
  // RT/RW numbers tell places apart inside one desa; a list of several desa does not say whose RT is whose.
  const rtComparable = oneDesa(factsA.places) && oneDesa(factsB.places);
  if (rtComparable && disjoint(analysisA.rt, analysisB.rt)) conflict ??= "RT berbeda";
  else if (rtComparable && disjoint(analysisA.rw, analysisB.rw) && (analysisA.rt.length === 0 || analysisB.rt.length === 0)) conflict ??= "RW berbeda";
  else {
    const rt = analysisA.rt.filter((x) => analysisB.rt.includes(x));
    if (rt.length > 0) {
      award(config.bonus.sameRt);
      reasons.push(`RT sama: ${rt.join(", ")}`);
    }
  }
  const facilities = compareFacilities(factsA.facilities, factsB.facilities);
  if (facilities.different !== null) conflict ??= `${facilities.different[0].label} dan ${facilities.different[1].label} berbeda`;
  if (facilities.same.length > 0) {
    award(config.bonus.sameIdentifier);
    reasons.push(`fasilitas sama: ${facilities.same.map((f) => f.label).join(", ")}`);
    // The same school fenced by one line and given classrooms by the other: one facility, two objects.
    if (factsA.objects.length > 0 && factsB.objects.length > 0 && !factsA.objects.some((t) => factsB.objects.some((u) => sameObject(t, u)) || text.shared.includes(t))) {
      conflict ??= `pekerjaan berbeda di fasilitas yang sama: ${factsA.objects.slice(0, 3).map(displayToken).join(", ")} / ${factsB.objects.slice(0, 3).map(displayToken).join(", ")}`;
    }
  }
  // The same service for two subjects (training posyandu cadres / training KPMD cadres): the subject is the object.
  const services = text.shared.filter((t) => SERVICE_WORDS.has(t));
  if (services.length > 0) {
    const subjectsA = factsA.subjects;
    const subjectsB = factsB.subjects;
    if (subjectsA.length > 0 && subjectsB.length > 0 && !subjectsA.some((t) => subjectsB.some((u) => sameObject(t, u)) || text.shared.includes(t))) {
      conflict ??= `${services.map(displayToken).join(", ")} untuk hal berbeda: ${subjectsA.slice(0, 3).map(displayToken).join(", ")} / ${subjectsB.slice(0, 3).map(displayToken).join(", ")}`;
    }
  }
  const parallel = relation.kind === "same" || relation.kind === "within" ? null : parallelUnits(factsA.unit, factsB.unit);
  if (parallel !== null) conflict ??= parallel;
  const keyA = agencyKey(a);
  const keyB = agencyKey(b);
  // One agency splits one piece of work into design/supervision/works, lots and units: its parts, not twice the money.
  if (keyA !== null && keyA === keyB) {
    const parts = differentParts(factsA.parts, factsB.parts);
    if (parts !== null) conflict ??= `dalam satu perangkat daerah, ${parts}`;
  }

  // A retaining wall or a drain belongs to what it lines: along a river and along a road are two structures.
  if (text.shared.some((t) => LINING.has(t)) && !text.shared.some((t) => SETTINGS.has(t))) {
    const settingA = setting(analysisA);
    const settingB = setting(analysisB);
    if (settingA !== null && settingB !== null && settingA !== settingB) conflict ??= `bangunan di ${settingA} dan di ${settingB}`;
  }

  // Codes: sub-activity U.BB.PP.K.KK.SSSS, kegiatan U.BB.PP.K.KK, program U.BB.PP.
  if (codeA !== null && codeB !== null) {
    const partsA = codeA.split(".");
    const partsB = codeB.split(".");
    const samePrefix = (n: number) => partsA.length >= n && partsB.length >= n && partsA.slice(0, n).join(".") === partsB.slice(0, n).join(".");
    if (codeA === codeB) {
      award(config.bonus.sameSubActivity);
      reasons.push(`kode sub kegiatan sama ${codeA}`);
    } else if (samePrefix(5)) {
      award(config.bonus.sameKegiatan);
      reasons.push(`kode kegiatan sama ${partsA.slice(0, 5).join(".")}`);
    } else if (samePrefix(3)) {
      award(config.bonus.sameProgram);
      reasons.push(`kode program sama ${partsA.slice(0, 3).join(".")}`);
    }
  }

  // People.
  if (present(a.beneficiaryGroup) && a.beneficiaryGroup === b.beneficiaryGroup) {
    award(config.bonus.sameBeneficiary);
    const label = (BENEFICIARY_GROUPS as Record<string, { id: string } | undefined>)[a.beneficiaryGroup]?.id ?? a.beneficiaryGroup;
    reasons.push(`penerima manfaat sama: ${label}`);
  }

  // Agencies: a shared keyword in the field of one of the two agencies ("posyandu" and Dinas Kesehatan).
  let fieldAwarded = false;
  for (const subject of keyA !== keyB ? [a, b] : [a]) {
    const label = (subject.agencyName ?? subject.agencyId ?? "").trim();
    const inField = keywords.filter((token) => agencyDomain(label).has(token));
    if (label === "" || inField.length === 0) continue;
    if (!fieldAwarded) award(config.bonus.agencyField);
    fieldAwarded = true;
    reasons.push(`bidang ${label}: ${inField.map(displayToken).join(", ")}`);
  }

  // Hints that the texts mean different things.
  const kindA = activityKind(analysisA);
  const kindB = activityKind(analysisB);
  if (kindA !== null && kindB !== null && kindA !== kindB) softConflict = "jenis kegiatan berbeda (fisik / layanan)";
  const facilitiesA = analysisA.tokens.filter((t) => FACILITY_WORDS.has(t));
  const facilitiesB = analysisB.tokens.filter((t) => FACILITY_WORDS.has(t));
  if (disjoint(facilitiesA, facilitiesB)) softConflict ??= `fasilitas berbeda: ${facilitiesA.map(displayToken).join(", ")} / ${facilitiesB.map(displayToken).join(", ")}`;
  // One agency's own plan lists related sub-activities side by side (build / maintain the same kind of thing):
  // without a concrete shared place or facility, only near-identical lines of one agency are duplicates.
  const anchored = (analysis: TextAnalysis, s: OverlapSubject) =>
    analysis.rt.length > 0 || analysis.identifiers.length > 0 || analysis.names.length > 0 || present(s.villageCode) ||
    typeof s.latitude === "number";
  if (keyA !== null && keyA === keyB && !anchored(analysisA, a) && !anchored(analysisB, b) && text.score < config.sameAgencyText) {
    softConflict ??= "dua kegiatan berbeda dalam rencana satu perangkat daerah";
  }
  // Place names are the place check's business (containment, not spelling).
  const [ownA, ownB] = [text.unmatchedNames[0].filter((n) => !analysisA.placeTokens.includes(n)), text.unmatchedNames[1].filter((n) => !analysisB.placeTokens.includes(n))];
  if (ownA.length > 0 && ownB.length > 0) softConflict ??= `nama berbeda: ${title(ownA.join(" "))} / ${title(ownB.join(" "))}`;

  // An office running cost against a need: each agency pays its own office, the objects differ; unless the need is
  // an office building, which the place check then compares with the routine line's agency.
  if (routineA !== routineB && !(routineA ? factsB : factsA).otherOffice) {
    conflict ??= `${routineA ? "yang pertama" : "yang kedua"} kegiatan rutin perkantoran (tiap perangkat daerah membiayai kantornya sendiri), yang lain bukan`;
  }

  let score = Math.min(1, text.score + bonus);
  if (conflict !== null) {
    score *= config.conflictFactor;
    reasons.push(`tetapi ${conflict}`);
  } else if (softConflict !== null) {
    score *= config.softConflictFactor;
    reasons.push(`tetapi ${softConflict}`);
  }
  score = round(score);
  if (score < config.threshold) return { score, kind: null, reasons };
  const kind: OverlapKind = keyA !== null && keyB !== null && keyA !== keyB ? "cross_agency" : "duplicate";
  return { score, kind, reasons };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
