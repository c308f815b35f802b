/**
 * Carry-over (shared/proposals/carry-over.ts): a proposal of 2027 carried over or rejected is offered to its
 * village for 2028; kept, it becomes a new 2028 proposal through intake (its lifecycle's first task, its audit
 * events) with `carriedFrom`, and both stories tell the link; dropped, it is never offered again.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { offeredIn } from "../access/cases/carry-over.ts";
import { proposalIn } from "../access/cases/proposals.ts";
import { call, demoCallers, DEMO, json } from "../support/principals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

const village = () => callers.village_operator.headers;
const offers = async (headers = village()) => {
  const response = await call(`/api/v1/villages/${DEMO.village}/carry-over?year=2028`, { headers });
  expect(response.status).toBe(200);
  return ((await response.json()) as { offers: { id: string; trackingCode: string; status: string; statusLabel: string }[] }).offers;
};
const history = async (id: string, headers = village()) => ((await (await call(`/api/v1/proposals/${id}`, { headers })).json()) as { history: { kind: string; title: string; details?: string[] }[] }).history;
const audit = (action: string, id: string) => env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE action = ? AND entity_id = ?").bind(action, id).first<number>("n");

describe("carry-over into the next year", () => {
  it("offers a carried-over and a rejected 2027 proposal for 2028, not an accepted one", async () => {
    const carried = await offeredIn("in", callers.village_operator);
    const rejected = await offeredIn("in", callers.village_operator, "rejected");
    const accepted = await offeredIn("in", callers.village_operator, "accepted");
    const other = await offeredIn("near", callers.village_operator);
    const ids = (await offers()).map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([carried.id, rejected.id]));
    expect(ids).not.toContain(accepted.id);
    expect(ids).not.toContain(other.id);
    // Offered when 2028 opens, not for 2027 itself.
    const for2027 = (await (await call(`/api/v1/villages/${DEMO.village}/carry-over?year=2027`, { headers: village() })).json()) as { offers: unknown[] };
    expect(for2027.offers.map((o) => (o as { id: string }).id)).not.toContain(carried.id);
    expect((await offers()).find((o) => o.id === carried.id)?.statusLabel).toBe("Dialihkan ke tahun berikutnya");
  });

  it("kept: a new 2028 proposal through intake with carriedFrom, both stories linked, not offered again", async () => {
    const old = await offeredIn("in", callers.village_operator);
    const response = await call(`/api/v1/proposals/${old.id}/carry-over/keep`, json({}, village()));
    expect(response.status).toBe(201);
    const kept = (await response.json()) as { id: string; trackingCode: string; year: number; status: string; carriedFrom: string; activity: string };
    expect(kept).toMatchObject({ year: 2028, status: "submitted", carriedFrom: old.id, activity: "Drainase RT 03" });
    expect(kept.trackingCode).toMatch(/^USL-2028-/);
    // Intake's own writes: the submission audit, the kecamatan's verification task; and the old one's choice.
    expect(await audit("proposal.submitted", kept.id)).toBe(1);
    expect(await audit("proposal.carry_over_kept", old.id)).toBe(1);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM review_tasks WHERE proposal_id = ? AND kind = 'verification'").bind(kept.id).first<number>("n")).toBe(1);

    expect((await history(old.id)).find((s) => s.kind === "carried_again")?.title).toBe(`Diajukan lagi untuk 2028 sebagai ${kept.trackingCode}`);
    expect((await history(kept.id)).find((s) => s.kind === "submitted")?.details).toEqual([`Lanjutan dari ${old.trackingCode} (2027)`]);
    const english = await history(old.id, { ...village(), "accept-language": "en" });
    expect(english.find((s) => s.kind === "carried_again")?.title).toBe(`Submitted again for 2028 as ${kept.trackingCode}`);
    // The public tracking page tells the link too.
    const tracked = (await (await call(`/api/v1/tracking/${kept.trackingCode}`)).json()) as { history: { details?: string[] }[] };
    expect(tracked.history[0]?.details).toEqual([`Lanjutan dari ${old.trackingCode} (2027)`]);

    expect((await offers()).map((o) => o.id)).not.toContain(old.id);
    const again = await call(`/api/v1/proposals/${old.id}/carry-over/keep`, json({}, village()));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("carry_over_chosen");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM proposals WHERE carried_from = ?").bind(old.id).first<number>("n")).toBe(1);
  });

  it("dropped: recorded, audited, shown in its story and never offered again", async () => {
    const old = await offeredIn("in", callers.village_operator, "rejected");
    const response = await call(`/api/v1/proposals/${old.id}/carry-over/drop`, json({}, village()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: old.id, choice: "dropped", year: 2028 });
    expect(await audit("proposal.carry_over_dropped", old.id)).toBe(1);
    expect((await offers()).map((o) => o.id)).not.toContain(old.id);
    expect((await history(old.id)).find((s) => s.kind === "carry_over_dropped")?.title).toBe("Tidak diajukan lagi oleh desa");
    expect((await call(`/api/v1/proposals/${old.id}/carry-over/keep`, json({}, village()))).status).toBe(409);
    expect((await call(`/api/v1/proposals/${old.id}/carry-over/drop`, json({}, village()))).status).toBe(409);
    expect(await audit("proposal.carry_over_dropped", old.id)).toBe(1);
  });

  it("refuses a proposal that is not offered: still under way, or accepted", async () => {
    const running = await proposalIn("in", callers.village_operator);
    expect((await call(`/api/v1/proposals/${running.id}/carry-over/keep`, json({}, village()))).status).toBe(404);
    const accepted = await offeredIn("in", callers.village_operator, "accepted");
    expect((await call(`/api/v1/proposals/${accepted.id}/carry-over/drop`, json({}, village()))).status).toBe(404);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM carry_over_choices WHERE from_proposal_id IN (?, ?)").bind(running.id, accepted.id).first<number>("n")).toBe(0);
  });
});
