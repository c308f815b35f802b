/** Each proposal's durable lifecycle, one Workflow instance per proposal (instance id = proposal id). */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import type { Env } from "../env.ts";

export interface ProposalLifecycleParams {
  proposalId: string;
}

export class ProposalLifecycle extends WorkflowEntrypoint<Env, ProposalLifecycleParams> {
  override async run(event: Readonly<WorkflowEvent<ProposalLifecycleParams>>, step: WorkflowStep) {
    const { proposalId } = event.payload;
    const proposal = await step.do("load proposal", async () => {
      const row = await this.env.DB.prepare("SELECT id, status FROM proposals WHERE id = ?").bind(proposalId).first<{
        id: string;
        status: string;
      }>();
      if (!row) throw new Error(`proposal ${proposalId} not found`);
      return row;
    });
    return { proposalId: proposal.id, status: proposal.status };
  }
}
