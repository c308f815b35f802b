/**
 * Run by `npm run bench:steps` (bench/lifecycle-steps.ts) in workerd: proposals taken through the whole lifecycle
 * on a virtual clock (test/support/workflow-harness.ts), counting the steps Cloudflare bills (every `step.do` and
 * every wait). Prints one JSON line per path for the Node side to tabulate.
 */
import { it } from "vitest";
import { DAY_MS } from "../shared/lifecycle/deadlines.ts";
import { decides, lifecycleRun, pupr, submitted, verifier } from "../test/support/lifecycle-scenarios.ts";
import { SimulatedInstance } from "../test/support/workflow-harness.ts";

const T0 = Date.parse("2027-01-04T01:00:00.000Z");

interface Path {
  name: string;
  /** Days after submission the kecamatan verifies and the agency decides (null: never). */
  verifyAfterDays: number;
  reviewAfterDays: number | null;
  returnedOnce?: boolean;
}

const PATHS: Path[] = [
  { name: "typical: verified after 3 days, agency decides 10 days later", verifyAfterDays: 3, reviewAfterDays: 13 },
  { name: "returned once, fixed after 2 days", verifyAfterDays: 3, reviewAfterDays: 15, returnedOnce: true },
  { name: "slow reviewer: 30 days", verifyAfterDays: 3, reviewAfterDays: 33 },
  { name: "slow reviewer: 60 days (past the deadlines)", verifyAfterDays: 3, reviewAfterDays: 63 },
  { name: "nobody reviews", verifyAfterDays: 3, reviewAfterDays: null },
];

it("counts the steps of a proposal's lifecycle on each path", async () => {
  for (const path of PATHS) {
    const id = await submitted(`Pembangunan drainase lingkungan RT ${PATHS.indexOf(path) + 10}`, "1.03.06.2.01.0012");
    const instance = new SimulatedInstance(T0);
    const day = (n: number) => T0 + n * DAY_MS;
    if (path.returnedOnce) {
      decides(instance, day(path.verifyAfterDays - 2), verifier, id, "verification", { decision: "returned", note: "Mohon lengkapi foto lokasi" });
      instance.schedule(day(path.verifyAfterDays - 1), async () => {
        const { editProposal } = await import("../workers/usecases/proposals/change.ts");
        const { depsOf } = await import("../workers/usecases/deps.ts");
        const { person } = await import("../test/support/lifecycle-scenarios.ts");
        await editProposal(depsOf(instance.env), person("village_operator", "18.01.06.1008"), { id, patch: { description: "Foto lokasi dilampirkan." } });
      });
    }
    decides(instance, day(path.verifyAfterDays), verifier, id, "verification", { decision: "verified" });
    if (path.reviewAfterDays !== null) decides(instance, day(path.reviewAfterDays), pupr, id, "agency_review", { decision: "accepted" });
    const outcome = (await instance.record(lifecycleRun(instance), { proposalId: id })) as { status?: string };
    console.log(`STEPS ${JSON.stringify({ path: path.name, steps: instance.asked.length, days: Math.round((instance.clock - T0) / DAY_MS), outcome: outcome.status ?? String(outcome) })}`);
  }
});
