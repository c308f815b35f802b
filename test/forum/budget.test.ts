import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoCallers, json, DEMO } from "../support/principals.ts";
import { route, verifiedProposal } from "../support/routing.ts";

describe("budget envelopes in the review flow", () => {
  let callers: Awaited<ReturnType<typeof demoCallers>>;
  beforeAll(async () => {
    callers = await demoCallers();
  });

  it("refuses over-commitment unless Bappeda overrides with a reason, and shows the remaining room", async () => {
    const set = await call("/api/v1/budget/envelopes", { method: "PUT", headers: { ...callers.planning_admin.headers, "content-type": "application/json" }, body: JSON.stringify({ year: 2027, kind: "agency", target: DEMO.agency, amount: 500_000_000 }) });
    expect(await set.json()).toMatchObject({ amount: 500_000_000, used: 0, remaining: 500_000_000 });
    const first = await verifiedProposal("Pembangunan talud penahan tanah Lingkungan I", "1.03.02.2.01.0121", { cost: 400_000_000 });
    const second = await verifiedProposal("Pembangunan embung desa Lingkungan III", "1.03.02.2.01.0121", { cost: 300_000_000 });
    await route(first, second);
    const taskOf = async (id: string) => (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ?").bind(id).first<string>("id"))!;
    expect((await call(`/api/v1/reviews/${await taskOf(first)}/decision`, json({ decision: "accepted", target: 1 }, callers.agency_reviewer.headers))).status).toBe(201);
    const over = await call(`/api/v1/reviews/${await taskOf(second)}/decision`, json({ decision: "accepted", target: 1 }, callers.agency_reviewer.headers));
    expect(over.status).toBe(409);
    expect(await over.json()).toMatchObject({ error: { code: "envelope_exceeded", cost: 300_000_000, envelopes: [{ kind: "agency", amount: 500_000_000, used: 400_000_000 }] } });
    const fit = (await (await call(`/api/v1/budget/fit?year=2027&kind=agency&target=${DEMO.agency}`, { headers: callers.planning_admin.headers })).json()) as { excluded: { id: string; reason: string }[] };
    expect(fit.excluded.length).toBeGreaterThan(0);
    const overridden = await call(`/api/v1/reviews/${await taskOf(second)}/decision`, json({ decision: "accepted", target: 1, budgetOverride: "Prioritas bupati: rawan longsor." }, callers.planning_admin.headers));
    expect(overridden.status).toBe(201);
    expect(await overridden.json()).toMatchObject({ data: { overCommitted: [`agency:${DEMO.agency}`] } });
    const listed = (await (await call("/api/v1/budget/envelopes?year=2027", { headers: callers.planning_admin.headers })).json()) as { envelopes: { used: number; remaining: number }[] };
    expect(listed.envelopes[0]).toMatchObject({ used: 700_000_000, remaining: -200_000_000 });
  });
});
