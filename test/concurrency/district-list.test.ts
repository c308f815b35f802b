/**
 * The kecamatan's list under parallel writes: two moves at once leave ranks 1..n; a withdrawal and a re-ranking in
 * the village at once leave the village's ranks 1..n; a move racing the list's closing either lands before it or is
 * refused, and the closed list is numbered 1..n; a recommendation racing the closing is stored only if it came first.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { errorCode, inRounds, outcomes, ROUNDS } from "../support/concurrency.ts";
import { call, demoCallers, DEMO, json } from "../support/principals.ts";
import { proposalInput } from "../support/proposals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

/** Four proposals of Kalianda past verification, for a year of their own. */
async function listOf(year: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= 4; n++) {
    const response = await call("/api/v1/proposals", json(proposalInput({ year, activity: `Talud penahan tanah segmen ${n}` }), callers.village_operator.headers));
    ids.push(((await response.json()) as { id: string }).id);
  }
  await env.DB.prepare(`UPDATE proposals SET status = 'in_review' WHERE id IN (${ids.map(() => "?").join(",")})`).bind(...ids).run();
  return ids;
}

const districtRanks = async (year: number) =>
  (await env.DB.prepare("SELECT id, district_rank AS rank FROM proposals WHERE district_code = ? AND year = ? AND status = 'in_review' ORDER BY district_rank, id").bind(DEMO.district, year).all<{ id: string; rank: number | null }>()).results;
const move = (id: string, rank: number) => call(`/api/v1/proposals/${id}/district-rank`, json({ rank }, callers.district_verifier.headers));

describe(`the kecamatan's list under parallel writes (${ROUNDS} rounds)`, () => {
  it("two moves at once leave the ranks 1..n, each once", async () => {
    await listOf(2041);
    await inRounds(ROUNDS, async () => {
      const list = await districtRanks(2041);
      const { statuses } = await outcomes(await Promise.all([move(list.at(-1)!.id, 1), move(list.at(-2)!.id, 2)]));
      expect(statuses).toEqual([200, 200]);
      expect((await districtRanks(2041)).map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    });
  }, 60_000);

  it("a move racing the closing lands first or is refused; the closed list is numbered 1..n", async () => {
    await inRounds(ROUNDS, async (round) => {
      const year = 2070 + round;
      const ids = await listOf(year);
      const close = call(`/api/v1/districts/${DEMO.district}/musrenbang/close`, json({ year }, callers.district_verifier.headers));
      const recommend = call(`/api/v1/proposals/${ids[2]}/district-recommendation`, { ...json({ volume: 50, estimatedCost: 40_000_000 }, callers.district_verifier.headers), method: "PUT" });
      const [closed, moved, recommended] = await Promise.all([close, move(ids[3]!, 1), recommend]);
      expect(closed.status).toBe(201);
      const { bodies } = await outcomes([moved, recommended]);
      for (const [response, body] of [[moved, bodies[0]!], [recommended, bodies[1]!]] as const) {
        if (response.status !== 200) expect([response.status, errorCode(body)]).toEqual([409, "district_list_closed"]);
      }
      expect((await districtRanks(year)).map((r) => r.rank)).toEqual([1, 2, 3, 4]);
      const stored = await env.DB.prepare("SELECT count(*) AS n FROM proposal_recommendations WHERE proposal_id = ? AND level = 'kecamatan'").bind(ids[2]).first<number>("n");
      expect(stored).toBe(recommended.status === 200 ? 1 : 0);
      const audits = await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'district.list_closed' AND entity_id = ?").bind(`${DEMO.district}:${year}`).first<number>("n");
      expect(audits).toBe(1);
    });
  }, 60_000);

  it("a withdrawal and a re-ranking in the village at once leave the village's ranks 1..n", async () => {
    await inRounds(ROUNDS, async (round) => {
      const year = 2080 + round;
      const ids: string[] = [];
      for (let n = 1; n <= 4; n++) {
        const response = await call("/api/v1/proposals", json(proposalInput({ year, activity: `Posyandu dusun ${n}` }), callers.village_operator.headers));
        ids.push(((await response.json()) as { id: string }).id);
      }
      await Promise.all([call(`/api/v1/proposals/${ids[1]}/withdraw`, { method: "POST", headers: callers.village_operator.headers }), call(`/api/v1/proposals/${ids[3]}/rank`, json({ rank: 1 }, callers.village_operator.headers))]);
      const ranks = (await env.DB.prepare("SELECT village_rank AS rank FROM proposals WHERE village_code = ? AND year = ? AND status != 'withdrawn' ORDER BY village_rank").bind(DEMO.village, year).all<{ rank: number }>()).results;
      expect(ranks.map((r) => r.rank)).toEqual([1, 2, 3]);
    });
  }, 60_000);
});
