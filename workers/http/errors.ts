/**
 * Refusals as HTTP answers: `{ "error": { "code", "message", "fields"? } }` with a stable machine code and a
 * message for people (Indonesian unless the caller prefers English). Every refusal goes through here.
 */
import type { Context } from "hono";
import type { Refusal } from "../usecases/errors.ts";
import { say } from "./messages.ts";

export function errorResponse(c: Context, error: Refusal): Response {
  return c.json(
    {
      error: {
        code: error.code,
        message: say(c, error.text),
        ...(error.fields ? { fields: error.fields } : {}),
        ...error.details,
      },
    },
    error.status,
  );
}
