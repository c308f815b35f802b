import { Hono } from "hono";
import { AssignSchema, ClassificationSchema, DecisionSchema, QueueQuerySchema } from "../../../shared/schemas/reviews.ts";
import type { AppEnv } from "../context.ts";
import { validate } from "../validation.ts";
import * as handlers from "./reviews.handlers.ts";
import * as routes from "./reviews.routes.ts";

export const reviewRoutes = new Hono<AppEnv>()
  .get("/api/v1/agencies/:agency/reviews", routes.agencyQueueRoute, validate("query", QueueQuerySchema), (c) =>
    handlers.agencyQueue(c, c.req.param("agency"), c.req.valid("query")),
  )
  .get("/api/v1/districts/:district/verifications", routes.districtQueueRoute, validate("query", QueueQuerySchema), (c) =>
    handlers.districtQueue(c, c.req.param("district"), c.req.valid("query")),
  )
  .get("/api/v1/triage", routes.triageQueueRoute, validate("query", QueueQuerySchema), (c) => handlers.triageQueue(c, c.req.valid("query")))
  .get("/api/v1/escalations", routes.escalationsRoute, handlers.escalations)
  .post("/api/v1/reviews/:task/claim", routes.claimRoute, (c) => handlers.claim(c, c.req.param("task")))
  .post("/api/v1/reviews/:task/assign", routes.assignRoute, validate("json", AssignSchema), (c) =>
    handlers.assign(c, c.req.param("task"), c.req.valid("json").assignee),
  )
  .post("/api/v1/reviews/:task/decision", routes.decisionRoute, validate("json", DecisionSchema), (c) =>
    handlers.decide(c, c.req.param("task"), c.req.valid("json")),
  )
  .put("/api/v1/proposals/:id/classification", routes.classificationRoute, validate("json", ClassificationSchema), (c) =>
    handlers.classify(c, c.req.param("id"), c.req.valid("json")),
  )
  .get("/api/v1/dead-letters", routes.deadLettersRoute, handlers.listDeadLetters)
  .post("/api/v1/dead-letters/:id/replay", routes.replayRoute, (c) => handlers.replayDeadLetter(c, c.req.param("id")))
  .get("/api/v1/lifecycles/failed", routes.failedLifecyclesRoute, handlers.failedLifecycles)
  .post("/api/v1/proposals/:id/lifecycle/retry", routes.retryLifecycleRoute, (c) => handlers.retryLifecycle(c, c.req.param("id")));
