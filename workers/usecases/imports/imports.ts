/**
 * Spreadsheet imports of a village's proposals (DU-RKPDesa, shared/imports/): upload (the file to R2, checked row
 * by row), choose the desa of ambiguous places, commit all or nothing. Each created proposal is made as intake
 * makes it (intakeRow: same row, asked recommendation, kecamatan verification task, "proposal.submitted" audit
 * event, lifecycle started). The same file for the same village and year is the same import, so an upload or a
 * commit repeated creates nothing new. Large files are written and started in the background (ProposalImport
 * workflow), with progress on the import.
 */
import { sha256Hex } from "../../../shared/access/bytes.ts";
import { decide } from "../../../shared/access/policy.ts";
import type { Principal } from "../../../shared/access/roles.ts";
import { NotAWorkbook, readFirstSheet } from "../../../shared/files/xlsx-read.ts";
import { textWorkbook } from "../../../shared/files/xlsx-write.ts";
import { parseCsv } from "../../../shared/csv/parse.ts";
import type { Language } from "../../../shared/i18n.ts";
import { checkImport, readyToCommit, type ImportCheck } from "../../../shared/imports/check.ts";
import { VILLAGE_LAYOUT } from "../../../shared/imports/rkpdesa.ts";
import { csvDelimiter, templateCsv, templateSheets, type RowProblem } from "../../../shared/imports/table.ts";
import { taskDueAt } from "../../../shared/lifecycle/deadlines.ts";
import { proposalContent } from "../../../shared/proposals/content.ts";
import { sortableId } from "../../../shared/proposals/ids.ts";
import { ancestorAt } from "../../../shared/regions/codes.ts";
import { startLifecycles } from "../../messaging/lifecycle.ts";
import { auditInsert } from "../../storage/audit.ts";
import { abortUnlessRow, nowIso, tryBatch, type Database } from "../../storage/database.ts";
import { claimImport, findImport, findSameFile, importedAfter, importedAsked, importedAuditEvents, importedProposals, importedVerifications, insertImport, insertImportedProposals, markCommitted, markFailed, regencyImports, setChoices, setStarted, villageImports, type ImportRow } from "../../storage/imports.ts";
import { kabupatenPlaces } from "../../storage/places.ts";
import { villagePlace, type VillagePlace } from "../../storage/proposals.ts";
import { regionNames } from "../reference/places.ts";
import { proposalImports } from "../../../shared/db/schema.ts";
import { and, eq } from "drizzle-orm";
import { authorize, authorizeInOwnScope, requirePrincipal } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, notFound, Refusal } from "../errors.ts";
import { intakeRow, villagePlacement } from "../proposals/submit.ts";
import { customIssue } from "../../../shared/schemas/issues.ts";
import { assertStageOpen } from "../calendar/calendar.ts";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
/** Above this many proposals the commit runs in the background (IMPORT_SYNC_ROW_LIMIT overrides, for tests). */
const SYNC_ROWS = 300;
/** Lifecycles started per background step (Cloudflare creates at most 100 instances a second per workflow). */
export const LIFECYCLES_PER_STEP = 100;

const layoutOf = (_channel: string) => VILLAGE_LAYOUT;

const unreadable = new Refusal(422, "import_file_unreadable", {
  id: "Berkas tidak dapat dibaca: unggah CSV (UTF-8) atau XLSX sesuai templat.",
  en: "The file cannot be read: upload a CSV (UTF-8) or XLSX following the template.",
});
const tooManyRows = new Refusal(413, "import_too_many_rows", { id: `Paling banyak ${MAX_IMPORT_ROWS.toLocaleString("id-ID")} baris per berkas.`, en: `At most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows per file.` });
const tooLarge = new Refusal(413, "import_too_large", { id: "Berkas paling besar 5 MB.", en: "The file may be 5 MB at most." });
const notReady = (check: ImportCheck, lang: Language) =>
  new Refusal(
    422,
    check.counts.ambiguous > 0 && check.problems.length === 0 ? "import_needs_choice" : check.counts.create === 0 && check.problems.length === 0 ? "import_nothing_to_create" : "import_has_problems",
    check.counts.ambiguous > 0 && check.problems.length === 0
      ? { id: "Pilih dulu desa untuk lokasi yang namanya dipakai lebih dari satu desa.", en: "First choose the desa for places whose name several desa carry." }
      : check.counts.create === 0 && check.problems.length === 0
        ? { id: "Tidak ada baris yang menjadi usulan.", en: "No row becomes a proposal." }
        : { id: `Berkas memuat ${check.problems.length} kesalahan: perbaiki lalu unggah lagi. Tidak ada yang disimpan.`, en: `The file holds ${check.problems.length} errors: fix them and upload again. Nothing was stored.` },
    { details: { problems: check.problems.map(problemView(lang)) } },
  );

