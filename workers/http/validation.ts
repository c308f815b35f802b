/**
 * Request validation with the shared valibot schemas. The same schema documents the route in OpenAPI
 * (through hono-openapi) and refuses bad input with 422 and one entry per field.
 */
import type { ValidationTargets } from "hono";
import { validator } from "hono-openapi";
import * as v from "valibot";
import { fieldIssues } from "../../shared/schemas/issues.ts";
import { ApiError } from "./errors.ts";
import { preferredLanguage } from "./messages.ts";

export const invalidInput = (fields: ReturnType<typeof fieldIssues>) =>
  new ApiError(422, "validation_failed", { id: "Isian tidak sah.", en: "The input is not valid." }, { fields });

export function validate<S extends v.GenericSchema, T extends keyof ValidationTargets>(target: T, schema: S) {
  return validator(target, schema, (result, c) => {
    if (result.success) return;
    // Re-parse for the issues with their paths; the request's language picks the messages.
    const parsed = v.safeParse(schema, result.data);
    throw invalidInput(fieldIssues(parsed.issues ?? [], preferredLanguage(c.req.header("accept-language"))));
  });
}
