/**
 * Numbers, money and times as people in the region read them: "Rp 97.500.000", "120,5 m", "12 Mar 2027 14.05 WIB".
 * Indonesia has three zones and a kabupaten's times are shown in its own: the province code (the first two digits of
 * any region code) says which. Pure functions: the same in the Worker and in tests.
 */
import type { Language } from "./i18n.ts";

export interface TimeZone {
  /** The IANA zone, for Intl. */
  iana: "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";
  /** What Indonesians write after a time. */
  abbreviation: "WIB" | "WITA" | "WIT";
}

const WIB: TimeZone = { iana: "Asia/Jakarta", abbreviation: "WIB" };
const WITA: TimeZone = { iana: "Asia/Makassar", abbreviation: "WITA" };
const WIT: TimeZone = { iana: "Asia/Jayapura", abbreviation: "WIT" };

/**
 * The zone of a region by its province (Kemendagri codes): Sumatra, Java, West and Central Kalimantan are WIB;
 * Bali, Nusa Tenggara, South, East and North Kalimantan and Sulawesi are WITA; Maluku and Papua are WIT. A code
 * that names no known province falls back to WIB, the zone of most people.
 */
export function timeZoneOf(regionCode: string): TimeZone {
  const province = Number(regionCode.slice(0, 2));
  if (province >= 81) return WIT;
  if (province >= 63 || (province >= 51 && province <= 53)) return WITA;
  return WIB;
}

const locale = (lang: Language) => (lang === "en" ? "en-GB" : "id-ID");

/** "12 Mar 2027 14.05 WIB": a moment in the zone of `regionCode`, with the zone named. */
export function dateTime(iso: string, regionCode: string, lang: Language = "id"): string {
  const zone = timeZoneOf(regionCode);
  const text = new Date(iso).toLocaleString(locale(lang), { timeZone: zone.iana, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
  return `${text.replace(",", "")} ${zone.abbreviation}`;
}

/** "12 Mar 2027": the calendar day in the zone of `regionCode` (a due date read in Jayapura is Jayapura's day). */
export function date(iso: string, regionCode: string, lang: Language = "id"): string {
  return new Date(iso).toLocaleDateString(locale(lang), { timeZone: timeZoneOf(regionCode).iana, day: "numeric", month: "short", year: "numeric" });
}

/** "Rp 97.500.000" (Indonesian grouping in both languages: it is the rupiah). */
export const rupiah = (value: number) => `Rp ${value.toLocaleString("id-ID")}`;

/** "120,5" in Indonesian, "120.5" in English. */
export const quantity = (value: number, lang: Language = "id") => value.toLocaleString(locale(lang));
