import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  DECISION_LABELS,
  DECISIONS_BY_KIND,
  type DecisionName,
  DecisionSchema,
  decisionData,
  decisionSchemaWith,
  proposalOutcome,
} from "../../shared/reviews/decisions.ts";

const AGENCY_DECISIONS = ["accepted", "accepted_with_changes", "merged", "rejected", "carried_over"] as const;

describe("proposalOutcome: how the agencies' decisions combine", () => {
  it.each(AGENCY_DECISIONS)("one agency's %s is the proposal's outcome", (decision) => {
    expect(proposalOutcome([decision])).toBe(decision);
  });

  it.each([
    // Merged wins: the need lives on in another proposal, whatever the other agencies said.
    [["accepted", "merged"], "merged"],
    [["merged", "rejected"], "merged"],
    [["carried_over", "rejected", "merged"], "merged"],
    // Accepted as is only when every agency accepted as is.
    [["accepted", "accepted"], "accepted"],
    [["accepted", "accepted", "accepted"], "accepted"],
    // One agency turning its part down (or changing it, or deferring it) means the proposal goes ahead changed.
    [["accepted", "rejected"], "accepted_with_changes"],
    [["rejected", "accepted"], "accepted_with_changes"],
    [["accepted", "carried_over"], "accepted_with_changes"],
    [["accepted", "accepted_with_changes"], "accepted_with_changes"],
    [["accepted_with_changes", "accepted_with_changes"], "accepted_with_changes"],
    [["accepted_with_changes", "rejected"], "accepted_with_changes"],
    // Nobody accepted: carried over beats rejected, since some agency wants it next year.
    [["carried_over", "rejected"], "carried_over"],
    [["rejected", "carried_over"], "carried_over"],
    [["carried_over", "carried_over"], "carried_over"],
    [["rejected", "rejected"], "rejected"],
  ] as const)("%j → %s", (decisions, outcome) => {
    expect(proposalOutcome(decisions)).toBe(outcome);
  });

  it("does not depend on the order the agencies decided in", () => {
    for (const a of AGENCY_DECISIONS)
      for (const b of AGENCY_DECISIONS)
        for (const c of AGENCY_DECISIONS) {
          const outcome = proposalOutcome([a, b, c]);
          expect(proposalOutcome([c, b, a]), `${a} ${b} ${c}`).toBe(outcome);
          expect(proposalOutcome([b, c, a]), `${a} ${b} ${c}`).toBe(outcome);
        }
  });
});

describe("decision vocabulary", () => {
  it("names each decision in the words of the practice (Indonesian) and in English", () => {
    expect(DECISION_LABELS).toEqual({
      verified: { id: "Diverifikasi", en: "Verified" },
      returned: { id: "Dikembalikan ke desa", en: "Returned to the village" },
      accepted: { id: "Diterima tanpa perubahan", en: "Accepted as is" },
      accepted_with_changes: { id: "Diterima dengan perubahan", en: "Accepted with changes" },
      merged: { id: "Digabungkan", en: "Merged" },
      rejected: { id: "Ditolak", en: "Rejected" },
      carried_over: { id: "Dialihkan ke tahun berikutnya", en: "Carried over to next year" },
      route: { id: "Diteruskan ke OPD", en: "Routed to agencies" },
    });
  });

  it("allows each task kind only its own decisions", () => {
    expect(DECISIONS_BY_KIND).toEqual({
      verification: ["verified", "returned"],
      agency_review: ["accepted", "accepted_with_changes", "merged", "rejected", "carried_over"],
      triage: ["route", "rejected"],
    });
  });
});

/** The issue messages of a failed parse, or "ok" with the output. */
function parse(input: unknown) {
  const result = v.safeParse(DecisionSchema, input);
  return result.success ? { ok: result.output } : { issues: result.issues.map((issue) => issue.message) };
}
const accepts = (input: unknown) => expect(parse(input)).toHaveProperty("ok");
const refuses = (input: unknown, message?: string) => {
  const result = parse(input);
  expect(result, JSON.stringify(input)).toHaveProperty("issues");
  if (message) expect(result.issues).toContain(message);
};

