/** The forum in the web UI: the same operations as the API, driven by plain forms. */
import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { agencies, forums, regions } from "../../../shared/db/schema.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { AttendeeSchema, FollowUpCreateSchema, ForumCreateSchema, ForumDecisionSchema } from "../../../shared/schemas/forums.ts";
import { parseIndonesianNumber } from "../../../shared/proposals/form.ts";
import { ForumListPage, ForumPage, MinutesPage } from "../../pages/forum-pages.tsx";
import { database } from "../../storage/database.ts";
import { authorize, authorizeInOwnScope } from "../access.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { preferredLanguage, say } from "../messages.ts";
import * as forumsApi from "../forums/forums.handlers.ts";
import { planningYear } from "./proposals.tsx";
import { readForm } from "../form.ts";

const csrf = (c: AppContext) => c.get("session")?.csrfToken ?? "";

async function agencyList(c: AppContext, regencyCode: string) {
  return database(c.env.DB).select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.regencyCode, regencyCode)).orderBy(asc(agencies.name));
}

async function renderForum(c: AppContext, forumId: string, error?: string, status: 200 | 409 | 422 = 200) {
  const db = database(c.env.DB);
  const forum = await db.query.forums.findFirst({ where: eq(forums.id, forumId) });
  if (!forum) throw notFound;
  const principal = authorize(c, "forum.manage", { regencyCode: forum.regencyCode });
  return c.html(<ForumPage principal={principal} csrfToken={csrf(c)} forum={await forumsApi.forumView(db, forum)} agencies={await agencyList(c, forum.regencyCode)} error={error} />, status);
}

/** Runs a forum operation and returns to the forum page, showing a refusal next to it instead of an error page. */
async function thenBack(c: AppContext, forumId: string, operation: () => Promise<unknown>) {
  try {
    await operation();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
      return renderForum(c, forumId, [say(c, error.text), ...(error.fields ?? []).map((f) => `${f.path}: ${f.message}`)].join(" "), error.status);
    }
    throw error;
  }
  return c.redirect(`/forum/${forumId}`, 303);
}

function parsed<S extends v.GenericSchema>(c: AppContext, schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new ApiError(422, "validation_failed", { id: "Isian tidak sah.", en: "The input is not valid." }, { fields: fieldIssues(result.issues, preferredLanguage(c.req.header("accept-language"))) });
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
    const admin = authorizeInOwnScope(c, "forum.manage");
    const rows = await database(c.env.DB).select().from(forums).where(eq(forums.regencyCode, admin.regencyCode)).orderBy(asc(forums.heldAt));
    return c.html(<ForumListPage principal={admin} csrfToken={csrf(c)} forums={rows} year={planningYear()} />);
  })
  .post("/forum", async (c) => {
    const admin = authorizeInOwnScope(c, "forum.manage");
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
      const response = await forumsApi.createForum(c, body);
      const { id } = (await response.json()) as { id: string };
      return c.redirect(`/forum/${id}`, 303);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 422) throw error;
      const rows = await database(c.env.DB).select().from(forums).where(eq(forums.regencyCode, admin.regencyCode));
      const message = [say(c, error.text), ...(error.fields ?? []).map((f) => `${f.path}: ${f.message}`)].join(" ");
      return c.html(<ForumListPage principal={admin} csrfToken={csrf(c)} forums={rows} year={planningYear()} error={message} />, 422);
    }
  })
  .get("/forum/:id", (c) => renderForum(c, c.req.param("id")))
  .post("/forum/:id/agenda/:item", async (c) => {
    const form = await readForm(c);
    return thenBack(c, c.req.param("id"), () => forumsApi.decideAgendaItem(c, c.req.param("id"), c.req.param("item"), parsed(c, ForumDecisionSchema, forumDecisionFromForm(form))));
  })
  .post("/forum/:id/peserta", async (c) => {
    const form = await readForm(c);
    return thenBack(c, c.req.param("id"), () =>
      forumsApi.addAttendee(c, c.req.param("id"), parsed(c, AttendeeSchema, { name: field(form, "name"), position: field(form, "position"), agencyId: field(form, "agencyId") })),
    );
  })
  .post("/forum/:id/peserta/:attendee/tanda-tangan", (c) => thenBack(c, c.req.param("id"), () => forumsApi.signMinutes(c, c.req.param("id"), c.req.param("attendee"))))
  .post("/forum/:id/tindak-lanjut", async (c) => {
    const form = await readForm(c);
    return thenBack(c, c.req.param("id"), () =>
      forumsApi.addFollowUp(c, c.req.param("id"), parsed(c, FollowUpCreateSchema, { description: field(form, "description"), ownerAgencyId: field(form, "ownerAgencyId"), dueDate: field(form, "dueDate") })),
    );
  })
  .get("/forum/:id/berita-acara", async (c) => {
    const db = database(c.env.DB);
    const forum = await db.query.forums.findFirst({ where: eq(forums.id, c.req.param("id")) });
    if (!forum) throw notFound;
    authorize(c, "agency.read", { regencyCode: forum.regencyCode });
    const regency = await db.query.regions.findFirst({ where: eq(regions.code, forum.regencyCode) });
    return c.html(<MinutesPage forum={await forumsApi.forumView(db, forum)} agencies={await agencyList(c, forum.regencyCode)} regencyName={regency?.name ?? forum.regencyCode} />);
  });
