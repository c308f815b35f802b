/**
 * Carry-over choices fired at once (shared/proposals/carry-over.ts): two keeps of one offered proposal make one new
 * proposal, and a keep racing a drop leaves exactly one of them, its audit event and nothing of the other.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { offeredIn } from "../access/cases/carry-over.ts";
import { call, demoCallers, json } from "../support/principals.ts";
import { auditCount, errorCode, inRounds, outcomes, ROUNDS } from "../support/concurrency.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

const choose = (id: string, choice: "keep" | "drop") => call(`/api/v1/proposals/${id}/carry-over/${choice}`, json({}, callers.village_operator.headers));
const carrying = (id: string) => env.DB.prepare("SELECT count(*) AS n FROM proposals WHERE carried_from = ?").bind(id).first<number>("n");
const choices = (id: string) => env.DB.prepare("SELECT choice FROM carry_over_choices WHERE from_proposal_id = ?").bind(id).all<{ choice: string }>();

describe(`carry-over (${ROUNDS} rounds)`, () => {
  it("two keeps at once make one proposal", async () => {
    await inRounds(ROUNDS, async () => {
      const old = await offeredIn("in", callers.village_operator);
      const { statuses, bodies } = await outcomes(await Promise.all([choose(old.id, "keep"), choose(old.id, "keep")]));
      // The loser is refused (409), or, caught by the same-content guard, answered with the winner's proposal (200).
      expect(statuses).toContain(201);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.every((s) => [200, 201, 409].includes(s))).toBe(true);
      for (const body of bodies) if (errorCode(body)) expect(errorCode(body)).toBe("carry_over_chosen");
      expect(await carrying(old.id)).toBe(1);
      expect((await choices(old.id)).results).toEqual([{ choice: "kept" }]);
      expect(await auditCount("proposal.carry_over_kept", old.id)).toBe(1);
    });
  }, 60_000);

  it("a keep racing a drop: one wins, the other writes nothing", async () => {
    await inRounds(ROUNDS, async () => {
      const old = await offeredIn("in", callers.village_operator, "rejected");
      const [kept, dropped] = await Promise.all([choose(old.id, "keep"), choose(old.id, "drop")]);
      expect([kept.status, dropped.status].sort()).toEqual(kept.status === 201 ? [201, 409] : [200, 409]);
      const won = kept.status === 201 ? "kept" : "dropped";
      expect((await choices(old.id)).results).toEqual([{ choice: won }]);
      expect(await carrying(old.id)).toBe(won === "kept" ? 1 : 0);
      expect(await auditCount("proposal.carry_over_kept", old.id)).toBe(won === "kept" ? 1 : 0);
      expect(await auditCount("proposal.carry_over_dropped", old.id)).toBe(won === "dropped" ? 1 : 0);
    });
  }, 60_000);
});
