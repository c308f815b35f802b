/**
 * The figures behind Bappeda's pictures, as numbers (the API) and as the console draws them: envelopes used and
 * remaining, the stage funnel, overlap clusters by budget at stake, and each kecamatan's proposals and pagu.
 * Bappeda's alone: they name every agency's and kecamatan's money and the competing proposals.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { funnelCounts } from "../../../shared/proposals/funnel.ts";
import { isAccepted } from "../../../shared/proposals/lifecycle.ts";
import { agencyList } from "../../storage/agencies.ts";
import { envelopesWithRoom } from "../../storage/budget.ts";
import { proposalTallies, renjaProposalCount } from "../../storage/figures.ts";
import { districtsOf } from "../../storage/regions.ts";
import { authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { overlapClusters } from "../overlaps/overlaps.ts";

export interface YearQuery {
  year: number;
}

const bappeda = (caller: Principal | undefined) => authorizeInOwnScope(caller, "forum.manage");

/** Every envelope of the year with its name, what accepted proposals use and what is left; agencies, then kecamatan. */
export async function envelopeFigures(deps: Deps, caller: Principal | undefined, { year }: YearQuery) {
  const { regencyCode } = bappeda(caller);
  const [rows, agencies, districts] = await Promise.all([envelopesWithRoom(deps.db, regencyCode, year), agencyList(deps.db, regencyCode), districtsOf(deps.db, regencyCode)]);
  const names = new Map([...agencies.map((a) => [a.id, a.name] as const), ...districts.map((d) => [d.code, d.name] as const)]);
  const named = rows.map((e) => ({ kind: e.kind, target: e.target, name: names.get(e.target) ?? e.target, amount: e.amount, used: e.used, remaining: e.remaining }));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "id");
  return { year, agencies: named.filter((e) => e.kind === "agency").sort(byName), districts: named.filter((e) => e.kind === "district").sort(byName) };
}

/** How many of the year's proposals reached each step from the village's submission to the Renja. */
export async function stageFigures(deps: Deps, caller: Principal | undefined, { year }: YearQuery) {
  const { regencyCode } = bappeda(caller);
  const [tallies, inRenja] = await Promise.all([proposalTallies(deps.db, regencyCode, year), renjaProposalCount(deps.db, regencyCode, year)]);
  return { year, steps: funnelCounts(tallies, inRenja, deps.lang) };
}

/** The open overlap clusters, biggest budget at stake first, each named by its largest proposal. */
export async function overlapFigures(deps: Deps, caller: Principal | undefined, { year }: YearQuery) {
  const clusters = await overlapClusters(deps, bappeda(caller), { year });
  return {
    year,
    clusters: clusters.map((c) => {
      const proposals = [...new Map(c.flags.flatMap((f) => f.proposals.map((p) => [p.id, p] as const))).values()].sort((a, b) => b.estimatedCost - a.estimatedCost);
      return { id: c.id, title: proposals[0]?.activity ?? "", proposals: proposals.length, pagu: c.pagu };
    }),
  };
}

/** Per kecamatan: proposals, what they ask, what was agreed (at the asked cost), and its envelope when one is set. */
export async function districtFigures(deps: Deps, caller: Principal | undefined, { year }: YearQuery) {
  const { regencyCode } = bappeda(caller);
  const [tallies, districts, envelopes] = await Promise.all([proposalTallies(deps.db, regencyCode, year), districtsOf(deps.db, regencyCode), envelopesWithRoom(deps.db, regencyCode, year)]);
  return {
    year,
    districts: districts
      .map((d) => {
        const mine = tallies.filter((t) => t.districtCode === d.code);
        const envelope = envelopes.find((e) => e.kind === "district" && e.target === d.code);
        return {
          code: d.code,
          name: d.name,
          proposals: mine.reduce((n, t) => n + t.count, 0),
          askedCost: mine.reduce((n, t) => n + t.cost, 0),
          agreedCost: mine.filter((t) => isAccepted(t.status)).reduce((n, t) => n + t.cost, 0),
          envelope: envelope?.amount ?? null,
        };
      })
      .sort((a, b) => b.askedCost - a.askedCost || a.name.localeCompare(b.name, "id")),
  };
}
