/**
 * Applying a budget scenario writes real envelopes, so it races with another apply and with an edit of the same
 * scenario. Fired at once, in every round exactly one wins, the envelopes are the winner's, and only the winner is
 * audited; the loser is 409 and wrote nothing.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { call, demoCallers, json, DEMO } from "../support/principals.ts";
import { auditCount, errorCode, inRounds, outcomes, ROUNDS } from "../support/concurrency.ts";

let admin: Record<string, string>;
beforeAll(async () => {
  admin = (await demoCallers()).planning_admin.headers;
});

const M = 1_000_000;

/** A year of its own with two envelopes set an hour ago, and a computed scenario per change list. */
async function yearWithScenarios(year: number, ...changes: unknown[][]) {
  const past = new Date(Date.now() - 3_600_000).toISOString();
  const now = new Date().toISOString();
  const ids = changes.map(() => `skn_${randomToken(8)}`);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO budget_envelopes (id, regency_code, year, kind, target, amount, updated_by, updated_at) VALUES (?, '18.01', ?, 'agency', ?, ?, 'test', ?)").bind(`pagu_${randomToken(8)}`, year, DEMO.agency, 1_000 * M, past),
    env.DB.prepare("INSERT INTO budget_envelopes (id, regency_code, year, kind, target, amount, updated_by, updated_at) VALUES (?, '18.01', ?, 'district', ?, ?, 'test', ?)").bind(`pagu_${randomToken(8)}`, year, DEMO.district, 500 * M, past),
    ...changes.map((list, i) =>
      env.DB.prepare("INSERT INTO budget_scenarios (id, regency_code, year, name, changes, rules, version, status, run_id, run_version, progress, ran_at, created_by, updated_by, updated_at) VALUES (?, '18.01', ?, ?, ?, '{}', 1, 'done', ?, 1, 100, ?, 'test', 'test', ?)").bind(ids[i], year, `Skenario ${i}`, JSON.stringify(list), `run_${randomToken(8)}`, now, now),
    ),
  ]);
  return ids;
}

const envelopes = async (year: number) =>
  Object.fromEntries((await env.DB.prepare("SELECT kind, amount FROM budget_envelopes WHERE regency_code = '18.01' AND year = ?").bind(year).all<{ kind: string; amount: number }>()).results.map((e) => [e.kind, e.amount]));

describe(`applying budget scenarios (${ROUNDS} rounds)`, () => {
  it("two scenarios of one year applied at once: one wins, the other is told the envelopes changed", async () => {
    await inRounds(ROUNDS, async (round) => {
      const year = 2040 + round;
      const [cutAgency, cutDistrict] = await yearWithScenarios(year, [{ kind: "agency", target: DEMO.agency, percent: -10 }], [{ kind: "district", target: DEMO.district, amount: 100 * M }]);
      const { statuses, bodies } = await outcomes(await Promise.all([cutAgency!, cutDistrict!].map((id) => call(`/api/v1/budget-scenarios/${id}/apply`, json({ version: 1 }, admin)))));
      expect(statuses).toEqual([200, 409]);
      const won = bodies[0]!.status === "applied" ? 0 : 1;
      expect(errorCode(bodies[1 - won]!)).toBe("envelopes_changed");
      expect(await envelopes(year)).toEqual(won === 0 ? { agency: 900 * M, district: 500 * M } : { agency: 1_000 * M, district: 100 * M });
      expect([await auditCount("budget.scenario_applied", cutAgency!), await auditCount("budget.scenario_applied", cutDistrict!)].sort()).toEqual([0, 1]);
    });
  });

  it("the same scenario applied twice at once changes the envelopes once", async () => {
    await inRounds(ROUNDS, async (round) => {
      const year = 2050 + round;
      const [id] = await yearWithScenarios(year, [{ kind: "all", percent: -50 }]);
      const { statuses } = await outcomes(await Promise.all([1, 2].map(() => call(`/api/v1/budget-scenarios/${id}/apply`, json({ version: 1 }, admin)))));
      expect(statuses).toEqual([200, 409]);
      expect(await envelopes(year)).toEqual({ agency: 500 * M, district: 250 * M });
      expect(await auditCount("budget.scenario_applied", id!)).toBe(1);
    });
  });

  it("an apply and an edit at once: either the edit lands (nothing applied) or the apply does (the edit refused)", async () => {
    await inRounds(ROUNDS, async (round) => {
      const year = 2060 + round;
      const [id] = await yearWithScenarios(year, [{ kind: "all", percent: -50 }]);
      const [applied, edited] = await Promise.all([
        call(`/api/v1/budget-scenarios/${id}/apply`, json({ version: 1 }, admin)),
        call(`/api/v1/budget-scenarios/${id}`, { method: "PUT", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify({ version: 1, name: "Diubah", changes: [{ kind: "all", percent: -10 }] }) }),
      ]);
      expect([applied.status, edited.status].sort()).toEqual([200, 409]);
      const row = (await env.DB.prepare("SELECT status, version FROM budget_scenarios WHERE id = ?").bind(id).first<{ status: string; version: number }>())!;
      if (applied.status === 200) {
        expect(row).toEqual({ status: "applied", version: 1 });
        expect(await envelopes(year)).toEqual({ agency: 500 * M, district: 250 * M });
        expect(await auditCount("budget.scenario_edited", id!)).toBe(0);
      } else {
        expect(row).toEqual({ status: "draft", version: 2 });
        expect(await envelopes(year)).toEqual({ agency: 1_000 * M, district: 500 * M });
        expect(await auditCount("budget.scenario_applied", id!)).toBe(0);
      }
    });
  });
});
