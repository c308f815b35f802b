/**
 * Bappeda's planning settings of the kabupaten: the year's regional development priorities and their targets
 * (prioritas dan sasaran daerah) that agreed activities are tagged with, and the letterhead of its documents.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { DEFAULT_NUMBER_PATTERN } from "../../../shared/forum/minutes.ts";
import type { LetterheadInput, PrioritiesInput } from "../../../shared/schemas/planning.ts";
import { auditInsert } from "../../storage/audit.ts";
import { nowIso, tryBatch } from "../../storage/database.ts";
import { letterheadOf, prioritiesOf, replacePriorities, upsertLetterhead, type LetterheadRow } from "../../storage/priorities.ts";
import { findRegion } from "../../storage/regions.ts";
import { authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { Refusal } from "../errors.ts";

const view = (rows: Awaited<ReturnType<typeof prioritiesOf>>) => rows.map((r) => ({ code: r.code, position: r.position, priority: r.priority, target: r.target }));

export async function listPriorities(deps: Deps, caller: Principal | undefined, { year }: { year: number }) {
  const principal = authorizeInOwnScope(caller, "agency.read");
  return { year, priorities: view(await prioritiesOf(deps.db, principal.regencyCode, year)) };
}

/** The year's list as given, in that order; a priority left out that still tags an activity is refused (409). */
export async function setPriorities(deps: Deps, caller: Principal | undefined, input: PrioritiesInput) {
  const admin = authorizeInOwnScope(caller, "regency.manage");
  const { db } = deps;
  const now = nowIso();
  const rows = input.priorities.map((p, index) => ({ regencyCode: admin.regencyCode, year: input.year, code: p.code, position: index + 1, priority: p.priority, target: p.target, updatedBy: admin.id, updatedAt: now }));
  const batch = await tryBatch(db, [
    ...replacePriorities(db, admin.regencyCode, input.year, rows),
    auditInsert(db, { regencyCode: admin.regencyCode, actor: admin.id, action: "priorities.set", entityType: "regional_priorities", entityId: `${admin.regencyCode}:${input.year}`, data: { codes: rows.map((r) => r.code) } }),
  ]);
  if (!batch.ok) {
    throw new Refusal(409, "priority_in_use", { id: "Prioritas yang dihapus masih menjadi tanda kegiatan yang disepakati. Ganti dulu tandanya.", en: "A priority left out still tags agreed activities. Retag them first." });
  }
  return listPriorities(deps, admin, { year: input.year });
}

/** The letterhead of the kabupaten's documents: what Bappeda set, or one made from the kabupaten's name. */
export async function letterheadFor(deps: Deps, regencyCode: string): Promise<Omit<LetterheadRow, "updatedBy" | "updatedAt">> {
  const row = await letterheadOf(deps.db, regencyCode);
  if (row) return row;
  const region = await findRegion(deps.db, regencyCode);
  const name = region?.name ?? regencyCode;
  const kind = region?.kind === "kota" ? "KOTA" : "KABUPATEN";
  const bare = name.replace(/^(KABUPATEN|KOTA|KAB\.)\s+/i, "");
  return { regencyCode, lines: JSON.stringify([`PEMERINTAH ${kind} ${bare.toUpperCase()}`, "BADAN PERENCANAAN PEMBANGUNAN DAERAH"]), place: titleCase(bare), numberPattern: DEFAULT_NUMBER_PATTERN, logo: null, logoType: null };
}

const titleCase = (text: string) => text.toLowerCase().replace(/(^|\s)\S/g, (c) => c.toUpperCase());

export function letterheadView(row: Omit<LetterheadRow, "updatedBy" | "updatedAt">) {
  return { lines: JSON.parse(row.lines) as string[], place: row.place, numberPattern: row.numberPattern, logo: row.logo && row.logoType ? { contentType: row.logoType, base64: row.logo } : null };
}

export async function readLetterhead(deps: Deps, caller: Principal | undefined) {
  const principal = authorizeInOwnScope(caller, "agency.read");
  return letterheadView(await letterheadFor(deps, principal.regencyCode));
}

export async function setLetterhead(deps: Deps, caller: Principal | undefined, input: LetterheadInput) {
  const admin = authorizeInOwnScope(caller, "regency.manage");
  const row: LetterheadRow = {
    regencyCode: admin.regencyCode,
    lines: JSON.stringify(input.lines),
    place: input.place,
    numberPattern: input.numberPattern ?? DEFAULT_NUMBER_PATTERN,
    logo: input.logo?.base64 ?? null,
    logoType: input.logo?.contentType ?? null,
    updatedBy: admin.id,
    updatedAt: nowIso(),
  };
  await deps.db.batch([
    upsertLetterhead(deps.db, row),
    auditInsert(deps.db, { regencyCode: admin.regencyCode, actor: admin.id, action: "letterhead.set", entityType: "letterhead", entityId: admin.regencyCode, data: { lines: input.lines, place: input.place, logo: !!input.logo } }),
  ]);
  return letterheadView(row);
}
