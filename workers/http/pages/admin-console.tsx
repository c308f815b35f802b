/**
 * Bappeda's console pages: the same use cases as the API (accounts, tokens, webhooks, dead letters, lifecycles,
 * escalations, exports, follow-ups), driven by plain forms. A token or secret is shown on the answer to the form
 * that made it, never in an address and never again.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { AccountCreateSchema, TokenCreateSchema } from "../../../shared/schemas/accounts.ts";
import { ExportQuerySchema } from "../../../shared/schemas/exports.ts";
import { FollowUpUpdateSchema } from "../../../shared/schemas/forums.ts";
import { fieldIssues, type FieldIssue } from "../../../shared/schemas/issues.ts";
import { EndpointCreateSchema, SecretRotateSchema } from "../../../shared/webhooks/events.ts";
import { authorizeInOwnScope } from "../../usecases/access.ts";
import * as accounts from "../../usecases/accounts/accounts.ts";
import { scopeChoices } from "../../usecases/accounts/scope.ts";
import { listAgencies } from "../../usecases/agencies/agencies.ts";
import { invalidInput, Refusal } from "../../usecases/errors.ts";
import { exportRenja, listExports } from "../../usecases/exports/renja.ts";
import { listFollowUps, updateFollowUp } from "../../usecases/follow-ups/follow-ups.ts";
import { listDeadLetters, replayDeadLetter } from "../../usecases/operations/dead-letters.ts";
import { failedLifecycles, retryLifecycle } from "../../usecases/operations/lifecycles.ts";
import { proposalFor } from "../../usecases/proposals/read.ts";
import { regionNames } from "../../usecases/reference/places.ts";
import { escalations } from "../../usecases/reviews/tasks.ts";
import * as webhooks from "../../usecases/webhooks/endpoints.ts";
import { AccountsPage, CONSOLE_OK, ExportsPage, FollowUpsPage, OperationsPage, WebhooksPage } from "../../views/admin-console-pages.tsx";
import { caller, csrf, deps, type AppContext, type AppEnv } from "../context.ts";
import { formText, readForm } from "../form.ts";
import { language, say } from "../messages.ts";

type Form = Record<string, string | File | (string | File)[]>;
interface Sent {
  form?: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}
type Status = 200 | 201 | 409 | 422;

/** A field's messages under the field it came from (`eventTypes.0` is the events fieldset), the rest on top of the form. */
function errorsOf(issues: readonly FieldIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.split(".")[0] ?? ""] ??= issue.message;
  return errors;
}

/** Runs a console operation; a refusal about what was sent (409/422) is shown on the page, anything else as usual. */
async function attempt<T>(c: AppContext, operation: () => Promise<T>, refused: (errors: Record<string, string>, status: 409 | 422) => Response | Promise<Response>): Promise<T | Response> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof Refusal && (error.status === 409 || error.status === 422 || error.status === 400)) {
      return refused({ ...(error.fields ? errorsOf(error.fields) : { "": say(c, error.text) }) }, error.status === 409 ? 409 : 422);
    }
    throw error;
  }
}

function parsed<S extends v.GenericSchema>(c: AppContext, schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw invalidInput(fieldIssues(result.issues, language(c)));
  return result.output;
}

/** A whole number as typed, or the text itself for the schema to refuse in words ("Harus berupa angka."). */
const wholeNumber = (text: string | undefined) => (text === undefined || text.trim() === "" ? undefined : /^\s*\d+\s*$/.test(text) ? Number(text) : text);
const texts = (form: Form, names: readonly string[]) => Object.fromEntries(names.map((name) => [name, formText(form, name) ?? ""]));
const optional = (text: string | undefined) => (text && text.trim() !== "" ? text.trim() : undefined);
const okMessage = (c: AppContext) => {
  const key = c.req.query("ok");
  return key && CONSOLE_OK[key] ? say(c, CONSOLE_OK[key]) : undefined;
};