export interface ImportUpload {
  filename: string;
  bytes: Uint8Array;
  year: number;
  /** The village whose list it is; a village operator's own village when absent. */
  villageCode?: string;
}

const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

async function tableOf(bytes: Uint8Array, format: ImportRow["format"]): Promise<string[][]> {
  try {
    if (format === "xlsx") return await readFirstSheet(bytes);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    if (text.includes("\u0000")) throw unreadable;
    return parseCsv(text, csvDelimiter(text.replace(/^\uFEFF/, "")));
  } catch (error) {
    if (error instanceof Refusal) throw error;
    if (error instanceof NotAWorkbook || error instanceof TypeError || error instanceof Error) throw unreadable;
    throw error;
  }
}

const target = (place: VillagePlace) => ({ regencyCode: place.regencyCode, districtCode: place.districtCode, villageCode: place.villageCode });

/** The village the import is for, checked: real, and one the caller may propose for. */
async function importVillage(deps: Deps, principal: Principal, villageCode: string | undefined): Promise<VillagePlace> {
  const code = villageCode ?? (principal.role === "village_operator" ? principal.scopeCode : undefined);
  if (!code) throw invalidInput([customIssue("villageCode", "region_unknown", deps.lang)]);
  const place = await villagePlace(deps.db, code);
  if (!place) throw invalidInput([customIssue("villageCode", "region_unknown", deps.lang)]);
  authorize(principal, "proposal.submit", target(place));
  return place;
}

/** The import and its village, for those who may read (`proposal.read`) or act on (`proposal.submit`) that village's proposals. */
async function loadImport(deps: Deps, caller: Principal | undefined, id: string, action: "proposal.read" | "proposal.submit" = "proposal.submit"): Promise<{ principal: Principal; job: ImportRow; place: VillagePlace }> {
  const job = await findImport(deps.db, id);
  if (!job) throw requirePrincipal(caller) && notFound;
  const place = (await villagePlace(deps.db, job.villageCode))!;
  const principal = authorize(caller, action, target(place));
  return { principal, job, place };
}

async function checkOf(deps: Deps, principal: Principal, job: ImportRow, bytes?: Uint8Array): Promise<ImportCheck> {
  const file = bytes ?? new Uint8Array(await (await deps.env.ATTACHMENTS.get(job.r2Key))!.arrayBuffer());
  const gazetteer = await kabupatenPlaces(deps.db, job.regencyCode);
  return checkImport(await tableOf(file, job.format), layoutOf(job.channel), {
    year: job.year,
    gazetteer,
    villageCode: job.villageCode,
    choices: JSON.parse(job.choices) as Record<string, string>,
    mayPropose: (code) => decide(principal, "proposal.submit", { regencyCode: job.regencyCode, districtCode: ancestorAt(code, "district"), villageCode: code }) === "allow",
  });
}

const counts = (check: ImportCheck) => ({ rowCount: check.counts.rows, createCount: check.counts.create, skipCount: check.counts.skip, errorCount: check.problems.length, ambiguousCount: check.counts.ambiguous });

export interface ImportView {
  id: string;
  channel: string;
  villageCode: string;
  villageName: string;
  year: number;
  filename: string;
  format: string;
  status: ImportRow["status"];
  counts: { rows: number; create: number; skip: number; errors: number; ambiguous: number };
  progress: { written: number; started: number; total: number };
  createdAt: string;
  committedAt: string | null;
  ready: boolean;
  problems: { row: number; column: string; code: string; message: string }[];
  rows: {
    row: number;
    outcome: string;
    activity: string;
    message?: string;
    villageCode?: string;
    villageName?: string;
    placedBy?: string;
    volume?: number;
    unit?: string;
    estimatedCost?: number;
    fundingSource?: string | null;
    choiceKey?: string;
    candidates?: { code: string; name: string }[];
  }[];
  proposals?: { trackingCode: string; row: number; id: string }[];
}

const say = (lang: Language, text: { id: string; en: string }) => text[lang];
const problemView = (lang: Language) => (p: RowProblem) => ({ row: p.row, column: p.column, code: p.code, message: say(lang, p.message) });

