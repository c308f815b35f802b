/**
 * Accepting draws on the agency's and the kecamatan's envelopes. Parallel accepts must not together commit more
 * than the envelope holds: only what fits is accepted, the rest is 409 envelope_exceeded, committed ≤ envelope.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoCallers, json, DEMO } from "../support/principals.ts";
import { errorCode, inRounds, outcomes, ROUNDS } from "../support/concurrency.ts";
import { route, verifiedProposal } from "../support/routing.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

const M = 1_000_000;
const COSTS = [50, 70, 90, 40, 100, 60].map((m) => m * M);
const ROOM = 180 * M;

async function setEnvelope(kind: "agency" | "district", target: string, amount: number) {
  const response = await call("/api/v1/budget/envelopes", { method: "PUT", headers: { ...callers.planning_admin.headers, "content-type": "application/json" }, body: JSON.stringify({ year: 2027, kind, target, amount }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { amount: number; used: number; remaining: number };
}

/** Sets the envelope so exactly `room` is left, and returns what was already used. */
async function leaveRoom(kind: "agency" | "district", target: string, room: number) {
  const { used } = await setEnvelope(kind, target, 0);
  await setEnvelope(kind, target, used + room);
  return used;
}

async function remaining(kind: "agency" | "district", target: string) {
  const listed = (await (await call("/api/v1/budget/envelopes?year=2027", { headers: callers.planning_admin.headers })).json()) as { envelopes: { kind: string; target: string; remaining: number }[] };
  return listed.envelopes.find((e) => e.kind === kind && e.target === target)!.remaining;
}

async function routedTasks(round: number, label: string) {
  const ids = await Promise.all(COSTS.map((cost, i) => verifiedProposal(`Pembangunan talud ${label} ronde ${round} ruas ${i}`, "1.03.02.2.01.0121", { cost })));
  await route(...ids);
  return Promise.all(ids.map(async (id) => (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = 'agency_review'").bind(id).first<string>("id"))!));
}

async function acceptAll(tasks: string[]) {
  const responses = await Promise.all(tasks.map((task) => call(`/api/v1/reviews/${task}/decision`, json({ decision: "accepted", target: 1 }, callers.agency_reviewer.headers))));
  return outcomes(responses);
}

function expectOnlyWhatFits({ statuses, bodies }: Awaited<ReturnType<typeof acceptAll>>) {
  const accepted = COSTS.filter((_, i) => !errorCode(bodies[i]!));
  expect(statuses.every((s) => s === 201 || s === 409), `statuses ${statuses}`).toBe(true);
  expect(bodies.filter((b) => errorCode(b)).every((b) => errorCode(b) === "envelope_exceeded")).toBe(true);
  expect(accepted.length).toBeGreaterThan(0);
  expect(accepted.reduce((sum, cost) => sum + cost, 0)).toBeLessThanOrEqual(ROOM);
}

describe(`parallel accepts against a budget envelope (${ROUNDS} rounds of 6)`, () => {
  const cases = [
    { name: "the agency's envelope", tight: ["agency", DEMO.agency], loose: ["district", DEMO.district] },
    { name: "the kecamatan's envelope", tight: ["district", DEMO.district], loose: ["agency", DEMO.agency] },
  ] as const;
  for (const { name, tight, loose } of cases) {
    it(`${name}: only what fits is accepted, the rest 409 envelope_exceeded, committed never exceeds it`, async () => {
      await setEnvelope(loose[0], loose[1], 1_000_000 * M);
      await inRounds(ROUNDS, async (round) => {
        const tasks = await routedTasks(round, tight[0]);
        await leaveRoom(tight[0], tight[1], ROOM);
        expectOnlyWhatFits(await acceptAll(tasks));
        expect(await remaining(tight[0], tight[1])).toBeGreaterThanOrEqual(0);
      });
    }, 60_000);
  }

  it("Bappeda's budgetOverride still accepts beyond the envelope, saying which one", async () => {
    const [task] = await routedTasks(99, "override");
    await setEnvelope("district", DEMO.district, 1_000_000 * M);
    await leaveRoom("agency", DEMO.agency, 0);
    const refused = await call(`/api/v1/reviews/${task}/decision`, json({ decision: "accepted", target: 1 }, callers.agency_reviewer.headers));
    expect(refused.status).toBe(409);
    const overridden = await call(`/api/v1/reviews/${task}/decision`, json({ decision: "accepted", target: 1, budgetOverride: "Prioritas bupati: rawan longsor." }, callers.planning_admin.headers));
    expect(overridden.status).toBe(201);
    expect(await overridden.json()).toMatchObject({ data: { overCommitted: [`agency:${DEMO.agency}`] } });
  }, 30_000);
});
