import { beforeAll, describe, expect, it } from "vitest";
import { call, demoCallers, ensureOtherKabupaten, type Caller } from "../support/principals.ts";
import { accountCases } from "./cases/accounts.ts";
import { forumCases, operationsCases } from "./cases/forums.ts";
import { proposalCases } from "./cases/proposals.ts";
import { overlapCases, reviewCases } from "./cases/reviews.ts";
import type { CallerKey, MatrixCase } from "./matrix.ts";

const MATRIX: MatrixCase[] = [...accountCases, ...proposalCases, ...reviewCases, ...overlapCases, ...forumCases, ...operationsCases];

let callers: Record<Exclude<CallerKey, "anonymous">, Caller>;

beforeAll(async () => {
  await ensureOtherKabupaten();
  callers = await demoCallers();
});

describe.each(MATRIX)("$group: $name", (route) => {
  it.each(Object.keys(route.expect) as CallerKey[])("as %s: in scope and in another kabupaten", async (key) => {
    const caller = key === "anonymous" ? null : callers[key];
    const statuses: number[] = [];
    for (const where of ["in", "out"] as const) {
      const request = await route.request(where, caller);
      const response = await call(request.path, {
        method: request.method ?? "GET",
        headers: { ...(caller?.headers ?? {}), ...(request.body === undefined ? {} : { "content-type": "application/json" }) },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...route.expect[key]]);
  });
});
