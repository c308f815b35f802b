/** The lifecycle's wake-ups are a closed union: a sender cannot invent a kind the lifecycle does not know. */
import { describe, expect, it } from "vitest";
import type { LifecycleWake, LifecycleWakeKind } from "../../shared/contracts.ts";

describe("lifecycle wake-ups", () => {
  it("are the kinds the lifecycle knows, and no other compiles", () => {
    const known = {
      verification_decided: true,
      resubmitted: true,
      withdrawn: true,
      routed: true,
      review_decided: true,
      triage_decided: true,
      forum_decided: true,
      overlap_dismissed: true,
      nudged: true,
    } satisfies Record<LifecycleWakeKind, true>;
    expect(Object.keys(known)).toHaveLength(9);
    // @ts-expect-error: "forum_closed" is not a wake-up the lifecycle knows (tsc in `npm test` fails if it compiles).
    const unknown: LifecycleWake = { kind: "forum_closed" };
    // @ts-expect-error: a forum decision names its agenda item.
    const incomplete: LifecycleWake = { kind: "forum_decided" };
    expect([unknown.kind, incomplete.kind]).toEqual(["forum_closed", "forum_decided"]);
  });
});
