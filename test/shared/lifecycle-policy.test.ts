/** The lifecycle's pure policy: deadlines and windows, overdue stages, status sets, step names. */
import { describe, expect, it } from "vitest";
import { DAY_MS, FINAL_MS, GRACE_MS, overdueStage, TASK_DAYS, taskDueAt, waitWindow } from "../../shared/lifecycle/deadlines.ts";
import { LIFECYCLE_STEPS } from "../../shared/lifecycle/steps.ts";
import { ACCEPTED_STATUSES, CLOSED_STATUSES, EDITABLE_STATUSES, isAccepted, isClosed, isEditable, LIVE_STATUSES, planningYear, STATUSES } from "../../shared/proposals/lifecycle.ts";
import { isOpenTask } from "../../shared/reviews/decisions.ts";

const at = (iso: string) => Date.parse(iso);

describe("deadlines", () => {
  it("gives each kind of task its own days: two weeks to verify, three to review, one to triage", () => {
    expect(TASK_DAYS).toEqual({ verification: 14, agency_review: 21, triage: 7 });
    const from = at("2027-02-01T00:00:00.000Z");
    expect(taskDueAt("verification", from)).toBe("2027-02-15T00:00:00.000Z");
    expect(taskDueAt("agency_review", from)).toBe("2027-02-22T00:00:00.000Z");
    expect(taskDueAt("triage", from)).toBe("2027-02-08T00:00:00.000Z");
  });

  it("waits on the routing queue in short windows first, on people in an hour then days", () => {
    expect([1, 2, 3, 4, 9].map((round) => waitWindow(round, "routing"))).toEqual(["30 seconds", "5 minutes", "1 hour", "1 day", "1 day"]);
    expect([1, 2, 9].map((round) => waitWindow(round, "people"))).toEqual(["1 hour", "1 day", "1 day"]);
  });

  describe("overdue stages, one at a time from the earliest due date", () => {
    const due = "2027-03-01T00:00:00.000Z";
    const task = (remindedAt: string | null = null, escalatedAt: string | null = null) => ({ dueAt: due, remindedAt, escalatedAt });
    const t0 = at(due);

    it("asks nothing before the due date", () => {
      expect(overdueStage([task()], t0 - 1)).toBe("none");
    });
    it("reminds at the due date, once", () => {
      expect(overdueStage([task()], t0)).toBe("remind");
      expect(overdueStage([task(due)], t0 + DAY_MS)).toBe("none");
    });
    it("escalates a week after the due date, once", () => {
      expect(overdueStage([task(due)], t0 + GRACE_MS - 1)).toBe("none");
      expect(overdueStage([task(due)], t0 + GRACE_MS)).toBe("escalate");
      expect(overdueStage([task(due, due)], t0 + GRACE_MS + DAY_MS)).toBe("none");
    });
    it("gives up a month after the escalation", () => {
      expect(overdueStage([task(due, due)], t0 + GRACE_MS + FINAL_MS - 1)).toBe("none");
      expect(overdueStage([task(due, due)], t0 + GRACE_MS + FINAL_MS)).toBe("expire");
    });
    it("still reminds when one of several open tasks was not reminded, and counts from the earliest due date", () => {
      const later = { dueAt: "2027-04-01T00:00:00.000Z", remindedAt: null, escalatedAt: null };
      expect(overdueStage([task(due), later], t0 + DAY_MS)).toBe("remind");
      expect(overdueStage([later], t0 + DAY_MS)).toBe("none");
    });
  });
});

describe("status sets", () => {
  it("lets the village change only what the kecamatan has not verified", () => {
    expect(EDITABLE_STATUSES).toEqual(["submitted", "returned"]);
    expect(Object.keys(STATUSES).filter(isEditable)).toEqual(["submitted", "returned"]);
  });
  it("counts the live proposals for the budget and none that is closed or still at the village", () => {
    expect([...LIVE_STATUSES].sort()).toEqual(["accepted", "accepted_with_changes", "in_forum", "in_review", "triage", "verified"]);
    expect(LIVE_STATUSES.filter((s) => isClosed(s) || isEditable(s))).toEqual([]);
  });
  it("closes withdrawn, rejected and merged proposals; accepts with or without changes", () => {
    expect([...CLOSED_STATUSES].sort()).toEqual(["merged", "rejected", "withdrawn"]);
    expect(ACCEPTED_STATUSES.every((s) => isAccepted(s) && LIVE_STATUSES.includes(s))).toBe(true);
    expect(Object.keys(STATUSES).filter(isAccepted)).toEqual(["accepted", "accepted_with_changes"]);
  });
  it("treats open and claimed tasks as still to decide", () => {
    expect(["open", "claimed", "decided", "cancelled"].filter((status) => isOpenTask({ status }))).toEqual(["open", "claimed"]);
  });
  it("plans next year in this year's Musrenbang", () => {
    expect(planningYear(new Date("2026-12-31T23:00:00.000Z"))).toBe(2027);
  });
});

describe("step names", () => {
  it("are built from round counters only, the same on every replay", () => {
    expect(LIFECYCLE_STEPS.openVerification(2)).toBe("open verification 2");
    expect(LIFECYCLE_STEPS.verification(1).check(3)).toBe("verification 1: check 3");
    expect(LIFECYCLE_STEPS.agencyReview.waiting(2)).toBe("agency review: waiting 2");
    expect(LIFECYCLE_STEPS.routingResult(1, 4)).toBe("routing 1: result 4");
    const names = [LIFECYCLE_STEPS.verification(1).check(1), LIFECYCLE_STEPS.verification(1).waiting(1), LIFECYCLE_STEPS.triage(1).check(1), LIFECYCLE_STEPS.agencyReview.check(1), LIFECYCLE_STEPS.forum.check(1)];
    expect(new Set(names).size).toBe(names.length);
  });
});
