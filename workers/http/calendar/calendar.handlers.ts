import * as calendar from "../../usecases/calendar/calendar.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./calendar.routes.ts";

export const readCalendar: RouteHandler<typeof routes.readCalendar> = async (c, { query }) => c.json(await calendar.readCalendar(deps(c), caller(c), query.year), 200);

export const setCalendar: RouteHandler<typeof routes.setCalendar> = async (c, { json }) => c.json(await calendar.setCalendar(deps(c), caller(c), json.year, json.windows), 200);

export const extendCalendarWindow: RouteHandler<typeof routes.extendCalendarWindow> = async (c, { json }) => c.json(await calendar.extendCalendarWindow(deps(c), caller(c), json), 200);
