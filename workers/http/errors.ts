/**
 * API errors: `{ "error": { "code", "message", "fields"? } }` with a stable machine code and a message for
 * people (Indonesian unless the caller prefers English). Every refusal goes through here.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { say, type Text } from "./messages.ts";

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly text: Text;
  readonly fields?: FieldError[];
  readonly details?: Record<string, unknown>;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    text: Text,
    extra: { fields?: FieldError[]; details?: Record<string, unknown> } = {},
  ) {
    super(text.en);
    this.status = status;
    this.code = code;
    this.text = text;
    this.fields = extra.fields;
    this.details = extra.details;
  }
}

export function errorResponse(c: Context, error: ApiError): Response {
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

export const notFound = new ApiError(404, "not_found", {
  id: "Alamat atau data tidak ditemukan.",
  en: "Not found.",
});
