/**
 * A budget scenario's run, off the request: one step fits the whole year and stores it (the engine's columns hold
 * a province's year in ~50 MB; the step makes ~250 D1 queries), the next clears the run it replaced. Step names are
 * literal and the run id comes in the parameters, so a replay after hibernation repeats nothing.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import type { BudgetScenarioRunParams } from "../../shared/contracts.ts";
import { SCENARIO_STEPS as STEP } from "../../shared/lifecycle/steps.ts";
import type { Env } from "../env.ts";
import { clearRun, failRun, fitAndStore } from "../usecases/budget/scenario-run.ts";
import { depsOf } from "../usecases/deps.ts";

export class BudgetScenarioRun extends WorkflowEntrypoint<Env, BudgetScenarioRunParams> {
  override async run(event: Readonly<WorkflowEvent<BudgetScenarioRunParams>>, step: WorkflowStep) {
    const params = event.payload;
    const deps = depsOf(this.env);
    try {
      const result = await step.do(STEP.fit, { retries: { limit: 2, delay: "5 seconds", backoff: "constant" }, timeout: "10 minutes" }, () => fitAndStore(deps, params));
      const { previousRunId } = params;
      if (result.stored && previousRunId) await step.do(STEP.clearPrevious, () => clearRun(deps, previousRunId));
      return result;
    } catch (error) {
      await step.do(STEP.markFailed, () => failRun(deps, params, error));
      throw error;
    }
  }
}