describe("decision schema", () => {
  it("needs a reason of 5 to 2000 characters, counted after trimming, to reject or return", () => {
    for (const decision of ["rejected", "returned"] as const) {
      const field = decision === "rejected" ? "reason" : "note";
      refuses({ decision });
      refuses({ decision, [field]: "Jauh" });
      refuses({ decision, [field]: "   Jauh   " });
      accepts({ decision, [field]: "Mahal" });
      accepts({ decision, [field]: "x".repeat(2000) });
      refuses({ decision, [field]: "x".repeat(2001) });
    }
    expect(parse({ decision: "rejected", reason: "  Lokasi rawan banjir  " })).toEqual({ ok: { decision: "rejected", reason: "Lokasi rawan banjir" } });
    refuses({ decision: "rejected", reason: "Ditolak \ud800" }, "text_malformed");
  });

  it("keeps notes optional but at most 2000 characters, and reviewer names 2 to 120", () => {
    for (const decision of ["verified", "accepted", "carried_over"]) accepts({ decision });
    expect(parse({ decision: "carried_over", note: " Pagu habis, usulkan 2028 " })).toEqual({ ok: { decision: "carried_over", note: "Pagu habis, usulkan 2028" } });
    accepts({ decision: "verified", note: "" });
    accepts({ decision: "verified", note: "x".repeat(2000) });
    refuses({ decision: "verified", note: "x".repeat(2001) });
    refuses({ decision: "carried_over", note: "x".repeat(2001) });
    accepts({ decision: "accepted", reviewerName: "Bu" });
    refuses({ decision: "accepted", reviewerName: " B " });
    accepts({ decision: "accepted", reviewerName: "x".repeat(120) });
    refuses({ decision: "accepted", reviewerName: "x".repeat(121) });
  });

  it("wants changes when accepting with changes, within sane volumes and costs", () => {
    refuses({ decision: "accepted_with_changes" });
    refuses({ decision: "accepted_with_changes", changes: {} }, "changes_required");
    refuses({ decision: "accepted_with_changes", changes: { pagu: 5_000_000 } });
    accepts({ decision: "accepted_with_changes", changes: { volume: 0.01 } });
    refuses({ decision: "accepted_with_changes", changes: { volume: 0.009 } });
    refuses({ decision: "accepted_with_changes", changes: { volume: 0 } });
    accepts({ decision: "accepted_with_changes", changes: { volume: 1_000_000_000 } });
    refuses({ decision: "accepted_with_changes", changes: { volume: 1_000_000_001 } });
    accepts({ decision: "accepted_with_changes", changes: { estimatedCost: 1000 } });
    refuses({ decision: "accepted_with_changes", changes: { estimatedCost: 999 } }, "cost_absurd");
    accepts({ decision: "accepted_with_changes", changes: { estimatedCost: 1_000_000_000_000 } });
    refuses({ decision: "accepted_with_changes", changes: { estimatedCost: 1_000_000_000_001 } }, "cost_absurd");
    refuses({ decision: "accepted_with_changes", changes: { estimatedCost: 150_000_000.5 } });
  });

  it("takes sub-activity codes only in the full U.BB.PP.K.KK.SSSS shape, anchored at both ends", () => {
    const withCode = (subActivityCode: string) => ({ decision: "accepted_with_changes", changes: { subActivityCode } });
    accepts(withCode("1.03.10.2.01.0028"));
    accepts(withCode("X.XX.01.2.06.0004"));
    expect(parse(withCode(" 1.03.10.2.01.0028 "))).toEqual({ ok: withCode("1.03.10.2.01.0028") });
    for (const bad of ["1.03.10.2.01", "1.03.10.2.01.028", "1.03.10.2.1.0028", "1.3.10.2.01.0028", "x1.03.10.2.01.0028", "1.03.10.2.01.00281", "1-03-10-2-01-0028", "Y.03.10.2.01.0028"]) {
      refuses(withCode(bad), "sub_activity_code_format");
    }
  });

  it("routes to 1-5 distinct sub-activity codes, dropping repeats", () => {
    const code = (n: number) => `1.03.10.2.01.${String(n).padStart(4, "0")}`;
    refuses({ decision: "route", subActivityCodes: [] });
    expect(parse({ decision: "route", subActivityCodes: [code(1), code(1), code(2)] })).toEqual({ ok: { decision: "route", subActivityCodes: [code(1), code(2)] } });
    accepts({ decision: "route", subActivityCodes: [1, 2, 3, 4, 5].map(code) });
    refuses({ decision: "route", subActivityCodes: [1, 2, 3, 4, 5, 6].map(code) });
    refuses({ decision: "route", subActivityCodes: ["1.03"] }, "sub_activity_code_format");
  });

  it("names the target of a merge (3 to 64 characters)", () => {
    refuses({ decision: "merged" });
    refuses({ decision: "merged", mergedInto: " ab " });
    accepts({ decision: "merged", mergedInto: "USL-2027-ABCDEF" });
    accepts({ decision: "merged", mergedInto: "x".repeat(64) });
    refuses({ decision: "merged", mergedInto: "x".repeat(65) });
  });

  it("lets an acceptance carry Bappeda's budget override, itself a reason", () => {
    accepts({ decision: "accepted", budgetOverride: "Prioritas bupati: rawan longsor." });
    refuses({ decision: "accepted", budgetOverride: "ok" });
    accepts({ decision: "accepted_with_changes", changes: { volume: 80 }, budgetOverride: "Prioritas bupati." });
    refuses({ decision: "rejected", reason: "Tidak sesuai kewenangan", budgetOverride: "Prioritas bupati." });
  });

  it("refuses unknown decisions and fields another decision carries", () => {
    refuses({ decision: "approved" });
    refuses({ decision: "accepted", reason: "Sudah sesuai RKPD" });
    refuses({ decision: "carried_over", changes: { volume: 1 } });
    refuses({ decision: "verified", mergedInto: "USL-2027-ABCDEF" });
  });

  it("adds the extra fields of a channel, such as the task id of an agency's webhook", () => {
    const Inbound = decisionSchemaWith({ taskId: v.string() });
    expect(v.safeParse(Inbound, { decision: "accepted" }).success).toBe(false);
    expect(v.safeParse(Inbound, { taskId: "rvw_1", decision: "accepted" }).success).toBe(true);
    expect(v.safeParse(Inbound, { taskId: "rvw_1", decision: "rejected", reason: "Tidak sesuai kewenangan" }).success).toBe(true);
  });

  it("stores what a decision carries beyond its name", () => {
    const decision: DecisionName = "accepted_with_changes";
    expect(decisionData({ decision, changes: { volume: 80 }, note: "Volume disesuaikan" })).toEqual({ changes: { volume: 80 }, note: "Volume disesuaikan" });
    expect(decisionData({ decision: "carried_over" })).toEqual({});
  });
});
