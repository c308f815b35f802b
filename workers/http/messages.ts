/** People-facing text in the caller's language (Accept-Language: en for English, Indonesian otherwise). */
import type { Context } from "hono";
import { preferredLanguage, type Language, type Text } from "../../shared/i18n.ts";

export const language = (c: Context): Language => preferredLanguage(c.req.header("accept-language"));

export const say = (c: Context, text: Text): string => text[language(c)];
