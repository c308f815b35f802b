/** Identifiers: sortable ids for rows, short unambiguous tracking codes for people. */

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** No 0/O, 1/I/L: codes are read aloud over the phone and copied from paper. */
const TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** A ULID-like id: 48-bit time then randomness, so ids sort by creation. */
export function sortableId(prefix: string, now = Date.now()): string {
  let time = "";
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  const random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => CROCKFORD[b % 32]).join("");
  return `${prefix}_${time}${random}`;
}

export function trackingCode(year: number): string {
  const chars = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]);
  return `USL-${year}-${chars.join("")}`;
}

export const TRACKING_CODE = /^USL-\d{4}-[2-9A-HJ-NP-Z]{6}$/;
