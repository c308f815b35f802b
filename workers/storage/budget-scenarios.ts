/**
 * Budget scenarios: the scenarios themselves, the year's proposals read in pages for a run, and what a run decided
 * (per proposal, per kecamatan and per desa). Outcomes are written many rows per statement (a JSON array expanded
 * by json_each, two bound parameters), so a province's 300,000 proposals take about 150 statements, not the
 * 15,000 that D1's 100 parameters per statement would need row by row.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { budgetEnvelopes, budgetScenarioOutcomes, budgetScenarios, budgetScenarioTallies } from "../../shared/db/schema.ts";
import { ACCEPTED_STATUSES, STATUSES, type Status } from "../../shared/proposals/lifecycle.ts";
import { abortUnless, abortUnlessRow, type Database } from "./database.ts";

export type ScenarioRow = typeof budgetScenarios.$inferSelect;

export const insertScenario = (db: Database, row: typeof budgetScenarios.$inferInsert) => db.insert(budgetScenarios).values(row);

export async function scenarioById(db: Database, id: string): Promise<ScenarioRow | undefined> {
  return db.query.budgetScenarios.findFirst({ where: eq(budgetScenarios.id, id) });
}

export async function scenariosOf(db: Database, regencyCode: string, year?: number) {
  return db
    .select()
    .from(budgetScenarios)
    .where(and(eq(budgetScenarios.regencyCode, regencyCode), year === undefined ? undefined : eq(budgetScenarios.year, year)))
    .orderBy(desc(budgetScenarios.createdAt))
    .limit(200);
}

/** The scenario is still at `version` and in a state that allows the change (not running, not applied). */
export const guardScenario = (db: Database, id: string, version: number, guard: string, statuses: readonly ScenarioRow["status"][]) =>
  abortUnlessRow(db, guard, budgetScenarios, and(eq(budgetScenarios.id, id), eq(budgetScenarios.version, version), sql`${budgetScenarios.status} IN (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})`));

export const updateScenario = (db: Database, id: string, version: number, set: Partial<typeof budgetScenarios.$inferInsert>) =>
  db.update(budgetScenarios).set(set).where(and(eq(budgetScenarios.id, id), eq(budgetScenarios.version, version)));

/** Touches only the run it belongs to: a newer run (or an edit that started one) makes an older run's writes no-ops. */
export const updateRun = (db: Database, id: string, runId: string, set: Partial<typeof budgetScenarios.$inferInsert>) =>
  db.update(budgetScenarios).set(set).where(and(eq(budgetScenarios.id, id), eq(budgetScenarios.runId, runId)));

/** The year's envelopes as they are now, with when each last changed. */
export async function envelopesOfYear(db: Database, regencyCode: string, year: number) {
  return db.select({ kind: budgetEnvelopes.kind, target: budgetEnvelopes.target, amount: budgetEnvelopes.amount, updatedAt: budgetEnvelopes.updatedAt }).from(budgetEnvelopes).where(and(eq(budgetEnvelopes.regencyCode, regencyCode), eq(budgetEnvelopes.year, year)));
}

/** Rolls an apply back when any envelope of the year changed after the scenario ran (its result no longer holds). */
export const guardEnvelopesUnchangedSince = (db: Database, regencyCode: string, year: number, since: string) =>
  abortUnless(db, "envelopes_changed", sql`NOT EXISTS (SELECT 1 FROM ${budgetEnvelopes} WHERE ${budgetEnvelopes.regencyCode} = ${regencyCode} AND ${budgetEnvelopes.year} = ${year} AND ${budgetEnvelopes.updatedAt} > ${since})`);

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/** Every proposal still in the running for the year's money: from submitted to accepted (not merged, rejected, withdrawn or carried over). */
export const COMPETING_STATUSES = (Object.keys(STATUSES) as Status[]).filter((s) => !["merged", "rejected", "withdrawn", "carried_over"].includes(s));

/** One proposal as a run reads it: [rowid, created_at, cost, agency, kecamatan, desa, kecamatan rank, desa rank, beneficiaries, group, id]. */
export type YearRow = [number, string, number, string, string, string, number | null, number | null, number | null, string | null, string];

/**
 * A page of the year's competing proposals (COMPETING_STATUSES), in creation order. The cost is the one it competes
 * with (what was accepted; before that the kecamatan's recommendation, or what the desa asked: competingCost in
 * shared/proposals/recommendations.ts says the same); the agency is the one it was routed to (the accepting one
 * first), or before routing the one its sub-activity code names (program U.BB.PP over bidang U.BB, looked up by key
 * rather than by LIKE: 300,000 proposals × 40 prefixes read 12 million rows), or "" for none.
 */
export async function yearPage(db: Database, regencyCode: string, year: number, after: { createdAt: string; id: string }, limit: number): Promise<YearRow[]> {
  return db.$client
    .prepare(
      `SELECT p.rowid, p.created_at,
         CASE WHEN p.status IN (${quoted(ACCEPTED_STATUSES)}) THEN p.estimated_cost
              ELSE coalesce((SELECT r.cost FROM proposal_recommendations r WHERE r.proposal_id = p.id AND r.level = 'kecamatan' AND r.source = ''), p.estimated_cost) END,
         coalesce(
           (SELECT t.agency_id FROM review_tasks t WHERE t.proposal_id = p.id AND t.kind = 'agency_review' AND t.status != 'cancelled' ORDER BY t.decision IN (${quoted(ACCEPTED_STATUSES)}) DESC, t.agency_id LIMIT 1),
           (SELECT ar.agency_id FROM agency_responsibilities ar WHERE ar.regency_code = p.regency_code AND ar.code_prefix IN (substr(p.sub_activity_code, 1, 7), substr(p.sub_activity_code, 1, 4)) ORDER BY length(ar.code_prefix) DESC LIMIT 1),
           ''),
         p.district_code, p.village_code, p.district_rank, p.village_rank, p.beneficiary_count, p.beneficiary_group, p.id
       FROM proposals p
       WHERE p.regency_code = ?1 AND p.year = ?2 AND p.status IN (${quoted(COMPETING_STATUSES)}) AND (p.created_at, p.id) > (?3, ?4)
       ORDER BY p.created_at, p.id LIMIT ?5`,
    )
    .bind(regencyCode, year, after.createdAt, after.id, limit)
    .raw<YearRow>();
}

