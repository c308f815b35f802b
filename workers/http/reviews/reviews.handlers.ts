import type * as v from "valibot";
import type { QueueQuerySchema } from "../../../shared/schemas/reviews.ts";
import type { ProposalRow } from "../../storage/proposals.ts";
import type { TaskRow } from "../../storage/reviews.ts";
import { classifyProposal } from "../../usecases/reviews/classify.ts";
import { decideTask } from "../../usecases/reviews/decide.ts";
import * as tasks from "../../usecases/reviews/tasks.ts";
import { caller, deps, type AppContext } from "../context.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./reviews.routes.ts";

export function taskView({ task, proposal }: { task: TaskRow; proposal: ProposalRow }) {
  return {
    id: task.id,
    kind: task.kind,
    status: task.status,
    agencyId: task.agencyId,
    assignee: task.assignee,
    dueAt: task.dueAt,
    remindedAt: task.remindedAt,
    escalatedAt: task.escalatedAt,
    decision: task.decision,
    proposal: {
      id: proposal.id,
      trackingCode: proposal.trackingCode,
      activity: proposal.activity,
      villageCode: proposal.villageCode,
      districtCode: proposal.districtCode,
      estimatedCost: proposal.estimatedCost,
      subActivityCode: proposal.subActivityCode,
    },
  };
}

type QueueQuery = v.InferOutput<typeof QueueQuerySchema>;

function queuePage(query: QueueQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  return { filters: { status: query.status, kecamatan: query.kecamatan, dueBefore: query.dueBefore }, limit: Number(query.limit), ...(after ? { cursor: { dueAt: after[0], id: after[1] } } : {}) };
}

function renderPage(c: AppContext, page: { rows: { task: TaskRow; proposal: ProposalRow }[]; next: { dueAt: string; id: string } | null }) {
  return c.json({ tasks: page.rows.map(taskView), nextCursor: page.next ? encodeCursor(page.next.dueAt, page.next.id) : null }, 200);
}

export const agencyQueue: RouteHandler<typeof routes.agencyQueue> = async (c, { params, query }) =>
  renderPage(c, await tasks.agencyQueue(deps(c), caller(c), { agencyId: params.agency, ...queuePage(query) }));

export const districtQueue: RouteHandler<typeof routes.districtQueue> = async (c, { params, query }) =>
  renderPage(c, await tasks.districtQueue(deps(c), caller(c), { districtCode: params.district, ...queuePage(query) }));

export const triageQueue: RouteHandler<typeof routes.triageQueue> = async (c, { query }) => renderPage(c, await tasks.triageQueue(deps(c), caller(c), queuePage(query)));

export const escalations: RouteHandler<typeof routes.escalations> = async (c) => c.json({ tasks: (await tasks.escalations(deps(c), caller(c))).map(taskView) }, 200);

export const claim: RouteHandler<typeof routes.claim> = async (c, { params }) => c.json(taskView(await tasks.assignTask(deps(c), caller(c), { taskId: params.task })), 200);

export const assign: RouteHandler<typeof routes.assign> = async (c, { params, json }) =>
  c.json(taskView(await tasks.assignTask(deps(c), caller(c), { taskId: params.task, assignee: json.assignee })), 200);

export const decide: RouteHandler<typeof routes.decide> = async (c, { params, json }) => {
  const result = await decideTask(deps(c), caller(c), { taskId: params.task, decision: json });
  return c.json(result.task, result.status);
};

export const classify: RouteHandler<typeof routes.classify> = async (c, { params, json }) =>
  c.json(await classifyProposal(deps(c), caller(c), { proposalId: params.id, subActivityCodes: json.subActivityCodes }), 200);
