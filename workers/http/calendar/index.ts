import { RouteGroup } from "../route.ts";
import * as handlers from "./calendar.handlers.ts";
import * as routes from "./calendar.routes.ts";

export const calendarRoutes = new RouteGroup().add(routes.readCalendar, handlers.readCalendar).add(routes.setCalendar, handlers.setCalendar).add(routes.extendCalendarWindow, handlers.extendCalendarWindow);
