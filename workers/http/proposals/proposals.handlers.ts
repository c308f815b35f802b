import * as v from "valibot";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { ProposalInputSchema } from "../../../shared/schemas/proposals.ts";
import { proposalView } from "../../storage/proposals.ts";
import * as carry from "../../usecases/proposals/carry-over.ts";
import * as change from "../../usecases/proposals/change.ts";
import * as read from "../../usecases/proposals/read.ts";
import * as story from "../../usecases/proposals/story.ts";
import { readUploads, submitProposal, type Submission, type Upload } from "../../usecases/proposals/submit.ts";
import { invalidInput, malformedJson, Refusal } from "../../usecases/errors.ts";
import { contentDisposition } from "../content-disposition.ts";
import { caller, deps, type AppContext } from "../context.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { formText, readForm } from "../form.ts";
import { language } from "../messages.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./proposals.routes.ts";

const unsupportedBody = new Refusal(415, "unsupported_content_type", { id: "Kirim application/json atau multipart/form-data.", en: "Send application/json or multipart/form-data." });

const invalidKey = new Refusal(400, "invalid_idempotency_key", {
  id: "Idempotency-Key harus 8-128 karakter huruf, angka, titik, garis bawah atau tanda hubung.",
  en: "Idempotency-Key must be 8-128 letters, digits, dots, underscores or hyphens.",
});

function idempotencyKey(c: AppContext): string | undefined {
  const key = c.req.header("idempotency-key");
  if (key !== undefined && !/^[A-Za-z0-9._-]{8,128}$/.test(key)) throw invalidKey;
  return key;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformedJson;
  }
}

/** The proposal (of `schema`: a village's, a pokir, a thematic one) and its files from a JSON or a multipart body. */
export async function readSubmission<S extends v.GenericSchema>(c: AppContext, schema: S): Promise<{ proposal: v.InferOutput<S>; uploads: Upload[] }> {
  const lang = language(c);
  const type = c.req.header("content-type") ?? "";
  let raw: unknown;
  let files: File[] = [];
  if (type.startsWith("multipart/form-data")) {
    const form = await readForm(c);
    const proposal = formText(form, "proposal");
    raw = proposal === undefined ? undefined : parseJson(proposal);
    files = [form.attachments ?? []].flat().filter((f): f is File => f instanceof File);
  } else if (type.startsWith("application/json")) {
    raw = parseJson(await c.req.text());
  } else throw unsupportedBody;
  const parsed = v.safeParse(schema, raw);
  if (!parsed.success) throw invalidInput(fieldIssues(parsed.issues, lang));
  return { proposal: parsed.output, uploads: await readUploads(files, lang) };
}

/** Submits through the one intake and answers as every submission route does (Location, Duplicate-Of, replay). */
export async function submitAnswer(c: AppContext, submission: Omit<Submission, "idempotencyKey">) {
  const key = idempotencyKey(c);
  const result = await submitProposal(deps(c), caller(c), { ...submission, ...(key === undefined ? {} : { idempotencyKey: key }) });
  c.header("Location", `/api/v1/proposals/${result.proposal.id}`);
  if (result.duplicate) c.header("Duplicate-Of", result.proposal.id);
  else if (result.replayed) c.header("Idempotent-Replayed", "true");
  return c.json(result.proposal, result.status as 201);
}

export const createProposal: RouteHandler<typeof routes.createProposal> = async (c) => submitAnswer(c, await readSubmission(c, ProposalInputSchema));

export const listProposals: RouteHandler<typeof routes.listProposals> = async (c, { query }) => {
  const { cursor, limit, year, kecamatan, desa, status, agency } = query;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const page = await read.listProposals(deps(c), caller(c), { filters: { year, kecamatan, desa, status, agency }, limit: Number(limit), ...(after ? { cursor: { createdAt: after[0], id: after[1] } } : {}) });
  return c.json({ proposals: page.rows.map((row) => proposalView(row)), nextCursor: page.next ? encodeCursor(page.next.createdAt, page.next.id) : null }, 200);
};

export const getProposal: RouteHandler<typeof routes.getProposal> = async (c, { params }) => c.json((await story.proposalDetail(deps(c), caller(c), params.id)).detail, 200);

export const patchProposal: RouteHandler<typeof routes.patchProposal> = async (c, { params, json }) =>
  c.json(proposalView(await change.editProposal(deps(c), caller(c), { id: params.id, patch: json })), 200);

export const withdrawProposal: RouteHandler<typeof routes.withdrawProposal> = async (c, { params }) => c.json(proposalView(await change.withdrawProposal(deps(c), caller(c), { id: params.id })), 200);

export const rankProposal: RouteHandler<typeof routes.rankProposal> = async (c, { params, json }) =>
  c.json({ proposals: (await change.rankProposal(deps(c), caller(c), { id: params.id, rank: json.rank })).map((p) => proposalView(p)) }, 200);

/** The proposal with its files as they are after a change. */
const withFiles = async (c: AppContext, row: Awaited<ReturnType<typeof change.editProposal>>) => c.json(proposalView(row, await read.attachmentsOf(deps(c), row.id)), 200);

export const addAttachments: RouteHandler<typeof routes.addAttachments> = async (c, { params }) => {
  if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) throw unsupportedBody;
  const form = await readForm(c);
  const files = [form.attachments ?? []].flat().filter((f): f is File => f instanceof File);
  if (files.length === 0) throw invalidInput([{ path: "attachments", code: "required", message: language(c) === "id" ? "Pilih berkas." : "Choose a file." }]);
  return withFiles(c, await change.editProposal(deps(c), caller(c), { id: params.id, uploads: await readUploads(files, language(c)) }));
};

export const removeAttachment: RouteHandler<typeof routes.removeAttachment> = async (c, { params }) =>
  withFiles(c, await change.editProposal(deps(c), caller(c), { id: params.id, removeAttachmentIds: [params.attachmentId] }));

export const getAttachment: RouteHandler<typeof routes.getAttachment> = async (c, { params }) => {
  const { file, body } = await read.readAttachment(deps(c), caller(c), params);
  return c.body(body, 200, {
    "content-type": file.contentType,
    "content-disposition": contentDisposition("inline", file.filename),
    "x-content-type-options": "nosniff",
  });
};

export const tracking: RouteHandler<typeof routes.tracking> = async (c, { params }) => c.json(await story.trackProposal(deps(c), params.code), 200);

export const carryOverOffers: RouteHandler<typeof routes.carryOverOffers> = async (c, { params, query }) => {
  const { year, offers } = await carry.carryOverOffers(deps(c), caller(c), { villageCode: params.code, year: query.year });
  return c.json({ year, offers }, 200);
};

export const keepCarryOver: RouteHandler<typeof routes.keepCarryOver> = async (c, { params }) => {
  const kept = await carry.carryOver(deps(c), caller(c), params.id);
  // A second keep sent at once may be answered with the proposal the first made (the intake's same-content rule).
  return kept.status === 201 ? c.json(kept.proposal, 201) : c.json(kept.proposal, 200);
};

export const dropCarryOver: RouteHandler<typeof routes.dropCarryOver> = async (c, { params }) => c.json(await carry.dropCarryOver(deps(c), caller(c), params.id), 200);
