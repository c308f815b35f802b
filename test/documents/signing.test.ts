/**
 * The berita acara is signed by the attendees themselves (their own session, or the one-time link Bappeda sends
 * them), never by an admin on their behalf and not before the meeting; follow-ups cannot be due in the past; the
 * minutes get their number when Bappeda finalises them.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, demoCallers, json, signIn, DEMO } from "../support/principals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
const admin = () => callers.planning_admin.headers;
type Forum = { id: string; minutesNumber: string | null; agenda: { id: string }[]; attendees: { id: string; name: string; signedAt: string | null; signedVia: string | null }[] };

beforeAll(async () => {
  callers = await demoCallers();
});

/** A forum of the demo kabupaten with no agenda left open, and two attendees: one with the reviewer's account. */
async function forumHeld(heldAt: string) {
  const created = (await (await call("/api/v1/forums", json({ year: 2027, title: "Forum Lintas PD uji tanda tangan", heldAt, place: "Aula Bappeda", scopeKind: "districts", scopeDistricts: ["18.01.04"] }, admin()))).json()) as Forum;
  for (const item of created.agenda) await call(`/api/v1/forums/${created.id}/agenda/${item.id}/drop`, { method: "POST", headers: admin() });
  await call(`/api/v1/forums/${created.id}/attendees`, json({ name: "Ir. Rahmat", position: "Kabid Bina Marga", agencyId: DEMO.agency, username: "penelaah.pupr" }, admin()));
  const forum = (await (await call(`/api/v1/forums/${created.id}/attendees`, json({ name: "Siti Aminah", position: "Sekretaris Camat" }, admin()))).json()) as Forum;
  return { forum, self: forum.attendees.find((a) => a.name === "Ir. Rahmat")!, other: forum.attendees.find((a) => a.name === "Siti Aminah")! };
}

const finalise = (id: string) => call(`/api/v1/forums/${id}/minutes/finalise`, { method: "POST", headers: admin() });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe("signing the berita acara", () => {
  it("refuses an admin signing for an attendee: only the attendee signs, with their own session", async () => {
    const { forum, self, other } = await forumHeld("2026-11-20T02:00:00.000Z");
    expect((await finalise(forum.id)).status).toBe(200);
    const forAnother = await call(`/api/v1/forums/${forum.id}/attendees/${other.id}/sign`, { method: "POST", headers: admin() });
    expect(forAnother.status).toBe(403);
    expect(await errorOf(forAnother)).toBe("not_the_attendee");
    const bappeda = await signIn("admin.bappeda", DEMO_PASSWORD);
    expect((await call(`/api/v1/forums/${forum.id}/attendees/${self.id}/sign`, { method: "POST", headers: bappeda.headers })).status).toBe(403);
    const reviewer = await signIn("penelaah.pupr", DEMO_PASSWORD);
    const signed = await call(`/api/v1/forums/${forum.id}/attendees/${self.id}/sign`, { method: "POST", headers: reviewer.headers });
    expect(signed.status).toBe(200);
    const after = (await signed.json()) as Forum;
    expect(after.attendees.find((a) => a.id === self.id)).toMatchObject({ signedVia: "session", signedAt: expect.any(String) });
    expect(after.attendees.find((a) => a.id === other.id)!.signedAt).toBeNull();
  });

  it("refuses signing before the meeting date (the minutes cannot even be finalised yet)", async () => {
    const { forum, self } = await forumHeld("2027-02-18T02:00:00.000Z");
    const early = await finalise(forum.id);
    expect(early.status).toBe(409);
    expect(await errorOf(early)).toBe("meeting_not_held");
    const reviewer = await signIn("penelaah.pupr", DEMO_PASSWORD);
    const sign = await call(`/api/v1/forums/${forum.id}/attendees/${self.id}/sign`, { method: "POST", headers: reviewer.headers });
    expect(sign.status).toBe(409);
    expect(await errorOf(sign)).toBe("meeting_not_held");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM forum_attendees WHERE forum_id = ? AND signed_at IS NOT NULL").bind(forum.id).first<number>("n")).toBe(0);
  });

  it("a signing link signs exactly its attendee, once, and not after it expires", async () => {
    const { forum, self, other } = await forumHeld("2026-11-21T02:00:00.000Z");
    expect((await call(`/api/v1/forums/${forum.id}/attendees/${other.id}/sign-link`, { method: "POST", headers: admin() })).status).toBe(409);
    await finalise(forum.id);
    const link = (await (await call(`/api/v1/forums/${forum.id}/attendees/${other.id}/sign-link`, { method: "POST", headers: admin() })).json()) as { path: string; expiresAt: string };
    expect(link.path).toMatch(/^\/tanda-tangan\/[\w-]{20,}$/);
    const page = await call(link.path);
    expect(await page.text()).toContain("Siti Aminah");
    expect((await call(link.path, { method: "POST" })).status).toBe(200);
    expect((await call(link.path, { method: "POST" })).status).toBe(404);
    const rows = await env.DB.prepare("SELECT id, signed_via FROM forum_attendees WHERE forum_id = ? AND signed_at IS NOT NULL").bind(forum.id).all();
    expect(rows.results).toEqual([{ id: other.id, signed_via: "link" }]);

    const expiring = (await (await call(`/api/v1/forums/${forum.id}/attendees/${self.id}/sign-link`, { method: "POST", headers: admin() })).json()) as { path: string };
    await env.DB.prepare("UPDATE forum_attendees SET sign_token_expires_at = '2026-01-01T00:00:00.000Z' WHERE id = ?").bind(self.id).run();
    expect((await call(expiring.path, { method: "POST" })).status).toBe(404);
    expect(await env.DB.prepare("SELECT signed_at FROM forum_attendees WHERE id = ?").bind(self.id).first("signed_at")).toBeNull();
  });

  it("numbers the minutes when finalised: the kabupaten's next number of the meeting's year, and freezes them", async () => {
    const first = await forumHeld("2026-11-22T02:00:00.000Z");
    const second = await forumHeld("2026-11-23T02:00:00.000Z");
    const a = (await (await finalise(first.forum.id)).json()) as Forum;
    const b = (await (await finalise(second.forum.id)).json()) as Forum;
    const seq = (n: string | null) => Number(/^050\/(\d{3})\/BA-FLPD\/2026$/.exec(n ?? "")?.[1]);
    expect(seq(b.minutesNumber)).toBe(seq(a.minutesNumber) + 1);
    const late = await call(`/api/v1/forums/${first.forum.id}/attendees`, json({ name: "Terlambat", position: "Staf" }, admin()));
    expect(late.status).toBe(409);
    expect(await errorOf(late)).toBe("minutes_final");
  });
});

describe("follow-ups", () => {
  it("refuses a due date in the past", async () => {
    const { forum } = await forumHeld("2026-11-20T02:00:00.000Z");
    const past = await call(`/api/v1/forums/${forum.id}/follow-ups`, json({ ownerAgencyId: DEMO.agency, description: "Survei lokasi bersama", dueDate: "2020-01-01" }, admin()));
    expect(past.status).toBe(422);
    expect(((await past.json()) as { error: { fields: { path: string; code: string }[] } }).error.fields).toEqual([expect.objectContaining({ path: "dueDate", code: "date_in_past" })]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM follow_up_actions WHERE forum_id = ?").bind(forum.id).first<number>("n")).toBe(0);
  });
});
