/** Shapes of Bappeda's planning settings: the year's regional priorities and the kabupaten's letterhead. */
import * as v from "valibot";
import { priorityCode } from "../reviews/decisions.ts";
import { text } from "./text.ts";

const year = v.pipe(v.number(), v.integer(), v.minValue(2024), v.maxValue(2100));

export const PrioritiesSchema = v.strictObject({
  year,
  priorities: v.pipe(
    v.array(v.strictObject({ code: priorityCode, priority: text(3, 300), target: text(3, 500) })),
    v.maxLength(50),
    v.check((list) => new Set(list.map((p) => p.code)).size === list.length, "priority_code_twice"),
  ),
});
export type PrioritiesInput = v.InferOutput<typeof PrioritiesSchema>;

export const PrioritiesQuerySchema = v.object({ year: v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number)) });

/** A logo is small: 200 KB of PNG or JPEG at most, and its bytes must be what the type says. */
const LOGO_MAX_BASE64 = 280_000;
const MAGIC: Record<string, number[]> = { "image/png": [0x89, 0x50, 0x4e, 0x47], "image/jpeg": [0xff, 0xd8, 0xff] };

function startsWithMagic(contentType: string, base64: string): boolean {
  try {
    const head = atob(base64.slice(0, 8));
    return MAGIC[contentType]!.every((byte, i) => head.charCodeAt(i) === byte);
  } catch {
    return false;
  }
}

export const LetterheadSchema = v.strictObject({
  /** The lines of the letterhead, first line largest: PEMERINTAH KABUPATEN …, the office, its address. */
  lines: v.pipe(v.array(text(2, 120)), v.minLength(1), v.maxLength(5)),
  /** Where documents are signed, e.g. Kalianda. */
  place: text(2, 60),
  numberPattern: v.optional(v.pipe(text(5, 80), v.check((p) => p.includes("{nomor}"), "number_pattern_needs_nomor"))),
  logo: v.optional(
    v.pipe(
      v.strictObject({ contentType: v.picklist(["image/png", "image/jpeg"]), base64: v.pipe(v.string(), v.maxLength(LOGO_MAX_BASE64, "logo_too_large"), v.regex(/^[A-Za-z0-9+/]+={0,2}$/, "logo_not_image")) }),
      v.check((logo) => startsWithMagic(logo.contentType, logo.base64), "logo_not_image"),
    ),
  ),
});
export type LetterheadInput = v.InferOutput<typeof LetterheadSchema>;
