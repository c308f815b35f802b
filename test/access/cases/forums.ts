import { env } from "cloudflare:workers";
import { randomToken } from "../../../shared/access/bytes.ts";
import { type Caller, DEMO, OTHER } from "../../support/principals.ts";
import { adminOnly, agencyRoles, channelRoles, expectAll, type MatrixCase, placeFor, type Where } from "../matrix.ts";
import { proposalIn } from "./proposals.ts";

export interface AgendaFixture {
  proposalIds?: readonly string[];
  budgetAtStake?: number;
}

/** A forum with one open agenda item, in the demo kabupaten ("in" and "near": a forum is the kabupaten's) or the other one. */
export async function forumIn(where: Where, agenda: AgendaFixture = {}) {
  const id = `frm_${randomToken(8)}`;
  const item = `agd_${randomToken(8)}`;
  const { regency } = placeFor(where, null);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO forums (id, regency_code, year, title, held_at, place, scope_kind, status, created_by) VALUES (?, ?, 2027, 'Forum uji', '2027-03-01T00:00:00Z', 'Aula', 'kabupaten', 'planned', 'test')").bind(id, regency),
    env.DB.prepare("INSERT INTO forum_agenda_items (id, forum_id, proposal_ids, position, budget_at_stake, status) VALUES (?, ?, ?, 1, ?, 'open')").bind(
      item,
      id,
      JSON.stringify(agenda.proposalIds ?? []),
      agenda.budgetAtStake ?? 0,
    ),
  ]);
  return { id, item, regency };
}

/** A forum with an attendee and a follow-up owned by the caller's agency ("in"), another agency ("near") or the other kabupaten's PUPR. */
export async function forumWithPeopleIn(where: Where, agenda: AgendaFixture = {}, caller: Caller | null = null) {
  const forum = await forumIn(where, agenda);
  const attendee = `hdr_${randomToken(8)}`;
  const followUp = `rtl_${randomToken(8)}`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO forum_attendees (id, forum_id, name, position) VALUES (?, ?, 'Peserta Uji', 'Kabid')").bind(attendee, forum.id),
    env.DB.prepare("INSERT INTO follow_up_actions (id, forum_id, regency_code, owner_agency_id, description, due_date, status, notes) VALUES (?, ?, ?, ?, 'Survei lokasi bersama', '2027-04-01', 'open', '[]')").bind(
      followUp,
      forum.id,
      forum.regency,
      placeFor(where, caller).agency,
    ),
  ]);
  return { ...forum, attendee, followUp };
}

export const forumCases: MatrixCase[] = [
  {
    group: "forums",
    name: "POST /api/v1/forums",
    request: async () => ({ path: "/api/v1/forums", method: "POST", body: { year: 2027, title: "Forum uji matriks", heldAt: "2027-03-01T00:00:00.000Z", place: "Aula", scopeKind: "kabupaten" } }),
    expect: adminOnly([201, 201, 201], [403, 403, 403]),
  },
  {
    group: "forums",
    name: "GET /api/v1/forums/{id}",
    request: async (where) => ({ path: `/api/v1/forums/${(await forumIn(where)).id}` }),
    expect: expectAll([200, 200, 404], { anonymous: [401, 401, 401] }),
  },
  {
    group: "forums",
    name: "POST /api/v1/forums/{id}/attendees",
    request: async (where) => ({ path: `/api/v1/forums/${(await forumIn(where)).id}/attendees`, method: "POST", body: { name: "Peserta Uji", position: "Kabid" } }),
    expect: adminOnly([201, 201, 404], [403, 403, 404]),
  },
  {
    group: "forums",
    name: "POST /api/v1/forums/{id}/agenda/{item}/decision",
    request: async (where) => {
      const { id, item } = await forumIn(where);
      return { path: `/api/v1/forums/${id}/agenda/${item}/decision`, method: "POST", body: { decision: "rejected", reason: "Uji matriks akses." } };
    },
    expect: adminOnly([200, 200, 404], [403, 403, 404]),
  },
  {
    group: "forums",
    name: "GET /api/v1/forums",
    request: async () => ({ path: "/api/v1/forums" }),
    expect: expectAll([200, 200, 200], { anonymous: [401, 401, 401] }),
  },
  {
    group: "forums",
    name: "POST /api/v1/forums/{id}/agenda",
    request: async (where) => ({ path: `/api/v1/forums/${(await forumIn(where)).id}/agenda`, method: "POST", body: { proposalIds: [(await proposalIn(where)).id] } }),
    expect: adminOnly([201, 201, 404], [403, 403, 404]),
  },
  {
    group: "forums",
    name: "POST /api/v1/forums/{id}/agenda/{item}/drop",
    request: async (where) => {
      const { id, item } = await forumIn(where);
      return { path: `/api/v1/forums/${id}/agenda/${item}/drop`, method: "POST" };
    },
    expect: adminOnly([200, 200, 404], [403, 403, 404]),
  },
  {
    group: "follow-ups",
    name: "POST /api/v1/forums/{id}/follow-ups",
    request: async (where, caller) => ({
      path: `/api/v1/forums/${(await forumIn(where)).id}/follow-ups`,
      method: "POST",
      body: { ownerAgencyId: placeFor(where, caller).agency, description: "Survei lokasi bersama", dueDate: "2027-04-01" },
    }),
    expect: adminOnly([201, 201, 404], [403, 403, 404]),
  },
  {
    group: "follow-ups",
    name: "PATCH /api/v1/follow-ups/{id} (owned by the caller's agency)",
    request: async (where, caller) => ({
      path: `/api/v1/follow-ups/${(await forumWithPeopleIn(where, {}, caller)).followUp}`,
      method: "PATCH",
      body: { status: "in_progress", note: "Survei sudah dijadwalkan." },
    }),
    expect: agencyRoles([200, 403, 404], [403, 403, 404], [200, 200, 404]),
  },
  {
    group: "budget",
    name: "PUT /api/v1/budget/envelopes",
    request: async (where, caller) => ({
      path: "/api/v1/budget/envelopes",
      method: "PUT",
      body: { year: 2027, kind: "agency", target: placeFor(where, caller).agency, amount: 1_000_000 },
    }),
    expect: adminOnly([200, 200, 422], [403, 403, 403]),
  },
  {
    group: "follow-ups",
    name: "GET /api/v1/follow-ups",
    request: async () => ({ path: "/api/v1/follow-ups" }),
    expect: expectAll([200, 200, 200], { anonymous: [401, 401, 401] }),
  },
];

