import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ProposalListQuerySchema, ProposalPatchSchema, RankSchema } from "../../../shared/schemas/proposals.ts";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../../../shared/proposals/attachments.ts";
import type { AppEnv } from "../context.ts";
import { ApiError } from "../errors.ts";
import { submissionRateLimit } from "../middleware/rate-limit.ts";
import { validate } from "../validation.ts";
import * as handlers from "./proposals.handlers.ts";
import * as routes from "./proposals.routes.ts";

/** Five full attachments and the form's text; anything larger is refused before it is read. */
export const submissionLimit = bodyLimit({
  maxSize: MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 1024 * 1024,
  onError: () => {
    throw new ApiError(413, "request_too_large", { id: "Kiriman terlalu besar.", en: "The request is too large." });
  },
});

export const proposalRoutes = new Hono<AppEnv>()
  .post("/api/v1/proposals", routes.createProposalRoute, submissionRateLimit, submissionLimit, handlers.createProposal)
  .get("/api/v1/proposals", routes.listProposalsRoute, validate("query", ProposalListQuerySchema), (c) =>
    handlers.listProposalsHandler(c, c.req.valid("query")),
  )
  .get("/api/v1/proposals/:id", routes.getProposalRoute, (c) => handlers.getProposal(c, c.req.param("id")))
  .patch("/api/v1/proposals/:id", routes.patchProposalRoute, validate("json", ProposalPatchSchema), (c) =>
    handlers.patchProposal(c, c.req.param("id"), c.req.valid("json")),
  )
  .post("/api/v1/proposals/:id/withdraw", routes.withdrawProposalRoute, (c) => handlers.withdraw(c, c.req.param("id")))
  .post("/api/v1/proposals/:id/rank", routes.rankProposalRoute, validate("json", RankSchema), (c) =>
    handlers.rank(c, c.req.param("id"), c.req.valid("json").rank),
  )
  .get("/api/v1/proposals/:id/attachments/:attachmentId", routes.getAttachmentRoute, (c) =>
    handlers.getAttachment(c, c.req.param("id"), c.req.param("attachmentId")),
  )
  .get("/api/v1/tracking/:code", routes.trackingRoute, (c) => handlers.tracking(c, c.req.param("code")));
