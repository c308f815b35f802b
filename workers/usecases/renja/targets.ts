/** The refusal of an acceptance whose target is missing while the units differ: shared by agencies' and the forum's decisions. */
import type { Language } from "../../../shared/i18n.ts";
import { invalidInput, Refusal } from "../errors.ts";

const decimal = (n: number, lang: Language) => n.toLocaleString(lang === "id" ? "id-ID" : "en-US", { maximumFractionDigits: 6 });

export function targetRequired(lang: Language, path: string, facts: { volume: number; volumeUnit: string; indicatorUnit: string; suggestion: number | null }) {
  const { volume, volumeUnit, indicatorUnit, suggestion } = facts;
  const message =
    lang === "id"
      ? `Satuan usulan (${volumeUnit}) berbeda dengan satuan indikator keluaran (${indicatorUnit}): isi target dalam ${indicatorUnit}.` +
        (suggestion !== null ? ` Saran: ${decimal(suggestion, lang)} ${indicatorUnit} (dari ${decimal(volume, lang)} ${volumeUnit}).` : "")
      : `The proposal's unit (${volumeUnit}) is not the output indicator's (${indicatorUnit}): give the target in ${indicatorUnit}.` +
        (suggestion !== null ? ` Suggested: ${decimal(suggestion, lang)} ${indicatorUnit} (from ${decimal(volume, lang)} ${volumeUnit}).` : "");
  const { status, code, text, fields } = invalidInput([{ path, code: "target_required", message }]);
  return new Refusal(status, code, text, { fields, details: { indicatorUnit, volume, volumeUnit, suggestedTarget: suggestion } });
}
