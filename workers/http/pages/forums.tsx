/** The forum in the web UI: the same use cases as the API, driven by plain forms. */
import { Hono } from "hono";
import * as v from "valibot";
import { parseIndonesianNumber } from "../../../shared/proposals/form.ts";
import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { fieldIssues, type FieldIssue } from "../../../shared/schemas/issues.ts";
import { AttendeeSchema, FollowUpCreateSchema, ForumCreateSchema, ForumDecisionSchema } from "../../../shared/schemas/forums.ts";
import { authorizeInOwnScope } from "../../usecases/access.ts";
import { invalidInput, Refusal } from "../../usecases/errors.ts";
import { addFollowUp } from "../../usecases/follow-ups/follow-ups.ts";
import * as forums from "../../usecases/forums/forums.ts";
import { ForumListPage, ForumPage, MinutesPage, SigningLinkPage } from "../../views/forum-pages.tsx";
import { contentDisposition } from "../content-disposition.ts";
import { caller, csrf, deps, type AppContext, type AppEnv } from "../context.ts";
import { readForm } from "../form.ts";
import { language, say } from "../messages.ts";

interface ForumPageState {
  error?: string | undefined;
  message?: string | undefined;
  /** Per agenda item and field: "{item}:{lead|into|parts|reason|decision}". */
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

async function renderForum(c: AppContext, forumId: string, state: ForumPageState = {}, status: 200 | 201 | 409 | 422 = 200) {
  const { principal, forum, agencies, items, clusters } = await forums.forumWorkspace(deps(c), caller(c), { forumId });
  return c.html(<ForumPage principal={principal} csrfToken={csrf(c)} forum={forum} agencies={agencies} items={items} clusters={clusters} {...state} />, status);
}

/** The forms' fields in words, for a refusal shown above a form (never the API's field name). */
const FIELD_WORDS: Record<string, string> = {
  name: "Nama",
  position: "Jabatan",
  agencyId: "OPD",
  username: "Nama pengguna",
  description: "Tindak lanjut",
  ownerAgencyId: "OPD penanggung jawab",
  dueDate: "Tenggat",
  title: "Judul",
  heldAt: "Tanggal dan jam",
  place: "Tempat",
  scopeKind: "Cakupan",
  scopeDistricts: "Kecamatan",
  theme: "Tema",
  year: "Tahun",
};

const refusalText = (c: AppContext, error: Refusal) =>
  [say(c, error.text), ...(error.fields ?? []).map((f) => (FIELD_WORDS[f.path.split(".")[0]!] ? `${FIELD_WORDS[f.path.split(".")[0]!]}: ${f.message}` : f.message))].join(" ");

/** Which part of an item's decision form a refused path belongs to. */
function decisionField(path: string): string {
  if (path === "leadAgencyId") return "lead";
  if (path === "intoProposalId") return "into";
  if (path.startsWith("parts")) return "parts";
  if (path === "reason" || path === "priorityCode") return "reason";
  return "decision";
}

/** Runs a forum operation and returns to the forum page, showing a refusal next to it instead of an error page. */
async function thenBack(c: AppContext, forumId: string, operation: () => Promise<unknown>, back = `/forum/${forumId}`) {
  try {
    await operation();
  } catch (error) {
    if (error instanceof Refusal && (error.status === 409 || error.status === 422)) return renderForum(c, forumId, { error: refusalText(c, error) }, error.status);
    throw error;
  }
  return c.redirect(back, 303);
}

function parsed<S extends v.GenericSchema>(c: AppContext, schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw invalidInput(fieldIssues(result.issues, language(c)));
  return result.output;
}

/** The form's local time (WIB) as an ISO timestamp; what is not a time stays as typed, for the schema to refuse. */
function wibToIso(local: string): string {
  const at = new Date(`${local}:00+07:00`);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === "string" && (form[name] as string).trim() !== "" ? (form[name] as string).trim() : undefined);

/**
 * The decision form's fields as the shared forum decision schema's input: the lead agency and the proposal kept are
 * chosen from the item (radios), each agency's part has its own volume and cost fields. `target` and `parts` (one
 * "agency; volume; cost" a line) are what the form sent before and are still read.
 */
function forumDecisionFromForm(form: Record<string, unknown>): unknown {
  const decision = field(form, "decision");
  const reason = field(form, "reason");
  switch (decision) {
    case "lead_agency":
      return { decision, leadAgencyId: field(form, "leadAgencyId") ?? field(form, "target"), reason };
    case "merged":
      return { decision, intoProposalId: field(form, "intoProposalId") ?? field(form, "target"), reason };
    case "split": {
      const perAgency = Object.keys(form)
        .filter((name) => name.startsWith("volume:") || name.startsWith("cost:"))
        .map((name) => name.slice(name.indexOf(":") + 1))
        .filter((agencyId, i, all) => all.indexOf(agencyId) === i && (field(form, `volume:${agencyId}`) || field(form, `cost:${agencyId}`)))
        .map((agencyId) => ({ agencyId, volume: parseIndonesianNumber(field(form, `volume:${agencyId}`) ?? ""), estimatedCost: parseIndonesianNumber(field(form, `cost:${agencyId}`) ?? "") }));
      const typed = (field(form, "parts") ?? "")
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .map((line) => {
          const [agencyId, volume, cost] = line.split(";").map((part) => part.trim());
          return { agencyId, volume: parseIndonesianNumber(volume ?? ""), estimatedCost: parseIndonesianNumber(cost ?? "") };
        });
      return { decision, reason, parts: [...perAgency, ...typed] };
    }
    default:
      return { decision, reason };
  }
}

export const forumPages = new Hono<AppEnv>()
  .get("/forum", async (c) => {
    const admin = authorizeInOwnScope(caller(c), "forum.manage");
    return c.html(<ForumListPage principal={admin} csrfToken={csrf(c)} forums={await forums.listForums(deps(c), admin)} year={planningYear(new Date())} />);
  })
  .post("/forum", async (c) => {
    const admin = authorizeInOwnScope(caller(c), "forum.manage");
    const form = await readForm(c);
    const scopeKind = field(form, "scopeKind");
    const detail = field(form, "scopeDetail");
    const heldAt = field(form, "heldAt");
    try {
      const body = parsed(c, ForumCreateSchema, {
        year: Number(field(form, "year")),
        title: field(form, "title"),
        heldAt: heldAt ? wibToIso(heldAt) : undefined,
        place: field(form, "place"),
        scopeKind,
        ...(scopeKind === "districts" ? { scopeDistricts: (detail ?? "").split(/[,\s]+/).filter(Boolean) } : {}),
        ...(scopeKind === "theme" ? { theme: detail } : {}),
      });
      const forum = await forums.createForum(deps(c), admin, body);
      return c.redirect(`/forum/${forum.id}`, 303);
    } catch (error) {
      if (!(error instanceof Refusal) || error.status !== 422) throw error;
      return c.html(<ForumListPage principal={admin} csrfToken={csrf(c)} forums={await forums.listForums(deps(c), admin)} year={planningYear(new Date())} error={refusalText(c, error)} />, 422);
    }
  })
  .get("/forum/:id", (c) => renderForum(c, c.req.param("id")))
  .post("/forum/:id/agenda", async (c) => {
    const form = await readForm(c);
    const forumId = c.req.param("id");
    const proposalIds = (field(form, "proposalIds") ?? "").split(",").filter(Boolean);
    return thenBack(c, forumId, () => forums.addAgendaItem(deps(c), caller(c), { forumId, proposalIds }));
  })
  .post("/forum/:id/agenda/:item/coret", (c) => {
    const forumId = c.req.param("id");
    return thenBack(c, forumId, () => forums.dropAgendaItem(deps(c), caller(c), { forumId, itemId: c.req.param("item") }));
  })
  .post("/forum/:id/agenda/:item", async (c) => {
    const form = await readForm(c);
    const forumId = c.req.param("id");
    const itemId = c.req.param("item");
    // What was chosen and typed stays in the form, and each refusal sits under the part of the form it is about.
    const values = Object.fromEntries(Object.entries(form).flatMap(([name, value]) => (typeof value === "string" && name !== "_csrf" ? [[`${itemId}:${name}`, value]] : [])));
    // Nothing chosen where the decision needs a choice: say what to choose, not just that the field is required.
    const chooseFirst: Record<string, string> = { lead: "Pilih OPD pelaksana utama dari OPD butir ini.", into: "Pilih usulan yang dipertahankan." };
    const refused = (issues: readonly FieldIssue[], status: 409 | 422, general?: string) => {
      const errors: Record<string, string> = {};
      for (const issue of issues) {
        const part = decisionField(issue.path);
        const unchosen = (part === "lead" && !field(form, "leadAgencyId") && !field(form, "target")) || (part === "into" && !field(form, "intoProposalId") && !field(form, "target"));
        errors[`${itemId}:${part}`] ??= unchosen ? chooseFirst[part]! : issue.message;
      }
      return renderForum(c, forumId, { errors, values, error: general }, status);
    };
    const decision = v.safeParse(ForumDecisionSchema, forumDecisionFromForm(form));
    if (!decision.success) return refused(fieldIssues(decision.issues, language(c)), 422, "Keputusan belum lengkap; lihat pesan di butir agenda.");
    try {
      await forums.decideAgendaItem(deps(c), caller(c), { forumId, itemId, decision: decision.output });
    } catch (error) {
      if (error instanceof Refusal && (error.status === 409 || error.status === 422)) return refused(error.fields ?? [], error.status, say(c, error.text));
      throw error;
    }
    return c.redirect(`/forum/${forumId}#butir-${itemId}`, 303);
  })
  .post("/forum/:id/peserta", async (c) => {
    const form = await readForm(c);
    const forumId = c.req.param("id");
    return thenBack(c, forumId, () =>
      forums.addAttendee(deps(c), caller(c), { forumId, attendee: parsed(c, AttendeeSchema, { name: field(form, "name"), position: field(form, "position"), agencyId: field(form, "agencyId"), username: field(form, "username") }) }),
    );
  })
  // The attendee signs for themselves, from the berita acara page (any role) or the forum page (Bappeda).
  .post("/forum/:id/peserta/:attendee/tanda-tangan", async (c) => {
    const forumId = c.req.param("id");
    await forums.signMinutes(deps(c), caller(c), { forumId, attendeeId: c.req.param("attendee") });
    return c.redirect(`/forum/${forumId}/berita-acara`, 303);
  })
  .post("/forum/:id/peserta/:attendee/tautan", async (c) => {
    const forumId = c.req.param("id");
    try {
      const link = await forums.createSigningLink(deps(c), caller(c), { forumId, attendeeId: c.req.param("attendee") });
      // Shown once: only its hash is kept.
      return renderForum(c, forumId, { message: `Tautan tanda tangan (kirimkan hanya kepada peserta itu; berlaku sampai ${link.expiresAt.slice(0, 10)}, sekali pakai): ${new URL(link.path, c.req.url).toString()}` }, 201);
    } catch (error) {
      if (error instanceof Refusal && error.status === 409) return renderForum(c, forumId, { error: refusalText(c, error) }, 409);
      throw error;
    }
  })
  .post("/forum/:id/final", (c) => {
    const forumId = c.req.param("id");
    return thenBack(c, forumId, () => forums.finaliseMinutes(deps(c), caller(c), { forumId }));
  })
  .post("/forum/:id/tindak-lanjut", async (c) => {
    const form = await readForm(c);
    const forumId = c.req.param("id");
    return thenBack(c, forumId, () =>
      addFollowUp(deps(c), caller(c), { forumId, followUp: parsed(c, FollowUpCreateSchema, { description: field(form, "description"), ownerAgencyId: field(form, "ownerAgencyId"), dueDate: field(form, "dueDate") }) }),
    );
  })
  .get("/forum/:id/berita-acara", async (c) => {
    const forumId = c.req.param("id");
    const minutes = await forums.forumMinutes(deps(c), caller(c), { forumId });
    const me = caller(c);
    // The signed-in attendee of final minutes gets the button to sign for themselves.
    const mine = minutes.forum.minutesFinalisedAt && me?.kind === "account" ? minutes.forum.attendees.find((a) => a.accountId === me.id && !a.signedAt) : undefined;
    return c.html(<MinutesPage forumId={forumId} document={minutes.document} letterhead={minutes.letterhead} signAs={mine ? { attendeeId: mine.id, csrfToken: csrf(c) } : undefined} />);
  })
  .get("/forum/:id/berita-acara.pdf", async (c) => pdfResponse(c, await forums.minutesPdf(deps(c), caller(c), { forumId: c.req.param("id") })))
  // A one-time signing link: no sign-in, the token is the credential for exactly one attendee's signature.
  .get("/tanda-tangan/:token", async (c) => {
    const token = c.req.param("token");
    try {
      return c.html(<SigningLinkPage token={token} csrfToken={csrf(c)} view={await forums.signingLinkView(deps(c), { token })} />);
    } catch (error) {
      if (error instanceof Refusal && (error.status === 404 || error.status === 409)) return c.html(<SigningLinkPage token={token} csrfToken={csrf(c)} error={say(c, error.text)} />, error.status);
      throw error;
    }
  })
  .get("/tanda-tangan/:token/berita-acara.pdf", async (c) => pdfResponse(c, await forums.minutesPdfByLink(deps(c), { token: c.req.param("token") })))
  .post("/tanda-tangan/:token", async (c) => {
    const token = c.req.param("token");
    try {
      const signed = await forums.signWithLink(deps(c), { token });
      return c.html(<SigningLinkPage token={token} csrfToken={csrf(c)} done={`Terima kasih, ${signed.attendee.name}: tanda tangan Anda pada berita acara ${signed.forum.title} tercatat.`} />);
    } catch (error) {
      if (error instanceof Refusal && (error.status === 404 || error.status === 409)) return c.html(<SigningLinkPage token={token} csrfToken={csrf(c)} error={say(c, error.text)} />, error.status);
      throw error;
    }
  });

function pdfResponse(c: AppContext, file: { bytes: Uint8Array; filename: string }) {
  return c.body(file.bytes.slice().buffer, 200, { "content-type": "application/pdf", "content-disposition": contentDisposition("inline", file.filename) });
}
