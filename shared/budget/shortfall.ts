/**
 * Why an acceptance does not fit, in words: which envelope (the agency's or the kecamatan's, by name) is short and
 * by how much. The reviewer who meets it must know whose money ran out; Bappeda may still accept with a reason.
 */
import { rupiah } from "../format.ts";
import type { Text } from "../i18n.ts";

export interface Shortfall {
  kind: "agency" | "district";
  /** The agency's or the kecamatan's name, e.g. "Dinas PUPR", "Kalianda". */
  name: string;
  amount: number;
  used: number;
}

/** How much the envelope lacks for `cost`: what it would take beyond its amount. */
export const shortBy = (cost: number, e: Shortfall) => Math.max(e.used + cost - e.amount, 0);

const envelopeName = (e: Shortfall) => ({ id: e.kind === "agency" ? `pagu ${e.name}` : `pagu Kecamatan ${e.name}`, en: e.kind === "agency" ? `the envelope of ${e.name} (agency)` : `the envelope of Kecamatan ${e.name}` });

export function shortfallText(cost: number, envelopes: readonly Shortfall[]): Text {
  const parts = envelopes.map((e) => {
    const name = envelopeName(e);
    const room = rupiah(Math.max(e.amount - e.used, 0));
    return {
      id: `${name.id} tersisa ${room}, kurang ${rupiah(shortBy(cost, e))}`,
      en: `${name.en} has ${room} left, ${rupiah(shortBy(cost, e))} short`,
    };
  });
  return {
    id: `Pagu indikatif tidak cukup untuk usulan senilai ${rupiah(cost)}: ${parts.map((p) => p.id).join("; ")}. Bappeda dapat tetap menyetujuinya dengan menuliskan alasan.`,
    en: `The budget envelope cannot take this proposal of ${rupiah(cost)}: ${parts.map((p) => p.en).join("; ")}. Bappeda may still accept it by giving a reason.`,
  };
}
