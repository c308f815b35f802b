/**
 * Reading a form body. A body that cannot be parsed (multipart without a boundary, broken parts) is the
 * sender's mistake: 400, not a server error. Hono caches the parsed body, so reading it twice costs nothing.
 */
import type { AppContext } from "./context.ts";
import { Refusal } from "../usecases/errors.ts";

export const malformedForm = new Refusal(400, "malformed_form", {
  id: "Isi formulir tidak dapat dibaca. Muat ulang halaman lalu kirim lagi.",
  en: "The form body could not be read. Reload the page and send it again.",
});

export async function readForm(c: AppContext): Promise<Record<string, string | File | (string | File)[]>> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw malformedForm;
  }
}

/** A single text field of a form (the first, when a field is sent more than once). */
export function formText(form: Record<string, unknown>, name: string): string | undefined {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : undefined;
}