async function renderAccounts(c: AppContext, sent: Sent & { created?: { name: string; token: string } } = {}, status: Status = 200) {
  const d = deps(c);
  const [list, tokens, scopes] = await Promise.all([accounts.listAccounts(d, caller(c)), accounts.listTokens(d, caller(c)), scopeChoices(d, caller(c))]);
  const principal = authorizeInOwnScope(caller(c), "account.read");
  return c.html(<AccountsPage principal={principal} csrfToken={csrf(c)} lang={language(c)} message={okMessage(c)} accounts={list} tokens={tokens} scopes={scopes} {...sent} />, status);
}

async function agencyNames(c: AppContext) {
  return new Map((await listAgencies(deps(c), caller(c))).map((a) => [a.id, a.name]));
}

async function renderWebhooks(c: AppContext, agencyId: string | undefined, sent: Sent & { secret?: { secret: string; previousValidUntil: string | null } } = {}, status: Status = 200) {
  const principal = authorizeInOwnScope(caller(c), "agency.manage");
  const agencies = (await listAgencies(deps(c), principal)).filter((a) => a.active).map((a) => ({ code: a.id, name: a.name }));
  const agency = agencies.find((a) => a.code === agencyId) ?? agencies[0];
  if (!agency) return c.html(<WebhooksPage principal={principal} csrfToken={csrf(c)} lang={language(c)} agencies={[]} agency={{ code: "", name: "" }} endpoints={[]} />);
  const endpoints = await webhooks.listEndpoints(deps(c), principal, { agencyId: agency.code });
  const withDeliveries = await Promise.all(endpoints.map(async (e) => ({ ...e, deliveries: (await webhooks.listDeliveries(deps(c), principal, { endpointId: e.id })).slice(0, 20) })));
  return c.html(<WebhooksPage principal={principal} csrfToken={csrf(c)} lang={language(c)} message={okMessage(c)} agencies={agencies} agency={agency} endpoints={withDeliveries} {...sent} />, status);
}

const QUEUE_OF_TASK = { triage: { id: "Pemilahan Bappeda", en: "Bappeda triage" } };
const WEBHOOK_LETTER = { id: "Satu pengiriman webhook ke sistem OPD (lihat log di halaman webhook)", en: "A webhook delivery to an agency's system (see the log on the webhooks page)" };

async function renderOperations(c: AppContext, sent: Sent = {}, status: Status = 200) {
  const d = deps(c);
  const includeReplayed = c.req.query("semua") === "1";
  const principal = authorizeInOwnScope(caller(c), "triage.decide");
  const [letters, failed, escalated, agencies] = await Promise.all([listDeadLetters(d, principal, { includeReplayed }), failedLifecycles(d, principal), escalations(d, principal), agencyNames(c)]);
  const deadLetters = await Promise.all(
    letters.map(async (l) => {
      const proposalId = (l.body as { proposalId?: unknown }).proposalId;
      const proposal = typeof proposalId === "string" ? await proposalFor(d, principal, proposalId, "proposal.read").then(({ row }) => row, () => null) : null;
      return { ...l, about: proposal ? `${proposal.activity} (${proposal.trackingCode})` : say(c, WEBHOOK_LETTER) };
    }),
  );
  const districts = await regionNames(d, escalated.filter(({ task }) => task.kind === "verification").map(({ task }) => task.queueKey));
  const escalationItems = escalated.map(({ task, proposal }) => ({
    taskId: task.id,
    proposalId: proposal.id,
    activity: proposal.activity,
    trackingCode: proposal.trackingCode,
    queueName: task.agencyId ? (agencies.get(task.agencyId) ?? task.agencyId) : task.kind === "triage" ? say(c, QUEUE_OF_TASK.triage) : `Kec. ${districts.get(task.queueKey) ?? task.queueKey}`,
    dueAt: task.dueAt,
    escalatedAt: task.escalatedAt!,
  }));
  return c.html(<OperationsPage principal={principal} csrfToken={csrf(c)} lang={language(c)} message={okMessage(c)} deadLetters={deadLetters} includeReplayed={includeReplayed} failed={failed} escalations={escalationItems} {...sent} />, status);
}

