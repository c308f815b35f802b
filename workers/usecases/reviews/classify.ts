/** The kecamatan or Bappeda corrects the codes a proposal routes on, before it is routed (or from triage). */
import type { Principal } from "../../../shared/access/roles.ts";
import { isEditable } from "../../../shared/proposals/lifecycle.ts";
import { auditInsert } from "../../storage/audit.ts";
import { runBatch } from "../../storage/database.ts";
import { replaceClassification } from "../../storage/reviews.ts";
import type { Deps } from "../deps.ts";
import { Refusal } from "../errors.ts";
import { proposalFor } from "../proposals/read.ts";
import { checkSubActivity } from "../proposals/submit.ts";

const alreadyRouted = new Refusal(409, "already_routed", { id: "Usulan ini sudah diteruskan ke OPD.", en: "This proposal was already routed." });

export async function classifyProposal(deps: Deps, caller: Principal | undefined, { proposalId, subActivityCodes }: { proposalId: string; subActivityCodes: string[] }) {
  const { row, principal } = await proposalFor(deps, caller, proposalId, "proposal.verify");
  if (!isEditable(row.status) && row.status !== "triage") throw alreadyRouted;
  const { db } = deps;
  for (const [index, code] of subActivityCodes.entries()) await checkSubActivity(db, deps.lang, code, `subActivityCodes.${index}`);
  await runBatch(db, [
    ...replaceClassification(db, proposalId, subActivityCodes, `dikoreksi oleh ${principal.name}`),
    auditInsert(db, { regencyCode: row.regencyCode, actor: principal.id, action: "proposal.classified", entityType: "proposal", entityId: proposalId, data: { codes: subActivityCodes } }),
  ]);
  return { proposalId, subActivityCodes };
}