async function viewOf(deps: Deps, job: ImportRow, place: VillagePlace, check: ImportCheck | null): Promise<ImportView> {
  const codes = new Set<string>();
  for (const r of check?.rows ?? []) {
    if (r.input) codes.add(r.input.villageCode);
    for (const c of r.candidates ?? []) codes.add(c), codes.add(ancestorAt(c, "district")!);
  }
  const names = await regionNames(deps, [...codes]);
  const name = (code: string) => names.get(code) ?? code;
  const committed = job.status === "committed" ? await importedProposals(deps.db, job.id) : null;
  return {
    id: job.id,
    channel: job.channel,
    villageCode: job.villageCode,
    villageName: place.villageName,
    year: job.year,
    filename: job.filename,
    format: job.format,
    status: job.status,
    counts: { rows: job.rowCount, create: job.createCount, skip: job.skipCount, errors: job.errorCount, ambiguous: job.ambiguousCount },
    progress: { written: job.written, started: job.started, total: job.createCount },
    createdAt: job.createdAt,
    committedAt: job.committedAt,
    ready: check ? readyToCommit(check) : false,
    problems: (check?.problems ?? []).map(problemView(deps.lang)),
    rows: (check?.rows ?? []).map((r) => ({
      row: r.row,
      outcome: r.outcome,
      activity: r.activity,
      ...(r.message ? { message: say(deps.lang, r.message) } : {}),
      ...(r.input
        ? { villageCode: r.input.villageCode, villageName: name(r.input.villageCode), placedBy: r.placedBy, volume: r.input.volume, unit: r.input.unit, estimatedCost: r.input.estimatedCost, fundingSource: r.input.fundingSource ?? null }
        : {}),
      ...(r.candidates ? { choiceKey: r.choiceKey, candidates: r.candidates.map((c) => ({ code: c, name: `${name(c)}, Kec. ${name(ancestorAt(c, "district")!)}` })) } : {}),
    })),
    ...(committed ? { proposals: committed.map((p) => ({ id: p.id, trackingCode: p.trackingCode, row: p.importRow ?? 0 })) } : {}),
  };
}