/** One outcome as a run writes it: [proposal rowid, position, agency, cost, funded before (0/1), after (0 excluded, 1 floor, 2 quota, 3 priority), agency room, kecamatan room]. */
export type OutcomeCells = [number, number, string, number, 0 | 1, number, number | null, number | null];

/** Many outcomes in one statement (a retried step writes the same rows again, replacing them); the proposal's id, kecamatan and desa come from the proposal itself (by rowid, read moments before in the same step). */
export const insertOutcomes = (db: Database, runId: string, rows: readonly OutcomeCells[]) =>
  db.$client
    .prepare(
      `INSERT OR REPLACE INTO budget_scenario_outcomes (run_id, proposal_id, position, district_code, village_code, agency_id, cost, funded_before, after, agency_room, district_room)
       SELECT ?1, p.id, j.value ->> 1, p.district_code, p.village_code, j.value ->> 2, j.value ->> 3, j.value ->> 4,
              CASE j.value ->> 5 WHEN 0 THEN 'excluded' WHEN 1 THEN 'floor' WHEN 2 THEN 'quota' ELSE 'priority' END, j.value ->> 6, j.value ->> 7
       FROM json_each(?2) j JOIN proposals p ON p.rowid = j.value ->> 0`,
    )
    .bind(runId, JSON.stringify(rows));

/** [level, code, kecamatan, before count, before rupiah, after count, after rupiah] */
export type TallyCells = ["district" | "village", string, string, number, number, number, number];

export const insertTallies = (db: Database, runId: string, rows: readonly TallyCells[]) =>
  db.$client
    .prepare(
      `INSERT OR REPLACE INTO budget_scenario_tallies (run_id, level, code, district_code, before_count, before_rupiah, after_count, after_rupiah)
       SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6 FROM json_each(?2) j`,
    )
    .bind(runId, JSON.stringify(rows));

/** Deletes up to `limit` rows of an old run; true when none are left. */
export async function deleteRunPart(db: Database, runId: string, limit: number): Promise<boolean> {
  const [outcomes, tallies] = await db.$client.batch([
    db.$client.prepare("DELETE FROM budget_scenario_outcomes WHERE rowid IN (SELECT rowid FROM budget_scenario_outcomes WHERE run_id = ? LIMIT ?)").bind(runId, limit),
    db.$client.prepare("DELETE FROM budget_scenario_tallies WHERE rowid IN (SELECT rowid FROM budget_scenario_tallies WHERE run_id = ? LIMIT ?)").bind(runId, limit),
  ]);
  return (outcomes?.meta.changes ?? 0) < limit && (tallies?.meta.changes ?? 0) < limit;
}

export type OutcomeFilter = "excluded" | "changed" | "all";

/** A page of a run's outcomes in the scenario's priority order, with what a person needs to recognise each proposal. */
export async function outcomePage(db: Database, runId: string, filter: { districtCode?: string | undefined; show: OutcomeFilter; after?: number | undefined; limit: number }) {
  const o = budgetScenarioOutcomes;
  const shown = filter.show === "excluded" ? eq(o.after, "excluded") : filter.show === "changed" ? sql`(${o.fundedBefore} = 1) != (${o.after} != 'excluded')` : undefined;
  return db
    .select({
      proposalId: o.proposalId,
      position: o.position,
      districtCode: o.districtCode,
      villageCode: o.villageCode,
      agencyId: o.agencyId,
      cost: o.cost,
      fundedBefore: o.fundedBefore,
      after: o.after,
      agencyRoom: o.agencyRoom,
      districtRoom: o.districtRoom,
      trackingCode: sql<string>`(SELECT tracking_code FROM proposals WHERE id = ${o.proposalId})`,
      activity: sql<string>`(SELECT activity FROM proposals WHERE id = ${o.proposalId})`,
      villageName: sql<string>`(SELECT name FROM regions WHERE code = ${o.villageCode})`,
      districtName: sql<string>`(SELECT name FROM regions WHERE code = ${o.districtCode})`,
      agencyName: sql<string | null>`(SELECT name FROM agencies WHERE id = ${o.agencyId})`,
    })
    .from(o)
    .where(and(eq(o.runId, runId), filter.districtCode ? eq(o.districtCode, filter.districtCode) : undefined, filter.after === undefined ? undefined : sql`${o.position} > ${filter.after}`, shown))
    .orderBy(o.position)
    .limit(filter.limit);
}

/** A run's tallies of one level (every kecamatan, or one kecamatan's desa), with names. */
export async function talliesOf(db: Database, runId: string, level: "district" | "village", districtCode?: string) {
  const t = budgetScenarioTallies;
  return db
    .select({ code: t.code, districtCode: t.districtCode, name: sql<string>`coalesce((SELECT r.name FROM regions r WHERE r.code = budget_scenario_tallies.code), budget_scenario_tallies.code)`, beforeCount: t.beforeCount, beforeRupiah: t.beforeRupiah, afterCount: t.afterCount, afterRupiah: t.afterRupiah })
    .from(t)
    .where(and(eq(t.runId, runId), eq(t.level, level), districtCode ? eq(t.districtCode, districtCode) : undefined))
    .orderBy(t.code);
}
