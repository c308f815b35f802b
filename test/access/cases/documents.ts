import { env } from "cloudflare:workers";
import { randomToken } from "../../../shared/access/bytes.ts";
import { adminOnly, expectAll, type MatrixCase, placeFor, type Where } from "../matrix.ts";

/**
 * A forum that has met (held before today) with its only agenda item dropped and one attendee who has not signed,
 * in the demo kabupaten ("in" and "near": a forum is the kabupaten's) or the other one; `finalised` numbers its minutes.
 */
export async function heldForumIn(where: Where, { finalised }: { finalised: boolean }) {
  const id = `frm_${randomToken(8)}`;
  const attendee = `hdr_${randomToken(8)}`;
  const { regency } = placeFor(where, null);
  // A unique sequence per forum: the matrix finalises many forums of one kabupaten and year.
  const seq = finalised ? 1_000 + Math.floor(Math.random() * 1_000_000_000) : null;
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO forums (id, regency_code, year, title, held_at, place, scope_kind, status, created_by, minutes_finalised_at, minutes_year, minutes_seq, minutes_number) VALUES (?, ?, 2027, 'Forum uji', '2026-11-20T02:00:00Z', 'Aula', 'kabupaten', ?, 'test', ?, ?, ?, ?)",
    ).bind(id, regency, finalised ? "closed" : "planned", finalised ? "2026-11-21T02:00:00Z" : null, finalised ? 2026 : null, seq, finalised ? `050/${seq}/BA-FLPD/2026` : null),
    env.DB.prepare("INSERT INTO forum_agenda_items (id, forum_id, proposal_ids, position, budget_at_stake, status) VALUES (?, ?, '[]', 1, 0, 'dropped')").bind(`agd_${randomToken(8)}`, id),
    env.DB.prepare("INSERT INTO forum_attendees (id, forum_id, name, position) VALUES (?, ?, 'Peserta Uji', 'Kabid')").bind(attendee, id),
  ]);
  return { id, attendee };
}

const LETTERHEAD = { lines: ["PEMERINTAH KABUPATEN LAMPUNG SELATAN", "BADAN PERENCANAAN PEMBANGUNAN DAERAH"], place: "Kalianda" };
const PRIORITIES = { year: 2027, priorities: [{ code: "P1", priority: "Infrastruktur dasar yang merata", target: "Jalan kabupaten mantap 80%" }] };

/** The berita acara (numbering, signing, PDF) and Bappeda's planning settings of the kabupaten (issue 20). */
export const documentCases: MatrixCase[] = [
  {
    group: "forums",
    name: "POST /api/v1/forums/{id}/minutes/finalise",
    request: async (where) => ({ path: `/api/v1/forums/${(await heldForumIn(where, { finalised: false })).id}/minutes/finalise`, method: "POST" }),
    expect: adminOnly([200, 200, 404], [403, 403, 404]),
  },
  {
    group: "forums",
    // The matrix's callers are API tokens: a token is nobody's signature, Bappeda's included (the attendee's own
    // session signs: test/documents/signing.test.ts). Another kabupaten's forum stays unseen.
    name: "POST /api/v1/forums/{id}/attendees/{attendee}/sign (an API token never signs)",
    request: async (where) => {
      const { id, attendee } = await heldForumIn(where, { finalised: true });
      return { path: `/api/v1/forums/${id}/attendees/${attendee}/sign`, method: "POST" };
    },
    expect: expectAll([403, 403, 404], { anonymous: [401, 401, 401] }),
  },
  {
    group: "forums",
    name: "POST /api/v1/forums/{id}/attendees/{attendee}/sign-link",
    request: async (where) => {
      const { id, attendee } = await heldForumIn(where, { finalised: true });
      return { path: `/api/v1/forums/${id}/attendees/${attendee}/sign-link`, method: "POST" };
    },
    expect: adminOnly([201, 201, 404], [403, 403, 404]),
  },
  {
    group: "forums",
    name: "GET /api/v1/forums/{id}/minutes.pdf",
    request: async (where) => ({ path: `/api/v1/forums/${(await heldForumIn(where, { finalised: true })).id}/minutes.pdf` }),
    expect: expectAll([200, 200, 404], { anonymous: [401, 401, 401] }),
  },
  {
    group: "planning",
    name: "GET /api/v1/regional-priorities?year=2027 (the caller's own kabupaten's)",
    request: async () => ({ path: "/api/v1/regional-priorities?year=2027" }),
    expect: expectAll([200, 200, 200], { anonymous: [401, 401, 401] }),
  },
  {
    group: "planning",
    name: "PUT /api/v1/regional-priorities",
    request: async () => ({ path: "/api/v1/regional-priorities", method: "PUT", body: PRIORITIES }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
  {
    group: "planning",
    name: "GET /api/v1/letterhead (the caller's own kabupaten's)",
    request: async () => ({ path: "/api/v1/letterhead" }),
    expect: expectAll([200, 200, 200], { anonymous: [401, 401, 401] }),
  },
  {
    group: "planning",
    name: "PUT /api/v1/letterhead",
    request: async () => ({ path: "/api/v1/letterhead", method: "PUT", body: LETTERHEAD }),
    expect: adminOnly([200, 200, 200], [403, 403, 403]),
  },
];