export const operationsCases: MatrixCase[] = [
  {
    group: "exports",
    name: "POST /api/v1/exports/renja?year=2027&format=json",
    request: async () => ({ path: "/api/v1/exports/renja?year=2027&format=json", method: "POST" }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  {
    group: "exports",
    name: "GET /api/v1/exports/renja (creation moved to POST: 405 for everyone, nothing made)",
    request: async () => ({ path: "/api/v1/exports/renja?year=2027&format=json" }),
    expect: expectAll([405, 405, 405], {}),
  },
  {
    group: "exports",
    name: "GET /api/v1/exports/{id}",
    request: async (where) => {
      const id = `eks_${randomToken(8)}`;
      await env.DB.prepare("INSERT INTO renja_exports (id, regency_code, year, format, view, filters, requested_by, status) VALUES (?, ?, 2027, 'csv', 'renja', '{}', 'test', 'running')")
        .bind(id, where === "out" ? OTHER.regency : DEMO.regency)
        .run();
      return { path: `/api/v1/exports/${id}` };
    },
    expect: adminOnly([200, 200, 404], [404, 404, 404]),
  },
  {
    group: "webhooks",
    name: "POST /api/v1/agencies/{agency}/webhook-secrets",
    request: async (where, caller) => ({ path: `/api/v1/agencies/${placeFor(where, caller).agency}/webhook-secrets`, method: "POST", body: {} }),
    expect: adminOnly([201, 201, 404], [403, 403, 404]),
  },
  {
    group: "webhooks",
    name: "GET /api/v1/agencies/{agency}/webhooks",
    request: async (where, caller) => ({ path: `/api/v1/agencies/${placeFor(where, caller).agency}/webhooks` }),
    expect: adminOnly([200, 200, 404], [403, 403, 404]),
  },
  {
    group: "operations",
    name: "GET /api/v1/lifecycles/failed",
    request: async () => ({ path: "/api/v1/lifecycles/failed" }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  {
    group: "budget",
    name: "GET /api/v1/budget/fit (an envelope of the caller's kabupaten / of another)",
    request: async (where, caller) => {
      const envelope = "INSERT OR IGNORE INTO budget_envelopes (id, regency_code, year, kind, target, amount, updated_by, updated_at) VALUES (?, ?, 2027, 'agency', ?, 500000000, 'test', '2026-01-01T00:00:00Z')";
      await env.DB.batch([DEMO.agency, DEMO.otherAgency].map((agency) => env.DB.prepare(envelope).bind(`env_matrix_${agency}`, DEMO.regency, agency)));
      return { path: `/api/v1/budget/fit?year=2027&kind=agency&target=${placeFor(where, caller).agency}` };
    },
    expect: expectAll([404, 404, 404], {
      anonymous: [401, 401, 401],
      village_operator: [403, 403, 403],
      agency_reviewer: [200, 404, 404],
      integration: [200, 404, 404],
      planning_admin: [200, 200, 404],
      ...channelRoles([403, 403, 403]),
    }),
  },
  {
    group: "budget",
    name: "GET /api/v1/budget/fit (a kecamatan's envelope)",
    request: async (where, caller) => {
      const envelope = "INSERT OR IGNORE INTO budget_envelopes (id, regency_code, year, kind, target, amount, updated_by, updated_at) VALUES (?, ?, 2027, 'district', ?, 500000000, 'test', '2026-01-01T00:00:00Z')";
      await env.DB.batch([DEMO.district, DEMO.otherDistrict].map((district) => env.DB.prepare(envelope).bind(`env_matrix_${district}`, DEMO.regency, district)));
      return { path: `/api/v1/budget/fit?year=2027&kind=district&target=${placeFor(where, caller).district}` };
    },
    expect: expectAll([404, 404, 404], { anonymous: [401, 401, 401], village_operator: [403, 403, 403], district_verifier: [200, 404, 404], planning_admin: [200, 200, 404], ...channelRoles([403, 403, 403]) }),
  },
  {
    group: "budget",
    name: "GET /api/v1/budget/envelopes?year=2027",
    request: async () => ({ path: "/api/v1/budget/envelopes?year=2027" }),
    expect: expectAll([200, 200, 200], { anonymous: [401, 401, 401] }),
  },
];
