/** People-facing text: Indonesian first, English when the caller asks for it (Accept-Language: en). */
import type { Context } from "hono";

export interface Text {
  id: string;
  en: string;
}

export type Language = keyof Text;

export function preferredLanguage(acceptLanguage: string | undefined | null): Language {
  const first = acceptLanguage?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "id";
}

export function say(c: Context, text: Text): string {
  return text[preferredLanguage(c.req.header("accept-language"))];
}
