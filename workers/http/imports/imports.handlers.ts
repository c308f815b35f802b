import { XLSX_CONTENT_TYPE } from "../../../shared/renja/workbook.ts";
import * as imports from "../../usecases/imports/imports.ts";
import { Refusal } from "../../usecases/errors.ts";
import { contentDisposition } from "../content-disposition.ts";
import * as v from "valibot";
import { ImportUploadFieldsSchema } from "../../../shared/schemas/imports.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { invalidInput } from "../../usecases/errors.ts";
import { readForm, formText } from "../form.ts";
import { language } from "../messages.ts";
import { caller, deps, type AppContext } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./imports.routes.ts";

const unsupportedBody = new Refusal(415, "unsupported_content_type", { id: "Kirim multipart/form-data dengan berkas CSV atau XLSX.", en: "Send multipart/form-data with a CSV or XLSX file." });

export const importTemplate: RouteHandler<typeof routes.importTemplate> = async (c, { query }) => {
  const bytes = await imports.importTemplate(query.format);
  c.header("Content-Type", query.format === "csv" ? "text/csv; charset=utf-8" : XLSX_CONTENT_TYPE);
  c.header("Content-Disposition", contentDisposition("attachment", `templat-du-rkpdesa.${query.format}`));
  return c.body(bytes.slice().buffer);
};

/** The upload's file and fields, from the page's form or an API client alike. */
export async function readUpload(c: AppContext): Promise<imports.ImportUpload> {
  if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) throw unsupportedBody;
  const form = await readForm(c);
  const file = [form.file ?? []].flat().find((f): f is File => f instanceof File);
  const fields = v.safeParse(ImportUploadFieldsSchema, { year: formText(form, "year"), desa: formText(form, "desa") || undefined });
  if (!fields.success) throw invalidInput(fieldIssues(fields.issues, language(c)));
  if (!file || file.size === 0) throw invalidInput([{ path: "file", code: "required", message: language(c) === "id" ? "Pilih berkas CSV atau XLSX." : "Choose a CSV or XLSX file." }]);
  return { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), year: fields.output.year, villageCode: fields.output.desa };
}

export const uploadImport: RouteHandler<typeof routes.uploadImport> = async (c) => {
  const { status, view } = await imports.uploadImport(deps(c), caller(c), await readUpload(c));
  return c.json(view, status);
};

export const listImports: RouteHandler<typeof routes.listImports> = async (c) => {
  const rows = await imports.listImports(deps(c), caller(c));
  return c.json({ imports: rows.map((r) => ({ id: r.id, villageCode: r.villageCode, year: r.year, filename: r.filename, status: r.status, createdAt: r.createdAt, rowCount: r.rowCount, createCount: r.createCount })) }, 200);
};

export const readImport: RouteHandler<typeof routes.readImport> = async (c, { params }) => c.json(await imports.readImport(deps(c), caller(c), params.id), 200);

export const chooseImportPlaces: RouteHandler<typeof routes.chooseImportPlaces> = async (c, { params, json }) => c.json(await imports.chooseImportPlaces(deps(c), caller(c), params.id, json.choices), 200);

export const commitImport: RouteHandler<typeof routes.commitImport> = async (c, { params }) => {
  const { status, view } = await imports.commitImport(deps(c), caller(c), params.id);
  return c.json(view, status);
};
