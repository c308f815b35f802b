/** The story builder on its own: forum decisions, Bappeda acting for a level, names only for signed-in readers. */
import { describe, expect, it } from "vitest";
import { buildStory, type StoryFacts } from "../../shared/proposals/story.ts";

const base: StoryFacts = {
  villageCode: "18.01.06.2001",
  villageName: "Jondong",
  districtName: "Kalianda",
  asked: { volume: 120, unit: "m", cost: 90_000_000, subActivityCode: "1.03.06.2.01.0012" },
  events: [{ at: "2027-02-01T01:00:00.000Z", actor: "acc_admin", action: "proposal.submitted", data: { status: "submitted" } }],
  verification: null,
  agencyDecisions: [],
  forumDecisions: [],
  trackingCodes: { usl_target: "USL-2027-TARGET" },
  agencyNames: { "18.01-pupr": "Dinas PUPR", "18.01-dinkes": "Dinas Kesehatan" },
  people: { acc_admin: { name: "Rina (Bappeda)", role: "planning_admin" } },
};

describe("buildStory", () => {
  it("names Bappeda when it acts for the desa, and the person only for signed-in readers", () => {
    const [signedIn] = buildStory(base, { lang: "id", withNames: true });
    expect(signedIn).toMatchObject({ title: "Diajukan Bappeda atas nama desa", by: { level: "bappeda", label: "Bappeda", person: "Rina (Bappeda)" }, when: "1 Feb 2027 08.00 WIB" });
    const [anonymous] = buildStory(base, { lang: "id", withNames: false });
    expect(anonymous!.by).toEqual({ level: "bappeda", label: "Bappeda" });
  });

  it("tells a forum's split with each agency's part, and a merge with where the proposal went", () => {
    const facts: StoryFacts = {
      ...base,
      events: [
        ...base.events,
        { at: "2027-04-02T03:00:00.000Z", actor: "acc_admin", action: "proposal.merged", data: { status: "merged", forumId: "frm_1", agendaItemId: "agd_2", mergedIntoId: "usl_target" } },
      ],
      forumDecisions: [
        { at: "2027-04-01T03:00:00.000Z", agendaItemId: "agd_1", forumTitle: "Forum Lintas PD 2027", decision: "split", decidedBy: "acc_admin", data: { parts: [{ agencyId: "18.01-pupr", volume: 80, estimatedCost: 60_000_000 }, { agencyId: "18.01-dinkes", volume: 40, estimatedCost: 30_000_000, note: "sumur resapan" }], reason: "Dua kewenangan" } },
        { at: "2027-04-02T03:00:00.000Z", agendaItemId: "agd_2", forumTitle: "Forum Lintas PD 2027", decision: "merged", decidedBy: "acc_admin", data: { intoProposalId: "usl_target", reason: "Lokasi sama" } },
      ],
    };
    const steps = buildStory(facts, { lang: "id", withNames: false }).filter((s) => s.kind === "forum_decision");
    expect(steps).toEqual([
      expect.objectContaining({ title: "Forum membagi pekerjaan antar-OPD", reason: "Dua kewenangan", details: ["Dinas PUPR: 80 m, Rp 60.000.000", "Dinas Kesehatan: 40 m, Rp 30.000.000 (sumur resapan)"], by: { level: "forum", label: "Forum Lintas Perangkat Daerah: Forum Lintas PD 2027" } }),
      expect.objectContaining({ title: "Forum menggabungkan usulan", reason: "Lokasi sama", mergedInto: "USL-2027-TARGET" }),
    ]);
    // The merge is told once, with the forum's decision, not again as an outcome.
    expect(buildStory(facts, { lang: "id", withNames: false }).some((s) => s.kind === "outcome")).toBe(false);
  });

  it("says a deadline's ending is the system's, in the region's zone and in English", () => {
    const facts: StoryFacts = { ...base, villageCode: "73.71.01.1001", events: [{ at: "2027-06-01T00:00:00.000Z", actor: "system:lifecycle", action: "proposal.carried_over", data: { status: "carried_over", reason: "tidak diputuskan OPD sampai batas waktu" } }] };
    expect(buildStory(facts, { lang: "en", withNames: true })).toEqual([
      { at: "2027-06-01T00:00:00.000Z", when: "1 Jun 2027 08:00 WITA", kind: "outcome", title: "Outcome: Carried over to next year", by: { level: "system", label: "System" }, status: "carried_over", reason: "tidak diputuskan OPD sampai batas waktu" },
    ]);
  });

  it("tells the public which fields changed but not the address, RT/RW, coordinates or file names", () => {
    const facts: StoryFacts = {
      ...base,
      events: [
        ...base.events,
        {
          at: "2027-02-03T01:00:00.000Z",
          actor: "acc_admin",
          action: "proposal.edited",
          data: {
            changes: { address: { before: "Jl. Melati 4", after: "Jl. Mawar 9" }, latitude: { before: -5.71, after: -5.72 }, volume: { before: 100, after: 120 } },
            fields: ["address", "latitude", "rt", "volume"],
            attachmentsAdded: ["KTP Budi Santoso.jpg"],
          },
        },
      ],
    };
    const publicStep = buildStory(facts, { lang: "id", withNames: false }).find((s) => s.kind === "edited")!;
    expect(publicStep.changes).toEqual([{ field: "volume", label: "Volume", before: "100 m", after: "120 m" }]);
    expect(JSON.stringify(publicStep)).not.toMatch(/Melati|Mawar|5\.7|Budi/);
    expect(publicStep.details).toEqual(["Diubah: Alamat, Lintang, RT", "Lampiran ditambah: 1 berkas"]);
    // Signed-in readers (the village, its kecamatan, the agencies) still see everything.
    const full = buildStory(facts, { lang: "id", withNames: true }).find((s) => s.kind === "edited")!;
    expect(full.changes).toHaveLength(3);
    expect(full.details).toContain("Lampiran ditambah: KTP Budi Santoso.jpg");
  });
});

