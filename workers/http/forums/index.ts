import { RouteGroup } from "../route.ts";
import * as handlers from "./forums.handlers.ts";
import * as routes from "./forums.routes.ts";

export const forumRoutes = new RouteGroup()
  .add(routes.createForum, handlers.createForum)
  .add(routes.listForums, handlers.listForums)
  .add(routes.getForum, handlers.getForum)
  .add(routes.addAgendaItem, handlers.addAgendaItem)
  .add(routes.dropAgendaItem, handlers.dropAgendaItem)
  .add(routes.decideAgendaItem, handlers.decideAgendaItem)
  .add(routes.addAttendee, handlers.addAttendee)
  .add(routes.signMinutes, handlers.signMinutes)
  .add(routes.finaliseMinutes, handlers.finaliseMinutes)
  .add(routes.createSigningLink, handlers.createSigningLink)
  .add(routes.minutesPdf, handlers.minutesPdf);
