import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../workers/http/app.tsx";
import { call, demoCallers, ensureOtherKabupaten, type Caller } from "../support/principals.ts";
import { accountCases } from "./cases/accounts.ts";
import { channelCases } from "./cases/channels.ts";
import { agencyCases } from "./cases/agencies.ts";
import { budgetScenarioCases } from "./cases/budget-scenarios.ts";
import { districtCases } from "./cases/districts.ts";
import { documentCases } from "./cases/documents.ts";
import { figureCases } from "./cases/figures.ts";
import { forumCases, operationsCases } from "./cases/forums.ts";
import { proposalCases } from "./cases/proposals.ts";
import { publicCases } from "./cases/public.ts";
import { overlapCases, reviewCases } from "./cases/reviews.ts";
import { webhookCases } from "./cases/webhooks.ts";
import { importCases } from "./cases/imports.ts";
import { carryOverCases } from "./cases/carry-over.ts";
import { type CallerKey, type MatrixCase, WHERE } from "./matrix.ts";

const MATRIX: MatrixCase[] = [...accountCases, ...agencyCases, ...proposalCases, ...reviewCases, ...districtCases, ...overlapCases, ...forumCases, ...operationsCases, ...documentCases, ...webhookCases, ...figureCases, ...publicCases, ...budgetScenarioCases, ...channelCases, ...importCases, ...carryOverCases];

let callers: Record<Exclude<CallerKey, "anonymous">, Caller>;

beforeAll(async () => {
  await ensureOtherKabupaten();
  callers = await demoCallers();
});

// A case builds its three targets first (a finalised forum, a proposal through verification...): the heaviest took
// over the default 5 s on a loaded 2-core machine.
const CASE_TIMEOUT_MS = 30_000;

describe.each(MATRIX)("$group: $name", (route) => {
  it.each(Object.keys(route.expect) as CallerKey[])("as %s: in scope, elsewhere in the kabupaten, in another kabupaten", { timeout: CASE_TIMEOUT_MS }, async (key) => {
    const caller = key === "anonymous" ? null : callers[key];
    const statuses: number[] = [];
    for (const where of WHERE) {
      const request = await route.request(where, caller);
      const form = request.body instanceof FormData;
      const response = await call(request.path, {
        method: request.method ?? "GET",
        headers: { ...(caller?.headers ?? {}), ...(request.body === undefined || form ? {} : { "content-type": "application/json" }) },
        body: request.body === undefined ? undefined : form ? (request.body as FormData) : JSON.stringify(request.body),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...route.expect[key]]);
  });
});

/** Routes that authenticate by something other than an account, each tested where that is checked. */
const NOT_BY_ACCOUNT: Record<string, string> = {
  "POST /api/v1/auth/login": "signs in (test/access/sign-in.test.ts)",
  "POST /api/v1/auth/logout": "ends the caller's own session (test/access/sign-in.test.ts)",
  "POST /webhooks/agencies/:agency/decisions": "Standard Webhooks signature of the agency (test/webhooks)",
  "GET /api/v1/exports/:id/download": "expiring HMAC-signed link (test/exports)",
};

describe("coverage", () => {
  it("has a case for every API route the app registers", async () => {
    const registered = new Set(
      createApp()
        .routes.filter((r) => r.method !== "ALL" && /^\/(api|webhooks)\//.test(r.path))
        .map((r) => `${r.method} ${r.path}`),
    );
    const shapes = [...registered].map((key) => {
      const [method, pattern] = key.split(" ") as [string, string];
      return { key, method, shape: new RegExp(`^${pattern.replace(/:[^/]+/g, "[^/]+")}$`) };
    });
    const covered = new Set<string>();
    for (const route of MATRIX) {
      const request = await route.request("in", callers.planning_admin);
      const [path] = request.path.split("?");
      for (const { key, method, shape } of shapes) if (method === (request.method ?? "GET") && shape.test(path!)) covered.add(key);
    }
    expect([...registered].filter((key) => !covered.has(key) && !(key in NOT_BY_ACCOUNT))).toEqual([]);
    expect(Object.keys(NOT_BY_ACCOUNT).filter((key) => !registered.has(key))).toEqual([]);
  });
});
