/**
 * The kabupaten's agencies and what each carries: anyone in the kabupaten reads the list; Bappeda replaces it
 * whole from its CSV (or the same rows as JSON), checked row by row, all or nothing, audited.
 */
import { agencyId, agencyRecordsFromCsv, agencyRecordsFromList, validateAgencies, type AgencyDefinition } from "../../../shared/agencies/agencies.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { agenciesWithPrefixes, nomenclaturePrefixes, openTaskCounts, replaceAgencies } from "../../storage/agencies.ts";
import { auditInsert } from "../../storage/audit.ts";
import { runBatch } from "../../storage/database.ts";
import { authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { Refusal } from "../errors.ts";

export type AgencyListSource = { csv: string } | { list: readonly AgencyDefinition[] };

export async function listAgencies(deps: Deps, caller: Principal | undefined) {
  const principal = authorizeInOwnScope(caller, "agency.read");
  return agenciesWithPrefixes(deps.db, principal.regencyCode);
}

/**
 * The kabupaten's agencies become the list given. Agencies left out are kept, inactive, with their review tasks
 * (still theirs to decide); from now on routing sends their codes to whoever carries them in the new list, or to
 * Bappeda's triage. The answer says which agencies left and how many open tasks each still holds.
 */
export async function setAgencies(deps: Deps, caller: Principal | undefined, source: AgencyListSource) {
  const admin = authorizeInOwnScope(caller, "agency.manage");
  const { db, lang } = deps;
  const given = "csv" in source ? agencyRecordsFromCsv(source.csv, lang) : { records: agencyRecordsFromList(source.list), issues: [] };
  const checked = validateAgencies(given.records, await nomenclaturePrefixes(db), lang, given.issues);
  if (!checked.agencies) {
    throw new Refusal(
      422,
      "agencies_invalid",
      { id: "Daftar OPD ditolak, tidak ada yang disimpan: perbaiki baris yang disebut lalu kirim lagi.", en: "The agency list was refused and nothing was saved: fix the rows named and send it again." },
      { fields: checked.issues },
    );
  }
  const regencyCode = admin.regencyCode;
  const before = await agenciesWithPrefixes(db, regencyCode);
  const ids = new Set(checked.agencies.map((a) => agencyId(regencyCode, a.shortName)));
  const leaving = before.filter((a) => a.active && !ids.has(a.id));
  const openTasks = await openTaskCounts(db, leaving.map((a) => a.id));
  const known = new Set(before.map((a) => a.id));
  const summary = {
    agencies: checked.agencies.length,
    responsibilities: checked.agencies.reduce((n, a) => n + a.codePrefixes.length, 0),
    added: [...ids].filter((id) => !known.has(id)),
    deactivated: leaving.map((a) => ({ id: a.id, shortName: a.shortName, openTasks: openTasks.get(a.id) ?? 0 })),
  };
  await runBatch(db, [
    ...replaceAgencies(db, regencyCode, checked.agencies),
    auditInsert(db, { regencyCode, actor: admin.id, action: "agencies.replaced", entityType: "regency", entityId: regencyCode, data: summary }),
  ]);
  return summary;
}
