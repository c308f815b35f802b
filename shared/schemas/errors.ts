import * as v from "valibot";

/** Every API refusal: a stable code, a message for people, and per-field issues for invalid input. */
export const ErrorSchema = v.object({
  error: v.object({
    code: v.string(),
    message: v.string(),
    fields: v.optional(v.array(v.object({ path: v.string(), code: v.string(), message: v.string() }))),
  }),
});
