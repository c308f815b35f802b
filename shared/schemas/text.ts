import * as v from "valibot";

/** A lone UTF-16 surrogate cannot be stored as UTF-8: D1 would keep something else than what was accepted. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const wellFormed = v.check<string, "text_malformed">((text) => !LONE_SURROGATE.test(text), "text_malformed");

/** Trimmed, well-formed text between `min` and `max` characters: the shape of every free-text field. */
export const text = (min: number, max: number) => v.pipe(v.string(), wellFormed, v.trim(), v.minLength(min), v.maxLength(max));
