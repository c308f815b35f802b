/**
 * Step names of the workflows, in one place. Cloudflare caches each step's result under its name, so a name is
 * part of the replay contract: it must be the same on every run of `run()` for the same point of the lifecycle
 * (built from round counters, never from the clock). Tests wait for steps by these names.
 */

/** A wait on people: checks of D1 and the waits between them. */
export const awaitingStep = (stage: string) => ({
  stage,
  check: (round: number) => `${stage}: check ${round}`,
  waiting: (round: number) => `${stage}: waiting ${round}`,
});

export const LIFECYCLE_STEPS = {
  openVerification: (round: number) => `open verification ${round}`,
  verification: (round: number) => awaitingStep(`verification ${round}`),
  returned: (round: number) => `returned ${round}`,
  resubmission: (round: number) => awaitingStep(`resubmission ${round}`),
  verified: "verified",
  requestRouting: (attempt: number) => `request routing ${attempt}`,
  routingResult: (attempt: number, round: number) => `routing ${attempt}: result ${round}`,
  routingWaiting: (attempt: number, round: number) => `routing ${attempt}: waiting ${round}`,
  fallbackTriage: (attempt: number) => `routing ${attempt}: fallback triage`,
  triage: (attempt: number) => awaitingStep(`triage ${attempt}`),
  agencyReview: awaitingStep("agency review"),
  forum: awaitingStep("forum"),
  atTheForum: "forum: at the forum",
  outcome: "outcome",
  finish: (status: string) => `finish ${status}`,
  recordFailure: "record failure",
} as const;

export const EXPORT_STEPS = {
  load: "load export",
  startUpload: "start upload",
  part: (number: number) => `part ${number}`,
  completeUpload: "complete upload",
  writeFile: "write file",
  markReady: "mark ready",
  markFailed: "mark failed",
} as const;

/** The budget scenario run's steps (workers/workflows/budget-scenario-run.ts). */
export const SCENARIO_STEPS = {
  fit: "fit and store",
  clearPrevious: "clear previous run",
  markFailed: "mark failed",
} as const;

/** The ProposalImport workflow's steps: the one write, then the lifecycles part by part. */
export const IMPORT_STEPS = {
  write: "write proposals",
  start: (afterRow: number) => `start lifecycles after row ${afterRow}`,
} as const;
