/**
 * A proposal as its readers see it: everything the village sent, what each level recommended and its whole story.
 * The operator's page, the kecamatan's and agencies' pages and `GET /api/v1/proposals/{id}` read it here; the public
 * tracking page reads the same story without names.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { STAGES, STATUSES, type Stage, type Status } from "../../../shared/proposals/lifecycle.ts";
import { buildStory } from "../../../shared/proposals/story.ts";
import type { ProposalDetail } from "../../../shared/schemas/proposals.ts";
import { proposalAttachments, proposalView, type ProposalRow } from "../../storage/proposals.ts";
import { pokirOf } from "../../storage/channels.ts";
import { recommendationsOf } from "../../storage/recommendations.ts";
import { storyFacts } from "../../storage/story.ts";
import { findProposalByTrackingCode } from "../../storage/tracking.ts";
import type { Deps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { proposalFor } from "./read.ts";

/** The last proposal this one was merged into, from its story. */
const mergedIntoOf = (row: ProposalRow, history: { mergedInto?: string | undefined }[]) => (row.status === "merged" ? (history.findLast((s) => s.mergedInto)?.mergedInto ?? null) : null);

/** The detail of a proposal the caller may read (404 otherwise), with names in the story for this signed-in reader. */
export async function proposalDetail(deps: Deps, caller: Principal | undefined, id: string): Promise<{ principal: Principal; row: ProposalRow; memberId: string | null; detail: ProposalDetail }> {
  const { row, principal, memberId } = await proposalFor(deps, caller, id, "proposal.read");
  const [attachments, facts, recommendations, pokir] = await Promise.all([proposalAttachments(deps.db, id), storyFacts(deps.db, row), recommendationsOf(deps.db, [id]), row.channel === "pokir" ? pokirOf(deps.db, id) : undefined]);
  const history = buildStory(facts, { lang: deps.lang, withNames: true });
  return {
    principal,
    row,
    memberId,
    detail: {
      ...proposalView(row, attachments),
      pokir: pokir ? { memberId: pokir.memberId, memberName: pokir.memberName, fraksi: pokir.fraksi, dapil: pokir.dapil, resesDate: pokir.resesDate, resesPlace: pokir.resesPlace } : null,
      villageName: facts.villageName,
      districtName: facts.districtName,
      mergedInto: mergedIntoOf(row, history),
      recommendations: (recommendations.get(id) ?? []).map(({ decidedBy: _by, ...r }) => (r.source ? { ...r, sourceName: facts.agencyNames[r.source] ?? r.source } : r)),
      history,
    },
  };
}

/** The public view of a proposal by its tracking code: what was asked, where, and every step with its reason; no names. */
export async function trackProposal(deps: Deps, code: string) {
  const row = await findProposalByTrackingCode(deps.db, code);
  if (!row) throw notFound;
  const facts = await storyFacts(deps.db, row);
  const history = buildStory(facts, { lang: deps.lang, withNames: false });
  return {
    trackingCode: row.trackingCode,
    activity: row.activity,
    village: facts.villageName,
    district: facts.districtName,
    year: row.year,
    stage: STAGES[row.stage as Stage]?.[deps.lang] ?? row.stage,
    status: STATUSES[row.status as Status]?.[deps.lang] ?? row.status,
    mergedInto: mergedIntoOf(row, history),
    history,
  };
}
