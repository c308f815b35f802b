/**
 * Lists that several people append to at once: a follow-up's progress notes, and a village's priority order.
 * Parallel writes keep every note and give every proposal its own rank.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoCallers, json, DEMO } from "../support/principals.ts";
import { auditCount, errorCode, inRounds, outcomes, ROUNDS } from "../support/concurrency.ts";
import { proposalInput } from "../support/proposals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
let forumId: string;
beforeAll(async () => {
  callers = await demoCallers();
  const forum = await call("/api/v1/forums", json({ year: 2027, title: "Forum tindak lanjut", heldAt: "2027-03-10T02:00:00.000Z", place: "Aula Bappeda", scopeKind: "kabupaten" }, callers.planning_admin.headers));
  forumId = ((await forum.json()) as { id: string }).id;
});

async function newFollowUp(description: string) {
  const response = await call(`/api/v1/forums/${forumId}/follow-ups`, json({ ownerAgencyId: DEMO.agency, description, dueDate: "2027-04-30" }, callers.planning_admin.headers));
  const forum = (await response.json()) as { followUps: { id: string; description: string }[] };
  return forum.followUps.find((f) => f.description === description)!.id;
}

const patch = (id: string, body: unknown) => call(`/api/v1/follow-ups/${id}`, { ...json(body, callers.agency_reviewer.headers), method: "PATCH" });
const stored = async (id: string) => {
  const row = (await env.DB.prepare("SELECT status, notes FROM follow_up_actions WHERE id = ?").bind(id).first<{ status: string; notes: string }>())!;
  return { status: row.status, notes: (JSON.parse(row.notes) as { note: string }[]).map((n) => n.note).sort() };
};

describe(`follow-up progress reported at once (${ROUNDS} rounds)`, () => {
  it("4 parallel notes: all 4 kept", async () => {
    await inRounds(ROUNDS, async (round) => {
      const id = await newFollowUp(`Survei lokasi talud ronde ${round}`);
      const notes = [1, 2, 3, 4].map((n) => `Catatan ${n} ronde ${round}`);
      const { statuses } = await outcomes(await Promise.all(notes.map((note) => patch(id, { note }))));
      expect(statuses).toEqual([200, 200, 200, 200]);
      expect((await stored(id)).notes).toEqual(notes);
    });
  }, 60_000);

  it("a note sent while another marks it done does not bring back the old status", async () => {
    await inRounds(ROUNDS, async (round) => {
      const id = await newFollowUp(`Menyusun DED jembatan ronde ${round}`);
      expect((await patch(id, { status: "in_progress" })).status).toBe(200);
      const { statuses } = await outcomes(
        await Promise.all([patch(id, { note: "Tim survei berangkat" }), patch(id, { status: "done", note: "DED selesai" }), patch(id, { note: "Menunggu tanda tangan" })]),
      );
      expect(statuses).toEqual([200, 200, 200]);
      expect(await stored(id)).toEqual({ status: "done", notes: ["DED selesai", "Menunggu tanda tangan", "Tim survei berangkat"] });
    });
  }, 60_000);

  it("two different status changes at once: one applies, the other is 409 follow_up_changed; the same one twice is fine", async () => {
    await inRounds(ROUNDS, async (round) => {
      const id = await newFollowUp(`Pengadaan bibit ronde ${round}`);
      const { statuses, bodies } = await outcomes(await Promise.all([patch(id, { status: "in_progress" }), patch(id, { status: "done" })]));
      expect(statuses).toEqual([200, 409]);
      expect(bodies.map(errorCode).filter(Boolean)).toEqual(["follow_up_changed"]);
      const winner = bodies.find((b) => !errorCode(b))!.status;
      expect((await stored(id)).status).toBe(winner);
      expect(await auditCount("follow_up.updated", id)).toBe(1);
      const same = await outcomes(await Promise.all([patch(id, { status: "open" }), patch(id, { status: "open" })]));
      expect(same.statuses).toEqual([200, 200]);
    });
  }, 60_000);
});

const ranks = async (year: number) =>
  (await env.DB.prepare("SELECT id, village_rank AS rank FROM proposals WHERE village_code = ? AND year = ? AND status != 'withdrawn' ORDER BY village_rank, id").bind(DEMO.village, year).all<{ id: string; rank: number }>()).results;

describe(`a village's priority order under parallel writes (${ROUNDS} rounds)`, () => {
  it("4 parallel submissions without a rank get the next 4 ranks, each answered (and replayed) with its own", async () => {
    await inRounds(ROUNDS, async (round) => {
      const before = (await ranks(2031)).length;
      const submit = (n: number) =>
        call("/api/v1/proposals", json(proposalInput({ year: 2031, activity: `Pembangunan sumur bor ronde ${round} titik ${n}` }), { ...callers.village_operator.headers, "idempotency-key": `rank-${round}-${n}` }));
      const responses = await Promise.all([1, 2, 3, 4].map(submit));
      const { statuses, bodies } = await outcomes(responses);
      expect(statuses).toEqual([201, 201, 201, 201]);
      const answered = bodies.map((b) => b.villageRank as number).sort((a, b) => a - b);
      expect(answered).toEqual([1, 2, 3, 4].map((n) => before + n));
      const byId = new Map((await ranks(2031)).map((r) => [r.id, r.rank]));
      for (const body of bodies) expect(byId.get(body.id as string)).toBe(body.villageRank);
      // A retry with the same key is answered with the rank the proposal really has.
      const replayed = (await (await submit(1)).json()) as { id: string; villageRank: number };
      expect(replayed.villageRank).toBe(byId.get(replayed.id));
    });
  }, 60_000);

  it("two re-rankings at once leave the ranks 1..n, each once", async () => {
    for (let n = 1; n <= 4; n++) {
      const response = await call("/api/v1/proposals", json(proposalInput({ year: 2032, activity: `Perbaikan saluran irigasi petak ${n}` }), callers.village_operator.headers));
      expect(response.status).toBe(201);
    }
    await inRounds(ROUNDS, async () => {
      const list = await ranks(2032);
      const [a, b] = [list.at(-1)!, list.at(-2)!];
      const rank = (id: string, to: number) => call(`/api/v1/proposals/${id}/rank`, json({ rank: to }, callers.village_operator.headers));
      const { statuses } = await outcomes(await Promise.all([rank(a.id, 1), rank(b.id, 2)]));
      expect(statuses).toEqual([200, 200]);
      expect((await ranks(2032)).map((r) => r.rank)).toEqual(list.map((_, i) => i + 1));
    });
  }, 60_000);
});
