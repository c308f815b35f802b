import * as forums from "../../usecases/forums/forums.ts";
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
