/**
 * The stage calendar: the policy without I/O (which window, inside or outside, the message naming it), then the
 * refusals as the village and the kecamatan meet them, and Bappeda's extension with its reason in the audit trail.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { checkWindow } from "../../shared/calendar/windows.ts";
import { regionZone } from "../../shared/time/indonesian.ts";
import { freshProposalInput } from "../support/proposals.ts";
import { demoCallers } from "../support/principals.ts";

const WIB = regionZone("18.01");
const desa = { stage: "desa_submission" as const, opensOn: "2027-01-02", closesOn: "2027-02-28" };

describe("the window policy", () => {
  it("opens on the first local day and closes after the last, in the kabupaten's zone", () => {
    // 1 Jan 2027 23:59 WIB is 16:59 UTC; 2 Jan 00:00 WIB is 1 Jan 17:00 UTC.
    expect(checkWindow([desa], "proposal.submit", new Date("2027-01-01T16:59:00Z"), WIB).open).toBe(false);
    expect(checkWindow([desa], "proposal.submit", new Date("2027-01-01T17:00:00Z"), WIB).open).toBe(true);
    expect(checkWindow([desa], "proposal.submit", new Date("2027-02-28T16:59:00Z"), WIB).open).toBe(true);
    const after = checkWindow([desa], "proposal.submit", new Date("2027-02-28T17:00:00Z"), WIB);
    expect(after).toMatchObject({ open: false, when: "after", stage: "desa_submission" });
    expect(after.open === false && after.message.id).toBe("Pengajuan usulan desa dibuka 2 Jan–28 Feb 2027 WIB; sudah ditutup.");
    expect(after.open === false && after.message.en).toBe("Village proposal submission is open 2 Jan–28 Feb 2027 WIB; it has closed.");
  });

  it("governs each action by its own stage only, and refuses nothing without a window", () => {
    const late = new Date("2027-06-01T03:00:00Z");
    expect(checkWindow([desa], "review.decide", late, WIB).open).toBe(true);
    expect(checkWindow([desa], "proposal.import", late, WIB).open).toBe(false);
    expect(checkWindow([], "proposal.submit", late, WIB).open).toBe(true);
    const verification = { stage: "kecamatan_verification" as const, opensOn: "2027-03-01", closesOn: "2027-03-31" };
    expect(checkWindow([desa, verification], "district.rank", late, WIB)).toMatchObject({ open: false, stage: "kecamatan_verification" });
    expect(checkWindow([verification], "verification.decide", new Date("2026-12-31T03:00:00Z"), WIB)).toMatchObject({ open: false, when: "before" });
    // Across a year end, both years are written.
    const forum = checkWindow([{ stage: "forum", opensOn: "2026-12-20", closesOn: "2027-01-10" }], "forum.decide", late, WIB);
    expect(forum.open === false && forum.message.id).toBe("Forum Lintas Perangkat Daerah dibuka 20 Des 2026–10 Jan 2027 WIB; sudah ditutup.");
  });
});

describe("refusals and extension", () => {
  it("refuses a village's submission outside the window with the window named, until Bappeda extends it (audited)", async () => {
    const callers = await demoCallers();
    const year = 2031;
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const put = await exports.default.fetch("http://x/api/v1/calendar", {
      method: "PUT",
      headers: { ...callers.planning_admin.headers, "content-type": "application/json" },
      body: JSON.stringify({ year, windows: [{ stage: "desa_submission", opensOn: "2026-01-02", closesOn: "2026-02-28" }] }),
    });
    expect(put.status).toBe(200);
    const submit = () =>
      exports.default.fetch("http://x/api/v1/proposals", { method: "POST", headers: { ...callers.village_operator.headers, "content-type": "application/json" }, body: JSON.stringify(freshProposalInput({ year })) });
    const refused = await submit();
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { code: string; message: string; closesOn: string } };
    expect(body.error).toMatchObject({ code: "stage_closed", message: "Pengajuan usulan desa dibuka 2 Jan–28 Feb 2026 WIB; sudah ditutup.", closesOn: "2026-02-28" });
    expect((await env.DB.prepare("SELECT count(*) AS n FROM proposals WHERE year = ?").bind(year).first<{ n: number }>())!.n).toBe(0);
    // Another year without a schedule is not restricted.
    const otherYear = await exports.default.fetch("http://x/api/v1/proposals", { method: "POST", headers: { ...callers.village_operator.headers, "content-type": "application/json" }, body: JSON.stringify(freshProposalInput({ year: 2032 })) });
    expect(otherYear.status).toBe(201);

    const extend = await exports.default.fetch("http://x/api/v1/calendar/extensions", {
      method: "POST",
      headers: { ...callers.planning_admin.headers, "content-type": "application/json" },
      body: JSON.stringify({ year, stage: "desa_submission", closesOn: today > "2026-12-31" ? today : "2026-12-31", reason: "Banjir di Kalianda: desa belum sempat musyawarah" }),
    });
    expect(extend.status).toBe(200);
    expect((await submit()).status).toBe(201);
    const event = await env.DB.prepare("SELECT data FROM audit_events WHERE action = 'calendar.extended' AND entity_id = ?").bind(`18.01:${year}`).first<{ data: string }>();
    expect(JSON.parse(event!.data)).toMatchObject({ stage: "desa_submission", from: "2026-02-28", reason: "Banjir di Kalianda: desa belum sempat musyawarah" });
    // Shortening is not an extension.
    const shorter = await exports.default.fetch("http://x/api/v1/calendar/extensions", {
      method: "POST",
      headers: { ...callers.planning_admin.headers, "content-type": "application/json" },
      body: JSON.stringify({ year, stage: "desa_submission", closesOn: "2026-03-01", reason: "Dipersingkat saja" }),
    });
    expect(shorter.status).toBe(409);
  });

  it("refuses the kecamatan's verification decision outside its window", async () => {
    const callers = await demoCallers();
    const year = 2033;
    const made = await exports.default.fetch("http://x/api/v1/proposals", { method: "POST", headers: { ...callers.village_operator.headers, "content-type": "application/json" }, body: JSON.stringify(freshProposalInput({ year })) });
    const { id } = (await made.json()) as { id: string };
    await exports.default.fetch("http://x/api/v1/calendar", {
      method: "PUT",
      headers: { ...callers.planning_admin.headers, "content-type": "application/json" },
      body: JSON.stringify({ year, windows: [{ stage: "kecamatan_verification", opensOn: "2099-03-01", closesOn: "2099-03-31" }] }),
    });
    const task = await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ? AND kind = 'verification'").bind(id).first<{ id: string }>();
    const decided = await exports.default.fetch(`http://x/api/v1/reviews/${task!.id}/decision`, { method: "POST", headers: { ...callers.district_verifier.headers, "content-type": "application/json", "accept-language": "en" }, body: JSON.stringify({ decision: "verified" }) });
    expect(decided.status).toBe(409);
    expect(((await decided.json()) as { error: { code: string; message: string } }).error).toEqual(expect.objectContaining({ code: "stage_closed", message: "District verification and ranking is open 1 Mar–31 Mar 2099 WIB; it has not opened yet." }));
  });
});
