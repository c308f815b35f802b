/**
 * The other writes that read first: claiming, signing the minutes, adding to an agenda, replaying a dead letter,
 * retrying a lifecycle, dismissing a flag, rotating secrets, accounts and tokens, withdrawing, routing. Fired at
 * once, each writes once (one audit event, one announcement) or refuses without writing.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../shared/access/bytes.ts";
import { proposalIn } from "../access/cases/proposals.ts";
import { flagIn } from "../access/cases/reviews.ts";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, json, signIn, DEMO } from "../support/principals.ts";
import { auditCount, errorCode, inRounds, outcomes, ROUNDS } from "../support/concurrency.ts";
import { proposalInput } from "../support/proposals.ts";
import { route, verifiedProposal } from "../support/routing.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
const admin = () => callers.planning_admin.headers;
const post = (path: string, body: unknown = {}, headers = admin()) => call(path, json(body, headers));

beforeAll(async () => {
  callers = await demoCallers();
});

async function newForum(title: string) {
  const response = await post("/api/v1/forums", { year: 2027, title, heldAt: "2027-03-10T02:00:00.000Z", place: "Aula Bappeda", scopeKind: "districts", scopeDistricts: ["18.01.04"] });
  return ((await response.json()) as { id: string }).id;
}

describe(`review tasks (${ROUNDS} rounds)`, () => {
  it("a claim that loses to a decision is refused and not audited", async () => {
    await inRounds(ROUNDS, async () => {
      const { id } = await proposalIn("in");
      const task = (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ?").bind(id).first<string>("id"))!;
      const [decided, claimed] = await Promise.all([
        post(`/api/v1/reviews/${task}/decision`, { decision: "carried_over" }, callers.agency_reviewer.headers),
        post(`/api/v1/reviews/${task}/claim`, {}, callers.agency_reviewer.headers),
      ]);
      expect(decided.status).toBe(201);
      expect(await auditCount("review.assigned", task)).toBe(claimed.status === 200 ? 1 : 0);
      // Once decided, a claim is refused and writes nothing.
      expect((await post(`/api/v1/reviews/${task}/claim`, {}, callers.agency_reviewer.headers)).status).toBe(409);
      expect(await auditCount("review.assigned", task)).toBe(claimed.status === 200 ? 1 : 0);
    });
  }, 60_000);
});

describe(`forums (${ROUNDS} rounds)`, () => {
  it("an attendee signing twice at once is recorded once, at the first time", async () => {
    // Attendees sign for themselves once the minutes are final: the forum has met, the attendee signs in.
    const response = await post("/api/v1/forums", { year: 2027, title: "Forum tanda tangan", heldAt: "2026-11-20T02:00:00.000Z", place: "Aula Bappeda", scopeKind: "districts", scopeDistricts: ["18.01.04"] });
    const forum = ((await response.json()) as { id: string; agenda: { id: string }[] });
    for (const item of forum.agenda) await post(`/api/v1/forums/${forum.id}/agenda/${item.id}/drop`);
    const attendees: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const added = (await (await post(`/api/v1/forums/${forum.id}/attendees`, { name: `Peserta ${round}`, position: "Kabid", agencyId: DEMO.agency, username: "admin.bappeda" })).json()) as { attendees: { id: string; name: string }[] };
      attendees.push(added.attendees.find((a) => a.name === `Peserta ${round}`)!.id);
    }
    expect((await post(`/api/v1/forums/${forum.id}/minutes/finalise`)).status).toBe(200);
    const me = await signIn("admin.bappeda", DEMO_PASSWORD);
    await inRounds(ROUNDS, async (round) => {
      const attendee = attendees[round]!;
      const { statuses } = await outcomes(await Promise.all([1, 2, 3].map(() => call(`/api/v1/forums/${forum.id}/attendees/${attendee}/sign`, { method: "POST", headers: me.headers }))));
      expect(statuses).toEqual([200, 200, 200]);
      const signed = await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'forum.minutes_signed' AND data LIKE ?").bind(`%${attendee}%`).first<number>("n");
      expect(signed).toBe(1);
    });
  }, 60_000);

  it("items added at once each get their own position", async () => {
    await inRounds(ROUNDS, async (round) => {
      const forum = await newForum(`Forum agenda ${round}`);
      const proposals = await Promise.all([1, 2, 3].map(async () => (await proposalIn("in")).id));
      const { statuses } = await outcomes(await Promise.all(proposals.map((id) => post(`/api/v1/forums/${forum}/agenda`, { proposalIds: [id] }))));
      expect(statuses).toEqual([201, 201, 201]);
      const positions = await env.DB.prepare("SELECT position FROM forum_agenda_items WHERE forum_id = ? ORDER BY position").bind(forum).all<{ position: number }>();
      expect(positions.results.map((r) => r.position)).toEqual([1, 2, 3]);
    });
  }, 60_000);
});

describe(`operations (${ROUNDS} rounds)`, () => {
  it("a dead letter replayed twice at once is replayed and audited once", async () => {
    await inRounds(ROUNDS, async () => {
      const proposal = await verifiedProposal("Pembangunan drainase lingkungan", "1.03.02.2.01.0121");
      const letter = `dlq_${randomToken(8)}`;
      await env.DB.prepare("INSERT INTO dead_letters (id, queue, regency_code, body, attempts) VALUES (?, 'proposal-routing', '18.01', ?, 6)").bind(letter, JSON.stringify({ proposalId: proposal })).run();
      const { statuses, bodies } = await outcomes(await Promise.all([1, 2].map(() => post(`/api/v1/dead-letters/${letter}/replay`))));
      expect(statuses).toEqual([200, 409]);
      expect(bodies.map(errorCode).filter(Boolean)).toEqual(["already_replayed"]);
      expect(await auditCount("dead_letter.replayed", letter)).toBe(1);
    });
  }, 60_000);

  it("a failed lifecycle retried twice at once is restarted and audited once", async () => {
    await inRounds(ROUNDS, async () => {
      const { id } = await proposalIn("in");
      await env.DB.prepare("UPDATE proposals SET lifecycle_error = 'D1 tidak dapat dijangkau' WHERE id = ?").bind(id).run();
      const { statuses } = await outcomes(await Promise.all([1, 2].map(() => post(`/api/v1/proposals/${id}/lifecycle/retry`))));
      expect(statuses).toEqual([202, 409]);
      expect(await auditCount("proposal.lifecycle_retried", id)).toBe(1);
    });
  }, 60_000);

  it("a flag dismissed twice at once keeps the first reason and one audit event; a resolved flag stays resolved", async () => {
    await inRounds(ROUNDS, async () => {
      const flag = await flagIn("in");
      const { statuses } = await outcomes(await Promise.all(["Lokasi berbeda sama sekali.", "Pekerjaan berbeda jenisnya."].map((reason) => post(`/api/v1/overlaps/${flag}/dismiss`, { reason }))));
      expect(statuses).toEqual([200, 200]);
      expect(await auditCount("overlap.dismissed", flag)).toBe(1);
      const resolved = await flagIn("in");
      await env.DB.prepare("UPDATE overlap_flags SET status = 'resolved' WHERE id = ?").bind(resolved).run();
      const refused = await post(`/api/v1/overlaps/${resolved}/dismiss`, { reason: "Lokasi berbeda sama sekali." });
      expect(refused.status).toBe(409);
      expect(await env.DB.prepare("SELECT status FROM overlap_flags WHERE id = ?").bind(resolved).first("status")).toBe("resolved");
      expect(await auditCount("overlap.dismissed", resolved)).toBe(0);
    });
  }, 60_000);
});

describe(`accounts, tokens and secrets (${ROUNDS} rounds)`, () => {
  it("two rotations at once leave one secret without an end", async () => {
    await inRounds(ROUNDS, async () => {
      const { statuses } = await outcomes(await Promise.all([1, 2].map(() => post("/api/v1/agencies/18.01-dlh/webhook-secrets", { overlapHours: 24 }))));
      expect(statuses).toEqual([201, 201]);
      const open = await env.DB.prepare("SELECT count(*) AS n FROM webhook_secrets WHERE agency_id = '18.01-dlh' AND expires_at IS NULL").first<number>("n");
      expect(open).toBe(1);
    });
  }, 60_000);

  it("one username created twice at once: 201 and 409 username_taken", async () => {
    await inRounds(ROUNDS, async (round) => {
      const body = { username: `operator.kembar.${round}`, displayName: "Operator Kembar", password: "kata-sandi-panjang", role: "village_operator", scopeCode: DEMO.otherVillageSameDistrict };
      const { statuses, bodies } = await outcomes(await Promise.all([1, 2].map(() => post("/api/v1/accounts", body))));
      expect(statuses).toEqual([201, 409]);
      expect(bodies.map(errorCode).filter(Boolean)).toEqual(["username_taken"]);
    });
  }, 60_000);

  it("disabling an account or revoking a token twice at once keeps the first time and one audit event", async () => {
    await inRounds(ROUNDS, async (round) => {
      const account = (await (await post("/api/v1/accounts", { username: `operator.nonaktif.${round}`, displayName: "Operator", password: "kata-sandi-panjang", role: "village_operator", scopeCode: DEMO.otherVillageSameDistrict })).json()) as { id: string };
      const token = (await (await post("/api/v1/tokens", { name: `Sistem ${round}`, role: "integration", scopeCode: DEMO.agency })).json()) as { id: string };
      const disabled = await outcomes(await Promise.all([1, 2].map(() => post(`/api/v1/accounts/${account.id}/disable`))));
      const revoked = await outcomes(await Promise.all([1, 2].map(() => post(`/api/v1/tokens/${token.id}/revoke`))));
      expect([...disabled.statuses, ...revoked.statuses]).toEqual([200, 200, 200, 200]);
      expect(await auditCount("account.disabled", account.id)).toBe(1);
      expect(await auditCount("token.revoked", token.id)).toBe(1);
      const first = await env.DB.prepare("SELECT disabled_at AS at FROM accounts WHERE id = ?").bind(account.id).first<string>("at");
      await post(`/api/v1/accounts/${account.id}/disable`);
      expect(await env.DB.prepare("SELECT disabled_at AS at FROM accounts WHERE id = ?").bind(account.id).first<string>("at")).toBe(first);
    });
  }, 60_000);
});

describe(`proposals (${ROUNDS} rounds)`, () => {
  it("withdrawn twice at once: both answered as withdrawn, audited once", async () => {
    await inRounds(ROUNDS, async (round) => {
      const created = await post("/api/v1/proposals", proposalInput({ year: 2033, activity: `Pembangunan pos ronda ${round}` }), callers.village_operator.headers);
      const { id } = (await created.json()) as { id: string };
      const { statuses } = await outcomes(await Promise.all([1, 2].map(() => post(`/api/v1/proposals/${id}/withdraw`, { reason: "Sudah dibiayai dana desa." }, callers.village_operator.headers))));
      expect(statuses).toEqual([200, 200]);
      expect(await auditCount("proposal.withdrawn", id)).toBe(1);
    });
  }, 60_000);

  it("routed twice at once: each new review task is announced once, under its real id", async () => {
    const endpoint = await post(`/api/v1/agencies/${DEMO.agency}/webhooks`, { url: "https://opd.test/ok", eventTypes: ["review_task.created"] });
    expect(endpoint.status).toBe(201);
    await inRounds(ROUNDS, async (round) => {
      const proposal = await verifiedProposal(`Normalisasi saluran primer ronde ${round}`, "1.03.02.2.01.0121");
      await Promise.all([route(proposal), route(proposal)]);
      const tasks = await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = 'agency_review'").bind(proposal).all<{ id: string }>();
      const announced = await env.DB.prepare("SELECT payload FROM webhook_deliveries WHERE event_type = 'review_task.created' AND payload LIKE ?").bind(`%${proposal}%`).all<{ payload: string }>();
      const named = announced.results.map((r) => (JSON.parse(r.payload) as { data: { taskId: string } }).data.taskId);
      expect(named).toEqual(tasks.results.map((t) => t.id));
    });
  }, 60_000);
});
