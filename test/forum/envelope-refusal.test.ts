import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoCallers, json, DEMO } from "../support/principals.ts";
import { route, verifiedProposal } from "../support/routing.ts";

describe("an acceptance over an envelope says whose envelope is short", () => {
  let callers: Awaited<ReturnType<typeof demoCallers>>;
  beforeAll(async () => {
    callers = await demoCallers();
  });

  it("names the kecamatan's envelope and the shortfall in words, in both languages, without a field name", async () => {
    const put = (body: unknown) => call("/api/v1/budget/envelopes", { method: "PUT", headers: { ...callers.planning_admin.headers, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await put({ year: 2027, kind: "district", target: DEMO.district, amount: 100_000_000 })).status).toBe(200);
    expect((await put({ year: 2027, kind: "agency", target: DEMO.agency, amount: 900_000_000 })).status).toBe(200);
    const id = await verifiedProposal("Pembangunan talud penahan tanah Lingkungan II", "1.03.02.2.01.0121", { cost: 150_000_000 });
    await route(id);
    const task = (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = 'agency_review'").bind(id).first<string>("id"))!;
    const decide = (lang: string) => call(`/api/v1/reviews/${task}/decision`, json({ decision: "accepted", target: 1 }, { ...callers.agency_reviewer.headers, "accept-language": lang }));
    const id409 = (await (await decide("id")).json()) as { error: { message: string; envelopes: { kind: string; name: string; shortBy: number }[] } };
    expect(id409.error.message).toContain("pagu Kecamatan Kalianda tersisa Rp 100.000.000, kurang Rp 50.000.000");
    expect(id409.error.message).not.toMatch(/budgetOverride|Dinas PUPR/);
    expect(id409.error.envelopes).toEqual([expect.objectContaining({ kind: "district", target: DEMO.district, name: "Kalianda", shortBy: 50_000_000 })]);
    const en = (await (await decide("en")).json()) as { error: { message: string } };
    expect(en.error.message).toContain("the envelope of Kecamatan Kalianda has Rp 100.000.000 left, Rp 50.000.000 short");
    expect(en.error.message).not.toContain("budgetOverride");
  });
});
