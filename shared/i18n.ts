/** People-facing text: Indonesian first, English when the caller asks for it (Accept-Language: en). */

export interface Text {
  id: string;
  en: string;
}

export type Language = keyof Text;

export function preferredLanguage(acceptLanguage: string | undefined | null): Language {
  const first = acceptLanguage?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "id";
}

/** "{year}" and the like in a text, filled with the values named. */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
