/** How a scenario's outcomes and changes are told to people (console pages and the XLSX say the same). */
import { rupiah } from "../format.ts";
import type { Language } from "../i18n.ts";
import type { EnvelopeChange, FairnessRules } from "./scenario.ts";

export interface OutcomeFacts {
  fundedBefore: boolean;
  after: "excluded" | "floor" | "quota" | "priority";
  cost: number;
  agencyRoom: number | null;
  districtRoom: number | null;
  agencyName: string | null;
  districtName: string;
}

/** Why a proposal is funded or falls out under the scenario, in a planner's words. */
export function outcomeReason(o: OutcomeFacts, lang: Language = "id"): string {
  const en = lang === "en";
  if (o.after === "floor") return en ? `Funded: the kecamatan's floor (${o.districtName})` : `Didanai: batas minimum kecamatan ${o.districtName}`;
  if (o.after === "quota") return en ? "Funded: the thematic group's quota" : "Didanai: kuota kelompok sasaran";
  if (o.after === "priority") return en ? "Funded by priority" : "Didanai menurut prioritas";
  const parts: string[] = [];
  const short = (room: number) => rupiah(o.cost - room);
  if (o.agencyRoom !== null) parts.push(en ? `the envelope of ${o.agencyName ?? "the agency"} has ${rupiah(o.agencyRoom)} left, ${short(o.agencyRoom)} short` : `pagu ${o.agencyName ?? "OPD"} tinggal ${rupiah(o.agencyRoom)}, kurang ${short(o.agencyRoom)}`);
  if (o.districtRoom !== null) parts.push(en ? `the envelope of Kecamatan ${o.districtName} has ${rupiah(o.districtRoom)} left, ${short(o.districtRoom)} short` : `pagu Kecamatan ${o.districtName} tinggal ${rupiah(o.districtRoom)}, kurang ${short(o.districtRoom)}`);
  return (en ? "Falls out: " : "Tersisih: ") + parts.join(en ? "; " : "; ");
}

/** One envelope change in words; `names` turns agency ids and kecamatan codes into names. */
export function changeText(c: EnvelopeChange, names: ReadonlyMap<string, string>, lang: Language = "id"): string {
  const en = lang === "en";
  const what =
    c.kind === "all" ? (en ? "All envelopes" : "Semua pagu") : c.target === undefined ? (c.kind === "agency" ? (en ? "Every agency envelope" : "Semua pagu OPD") : en ? "Every kecamatan envelope" : "Semua pagu kecamatan") : `${c.kind === "agency" ? (en ? "Envelope of" : "Pagu") : en ? "Envelope of Kecamatan" : "Pagu Kecamatan"} ${names.get(c.target) ?? c.target}`;
  if (c.amount !== undefined) return `${what} ${en ? "set to" : "menjadi"} ${rupiah(c.amount)}`;
  const percent = c.percent ?? 0;
  return `${what} ${percent < 0 ? (en ? "cut by" : "dipotong") : en ? "raised by" : "dinaikkan"} ${Math.abs(percent).toLocaleString(en ? "en" : "id-ID")}%`;
}

/** The fairness rules in words, one line each. */
export function rulesText(rules: FairnessRules, names: ReadonlyMap<string, string>, lang: Language = "id"): string[] {
  const en = lang === "en";
  const minimum = (r: { minCount?: number | undefined; minRupiah?: number | undefined }) =>
    [r.minCount ? (en ? `${r.minCount} proposals` : `${r.minCount} usulan`) : "", r.minRupiah ? rupiah(r.minRupiah) : ""].filter(Boolean).join(en ? " and " : " dan ");
  return [
    ...(rules.floors ?? []).map((f) => (en ? `Floor for ${f.districtCode ? `Kecamatan ${names.get(f.districtCode) ?? f.districtCode}` : "every kecamatan"}: at least ${minimum(f)}` : `Batas minimum ${f.districtCode ? `Kecamatan ${names.get(f.districtCode) ?? f.districtCode}` : "setiap kecamatan"}: paling sedikit ${minimum(f)}`)),
    ...(rules.quotas ?? []).map((q) => (en ? `Quota for ${q.group}: at least ${minimum(q)}` : `Kuota ${q.group}: paling sedikit ${minimum(q)}`)),
    ...(rules.weights ? [en ? `Priority weights: kecamatan rank ${rules.weights.districtRank}, village rank ${rules.weights.villageRank}, cost per beneficiary ${rules.weights.costPerBeneficiary}` : `Bobot prioritas: peringkat kecamatan ${rules.weights.districtRank}, peringkat desa ${rules.weights.villageRank}, biaya per penerima manfaat ${rules.weights.costPerBeneficiary}`] : []),
  ];
}
