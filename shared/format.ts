/**
 * Numbers, money and times as people in the region read them: "Rp 97.500.000", "120,5 m", "12 Mar 2027 14.05 WIB".
 * Indonesia has three zones and a kabupaten's times are shown in its own: the province code (the first two digits of
 * any region code) says which. Pure functions: the same in the Worker and in tests.
 */
import type { Language } from "./i18n.ts";
import { regionZone } from "./time/indonesian.ts";

const locale = (lang: Language) => (lang === "en" ? "en-GB" : "id-ID");

/** "12 Mar 2027 14.05 WIB": a moment in the zone of `regionCode`, with the zone named. */
export function dateTime(iso: string, regionCode: string, lang: Language = "id"): string {
  const zone = regionZone(regionCode);
  const text = new Date(iso).toLocaleString(locale(lang), { timeZone: zone.iana, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
  return `${text.replace(",", "")} ${zone.name}`;
}

/** "12 Mar 2027": the calendar day in the zone of `regionCode` (a due date read in Jayapura is Jayapura's day). */
export function date(iso: string, regionCode: string, lang: Language = "id"): string {
  return new Date(iso).toLocaleDateString(locale(lang), { timeZone: regionZone(regionCode).iana, day: "numeric", month: "short", year: "numeric" });
}

/** "Rp 97.500.000" (Indonesian grouping in both languages: it is the rupiah). */
export const rupiah = (value: number) => `Rp ${value.toLocaleString("id-ID")}`;

/** "120,5" in Indonesian, "120.5" in English. */
export const quantity = (value: number, lang: Language = "id") => value.toLocaleString(locale(lang));
