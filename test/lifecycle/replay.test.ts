/**
 * Cloudflare replays a Workflow instance's `run()` from the top when it wakes from hibernation: finished steps
 * return their cached results, and the code between steps runs again with the new time. Each case records an
 * instance up to a wait, then replays it at later clock times; the step it asks for next must be the same wait.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../shared/lifecycle/deadlines.ts";
import { EXPORT_STEPS, LIFECYCLE_STEPS } from "../../shared/lifecycle/steps.ts";
import { RenjaExport } from "../../workers/index.ts";
import { decides, lifecycleRun, person, submitted, verifier, workflowOf } from "../support/lifecycle-scenarios.ts";
import { route, verifiedProposal } from "../support/routing.ts";
import { SimulatedInstance } from "../support/workflow-harness.ts";

const T0 = Date.parse("2027-01-04T01:00:00.000Z");
const LATER = [{ label: "+1 day", ms: DAY_MS }, { label: "+2 days 2 hours", ms: 2 * DAY_MS + 2 * 3_600_000 }, { label: "+10 days", ms: 10 * DAY_MS }, { label: "+130 days", ms: 130 * DAY_MS }];

async function recordLifecycle(proposalId: string, stopAt: string, script: (instance: SimulatedInstance) => void, routingDelayMs?: number) {
  const instance = new SimulatedInstance(T0, { stopAt, ...(routingDelayMs === undefined ? {} : { routingDelayMs }) });
  script(instance);
  const run = lifecycleRun(instance);
  const recorded = await instance.record(run, { proposalId });
  expect(recorded).toMatchObject({ step: stopAt });
  return { instance, run, payload: { proposalId } };
}

async function expectSameNextStep(recording: Awaited<ReturnType<typeof recordLifecycle>>, expected: string) {
  const { instance, run, payload } = recording;
  const asked: Record<string, string> = {};
  for (const later of LATER) asked[later.label] = await instance.replay(run, payload, instance.clock + later.ms);
  expect(asked).toEqual(Object.fromEntries(LATER.map((later) => [later.label, expected])));
}

describe("a lifecycle replayed after hibernation asks for the same next step at any later time", () => {
  it("while the kecamatan has not verified", async () => {
    const id = await submitted("Pembangunan drainase lingkungan RT 03", "1.03.06.2.01.0012");
    const stop = LIFECYCLE_STEPS.verification(1).waiting(2);
    await expectSameNextStep(await recordLifecycle(id, stop, () => {}), stop);
  });

  it("while routing has not answered (its message may wait in the dead-letter queue)", async () => {
    const id = await submitted("Pembangunan drainase lingkungan RT 04", "1.03.06.2.01.0012");
    const stop = LIFECYCLE_STEPS.routingWaiting(1, 2);
    // The queue takes longer than the first routing window.
    const recording = await recordLifecycle(id, stop, (instance) => decides(instance, T0 + 1_800_000, verifier, id, "verification", { decision: "verified" }), 45_000);
    await expectSameNextStep(recording, stop);
  });

  it("while the agency has not decided", async () => {
    const id = await submitted("Pembangunan drainase lingkungan RT 05", "1.03.06.2.01.0012");
    const stop = LIFECYCLE_STEPS.agencyReview.waiting(2);
    await expectSameNextStep(await recordLifecycle(id, stop, (instance) => decides(instance, T0 + 1_800_000, verifier, id, "verification", { decision: "verified" })), stop);
  });

  it("while Bappeda has not triaged a proposal no agency owns", async () => {
    const id = await submitted("Pengadaan bibit pohon hutan rakyat", "3.28.04.2.01.0006");
    const stop = LIFECYCLE_STEPS.triage(1).waiting(2);
    await expectSameNextStep(await recordLifecycle(id, stop, (instance) => decides(instance, T0 + 1_800_000, verifier, id, "verification", { decision: "verified" })), stop);
  });

  it("while the proposal waits at the forum", async () => {
    // The same school planned by public works, already with its agency.
    const other = await verifiedProposal("Perbaikan gedung SD Negeri 11 Way Urang yang rusak berat", "1.03.08.2.01.0017", { cost: 150_000_000 });
    await route(other);
    const id = await submitted("Rehabilitasi ruang kelas SDN 11 Way Urang", "1.01.02.2.01.0051");
    const stop = LIFECYCLE_STEPS.forum.waiting(1);
    const recording = await recordLifecycle(id, stop, (instance) => {
      decides(instance, T0 + 1_800_000, verifier, id, "verification", { decision: "verified" });
      decides(instance, T0 + 3 * DAY_MS, person("agency_reviewer", "18.01-disdikbud"), id, "agency_review", { decision: "accepted", target: 1 });
    });
    await expectSameNextStep(recording, stop);
  });
});

describe("a background export replayed after hibernation asks for the same next step", () => {
  it("after its upload", async () => {
    const exportId = `eks_replay_${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare(
      "INSERT INTO renja_exports (id, regency_code, year, format, view, filters, requested_by, status, row_count, created_at) VALUES (?, '18.01', 2027, 'csv', 'renja', '{}', 'test', 'running', 0, ?)",
    )
      .bind(exportId, new Date(T0).toISOString())
      .run();
    const instance = new SimulatedInstance(T0, { stopAt: EXPORT_STEPS.markReady });
    const run = (event: Parameters<RenjaExport["run"]>[0], step: Parameters<RenjaExport["run"]>[1]) => workflowOf(RenjaExport, instance.env).run(event, step);
    expect(await instance.record(run, { exportId })).toMatchObject({ step: EXPORT_STEPS.markReady });
    for (const later of LATER) expect(await instance.replay(run, { exportId }, instance.clock + later.ms)).toBe(EXPORT_STEPS.markReady);
  });
});
