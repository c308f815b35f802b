/**
 * How one agency splits one piece of work into packages: by stage (the design, the supervision and the works of one
 * project), by lot ("Paket 1" / "Paket 2", "Tahap II", "Lanjutan") and by unit ("Sumur Dangkal 60M" / "Sumur Dangkal
 * 80M"). Two lines of one agency that differ in any of these are parts of one plan, not the same money twice; two
 * agencies' lines are not compared this way (one agency's "60M" well and a kecamatan's "80M" well in the same desa
 * are still worth a forum). Read once per subject, from the text as written.
 */

export type WorkStage = "perencanaan" | "pengawasan" | "pelaksanaan";

export interface WorkParts {
  /** The stages the line names; a line naming neither design nor supervision is the works. */
  stages: readonly WorkStage[];
  /** Lot markers as a planner reads them ("Paket 2", "Tahap II", "Lanjutan", "(1)"), lower case. */
  lots: readonly string[];
  /** Sizes with their unit ("60 m", "2000 l"). */
  sizes: readonly string[];
}

const DESIGN = /\b(?:perencanaan|perencana|rencana teknis|ded|desain|design|masterplan|master plan|studi kelayakan|feasibility study)\b/;
const SUPERVISION = /\b(?:pengawasan|pengawas|supervisi)\b/;
const LOT = /\b(paket|pkt|lot|tahap|tersebar|segmen|seksi|zona)\s*[.:]?\s*(\d{1,3}|[ivx]{1,5})\b|\b(lanjutan)\b|\(\s*(\d{1,2})\s*\)/g;
const SIZE = /(\d+(?:[.,]\d+)?)\s*(m2|m3|m|meter|mtr|km|ha|l|liter|ltr|watt)\b/g;
const UNIT: Readonly<Record<string, string>> = { meter: "m", mtr: "m", liter: "l", ltr: "l" };
const ROMAN: Readonly<Record<string, string>> = { i: "1", ii: "2", iii: "3", iv: "4", v: "5", vi: "6", vii: "7", viii: "8", ix: "9", x: "10" };

export function workParts(text: string): WorkParts {
  const lower = text.toLowerCase();
  const stages: WorkStage[] = [];
  if (DESIGN.test(lower)) stages.push("perencanaan");
  if (SUPERVISION.test(lower)) stages.push("pengawasan");
  if (stages.length === 0) stages.push("pelaksanaan");
  const lots = new Set<string>();
  for (const m of lower.matchAll(LOT)) {
    if (m[3] !== undefined) lots.add("lanjutan");
    else if (m[4] !== undefined) lots.add(`(${Number(m[4])})`);
    else {
      const kind = m[1] === "pkt" || m[1] === "lot" ? "paket" : m[1] === "seksi" ? "segmen" : m[1]!;
      const number = ROMAN[m[2]!] ?? String(Number(m[2]));
      if (number !== "NaN") lots.add(`${kind} ${number}`);
    }
  }
  const sizes = new Set<string>();
  for (const m of lower.matchAll(SIZE)) sizes.add(`${Number(m[1]!.replace(",", "."))} ${UNIT[m[2]!] ?? m[2]}`);
  return { stages, lots: [...lots].sort(), sizes: [...sizes].sort() };
}

const list = (items: readonly string[], none: string) => (items.length > 0 ? items.join(", ") : none);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Why two lines of one agency are different parts of its plan, in a planner's words, or null. Stages differ when
 * they share none; lots differ when the markers differ, a marker on one side only included ("Paket 2" against the
 * unmarked line); sizes differ when both state one in the same unit and none agrees.
 */
export function differentParts(a: WorkParts, b: WorkParts): string | null {
  if (!a.stages.some((s) => b.stages.includes(s))) return `tahap berbeda dari satu pekerjaan: ${a.stages.join(", ")} / ${b.stages.join(", ")}`;
  if (!sameSet(a.lots, b.lots)) return `paket berbeda: ${list(a.lots, "tanpa nomor paket")} / ${list(b.lots, "tanpa nomor paket")}`;
  const units = (sizes: readonly string[]) => new Set(sizes.map((s) => s.split(" ")[1]));
  const unitsB = units(b.sizes);
  const shared = [...units(a.sizes)].filter((u) => unitsB.has(u));
  if (shared.length > 0 && !a.sizes.some((s) => b.sizes.includes(s))) return `ukuran berbeda: ${list(a.sizes, "tanpa ukuran")} / ${list(b.sizes, "tanpa ukuran")}`;
  return null;
}
