/**
 * Dates and times as Indonesian documents write them, in the region's own zone: "18 Februari 2027",
 * "18 Februari 2027 pukul 09.00 WIB", and the berita acara's "Pada hari Kamis tanggal delapan belas bulan Februari
 * tahun dua ribu dua puluh tujuh". Pure arithmetic on fixed offsets (Indonesia keeps no daylight saving), so the
 * Worker needs no time-zone data.
 */

export interface Zone {
  /** WIB (UTC+7), WITA (UTC+8) or WIT (UTC+9). */
  name: "WIB" | "WITA" | "WIT";
  offsetHours: 7 | 8 | 9;
  /** The IANA zone, for Intl (the pages' short dates in either language). */
  iana: "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";
}

const WIB: Zone = { name: "WIB", offsetHours: 7, iana: "Asia/Jakarta" };
const WITA: Zone = { name: "WITA", offsetHours: 8, iana: "Asia/Makassar" };
const WIT: Zone = { name: "WIT", offsetHours: 9, iana: "Asia/Jayapura" };

/** Provinces (Kemendagri code) east of WIB: Bali, Nusa Tenggara, Kalimantan Selatan/Timur/Utara and Sulawesi. */
const WITA_PROVINCES = new Set(["51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"]);

/** The zone of any region code (province, kabupaten, kecamatan, desa): Maluku and Papua WIT, the middle WITA, the west WIB. */
export function regionZone(regionCode: string): Zone {
  const province = regionCode.slice(0, 2);
  if (province.startsWith("8") || province.startsWith("9")) return WIT;
  return WITA_PROVINCES.has(province) ? WITA : WIB;
}

export const MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"] as const;
export const WEEKDAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"] as const;

export interface LocalTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  /** 0 = Minggu */
  weekday: number;
  hours: number;
  minutes: number;
}

/** The wall-clock time in `zone` of an instant (ISO timestamp or Date). */
export function localTime(at: string | Date, zone: Zone): LocalTime {
  const instant = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) throw new Error(`waktu tidak sah: ${String(at)}`);
  const shifted = new Date(instant.getTime() + zone.offsetHours * 3_600_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    hours: shifted.getUTCHours(),
    minutes: shifted.getUTCMinutes(),
  };
}

const two = (n: number) => String(n).padStart(2, "0");

/** "18 Februari 2027" for an instant in the zone. */
export function formatDate(at: string | Date, zone: Zone): string {
  const t = localTime(at, zone);
  return `${t.day} ${MONTHS[t.month - 1]} ${t.year}`;
}

/** "18 Februari 2027 pukul 09.00 WIB": Indonesian writes the time with a dot. */
export function formatDateTime(at: string | Date, zone: Zone): string {
  const t = localTime(at, zone);
  return `${t.day} ${MONTHS[t.month - 1]} ${t.year} pukul ${two(t.hours)}.${two(t.minutes)} ${zone.name}`;
}

/** A calendar date as stored ("2027-04-01") written "1 April 2027"; no zone, it is already a local date. */
export function formatCalendarDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** Today's date in the zone as "YYYY-MM-DD", the form due dates are stored in. */
export function todayIn(zone: Zone, now: Date = new Date()): string {
  const t = localTime(now, zone);
  return `${t.year}-${two(t.month)}-${two(t.day)}`;
}

const ONES = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];

/** A whole number 0 ≤ n < 10¹² in Indonesian words: 11 "sebelas", 18 "delapan belas", 100 "seratus", 1000 "seribu", 2027 "dua ribu dua puluh tujuh". */
export function numberInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e12) throw new Error(`angka di luar jangkauan: ${n}`);
  if (n < 12) return ONES[n]!;
  if (n < 20) return `${ONES[n - 10]} belas`;
  if (n < 100) return joinWords(`${ONES[Math.floor(n / 10)]} puluh`, n % 10);
  if (n < 200) return joinWords("seratus", n - 100);
  if (n < 1000) return joinWords(`${ONES[Math.floor(n / 100)]} ratus`, n % 100);
  if (n < 2000) return joinWords("seribu", n - 1000);
  for (const [size, word] of [[1e9, "miliar"], [1e6, "juta"], [1e3, "ribu"]] as const) {
    if (n >= size) return joinWords(`${numberInWords(Math.floor(n / size))} ${word}`, n % size);
  }
  throw new Error("unreachable");
}

const joinWords = (head: string, rest: number) => (rest === 0 ? head : `${head} ${numberInWords(rest)}`);

/** "Pada hari Kamis tanggal delapan belas bulan Februari tahun dua ribu dua puluh tujuh" (the berita acara's opening). */
export function ceremonialDate(at: string | Date, zone: Zone): string {
  const t = localTime(at, zone);
  return `Pada hari ${WEEKDAYS[t.weekday]} tanggal ${numberInWords(t.day)} bulan ${MONTHS[t.month - 1]} tahun ${numberInWords(t.year)}`;
}
