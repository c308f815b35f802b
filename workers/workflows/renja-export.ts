/**
 * A large Renja export in the background: each step writes one R2 multipart part (at least 5 MiB, as R2 needs)
 * from the next keyset pages, so memory stays flat and a failed step resumes where it stopped. XLSX is one part.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { renjaExports } from "../../shared/db/schema.ts";
import type { Env } from "../env.ts";
import { fromBase64, toBase64 } from "../../shared/access/bytes.ts";
import { CSV_BOM, csvHeader, csvRecord } from "../../shared/renja/csv.ts";
import { RENJA_COLUMNS_V1 } from "../../shared/renja/row.ts";
import { bytesOf, CONTENT_TYPES, streamFor, xlsxStream } from "../http/exports/build.ts";
import { auditInsert } from "../storage/audit.ts";
import { database, nowIso } from "../storage/database.ts";
import { renjaLineCount, renjaPages, renjaPage, type RenjaFilters } from "../storage/renja.ts";

export interface RenjaExportParams {
  exportId: string;
}

const PART_BYTES = 6 * 1024 * 1024;
const PAGE_ROWS = 500;

export class RenjaExport extends WorkflowEntrypoint<Env, RenjaExportParams> {
  /**
   * The CSV in R2 multipart parts of exactly PART_BYTES (R2 wants every part but the last the same size): each
   * step fills one part from the next pages and carries the bytes beyond it into the next step.
   */
  private async multipartCsv(step: WorkflowStep, job: Job, filters: RenjaFilters, key: string): Promise<void> {
    const uploadId = await step.do("start upload", async () => (await this.env.EXPORTS.createMultipartUpload(key, { httpMetadata: { contentType: CONTENT_TYPES.csv } })).uploadId);
    const parts: R2UploadedPart[] = [];
    let after = "";
    let carry = "";
    for (let number = 1; ; number++) {
      const part = await step.do(`part ${number}`, async () => {
        const db = database(this.env.DB);
        const encoder = new TextEncoder();
        const chunks = [number === 1 ? encoder.encode(CSV_BOM + csvHeader(RENJA_COLUMNS_V1)) : fromBase64(carry)];
        let size = chunks[0]!.length;
        let cursor = after;
        let done = false;
        while (size < PART_BYTES) {
          const page = await renjaPage(db, job.regencyCode, job.year, filters, cursor, PAGE_ROWS);
          if (!page.last) {
            done = true;
            break;
          }
          cursor = page.last;
          const encoded = encoder.encode(page.rows.map((row) => csvRecord(row, RENJA_COLUMNS_V1)).join(""));
          chunks.push(encoded);
          size += encoded.length;
        }
        // Joined once: concatenating per page would copy the growing part again for every page.
        const buffer = concat(chunks);
        const body = done ? buffer : buffer.subarray(0, PART_BYTES);
        const uploaded = await this.env.EXPORTS.resumeMultipartUpload(key, uploadId).uploadPart(number, body);
        return { uploaded, cursor, done, carry: done ? "" : toBase64(buffer.subarray(PART_BYTES)) };
      });
      parts.push(part.uploaded);
      after = part.cursor;
      carry = part.carry;
      if (part.done) break;
    }
    await step.do("complete upload", async () => {
      await this.env.EXPORTS.resumeMultipartUpload(key, uploadId).complete(parts);
    });
  }

  override async run(event: Readonly<WorkflowEvent<RenjaExportParams>>, step: WorkflowStep) {
    const { exportId } = event.payload;
    const job = await step.do("load export", async () => {
      const row = await database(this.env.DB).query.renjaExports.findFirst({ where: eq(renjaExports.id, exportId) });
      if (!row) throw new Error(`export ${exportId} not found`);
      return row;
    });
    const filters = JSON.parse(job.filters) as RenjaFilters;
    const key = `exports/${job.regencyCode}/${job.id}.${job.format}`;
    try {
      if (job.format === "csv" && job.view === "renja") await this.multipartCsv(step, job, filters, key);
      else {
        // XLSX (compressed) and JSON (nested by agency) are a few MB even for large years: one put.
        await step.do("write file", async () => {
          const db = database(this.env.DB);
          const pages = (view: "renja" | "td4") => renjaPages(db, job.regencyCode, job.year, filters, view);
          const bytes = await bytesOf(
            job.format === "xlsx"
              ? xlsxStream(pages("renja"), pages("td4"), [["Tahun", job.year], ["Dibuat", job.createdAt]])
              : streamFor(job.format as "csv" | "json", job.view, pages(job.view), { year: job.year }),
          );
          await this.env.EXPORTS.put(key, bytes);
        });
      }
      await step.do("mark ready", async () => {
        const db = database(this.env.DB);
        const rows = await renjaLineCount(db, job.regencyCode, job.year, filters);
        await db.batch([
          db.update(renjaExports).set({ status: "ready", r2Key: key, rowCount: rows, completedAt: nowIso() }).where(eq(renjaExports.id, exportId)),
          auditInsert(db, { regencyCode: job.regencyCode, actor: job.requestedBy, action: "export.ready", entityType: "renja_export", entityId: exportId, data: { rows } }),
        ]);
      });
      return { status: "ready" };
    } catch (error) {
      await step.do("mark failed", async () => {
        await database(this.env.DB).update(renjaExports).set({ status: "failed", error: String(error).slice(0, 500), completedAt: nowIso() }).where(eq(renjaExports.id, exportId));
      });
      throw error;
    }
  }
}

type Job = typeof renjaExports.$inferSelect;

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}


