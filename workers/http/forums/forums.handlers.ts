import * as forums from "../../usecases/forums/forums.ts";
import { contentDisposition } from "../content-disposition.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./forums.routes.ts";

export const createForum: RouteHandler<typeof routes.createForum> = async (c, { json }) => c.json(await forums.createForum(deps(c), caller(c), json), 201);

export const listForums: RouteHandler<typeof routes.listForums> = async (c) =>
  c.json({ forums: (await forums.listForums(deps(c), caller(c))).map(({ scopeDistricts, ...f }) => ({ ...f, scopeDistricts: scopeDistricts ? (JSON.parse(scopeDistricts) as string[]) : null })) }, 200);

export const getForum: RouteHandler<typeof routes.getForum> = async (c, { params }) => c.json(await forums.readForum(deps(c), caller(c), { forumId: params.id }), 200);

export const addAgendaItem: RouteHandler<typeof routes.addAgendaItem> = async (c, { params, json }) =>
  c.json(await forums.addAgendaItem(deps(c), caller(c), { forumId: params.id, proposalIds: json.proposalIds }), 201);

export const dropAgendaItem: RouteHandler<typeof routes.dropAgendaItem> = async (c, { params }) => c.json(await forums.dropAgendaItem(deps(c), caller(c), { forumId: params.id, itemId: params.item }), 200);

export const decideAgendaItem: RouteHandler<typeof routes.decideAgendaItem> = async (c, { params, json }) =>
  c.json(await forums.decideAgendaItem(deps(c), caller(c), { forumId: params.id, itemId: params.item, decision: json }), 200);

export const addAttendee: RouteHandler<typeof routes.addAttendee> = async (c, { params, json }) => c.json(await forums.addAttendee(deps(c), caller(c), { forumId: params.id, attendee: json }), 201);

export const signMinutes: RouteHandler<typeof routes.signMinutes> = async (c, { params }) => c.json(await forums.signMinutes(deps(c), caller(c), { forumId: params.id, attendeeId: params.attendee }), 200);

export const finaliseMinutes: RouteHandler<typeof routes.finaliseMinutes> = async (c, { params }) => c.json(await forums.finaliseMinutes(deps(c), caller(c), { forumId: params.id }), 200);

export const createSigningLink: RouteHandler<typeof routes.createSigningLink> = async (c, { params }) => {
  const link = await forums.createSigningLink(deps(c), caller(c), { forumId: params.id, attendeeId: params.attendee });
  return c.json({ ...link, url: new URL(link.path, c.req.url).toString() }, 201);
};

export const minutesPdf: RouteHandler<typeof routes.minutesPdf> = async (c, { params }) => {
  const file = await forums.minutesPdf(deps(c), caller(c), { forumId: params.id });
  return c.body(file.bytes.slice().buffer, 200, { "content-type": "application/pdf", "content-disposition": contentDisposition("inline", file.filename) });
};
