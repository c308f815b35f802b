import { Hono } from "hono";
import * as v from "valibot";
import { AgendaAddSchema, AttendeeSchema, EnvelopeSetSchema, FitQuerySchema, FollowUpCreateSchema, FollowUpUpdateSchema, ForumCreateSchema, ForumDecisionSchema } from "../../../shared/schemas/forums.ts";
import type { AppEnv } from "../context.ts";
import { validate } from "../validation.ts";
import * as handlers from "./forums.handlers.ts";
import * as routes from "./forums.routes.ts";

const YearQuery = v.object({ year: v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number)) });

export const forumRoutes = new Hono<AppEnv>()
  .post("/api/v1/forums", routes.createForumRoute, validate("json", ForumCreateSchema), (c) => handlers.createForum(c, c.req.valid("json")))
  .get("/api/v1/forums", routes.listForumsRoute, handlers.listForums)
  .get("/api/v1/forums/:id", routes.getForumRoute, (c) => handlers.getForum(c, c.req.param("id")))
  .post("/api/v1/forums/:id/agenda", routes.addAgendaRoute, validate("json", AgendaAddSchema), (c) => handlers.addAgendaItem(c, c.req.param("id"), c.req.valid("json")))
  .post("/api/v1/forums/:id/agenda/:item/drop", routes.dropAgendaRoute, (c) => handlers.dropAgendaItem(c, c.req.param("id"), c.req.param("item")))
  .post("/api/v1/forums/:id/agenda/:item/decision", routes.decideAgendaRoute, validate("json", ForumDecisionSchema), (c) =>
    handlers.decideAgendaItem(c, c.req.param("id"), c.req.param("item"), c.req.valid("json")),
  )
  .post("/api/v1/forums/:id/attendees", routes.addAttendeeRoute, validate("json", AttendeeSchema), (c) => handlers.addAttendee(c, c.req.param("id"), c.req.valid("json")))
  .post("/api/v1/forums/:id/attendees/:attendee/sign", routes.signRoute, (c) => handlers.signMinutes(c, c.req.param("id"), c.req.param("attendee")))
  .post("/api/v1/forums/:id/follow-ups", routes.addFollowUpRoute, validate("json", FollowUpCreateSchema), (c) => handlers.addFollowUp(c, c.req.param("id"), c.req.valid("json")))
  .patch("/api/v1/follow-ups/:id", routes.updateFollowUpRoute, validate("json", FollowUpUpdateSchema), (c) => handlers.updateFollowUp(c, c.req.param("id"), c.req.valid("json")))
  .get("/api/v1/follow-ups", routes.listFollowUpsRoute, (c) => handlers.listFollowUps(c, c.req.query("overdue") === "1"))
  .put("/api/v1/budget/envelopes", routes.setEnvelopeRoute, validate("json", EnvelopeSetSchema), (c) => handlers.setEnvelope(c, c.req.valid("json")))
  .get("/api/v1/budget/envelopes", routes.listEnvelopesRoute, validate("query", YearQuery), (c) => handlers.listEnvelopes(c, c.req.valid("query").year))
  .get("/api/v1/budget/fit", routes.fitRoute, validate("query", FitQuerySchema), (c) => handlers.fit(c, c.req.valid("query")));
