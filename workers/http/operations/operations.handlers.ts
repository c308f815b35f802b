import * as deadLetterOps from "../../usecases/operations/dead-letters.ts";
import * as lifecycleOps from "../../usecases/operations/lifecycles.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./operations.routes.ts";

export const deadLetters: RouteHandler<typeof routes.deadLetters> = async (c, { query }) =>
  c.json({ deadLetters: await deadLetterOps.listDeadLetters(deps(c), caller(c), { includeReplayed: !!query.semua }) }, 200);

export const replay: RouteHandler<typeof routes.replay> = async (c, { params }) => c.json(await deadLetterOps.replayDeadLetter(deps(c), caller(c), params), 200);

export const failedLifecycles: RouteHandler<typeof routes.failedLifecycles> = async (c) => c.json({ proposals: await lifecycleOps.failedLifecycles(deps(c), caller(c)) }, 200);

export const retryLifecycle: RouteHandler<typeof routes.retryLifecycle> = async (c, { params }) => c.json(await lifecycleOps.retryLifecycle(deps(c), caller(c), { proposalId: params.id }), 202);