export async function uploadImport(deps: Deps, caller: Principal | undefined, upload: ImportUpload): Promise<{ status: 200 | 201; view: ImportView }> {
  const principal = authorizeInOwnScope(caller, "proposal.submit");
  if (upload.bytes.length > MAX_IMPORT_BYTES) throw tooLarge;
  if (upload.bytes.length === 0) throw unreadable;
  const place = await importVillage(deps, principal, upload.villageCode);
  const contentHash = await sha256Hex(upload.bytes);
  const key = { regencyCode: place.regencyCode, channel: VILLAGE_LAYOUT.channel, villageCode: place.villageCode, year: upload.year, contentHash };
  const same = await findSameFile(deps.db, key);
  if (same) return { status: 200, view: await viewOf(deps, same, place, same.status === "checked" ? await checkOf(deps, principal, same) : null) };

  const format = isXlsx(upload.bytes) ? "xlsx" : "csv";
  const id = sortableId("imp");
  const draft: ImportRow = {
    ...key,
    id,
    filename: upload.filename.replace(/[^\w.\- ]+/g, "_").slice(0, 120) || `usulan.${format}`,
    format,
    r2Key: `imports/${place.regencyCode}/${id}.${format}`,
    status: "checked",
    choices: "{}",
    written: 0,
    started: 0,
    error: null,
    createdBy: principal.id,
    createdAt: nowIso(),
    committedBy: null,
    committedAt: null,
    rowCount: 0,
    createCount: 0,
    skipCount: 0,
    errorCount: 0,
    ambiguousCount: 0,
  };
  const check = await checkOf(deps, principal, draft, upload.bytes);
  if (check.counts.rows > MAX_IMPORT_ROWS) throw tooManyRows;
  const job = { ...draft, ...counts(check) };
  await deps.env.ATTACHMENTS.put(job.r2Key, upload.bytes, { httpMetadata: { contentType: format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv" } });
  const batch = await tryBatch(deps.db, [
    insertImport(deps.db, job),
    auditInsert(deps.db, { regencyCode: job.regencyCode, actor: principal.id, action: "import.checked", entityType: "import", entityId: id, data: { filename: job.filename, year: job.year, villageCode: job.villageCode, ...counts(check) } }),
  ]);
  const stored = await findSameFile(deps.db, key);
  if (!batch.ok || !stored || stored.id !== id) {
    // The same file uploaded at the same moment: that upload's import is this one.
    await deps.env.ATTACHMENTS.delete(job.r2Key);
    if (stored) return { status: 200, view: await viewOf(deps, stored, place, await checkOf(deps, principal, stored)) };
  }
  return { status: 201, view: await viewOf(deps, job, place, check) };
}

export async function readImport(deps: Deps, caller: Principal | undefined, id: string): Promise<ImportView> {
  const { principal, job, place } = await loadImport(deps, caller, id, "proposal.read");
  return viewOf(deps, job, place, job.status === "checked" || job.status === "failed" ? await checkOf(deps, principal, job) : null);
}

/** The caller's imports: its village's, or the kabupaten's for Bappeda. */
export async function listImports(deps: Deps, caller: Principal | undefined): Promise<ImportRow[]> {
  const principal = authorizeInOwnScope(caller, "proposal.submit");
  return principal.role === "village_operator" ? villageImports(deps.db, principal.scopeCode) : regencyImports(deps.db, principal.regencyCode);
}

/** The person's choice of desa for ambiguous places (lokasi key → village code); each must be one of its candidates. */
export async function chooseImportPlaces(deps: Deps, caller: Principal | undefined, id: string, chosen: Record<string, string>): Promise<ImportView> {
  const { principal, job, place } = await loadImport(deps, caller, id);
  if (job.status !== "checked") throw alreadyCommitted;
  const before = await checkOf(deps, principal, job);
  const open = new Map(before.rows.filter((r) => r.candidates).map((r) => [r.choiceKey!, r.candidates!]));
  const choices = { ...(JSON.parse(job.choices) as Record<string, string>) };
  for (const [key, code] of Object.entries(chosen)) {
    if (!open.get(key)?.includes(code)) throw invalidInput([{ path: `choices.${key}`, code: "choice_not_a_candidate", message: deps.lang === "id" ? "Pilihan desa bukan salah satu kemungkinan lokasi ini." : "The chosen desa is not one of this place's candidates." }]);
    choices[key] = code;
  }
  const next = { ...job, choices: JSON.stringify(choices) };
  const check = await checkOf(deps, principal, next);
  const batch = await tryBatch(deps.db, [
    abortUnlessRow(deps.db, "import_not_checked", proposalImports, and(eq(proposalImports.id, id), eq(proposalImports.status, "checked"))),
    setChoices(deps.db, id, choices, { createCount: check.counts.create, errorCount: check.problems.length, ambiguousCount: check.counts.ambiguous }),
    auditInsert(deps.db, { regencyCode: job.regencyCode, actor: principal.id, action: "import.places_chosen", entityType: "import", entityId: id, data: { choices: chosen } }),
  ]);
  if (!batch.ok) throw alreadyCommitted;
  return viewOf(deps, { ...next, ...counts(check) }, place, check);
}

const alreadyCommitted = new Refusal(409, "import_already_committed", { id: "Impor ini sudah disimpan.", en: "This import has already been committed." });

interface Prepared {
  rows: (ReturnType<typeof intakeRow> & { order: number; importRow: number })[];
}

/** The proposals the check says the file creates, as intake builds them, in file order. */
async function prepare(deps: Deps, principal: Principal, job: ImportRow, check: ImportCheck): Promise<Prepared> {
  const now = nowIso();
  const places = new Map<string, VillagePlace>();
  const order = new Map<string, number>();
  const rows: Prepared["rows"] = [];
  for (const r of check.rows) {
    if (r.outcome !== "create" || !r.input) continue;
    const code = r.input.villageCode;
    if (!places.has(code)) places.set(code, (await villagePlace(deps.db, code))!);
    order.set(code, (order.get(code) ?? 0) + 1);
    const row = intakeRow({ channel: "desa", ...r.input }, villagePlacement(places.get(code)!), principal.id, await sha256Hex(proposalContent(r.input)), now);
    rows.push({ ...row, order: order.get(code)!, importRow: r.row });
  }
  return { rows };
}

/** The batch that writes an import's proposals with everything intake writes for each, and the import's own event. */
function writeStatements(db: Database, principal: Principal, job: ImportRow, prepared: Prepared) {
  const now = prepared.rows[0]?.createdAt ?? nowIso();
  return [
    ...insertImportedProposals(db, job.id, prepared.rows),
    importedAsked(db, job.id, principal.id, now),
    importedVerifications(db, job.id, taskDueAt("verification", Date.parse(now))),
    importedAuditEvents(db, job.id, principal.id),
    auditInsert(db, { regencyCode: job.regencyCode, actor: principal.id, action: "import.committed", entityType: "import", entityId: job.id, data: { proposals: prepared.rows.length, filename: job.filename, contentHash: job.contentHash } }),
  ];
}

const syncLimit = (deps: Deps) => Number(deps.env.IMPORT_SYNC_ROW_LIMIT ?? SYNC_ROWS);

/**
 * Commits the import, all rows or none. Small files are one batch here and their lifecycles start at once; larger
 * ones are claimed here (so a second commit creates nothing) and written by the ProposalImport workflow.
 */
export async function commitImport(deps: Deps, caller: Principal | undefined, id: string): Promise<{ status: 200 | 202; view: ImportView }> {
  const { principal, job, place } = await loadImport(deps, caller, id);
  if (job.status === "committed") return { status: 200, view: await viewOf(deps, job, place, null) };
  if (job.status === "committing") return { status: 202, view: await viewOf(deps, job, place, null) };
  await assertStageOpen(deps, job.regencyCode, job.year, "proposal.import");
  const check = await checkOf(deps, principal, job);
  if (!readyToCommit(check)) throw notReady(check, deps.lang);
  if (check.counts.create > syncLimit(deps)) {
    const claimed = await tryBatch(deps.db, [...claimImport(deps.db, id, "checked", "committing", principal.id), auditInsert(deps.db, { regencyCode: job.regencyCode, actor: principal.id, action: "import.commit_started", entityType: "import", entityId: id, data: { proposals: check.counts.create } })]);
    if (claimed.ok) await deps.env.PROPOSAL_IMPORT.create({ id, params: { importId: id, principal } });
    const now = (await findImport(deps.db, id))!;
    return { status: now.status === "committed" ? 200 : 202, view: await viewOf(deps, now, place, null) };
  }
  const prepared = await prepare(deps, principal, job, check);
  const batch = await tryBatch(deps.db, [...claimImport(deps.db, id, "checked", "committed", principal.id), ...writeStatements(deps.db, principal, job, prepared), markWritten(deps.db, id, prepared.rows.length)]);
  const after = (await findImport(deps.db, id))!;
  if (batch.ok) await startImported(deps, after, 0, prepared.rows.length);
  return { status: 200, view: await viewOf(deps, (await findImport(deps.db, id))!, place, null) };
}

const markWritten = (db: Database, id: string, written: number) => db.update(proposalImports).set({ written }).where(eq(proposalImports.id, id));

/** The background write (a workflow step): the whole file in one batch, only while the import is still being committed. */
export async function writeImport(deps: Deps, principal: Principal, importId: string): Promise<number> {
  const job = (await findImport(deps.db, importId))!;
  if (job.status !== "committing") return job.written;
  const check = await checkOf(deps, principal, job);
  if (!readyToCommit(check)) {
    await deps.db.batch([markFailed(deps.db, importId, "file no longer passes its check"), auditInsert(deps.db, { regencyCode: job.regencyCode, actor: principal.id, action: "import.failed", entityType: "import", entityId: importId, data: { problems: check.problems.length } })]);
    return 0;
  }
  const prepared = await prepare(deps, principal, job, check);
  const batch = await tryBatch(deps.db, [
    abortUnlessRow(deps.db, "import_not_committing", proposalImports, and(eq(proposalImports.id, importId), eq(proposalImports.status, "committing"))),
    ...writeStatements(deps.db, principal, job, prepared),
    markCommitted(deps.db, importId, prepared.rows.length),
  ]);
  return batch.ok ? prepared.rows.length : ((await findImport(deps.db, importId))?.written ?? 0);
}

/** Starts the lifecycles of the import's proposals after row `afterRow`, up to `limit`; the last row started, or null when none was left. */
export async function startImported(deps: Deps, job: Pick<ImportRow, "id" | "started">, afterRow: number, limit: number): Promise<number | null> {
  const part = await importedAfter(deps.db, job.id, afterRow, limit);
  if (part.length === 0) return null;
  await startLifecycles(deps.env, part.map((p) => p.id));
  const started = (job.started ?? 0) + part.length;
  await setStarted(deps.db, job.id, started).run();
  return part.at(-1)!.importRow!;
}

/** The documented template, as CSV or XLSX. */
export async function importTemplate(format: "csv" | "xlsx", channel = "desa"): Promise<Uint8Array> {
  const layout = layoutOf(channel);
  return format === "csv" ? new TextEncoder().encode(templateCsv(layout)) : textWorkbook(templateSheets(layout));
}
