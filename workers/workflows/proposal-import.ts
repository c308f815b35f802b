/**
 * A large spreadsheet import in the background: one step writes every proposal in one atomic batch (the file is
 * read again from R2), then each step starts the next part's lifecycles, recording progress on the import. A step
 * that fails is retried; the write is guarded on the import still being committed, so a retry writes nothing twice.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import type { ProposalImportParams } from "../../shared/contracts.ts";
import { IMPORT_STEPS as STEP } from "../../shared/lifecycle/steps.ts";
import type { Env } from "../env.ts";
import { depsOf } from "../usecases/deps.ts";
import { LIFECYCLES_PER_STEP, startImported, writeImport } from "../usecases/imports/imports.ts";

export class ProposalImport extends WorkflowEntrypoint<Env, ProposalImportParams> {
  override async run(event: Readonly<WorkflowEvent<ProposalImportParams>>, step: WorkflowStep) {
    const { importId, principal } = event.payload;
    const deps = depsOf(this.env);
    const written = await step.do(STEP.write, () => writeImport(deps, principal, importId));
    let afterRow = 0;
    let started = 0;
    while (started < written) {
      const from = afterRow;
      const done = started;
      const next = await step.do(STEP.start(from), () => startImported(deps, { id: importId, started: done }, from, LIFECYCLES_PER_STEP));
      if (next === null) break;
      started = Math.min(written, started + LIFECYCLES_PER_STEP);
      afterRow = next;
    }
    return { written, started };
  }
}
