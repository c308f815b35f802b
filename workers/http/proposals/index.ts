import { submissionRateLimit, trackingRateLimit } from "../middleware/rate-limit.ts";
import { RouteGroup } from "../route.ts";
import * as handlers from "./proposals.handlers.ts";
import * as routes from "./proposals.routes.ts";

export const proposalRoutes = new RouteGroup()
  .add(routes.createProposal, handlers.createProposal, submissionRateLimit)
  .add(routes.listProposals, handlers.listProposals)
  .add(routes.getProposal, handlers.getProposal)
  .add(routes.patchProposal, handlers.patchProposal)
  .add(routes.withdrawProposal, handlers.withdrawProposal)
  .add(routes.rankProposal, handlers.rankProposal)
  .add(routes.addAttachments, handlers.addAttachments)
  .add(routes.removeAttachment, handlers.removeAttachment)
  .add(routes.getAttachment, handlers.getAttachment)
  .add(routes.tracking, handlers.tracking, trackingRateLimit)
  .add(routes.carryOverOffers, handlers.carryOverOffers)
  .add(routes.keepCarryOver, handlers.keepCarryOver, submissionRateLimit)
  .add(routes.dropCarryOver, handlers.dropCarryOver);
