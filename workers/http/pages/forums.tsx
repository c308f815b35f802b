/** The forum in the web UI: the same use cases as the API, driven by plain forms. */
import { Hono } from "hono";
import * as v from "valibot";
import { parseIndonesianNumber } from "../../../shared/proposals/form.ts";
import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
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

async function renderForum(c: AppContext, forumId: string, error?: string, status: 200 | 201 | 409 | 422 = 200, message?: string) {
  const { principal, forum, agencies } = await forums.forumWorkspace(deps(c), caller(c), { forumId });
  return c.html(<ForumPage principal={principal} csrfToken={csrf(c)} forum={forum} agencies={agencies} error={error} message={message} />, status);
}

const refusalText = (c: AppContext, error: Refusal) => [say(c, error.text), ...(error.fields ?? []).map((f) => `${f.path}: ${f.message}`)].join(" ");

/** Runs a forum operation and returns to the forum page, showing a refusal next to it instead of an error page. */
async function thenBack(c: AppContext, forumId: string, operation: () => Promise<unknown>, back = `/forum/${forumId}`) {
  try {
    await operation();
  } catch (error) {
    if (error instanceof Refusal && (error.status === 409 || error.status === 422)) return renderForum(c, forumId, refusalText(c, error), error.status);
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

/** The decision form's fields as the shared forum decision schema's input. */
function forumDecisionFromForm(form: Record<string, unknown>): unknown {
  const decision = field(form, "decision");
  const reason = field(form, "reason");
  switch (decision) {
    case "lead_agency":
      return { decision, leadAgencyId: field(form, "target"), reason };
    case "merged":
      return { decision, intoProposalId: field(form, "target"), reason };
    case "split":
      return {
        decision,
        reason,
        parts: (field(form, "parts") ?? "")
          .split(/\r?\n/)
          .filter((line) => line.trim())
          .map((line) => {
            const [agencyId, volume, cost] = line.split(";").map((part) => part.trim());
            return { agencyId, volume: parseIndonesianNumber(volume ?? ""), estimatedCost: parseIndonesianNumber(cost ?? "") };
          }),
      };
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
  .post("/forum/:id/agenda/:item", async (c) => {
    const form = await readForm(c);
    const forumId = c.req.param("id");
    return thenBack(c, forumId, () => forums.decideAgendaItem(deps(c), caller(c), { forumId, itemId: c.req.param("item"), decision: parsed(c, ForumDecisionSchema, forumDecisionFromForm(form)) }));
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
      return renderForum(c, forumId, undefined, 201, `Tautan tanda tangan (kirimkan hanya kepada peserta itu; berlaku sampai ${link.expiresAt.slice(0, 10)}, sekali pakai): ${new URL(link.path, c.req.url).toString()}`);
    } catch (error) {
      if (error instanceof Refusal && error.status === 409) return renderForum(c, forumId, refusalText(c, error), 409);
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
