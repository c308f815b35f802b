/**
 * A large Renja export in the background: each step writes one R2 multipart part (at least 5 MiB, as R2 needs)
 * from the next keyset pages, so memory stays flat and a failed step resumes where it stopped. XLSX and JSON are
 * one put. The file itself is assembled by workers/usecases/exports/renja.ts, as for an export within a request.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import type { RenjaExportParams } from "../../shared/contracts.ts";
import { EXPORT_STEPS as STEP } from "../../shared/lifecycle/steps.ts";
import type { Env } from "../env.ts";
import { findExport, type ExportRow } from "../storage/exports.ts";
import { depsOf, type Deps } from "../usecases/deps.ts";
import { CONTENT_TYPES, csvPart, exportKey, failExport, finishExport, renjaExportStream, documentContext, type CsvPartState } from "../usecases/exports/renja.ts";

const PART_BYTES = 6 * 1024 * 1024;

export class RenjaExport extends WorkflowEntrypoint<Env, RenjaExportParams> {
  private get deps(): Deps {
    return depsOf(this.env);
  }

  /** The CSV in R2 multipart parts of exactly PART_BYTES, each step one part. */
  private async multipartCsv(step: WorkflowStep, job: ExportRow, key: string): Promise<void> {
    const uploadId = await step.do(STEP.startUpload, async () => (await this.env.EXPORTS.createMultipartUpload(key, { httpMetadata: { contentType: CONTENT_TYPES.csv } })).uploadId);
    const parts: R2UploadedPart[] = [];
    let state: CsvPartState = { number: 1, after: "", carry: "" };
    for (;;) {
      const current = state;
      const part = await step.do(STEP.part(current.number), async () => {
        const { body, done, next } = await csvPart(this.deps.db, job, current, PART_BYTES);
        const uploaded = await this.env.EXPORTS.resumeMultipartUpload(key, uploadId).uploadPart(current.number, body);
        return { uploaded, done, next };
      });
      parts.push(part.uploaded);
      state = part.next;
      if (part.done) break;
    }
    await step.do(STEP.completeUpload, async () => {
      await this.env.EXPORTS.resumeMultipartUpload(key, uploadId).complete(parts);
    });
  }

  override async run(event: Readonly<WorkflowEvent<RenjaExportParams>>, step: WorkflowStep) {
    const { exportId } = event.payload;
    const job = await step.do(STEP.load, async () => {
      const row = await findExport(this.deps.db, exportId);
      if (!row) throw new Error(`export ${exportId} not found`);
      return row;
    });
    const key = exportKey(job);
    try {
      if (job.format === "csv" && job.view === "renja") await this.multipartCsv(step, job, key);
      else {
        // XLSX (compressed), JSON (nested by agency) and the T-D.4 PDF are a few MB even for large years: one put.
        await step.do(STEP.writeFile, async () => {
          const bytes = await new Response(renjaExportStream(this.deps.db, job, await documentContext(this.deps, job))).arrayBuffer();
          await this.env.EXPORTS.put(key, bytes, { httpMetadata: { contentType: CONTENT_TYPES[job.format] } });
        });
      }
      await step.do(STEP.markReady, () => finishExport(this.deps, job, key));
      return { status: "ready" };
    } catch (error) {
      await step.do(STEP.markFailed, () => failExport(this.deps, exportId, error));
      throw error;
    }
  }
}
