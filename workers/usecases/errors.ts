/**
 * A use case's refusal: an HTTP-style status, a stable machine code and a message for people (Indonesian, or
 * English), with field errors where the input was at fault. Every caller (HTTP, queue, workflow) can tell a
 * refusal from a crash; the HTTP layer renders it as `{ "error": { "code", "message", "fields"? } }`.
 */
import type { Text } from "../../shared/i18n.ts";
import type { FieldIssue } from "../../shared/schemas/issues.ts";

export type RefusalStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

export class Refusal extends Error {
  readonly status: RefusalStatus;
  readonly code: string;
  readonly text: Text;
  readonly fields?: FieldIssue[];
  readonly details?: Record<string, unknown>;

  constructor(status: RefusalStatus, code: string, text: Text, extra: { fields?: FieldIssue[]; details?: Record<string, unknown> } = {}) {
    super(text.en);
    this.status = status;
    this.code = code;
    this.text = text;
    this.fields = extra.fields;
    this.details = extra.details;
  }
}

export const notFound = new Refusal(404, "not_found", { id: "Alamat atau data tidak ditemukan.", en: "Not found." });

export const unauthenticated = new Refusal(401, "unauthenticated", { id: "Silakan masuk terlebih dahulu.", en: "Please sign in first." });

export const forbidden = new Refusal(403, "forbidden", { id: "Anda tidak berwenang melakukan tindakan ini.", en: "You are not allowed to do this." });

export const malformedJson = new Refusal(400, "malformed_json", { id: "Isi permintaan bukan JSON yang sah.", en: "The request body is not valid JSON." });

export const invalidInput = (fields: FieldIssue[]) => new Refusal(422, "validation_failed", { id: "Isian tidak sah.", en: "The input is not valid." }, { fields });
