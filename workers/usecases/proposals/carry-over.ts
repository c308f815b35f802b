/**
 * Carry-over (shared/proposals/carry-over.ts): the village's proposals of last year that ended carried over or
 * rejected are offered when the new year opens; the village keeps one (the same content submitted again through
 * intake, so the lifecycle starts and the audit events are written), changes it (the form prefilled, then intake)
 * or drops it. Each is one guarded batch: two choices about one proposal at once leave exactly one.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import type { Language } from "../../../shared/i18n.ts";
import { planningYear, STATUSES, type Status } from "../../../shared/proposals/lifecycle.ts";
import type { ProposalInput } from "../../../shared/schemas/proposals.ts";
import { auditInsert } from "../../storage/audit.ts";
import { carryOverUnchosen, choiceFor, insertCarryOverChoice, offersFor } from "../../storage/carry-over.ts";
import { tryBatch } from "../../storage/database.ts";
import { findProposal, villagePlace, type ProposalRow } from "../../storage/proposals.ts";
import { authorize } from "../access.ts";
import type { Deps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { carryOverChosen, submitProposal, type Submission, type Submitted } from "./submit.ts";
import { OFFERED_STATUSES } from "../../../shared/proposals/carry-over.ts";

export interface CarryOverOffer {
  id: string;
  trackingCode: string;
  year: number;
  activity: string;
  volume: number;
  unit: string;
  estimatedCost: number;
  status: Status;
  statusLabel: string;
}

/** The offers for a village's year (the planning year by default): its own village for the operator. */
export async function carryOverOffers(deps: Deps, caller: Principal | undefined, { villageCode, year = planningYear(new Date()) }: { villageCode: string; year?: number }): Promise<{ principal: Principal; year: number; offers: CarryOverOffer[] }> {
  const place = await villagePlace(deps.db, villageCode);
  const principal = authorize(caller, "proposal.carry_over", place ?? { regencyCode: "" });
  if (!place) throw notFound;
  const rows = await offersFor(deps.db, villageCode, year);
  return { principal, year, offers: rows.map((r) => offerOf(r, deps.lang)) };
}

const offerOf = (r: ProposalRow, lang: Language): CarryOverOffer => ({
  id: r.id,
  trackingCode: r.trackingCode,
  year: r.year,
  activity: r.activity,
  volume: r.volume,
  unit: r.unit,
  estimatedCost: r.estimatedCost,
  status: r.status as Status,
  statusLabel: STATUSES[r.status as Status]?.[lang] ?? r.status,
});

/** One offer, for the page that confirms a drop or the form that changes it first. */
export async function carryOverOffer(deps: Deps, caller: Principal | undefined, id: string): Promise<{ principal: Principal; offer: CarryOverOffer; row: ProposalRow }> {
  const { principal, row } = await offeredProposal(deps, caller, id);
  return { principal, row, offer: offerOf(row, deps.lang) };
}

/** The offered proposal, for the caller to choose about: 404/403 as the policy says, 409 once chosen. */
export async function offeredProposal(deps: Deps, caller: Principal | undefined, id: string): Promise<{ principal: Principal; row: ProposalRow }> {
  const row = await findProposal(deps.db, id);
  const principal = authorize(caller, "proposal.carry_over", row ?? { regencyCode: "" });
  if (!row || !(OFFERED_STATUSES as readonly string[]).includes(row.status)) throw notFound;
  if (await choiceFor(deps.db, id)) throw carryOverChosen;
  return { principal, row };
}

/** What the proposal asked, as the intake's input for the next year (files are not carried: the village adds new ones). */
export function carriedInput(row: ProposalRow): ProposalInput {
  const input = {
    year: row.year + 1,
    villageCode: row.villageCode,
    problem: row.problem,
    activity: row.activity,
    description: row.description,
    address: row.address,
    rt: row.rt,
    rw: row.rw,
    latitude: row.latitude,
    longitude: row.longitude,
    volume: row.volume,
    unit: row.unit,
    estimatedCost: row.estimatedCost,
    beneficiaryCount: row.beneficiaryCount,
    beneficiaryGroup: row.beneficiaryGroup,
    subActivityCode: row.subActivityCode,
    fundingSource: row.fundingSource,
  };
  // The intake's schema takes absent optional fields, not nulls.
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as ProposalInput;
}

/** Keeps or changes an offered proposal: `submission` (the same content, or the village's changes) goes through intake. */
export async function carryOver(deps: Deps, caller: Principal | undefined, id: string, changed?: Omit<Submission, "carriedFrom">): Promise<Submitted> {
  const { principal, row } = await offeredProposal(deps, caller, id);
  const submission = changed ?? { proposal: carriedInput(row), uploads: [] };
  // The year and the village are the offer's, whatever the form sent.
  const proposal = { ...submission.proposal, year: row.year + 1, villageCode: row.villageCode };
  return submitProposal(deps, principal, { ...submission, proposal, carriedFrom: { id: row.id, trackingCode: row.trackingCode, year: row.year, regencyCode: row.regencyCode } });
}

/** Drops an offered proposal: recorded and audited, never offered again. */
export async function dropCarryOver(deps: Deps, caller: Principal | undefined, id: string): Promise<{ id: string; choice: "dropped"; year: number }> {
  const { principal, row } = await offeredProposal(deps, caller, id);
  const batch = await tryBatch(deps.db, [
    ...carryOverUnchosen(deps.db, id),
    insertCarryOverChoice(deps.db, id, "dropped", null, principal.id),
    auditInsert(deps.db, { regencyCode: row.regencyCode, actor: principal.id, action: "proposal.carry_over_dropped", entityType: "proposal", entityId: id, data: { year: row.year + 1 } }),
  ]);
  if (!batch.ok) throw carryOverChosen;
  return { id, choice: "dropped", year: row.year + 1 };
}
