/** Proposals and people for simulated lifecycles (test/support/workflow-harness.ts): the replay tests and the steps bench. */
import { env } from "cloudflare:workers";
import type { WorkflowEvent, WorkflowStep } from "cloudflare:workers";
import type { Principal } from "../../shared/access/roles.ts";
import { ProposalLifecycle } from "../../workers/index.ts";
import { depsOf } from "../../workers/usecases/deps.ts";
import { decideTask } from "../../workers/usecases/reviews/decide.ts";
import { DEMO } from "./principals.ts";
import { verifiedProposal } from "./routing.ts";
import type { SimulatedInstance } from "./workflow-harness.ts";

export const person = (role: Principal["role"], scopeCode: string): Principal => ({ kind: "account", id: `acc_${role}_${scopeCode}`, name: `Uji ${role}`, role, regencyCode: DEMO.regency, scopeCode });
export const verifier = person("district_verifier", DEMO.district);
export const pupr = person("agency_reviewer", DEMO.agency);

/** A proposal as intake leaves it (its lifecycle opens the verification task). */
export async function submitted(activity: string, code: string): Promise<string> {
  const id = await verifiedProposal(activity, code);
  await env.DB.prepare("UPDATE proposals SET status = 'submitted', stage = 'desa' WHERE id = ?").bind(id).run();
  return id;
}

async function taskOf(proposalId: string, kind: string): Promise<string> {
  return (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = ?").bind(proposalId, kind).first<{ id: string }>())!.id;
}

/** In the simulation, a person decides a task at a virtual time, through the same use case as the web page. */
export function decides(instance: SimulatedInstance, at: number, who: Principal, proposalId: string, kind: string, decision: Record<string, unknown>) {
  instance.schedule(at, async () => {
    await decideTask(depsOf(instance.env), who, { taskId: await taskOf(proposalId, kind), decision: decision as never });
  });
}

/**
 * The class as the runtime would run it, with the simulation's bindings; built without its constructor, which only
 * accepts the runtime's own ExecutionContext.
 */
export function workflowOf<W extends object>(cls: { prototype: W }, bindings: object): W {
  return Object.assign(Object.create(cls.prototype) as W, { env: bindings, ctx: {} });
}

export const lifecycleRun = (instance: SimulatedInstance) => (event: WorkflowEvent<{ proposalId: string }>, step: WorkflowStep) => workflowOf(ProposalLifecycle, instance.env).run(event, step);
