import * as followUps from "../../usecases/follow-ups/follow-ups.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./follow-ups.routes.ts";

export const addFollowUp: RouteHandler<typeof routes.addFollowUp> = async (c, { params, json }) => c.json(await followUps.addFollowUp(deps(c), caller(c), { forumId: params.id, followUp: json }), 201);

export const updateFollowUp: RouteHandler<typeof routes.updateFollowUp> = async (c, { params, json }) => c.json(await followUps.updateFollowUp(deps(c), caller(c), { followUpId: params.id, ...json }), 200);

export const listFollowUps: RouteHandler<typeof routes.listFollowUps> = async (c, { query }) =>
  c.json({ followUps: await followUps.listFollowUps(deps(c), caller(c), { overdueOnly: query.overdue === "1" }) }, 200);