async function renderExports(c: AppContext, sent: Sent = {}, status: Status = 200) {
  const principal = authorizeInOwnScope(caller(c), "export.read");
  const [snapshots, scopes] = await Promise.all([listExports(deps(c), principal, { limit: 30 }), scopeChoices(deps(c), principal)]);
  return c.html(
    <ExportsPage principal={principal} csrfToken={csrf(c)} lang={language(c)} message={okMessage(c)} year={planningYear(new Date())} agencies={scopes.agencies} districts={scopes.districts} snapshots={snapshots} {...sent} />,
    status,
  );
}

async function renderFollowUps(c: AppContext, sent: Sent = {}, status: Status = 200) {
  const principal = authorizeInOwnScope(caller(c), "forum.manage");
  const [rows, agencies] = await Promise.all([listFollowUps(deps(c), principal, { overdueOnly: false }), agencyNames(c)]);
  // Overdue first, then what is still open by due date, what is done last.
  const rank = (f: { overdue: boolean; status: string }) => (f.overdue ? 0 : f.status === "done" ? 2 : 1);
  const followUps = rows
    .map((f) => ({ ...f, ownerName: agencies.get(f.ownerAgencyId) ?? f.ownerAgencyId, notes: f.notes as { at: string; by: string; note: string }[] }))
    .sort((a, b) => rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate));
  return c.html(<FollowUpsPage principal={principal} csrfToken={csrf(c)} lang={language(c)} message={okMessage(c)} followUps={followUps} {...sent} />, status);
}

/** Back to a console page with what was done said on it (and, with `anchor`, at the part it was done to). */
const back = (c: AppContext, path: string, ok: string, anchor = "") => c.redirect(`${path}${path.includes("?") ? "&" : "?"}ok=${ok}${anchor}`, 303);

