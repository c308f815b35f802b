/**
 * Numbers, money and times as people in the region read them: "Rp 97.500.000", "120,5 m", "12 Mar 2027 14.05 WIB".
 * Indonesia has three zones and a kabupaten's times are shown in its own: the province code (the first two digits of
 * any region code) says which. Pure functions: the same in the Worker and in tests.
 */
import type { Language } from "./i18n.ts";
import { regionZone } from "./time/indonesian.ts";

const locale = (lang: Language) => (lang === "en" ? "en-GB" : "id-ID");

/**
 * Formatters made once per isolate: building one costs far more than using it (a public page of a kecamatan
 * formats hundreds of times and rupiah; `toLocaleString` builds a new formatter on every call).
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
/** `format` of a moment; an unparseable one reads "Invalid Date", as `toLocaleString` says it (format would throw). */
const moment = (format: Intl.DateTimeFormat, iso: string) => {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? String(at) : format.format(at);
};

function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let made = formatters.get(key) as F | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

/** "12 Mar 2027 14.05 WIB": a moment in the zone of `regionCode`, with the zone named. */
export function dateTime(iso: string, regionCode: string, lang: Language = "id"): string {
  const zone = regionZone(regionCode);
  const format = formatter(`dateTime ${lang} ${zone.iana}`, () => new Intl.DateTimeFormat(locale(lang), { timeZone: zone.iana, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false }));
  const text = moment(format, iso);
  return `${text.replace(",", "")} ${zone.name}`;
}

/** "12 Mar 2027": the calendar day in the zone of `regionCode` (a due date read in Jayapura is Jayapura's day). */
export function date(iso: string, regionCode: string, lang: Language = "id"): string {
  const zone = regionZone(regionCode).iana;
  return moment(formatter(`date ${lang} ${zone}`, () => new Intl.DateTimeFormat(locale(lang), { timeZone: zone, day: "numeric", month: "short", year: "numeric" })), iso);
}

/** "Rp 97.500.000" (Indonesian grouping in both languages: it is the rupiah). */
export const rupiah = (value: number) => `Rp ${formatter("number id", () => new Intl.NumberFormat("id-ID")).format(value)}`;

/** "120,5" in Indonesian, "120.5" in English. */
export const quantity = (value: number, lang: Language = "id") => formatter(`number ${lang}`, () => new Intl.NumberFormat(locale(lang))).format(value);
