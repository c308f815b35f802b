import { bodyLimit } from "hono/body-limit";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../../../shared/proposals/attachments.ts";
import { Refusal } from "../../usecases/errors.ts";
import { submissionRateLimit } from "../middleware/rate-limit.ts";
import { RouteGroup } from "../route.ts";
import * as handlers from "./proposals.handlers.ts";
import * as routes from "./proposals.routes.ts";

/** Five full attachments and the form's text; anything larger is refused before it is read. */
export const submissionLimit = bodyLimit({
  maxSize: MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 1024 * 1024,
  onError: () => {
    throw new Refusal(413, "request_too_large", { id: "Kiriman terlalu besar.", en: "The request is too large." });
  },
});

export const proposalRoutes = new RouteGroup()
  .add(routes.createProposal, handlers.createProposal, submissionRateLimit, submissionLimit)
  .add(routes.listProposals, handlers.listProposals)
  .add(routes.getProposal, handlers.getProposal)
  .add(routes.patchProposal, handlers.patchProposal)
  .add(routes.withdrawProposal, handlers.withdrawProposal)
  .add(routes.rankProposal, handlers.rankProposal)
  .add(routes.getAttachment, handlers.getAttachment)
  .add(routes.tracking, handlers.tracking);
