import * as v from "valibot";

export const ExportQuerySchema = v.object({
  year: v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number)),
  /** pdf: T-D.4 only (view=td4), printed on A4 landscape with the kabupaten's letterhead. */
  format: v.optional(v.picklist(["csv", "xlsx", "json", "pdf"]), "csv"),
  /** The Renja grouped by agency, or the Permendagri 86/2017 T-D.4 view per kecamatan. */
  view: v.optional(v.picklist(["renja", "td4"]), "renja"),
  agency: v.optional(v.pipe(v.string(), v.maxLength(64))),
  kecamatan: v.optional(v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}\.\d{2}$/, "region_code_format"))),
  status: v.optional(v.picklist(["accepted", "accepted_with_changes"])),
  stage: v.optional(v.picklist(["opd_review", "sync_forum"])),
});
export type ExportQuery = v.InferOutput<typeof ExportQuerySchema>;

export const ExportSnapshotSchema = v.object({
  id: v.string(),
  year: v.number(),
  format: v.string(),
  view: v.string(),
  filters: v.record(v.string(), v.unknown()),
  requestedBy: v.string(),
  status: v.picklist(["running", "ready", "failed"]),
  rowCount: v.nullable(v.number()),
  createdAt: v.string(),
  completedAt: v.nullable(v.string()),
  downloadUrl: v.nullable(v.string()),
  downloadExpiresAt: v.nullable(v.string()),
});
