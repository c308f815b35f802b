/**
 * Two people deciding the same thing at once: one decision wins, the other gets 409 and writes nothing (no audit
 * event, no webhook delivery, no classification rewrite, no forum effect).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoCallers, json, DEMO } from "../support/principals.ts";
import { auditCount, errorCode, inRounds, outcomes, ROUNDS } from "../support/concurrency.ts";
import { route, verifiedProposal } from "../support/routing.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
const DISDIK = "18.01-disdikbud";

beforeAll(async () => {
  callers = await demoCallers();
  // Every agency involved has a system listening, so each decision would be announced.
  for (const agency of [DEMO.agency, DISDIK]) {
    const response = await call(`/api/v1/agencies/${agency}/webhooks`, json({ url: "https://opd.test/ok", eventTypes: ["review_task.updated", "forum.decision"] }, callers.planning_admin.headers));
    expect(response.status).toBe(201);
  }
});

const deliveriesAbout = (eventType: string, field: string, id: string) =>
  env.DB.prepare("SELECT payload FROM webhook_deliveries WHERE event_type = ? AND payload LIKE ?")
    .bind(eventType, `%"${field}":"${id}"%`)
    .all<{ payload: string }>()
    .then((r) => r.results.map((row) => JSON.parse(row.payload) as { data: { decision: string } }));

const taskOf = async (proposalId: string, kind: string) => (await env.DB.prepare("SELECT * FROM review_tasks WHERE proposal_id = ? AND kind = ?").bind(proposalId, kind).first<{ id: string; decision: string; decision_data: string }>())!;

describe(`concurrent decisions on one review task (${ROUNDS} rounds)`, () => {
  it("accepted and rejected at once: one 201, one 409; one audit event and the winner's webhook only", async () => {
    await inRounds(ROUNDS, async (round) => {
      const proposal = await verifiedProposal(`Peningkatan jalan lingkungan ronde ${round}`, "1.03.02.2.01.0121");
      await route(proposal);
      const task = await taskOf(proposal, "agency_review");
      const { statuses, bodies } = await outcomes(
        await Promise.all([
          call(`/api/v1/reviews/${task.id}/decision`, json({ decision: "accepted", target: 1 }, callers.agency_reviewer.headers)),
          call(`/api/v1/reviews/${task.id}/decision`, json({ decision: "rejected", reason: "Tidak sesuai prioritas OPD." }, callers.agency_reviewer.headers)),
        ]),
      );
      expect(statuses).toEqual([201, 409]);
      expect(bodies.map(errorCode).filter(Boolean)).toEqual(["task_already_decided"]);
      const stored = (await taskOf(proposal, "agency_review")).decision;
      expect(await auditCount("review.agency_review.decided", task.id)).toBe(1);
      const announced = await deliveriesAbout("review_task.updated", "taskId", task.id);
      expect(announced.map((d) => d.data.decision)).toEqual([stored]);
    });
  }, 60_000);

  it("the same decision twice at once: one 201, one 200, recorded and announced once", async () => {
    await inRounds(ROUNDS, async (round) => {
      const proposal = await verifiedProposal(`Rehabilitasi gorong-gorong ronde ${round}`, "1.03.02.2.01.0121");
      await route(proposal);
      const task = await taskOf(proposal, "agency_review");
      const decide = () => call(`/api/v1/reviews/${task.id}/decision`, json({ decision: "carried_over" }, callers.agency_reviewer.headers));
      const { statuses } = await outcomes(await Promise.all([decide(), decide()]));
      expect(statuses).toEqual([200, 201]);
      expect(await auditCount("review.agency_review.decided", task.id)).toBe(1);
      expect(await deliveriesAbout("review_task.updated", "taskId", task.id)).toHaveLength(1);
    });
  }, 60_000);

  it("two triage corrections at once: the proposal routes on the winner's codes only", async () => {
    await inRounds(ROUNDS, async (round) => {
      const proposal = await verifiedProposal(`asdf qwerty ronde ${round}`, null as never);
      await route(proposal);
      const task = await taskOf(proposal, "triage");
      const codes = [["1.03.02.2.01.0121"], ["2.11.02.2.01.0006"]];
      const { statuses } = await outcomes(await Promise.all(codes.map((subActivityCodes) => call(`/api/v1/reviews/${task.id}/decision`, json({ decision: "route", subActivityCodes }, callers.planning_admin.headers)))));
      expect(statuses).toEqual([201, 409]);
      const winner = (JSON.parse((await taskOf(proposal, "triage")).decision_data) as { subActivityCodes: string[] }).subActivityCodes;
      const classified = await env.DB.prepare("SELECT sub_activity_code AS code FROM proposal_classifications WHERE proposal_id = ?").bind(proposal).all<{ code: string }>();
      expect(classified.results.map((r) => r.code)).toEqual(winner);
      expect(await auditCount("review.triage.decided", task.id)).toBe(1);
    });
  }, 60_000);
});

type Forum = { id: string; agenda: { id: string; proposals: { id: string }[] }[] };

describe(`concurrent decisions on one forum agenda item (${ROUNDS} rounds)`, () => {
  it("rejected and merged at once: one decision applies, the other is 409 agenda_item_closed and leaves no trace", async () => {
    await inRounds(ROUNDS, async (round) => {
      const school = await verifiedProposal(`Rehabilitasi ruang kelas SDN ${round + 20} Way Urang`, "1.01.02.2.01.0051", { cost: 300_000_000 });
      const works = await verifiedProposal(`Perbaikan gedung SD Negeri ${round + 20} Way Urang yang rusak berat`, "1.03.08.2.01.0017", { cost: 150_000_000 });
      await route(school, works);
      const created = await call("/api/v1/forums", json({ year: 2027, title: `Forum ronde ${round}`, heldAt: "2027-03-10T02:00:00.000Z", place: "Aula Bappeda", scopeKind: "kabupaten" }, callers.planning_admin.headers));
      const forum = (await created.json()) as Forum;
      const item = forum.agenda.find((i) => i.proposals.some((p) => p.id === school))!;
      const decide = (body: unknown) => call(`/api/v1/forums/${forum.id}/agenda/${item.id}/decision`, json(body, callers.planning_admin.headers));
      const { statuses, bodies } = await outcomes(await Promise.all([decide({ decision: "rejected", reason: "Tidak masuk prioritas tahun ini." }), decide({ decision: "merged", intoProposalId: school })]));
      expect(statuses).toEqual([200, 409]);
      expect(bodies.map(errorCode).filter(Boolean)).toEqual(["agenda_item_closed"]);
      const decided = (await env.DB.prepare("SELECT decision FROM forum_agenda_items WHERE id = ?").bind(item.id).first<string>("decision"))!;
      expect(await auditCount("forum.decided", item.id)).toBe(1);
      const lineage = await env.DB.prepare("SELECT count(*) AS n FROM proposal_sources WHERE forum_item_id = ?").bind(item.id).first<number>("n");
      expect(lineage).toBe(decided === "merged" ? 1 : 0);
      const announced = await deliveriesAbout("forum.decision", "agendaItemId", item.id);
      expect(new Set(announced.map((d) => d.data.decision))).toEqual(new Set([decided]));
      const statusesNow = await env.DB.prepare("SELECT status FROM proposals WHERE id IN (?, ?)").bind(school, works).all<{ status: string }>();
      if (decided === "merged") expect(statusesNow.results.map((r) => r.status).sort()).not.toContain("rejected");
      else expect(statusesNow.results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    });
  }, 60_000);
});