export const adminConsolePages = new Hono<AppEnv>()
  .get("/konsol/akun", (c) => renderAccounts(c))
  .post("/konsol/akun", async (c) => {
    const form = await readForm(c);
    const values = texts(form, ["username", "displayName", "role", "scopeCode"]);
    const result = await attempt(
      c,
      () => accounts.createAccount(deps(c), caller(c), parsed(c, AccountCreateSchema, { ...values, password: formText(form, "password") ?? "" })),
      (errors, status) => renderAccounts(c, { form: "account", values, errors }, status),
    );
    return result instanceof Response ? result : back(c, "/konsol/akun", "akun");
  })
  .post("/konsol/akun/token", async (c) => {
    const form = await readForm(c);
    const values = texts(form, ["name", "role", "scopeCode", "expiresInDays"]);
    const result = await attempt(
      c,
      () => accounts.createToken(deps(c), caller(c), parsed(c, TokenCreateSchema, { name: values.name, role: values.role, scopeCode: values.scopeCode, expiresInDays: wholeNumber(values.expiresInDays) })),
      (errors, status) => renderAccounts(c, { form: "token", values, errors }, status),
    );
    return result instanceof Response ? result : renderAccounts(c, { created: { name: result.name, token: result.token } }, 201);
  })
  .post("/konsol/akun/:id/nonaktif", async (c) => {
    await accounts.disableAccount(deps(c), caller(c), { id: c.req.param("id") });
    return back(c, "/konsol/akun", "nonaktif");
  })
  .post("/konsol/akun/token/:id/cabut", async (c) => {
    await accounts.revokeToken(deps(c), caller(c), { id: c.req.param("id") });
    return back(c, "/konsol/akun", "dicabut");
  })
  .get("/konsol/webhook", (c) => renderWebhooks(c, c.req.query("opd")))
  .post("/konsol/webhook/:agency/rahasia", async (c) => {
    const agencyId = c.req.param("agency");
    const values = texts(await readForm(c), ["overlapHours"]);
    const result = await attempt(
      c,
      async () => webhooks.rotateSecret(deps(c), caller(c), { agencyId, overlapHours: parsed(c, SecretRotateSchema, { overlapHours: wholeNumber(values.overlapHours) }).overlapHours }),
      (errors, status) => renderWebhooks(c, agencyId, { form: "secret", values, errors }, status),
    );
    return result instanceof Response ? result : renderWebhooks(c, agencyId, { secret: result }, 201);
  })
  .post("/konsol/webhook/:agency/alamat", async (c) => {
    const agencyId = c.req.param("agency");
    const form = await readForm(c);
    const chosen = [form.eventTypes ?? []].flat().filter((t): t is string => typeof t === "string");
    const values = { url: formText(form, "url") ?? "", eventTypes: chosen.join(",") };
    const result = await attempt(
      c,
      async () => {
        if (chosen.length === 0) throw invalidInput([{ path: "eventTypes", code: "required", message: say(c, { id: "Pilih setidaknya satu peristiwa.", en: "Choose at least one event." }) }]);
        return webhooks.createEndpoint(deps(c), caller(c), { agencyId, endpoint: parsed(c, EndpointCreateSchema, { url: values.url, eventTypes: chosen }) });
      },
      (errors, status) => renderWebhooks(c, agencyId, { form: "endpoint", values, errors }, status),
    );
    return result instanceof Response ? result : back(c, `/konsol/webhook?opd=${encodeURIComponent(agencyId)}`, "alamat");
  })
  .post("/konsol/webhook/alamat/:id/nonaktif", async (c) => {
    const endpoint = await webhooks.disableEndpoint(deps(c), caller(c), { endpointId: c.req.param("id") });
    return back(c, `/konsol/webhook?opd=${encodeURIComponent(endpoint.agencyId)}`, "alamatnonaktif");
  })
  .post("/konsol/webhook/kiriman/:id/ulang", async (c) => {
    await webhooks.redeliver(deps(c), caller(c), { deliveryId: c.req.param("id") });
    return back(c, `/konsol/webhook?opd=${encodeURIComponent(c.req.query("opd") ?? "")}`, "kirimulang");
  })
  .get("/konsol/operasi", (c) => renderOperations(c))
  .post("/konsol/operasi/dead-letter/:id/replay", async (c) => {
    const result = await attempt(c, () => replayDeadLetter(deps(c), caller(c), { id: c.req.param("id") }), (errors, status) => renderOperations(c, { errors }, status));
    return result instanceof Response ? result : back(c, "/konsol/operasi", "replay");
  })
  .post("/konsol/operasi/siklus/:id/ulang", async (c) => {
    const result = await attempt(c, () => retryLifecycle(deps(c), caller(c), { proposalId: c.req.param("id") }), (errors, status) => renderOperations(c, { errors }, status));
    return result instanceof Response ? result : back(c, "/konsol/operasi", "siklus");
  })
  .get("/konsol/ekspor", (c) => renderExports(c))
  .post("/konsol/ekspor", async (c) => {
    const values = texts(await readForm(c), ["year", "view", "format", "agency", "kecamatan", "status", "stage"]);
    const query = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ""));
    const result = await attempt(
      c,
      () => exportRenja(deps(c), caller(c), parsed(c, ExportQuerySchema, query)),
      (errors, status) => renderExports(c, { values, errors }, status),
    );
    return result instanceof Response ? result : back(c, "/konsol/ekspor", result.kind === "file" ? "ekspor" : "latar");
  })
  .get("/konsol/tindak-lanjut", (c) => renderFollowUps(c))
  .post("/konsol/tindak-lanjut/:id", async (c) => {
    const followUpId = c.req.param("id");
    const values = texts(await readForm(c), ["status", "note"]);
    const result = await attempt(
      c,
      () => updateFollowUp(deps(c), caller(c), { followUpId, ...parsed(c, FollowUpUpdateSchema, { status: optional(values.status), note: optional(values.note) }) }),
      (errors, status) => renderFollowUps(c, { form: followUpId, values, errors }, status),
    );
    return result instanceof Response ? result : back(c, "/konsol/tindak-lanjut", "tindaklanjut", `#tl-${followUpId}`);
  });
