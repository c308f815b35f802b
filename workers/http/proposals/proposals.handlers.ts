import * as v from "valibot";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { ProposalInputSchema, type ProposalListQuerySchema, type ProposalPatch } from "../../../shared/schemas/proposals.ts";
import { database } from "../../storage/database.ts";
import { listProposals, proposalAttachments, proposalView } from "../../storage/proposals.ts";
import { trackingView } from "../../storage/tracking.ts";
import { requirePrincipal } from "../access.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { formText, readForm } from "../form.ts";
import { checkKeyFormat } from "../idempotency.ts";
import { preferredLanguage } from "../messages.ts";
import { invalidInput } from "../validation.ts";
import { editProposal, proposalFor, rankProposal, withdrawProposal } from "./changes.ts";
import { readUploads, submitProposal } from "./intake.ts";

const malformed = new ApiError(400, "malformed_json", { id: "Isi permintaan bukan JSON yang sah.", en: "The request body is not valid JSON." });
const unsupportedBody = new ApiError(415, "unsupported_content_type", {
  id: "Kirim application/json atau multipart/form-data.",
  en: "Send application/json or multipart/form-data.",
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformed;
  }
}

/** The proposal and its files from a JSON body or a multipart one (`proposal` JSON plus `attachments`). */
async function readSubmission(c: AppContext) {
  const lang = preferredLanguage(c.req.header("accept-language"));
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
  const parsed = v.safeParse(ProposalInputSchema, raw);
  if (!parsed.success) throw invalidInput(fieldIssues(parsed.issues, lang));
  return { input: parsed.output, uploads: await readUploads(files, lang) };
}

export async function createProposal(c: AppContext) {
  const principal = requirePrincipal(c);
  const key = c.req.header("idempotency-key");
  const { input, uploads } = await readSubmission(c);
  const result = await submitProposal(c, principal, input, uploads, key === undefined ? undefined : checkKeyFormat(key));
  c.header("Location", `/api/v1/proposals/${result.proposal.id}`);
  if (result.replayed) c.header("Idempotent-Replayed", "true");
  return c.json(result.proposal, result.status as 201);
}

type ListQuery = v.InferOutput<typeof ProposalListQuerySchema>;

const encodeCursor = (cursor: { createdAt: string; id: string }) => btoa(`${cursor.createdAt}|${cursor.id}`);
function decodeCursor(cursor: string) {
  try {
    const [createdAt, id] = atob(cursor).split("|");
    if (createdAt && id) return { createdAt, id };
  } catch {
    // fall through to the refusal below
  }
  throw invalidInput([{ path: "cursor", code: "format", message: "Kursor tidak sah." }]);
}

export async function listProposalsHandler(c: AppContext, query: ListQuery) {
  const principal = requirePrincipal(c);
  const { cursor, limit, year, kecamatan, desa, status, agency } = query;
  const page = await listProposals(database(c.env.DB), principal, { year, kecamatan, desa, status, agency }, Number(limit), cursor ? decodeCursor(cursor) : undefined);
  return c.json({ proposals: page.rows.map((row) => proposalView(row)), nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
}

export async function getProposal(c: AppContext, id: string) {
  const { row } = await proposalFor(c, id, "proposal.read");
  return c.json(proposalView(row, await proposalAttachments(database(c.env.DB), id)), 200);
}

export async function patchProposal(c: AppContext, id: string, patch: ProposalPatch) {
  const { row, principal } = await proposalFor(c, id, "proposal.edit");
  return c.json(proposalView(await editProposal(c, principal, row, patch)), 200);
}

export async function withdraw(c: AppContext, id: string) {
  const { row, principal } = await proposalFor(c, id, "proposal.edit");
  return c.json(proposalView(await withdrawProposal(c, principal, row)), 200);
}

export async function rank(c: AppContext, id: string, newRank: number) {
  const { row, principal } = await proposalFor(c, id, "proposal.edit");
  return c.json({ proposals: (await rankProposal(c, principal, row, newRank)).map((p) => proposalView(p)) }, 200);
}

export async function getAttachment(c: AppContext, id: string, attachmentId: string) {
  await proposalFor(c, id, "proposal.read");
  const file = (await proposalAttachments(database(c.env.DB), id)).find((a) => a.id === attachmentId);
  const object = file ? await c.env.ATTACHMENTS.get(file.r2Key) : null;
  if (!file || !object) throw notFound;
  return c.body(object.body, 200, {
    "content-type": file.contentType,
    "content-disposition": `inline; filename="${file.filename.replace(/"/g, "")}"`,
    "x-content-type-options": "nosniff",
  });
}

export async function tracking(c: AppContext, code: string) {
  const view = await trackingView(database(c.env.DB), code);
  if (!view) throw notFound;
  return c.json(view, 200);
}
