/**
 * The preview of an import, row by row, without I/O: each row read by its channel's layout, placed in a desa and
 * judged by the same schema as the form and the API (shared/schemas/proposals.ts), its refusals reported in the
 * column the person typed them in. The commit writes exactly the rows this says it will create, and only when it
 * reports no problem and no open choice.
 */
import * as v from "valibot";
import type { Text } from "../i18n.ts";
import type { Gazetteer } from "../overlap/places.ts";
import { fieldIssues } from "../schemas/issues.ts";
import { ProposalInputSchema, type ProposalInput } from "../schemas/proposals.ts";
import { placeRow } from "./places.ts";
import type { VillageRowDraft } from "./rkpdesa.ts";
import { readTable, type ImportLayout, type RowProblem } from "./table.ts";

export interface RowPreview {
  row: number;
  outcome: "create" | "skip" | "error" | "ambiguous";
  activity: string;
  /** Skips: why. */
  message?: Text;
  problems?: RowProblem[];
  /** Created rows: the proposal as the intake will take it, and how its desa was found. */
  input?: ProposalInput;
  placedBy?: "named" | "default";
  /** Ambiguous rows: the desa the lokasi may mean, and the key the person's choice is stored under. */
  choiceKey?: string;
  candidates?: string[];
}

export interface ImportCheck {
  rows: RowPreview[];
  /** Every problem of the file, in row order: the file's own first (a missing column). */
  problems: RowProblem[];
  counts: { rows: number; create: number; skip: number; error: number; ambiguous: number };
}

export interface CheckContext {
  year: number;
  gazetteer: Gazetteer;
  /** The village whose list it is: rows whose lokasi names no desa lie there. */
  villageCode: string;
  choices: Readonly<Record<string, string>>;
  /** Whether the importing person may propose for this desa (the access policy's answer). */
  mayPropose: (villageCode: string) => boolean;
}

const placeProblem = (row: number, code: string, id: string, en: string): RowProblem => ({ row, column: "lokasi", code, message: { id, en } });

export function checkImport(table: readonly (readonly string[])[], layout: ImportLayout<VillageRowDraft>, context: CheckContext): ImportCheck {
  const { records, problems: fileProblems } = readTable(table, layout);
  const rows: RowPreview[] = records.map(({ row, cells }) => {
    const read = layout.readRow(cells, row);
    const activity = cells.jenis_kegiatan ?? "";
    if (read.outcome === "skip") return { row, outcome: "skip", activity, message: read.message };
    if (read.outcome === "error") return { row, outcome: "error", activity, problems: read.problems };
    const { location, ...draft } = read.draft;
    const placement = placeRow(location, context.gazetteer, context.villageCode, context.choices);
    if (placement.kind === "ambiguous") return { row, outcome: "ambiguous", activity, choiceKey: placement.key, candidates: placement.candidates };
    const problems: RowProblem[] = [];
    if (placement.kind === "unknown" || placement.kind === "unplaced") {
      const name = placement.kind === "unknown" ? placement.name : location;
      problems.push(placeProblem(row, "place_unknown", `"${name}" bukan desa/kelurahan di kabupaten ini.`, `"${name}" is not a desa/kelurahan of this kabupaten.`));
    } else if (!context.mayPropose(placement.villageCode)) {
      problems.push(placeProblem(row, "place_out_of_scope", `Desa di lokasi "${location}" di luar wilayah Anda.`, `The desa of "${location}" is outside your scope.`));
    }
    const villageCode = "villageCode" in placement ? placement.villageCode : context.villageCode;
    const parsed = v.safeParse(ProposalInputSchema, {
      ...draft,
      year: context.year,
      villageCode,
      // The lokasi's own words stay with the proposal when they say more than the desa (a hamlet, a street).
      address: placement.kind === "default" && location ? location.slice(0, 300) : null,
    });
    if (!parsed.success) {
      for (const issue of fieldIssues(parsed.issues, "id")) {
        const en = fieldIssues(parsed.issues, "en").find((e) => e.path === issue.path && e.code === issue.code);
        problems.push({ row, column: layout.fieldColumns[issue.path] ?? issue.path, code: issue.code, message: { id: issue.message, en: en?.message ?? issue.message } });
      }
    }
    if (problems.length) return { row, outcome: "error", activity, problems };
    return { row, outcome: "create", activity, input: parsed.output as ProposalInput, placedBy: placement.kind as "named" | "default" };
  });
  const count = (outcome: RowPreview["outcome"]) => rows.filter((r) => r.outcome === outcome).length;
  return {
    rows,
    problems: [...fileProblems, ...rows.flatMap((r) => r.problems ?? [])],
    counts: { rows: rows.length, create: count("create"), skip: count("skip"), error: count("error"), ambiguous: count("ambiguous") },
  };
}

/** Nothing wrong and nothing left to choose: the import may be committed. */
export const readyToCommit = (check: ImportCheck) => check.problems.length === 0 && check.counts.ambiguous === 0 && check.counts.create > 0;
