/**
 * `npm run cost`: what Musrenbang Sync costs on Cloudflare a month, for a kabupaten and for a province in the
 * Musrenbang season, from what a proposal measurably does and Cloudflare's published prices.
 *
 * Measured (bench/cost/measure.test.ts, in workerd with the real local D1, Queues and Workflows): per proposal on
 * the typical path, the D1 queries with D1's own rows read and written, queue messages, workflow steps and HTTP
 * requests; per read request (tracking page, lists, export row) the rows read; the rows the reference seeds write.
 * Measured here (node:sqlite, the migrations' schema, dbstat): the bytes those proposals' rows take, copied to
 * 10,000 proposals, before and after retention. Assumed (ASSUMPTIONS, each said below): the season's shape,
 * how much people read, CPU time per request (from the README's intake bench, local workerd), photo sizes.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../scripts/wrangler.ts";

/**
 * Cloudflare's published prices, as stored in the project's research notes (notes/research.md §4), read
 * 2026-12-03 from cloudflare-docs: workers/platform/pricing.mdx @07acbb66, partials d1-pricing @25a83ced and
 * queues_pricing @96996fd3, r2/pricing.mdx, workflows/reference/pricing ("identical to Workers Standard").
 */
export const PRICES = {
  asOf: "2026-12-03",
  workersPaidMonthly: 5,
  requests: { included: 10_000_000, perMillion: 0.3 },
  cpuMs: { included: 30_000_000, perMillion: 0.02 },
  d1RowsRead: { included: 25_000_000_000, perMillion: 0.001 },
  d1RowsWritten: { included: 50_000_000, perMillion: 1.0 },
  d1StorageGb: { included: 5, perGbMonth: 0.75 },
  queueOps: { included: 1_000_000, perMillion: 0.4, perMessage: 3 },
  r2StorageGb: { included: 10, perGbMonth: 0.015 },
  workflowStorageGb: { included: 1, perGbMonth: 0.2 },
} as const;

/** What is not measured, stated once. */
const ASSUMPTIONS = {
  /** Musrenbang runs desa → kecamatan → forum in about three months; the busiest month carries a third of the year. */
  seasonShare: 1 / 3,
  workingDays: 22,
  /** Page views and API calls per signed-in person per working day in season (queues, lists, forms). */
  requestsPerUserPerDay: 60,
  /** Public tracking page views per proposal in its season. */
  trackingViewsPerProposal: 5,
  /** Renja exports Bappeda pulls in the season month (each reads every agreed line once). */
  exportsPerMonth: 20,
  /** CPU ms per request, from the README's intake bench (local workerd, this machine): submission 26.5 with its lifecycle start, other writes 13.5, a list 4.8. */
  cpuMs: { submission: 26.5, write: 13.5, read: 4.8, workflowStep: 2, queueMessage: 13.5 },
  /** Photos and documents per proposal, stored in R2 (the form allows 5 of 10 MB; villages usually send a photo or two). */
  attachmentMbPerProposal: 1,
  /** Agencies with their own system receiving webhooks: the measurement gives every task one (PUPR's endpoint). */
};

const SCENARIOS = [
  { name: "kabupaten", proposalsPerYear: 30_000, users: 300 },
  { name: "province", proposalsPerYear: 300_000, users: 3_000 },
];

interface Meter {
  requests: number;
  queries: number;
  rowsRead: number;
  rowsWritten: number;
  queueMessages: number;
  workflowSteps: number;
  workflowWaits: number;
}

interface Measurement {
  proposals: number;
  exportRows: number;
  phases: Record<string, Meter>;
  rows: Record<string, Record<string, unknown>[]>;
  ids: string[];
  taskIds: string[];
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const money = (n: number) => `$${n.toFixed(2)}`;

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

async function measure(): Promise<Measurement> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(join(projectRoot, "node_modules/.bin/vitest"), ["run", "-c", "bench/cost/vitest.config.ts"], { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`the measurement failed (exit ${code}):\n${out.slice(-4000)}`))));
  });
  const line = /COST_MEASUREMENT (\{.*\})/.exec(output)?.[1];
  if (!line) throw new Error("the measurement printed no COST_MEASUREMENT line");
  return JSON.parse(line) as Measurement;
}

/**
 * Bytes per proposal, table by table: the measured proposals' rows copied `copies` times (every id renamed per
 * copy) into SQLite with the migrations' schema, sized with dbstat (tables and their indexes).
 */
async function storagePerProposal(m: Measurement, copies: number): Promise<Map<string, number>> {
  process.emitWarning = (() => {}) as typeof process.emitWarning; // node:sqlite's "experimental" notice
  const { DatabaseSync } = await import("node:sqlite");
  const dir = await mkdtemp(join(tmpdir(), "musrenbang-cost-"));
  try {
    const db = new DatabaseSync(join(dir, "cost.sqlite"));
    for (const file of (await readdir(join(projectRoot, "migrations"))).filter((f) => f.endsWith(".sql")).sort()) {
      db.exec(await readFile(join(projectRoot, "migrations", file), "utf8"));
    }
    db.exec("PRAGMA foreign_keys = OFF; BEGIN");
    const originals = [...m.ids, ...m.taskIds, ...m.rows.webhook_deliveries!.map((d) => String(d.id)), ...m.rows.proposals!.map((p) => String(p.tracking_code))];
    const renamed = (value: unknown, copy: number): unknown => {
      if (typeof value !== "string") return value;
      let text = value;
      for (const original of originals) if (text.includes(original)) text = text.replaceAll(original, `${original}~${copy}`);
      return text;
    };
    // Keys that hold no id of a proposal or task (and rows' own ids) must still be unique per copy.
    const UNIQUE_WITHOUT_ID: Record<string, string[]> = { idempotency_keys: ["key"], renja_lines: ["sort_key", "td4_sort_key"] };
    for (const [name, rows] of Object.entries(m.rows)) {
      for (const row of rows) {
        const columns = Object.keys(row).filter((c) => !(name === "audit_events" && c === "id"));
        const insert = db.prepare(`INSERT INTO ${name} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
        for (let copy = 0; copy < copies; copy++) {
          insert.run(...columns.map((c) => (UNIQUE_WITHOUT_ID[name]?.includes(c) || (c === "id" && !originals.includes(String(row[c]))) ? `${row[c]}~${copy}` : (renamed(row[c], copy) as string | number | null))));
        }
      }
    }
    db.exec("COMMIT");
    const owners = new Map((db.prepare("SELECT name, tbl_name FROM sqlite_master").all() as { name: string; tbl_name: string }[]).map((r) => [r.name, r.tbl_name]));
    const sizes = new Map<string, number>();
    for (const { name, bytes } of db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name").all() as { name: string; bytes: number }[]) {
      const owner = owners.get(name) ?? name;
      if (owner in m.rows) sizes.set(owner, (sizes.get(owner) ?? 0) + bytes / (copies * m.proposals));
    }
    db.close();
    return sizes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Bytes of the reference data a province's D1 holds: its regions, the nomenclature, its kabupaten's agencies. */
async function referenceBytes(): Promise<number> {
  const { plannedSeed } = await import("../scripts/seed.ts");
  const { readReferenceSources } = await import("../scripts/reference-sources.ts");
  const { regionRows } = await import("../shared/reference/regions.ts");
  const { DatabaseSync } = await import("node:sqlite");
  const dir = await mkdtemp(join(tmpdir(), "musrenbang-cost-ref-"));
  try {
    const db = new DatabaseSync(join(dir, "ref.sqlite"));
    for (const file of (await readdir(join(projectRoot, "migrations"))).filter((f) => f.endsWith(".sql")).sort()) db.exec(await readFile(join(projectRoot, "migrations", file), "utf8"));
    // Jawa Barat, the province with the most villages per kabupaten (27 kabupaten/kota, 5,957 desa/kelurahan).
    const regencies = regionRows(await readReferenceSources(projectRoot), ["32"]).filter((r) => r.level === "regency").map((r) => r.code);
    const plan = await plannedSeed({ remote: true, kabupaten: regencies });
    db.exec("PRAGMA foreign_keys = OFF; BEGIN");
    for (const statement of plan.statements) db.exec(statement);
    db.exec("COMMIT");
    const bytes = (db.prepare("SELECT SUM(pgsize) AS bytes FROM dbstat").get() as { bytes: number }).bytes;
    db.close();
    return bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const sum = (meters: Meter[], key: keyof Meter) => meters.reduce((n, m) => n + m[key], 0);
const charge = (used: number, price: { included: number; perMillion: number }) => (Math.max(0, used - price.included) / 1_000_000) * price.perMillion;

async function main() {
  console.log("Measuring a proposal's way through the Worker in workerd (bench/cost/measure.test.ts)...");
  const m = await measure();
  const path = Object.entries(m.phases).filter(([name]) => /^\d /.test(name));
  const perProposal = (key: keyof Meter) => sum(path.map(([, v]) => v), key) / m.proposals;
  console.log(`\nPer proposal, typical path (measured, mean of ${m.proposals} proposals: API submission, kecamatan verification, routing, one agency with a webhook endpoint, acceptance)`);
  console.log(
    table(
      ["phase", "requests", "D1 queries", "rows read", "rows written", "queue msgs", "workflow steps", "waits"],
      [
        ...path.map(([name, v]) => [name, fmt(v.requests / m.proposals, 1), fmt(v.queries / m.proposals, 1), fmt(v.rowsRead / m.proposals), fmt(v.rowsWritten / m.proposals), fmt(v.queueMessages / m.proposals, 1), fmt(v.workflowSteps / m.proposals, 1), fmt(v.workflowWaits / m.proposals, 1)]),
        ["total", fmt(perProposal("requests"), 1), fmt(perProposal("queries"), 1), fmt(perProposal("rowsRead")), fmt(perProposal("rowsWritten")), fmt(perProposal("queueMessages"), 1), fmt(perProposal("workflowSteps"), 1), fmt(perProposal("workflowWaits"), 1)],
      ],
    ),
  );
  const reads = Object.entries(m.phases).filter(([name]) => name.startsWith("read: "));
  console.log("\nPer read request (measured, with the demo kabupaten's 300 proposals and 3,000 more elsewhere in it)");
  console.log(table(["request", "D1 queries", "rows read"], reads.map(([name, v]) => [name.slice(6), fmt(v.queries), name.includes("per row") ? `${fmt(v.rowsRead / m.exportRows, 1)} per row` : fmt(v.rowsRead)])));
  const seeds = Object.entries(m.phases).filter(([name]) => name.startsWith("seed: "));
  console.log("\nReference data loads (measured rows written; Workers Free allows 100,000 a day)");
  console.log(table(["seed", "D1 queries", "rows written"], seeds.map(([name, v]) => [name.slice(6), fmt(v.queries), fmt(v.rowsWritten)])));

  const copies = 800;
  const bytes = await storagePerProposal(m, copies);
  const RETAINED_FOR_GOOD = ["proposals", "review_tasks", "proposal_classifications", "overlap_flags", "renja_lines"];
  const per100k = (tables: string[]) => tables.reduce((n, t) => n + (bytes.get(t) ?? 0), 0) * 100_000;
  const all = [...bytes.keys()];
  const MiB = 1024 * 1024;
  console.log(`\nD1 bytes per 100,000 proposals (measured: these proposals' rows x ${copies} in SQLite with the migrations' schema, dbstat, tables + indexes)`);
  console.log(
    table(
      ["table", "per 100k", "retention"],
      [...bytes]
        .sort((a, b) => b[1] - a[1])
        .map(([name, b]) => [name, `${fmt((b * 100_000) / MiB)} MiB`, RETAINED_FOR_GOOD.includes(name) ? "kept" : { overlap_buckets: "dropped after its planning year", audit_events: "to R2 after 2 years (open items' kept)", idempotency_keys: "7 days", webhook_deliveries: "90 days", webhook_attempts: "90 days" }[name] ?? "kept"])
        .concat([["all", `${fmt(per100k(all) / MiB)} MiB`, ""], ["kept for good", `${fmt(per100k(RETAINED_FOR_GOOD) / MiB)} MiB`, ""]]),
    ),
  );
  const reference = await referenceBytes();
  const D1_LIMIT = 10 * 1000 ** 3;
  const provinceYear = 300_000;
  const perProposalKept = per100k(RETAINED_FOR_GOOD) / 100_000;
  const window = provinceYear * ((bytes.get("overlap_buckets") ?? 0) + 2 * (bytes.get("audit_events") ?? 0) + ((7 + 90 + 90) / 365) * ((bytes.get("idempotency_keys") ?? 0) + (bytes.get("webhook_deliveries") ?? 0) + (bytes.get("webhook_attempts") ?? 0)));
  const yearsAfter = (D1_LIMIT - reference - window) / (provinceYear * perProposalKept);
  const yearsBefore = (D1_LIMIT - reference) / ((provinceYear * per100k(all)) / 100_000);
  console.log(`\nOne D1 (10 GB) for a province of ${fmt(provinceYear)} proposals a year: reference data ${fmt(reference / MiB, 1)} MiB (Jawa Barat's regions + nomenclature, measured)`);
  console.log(`  without retention: ${fmt((provinceYear * per100k(all)) / 100_000 / MiB)} MiB a year -> full after ${fmt(yearsBefore, 1)} years`);
  console.log(`  with retention: ${fmt((provinceYear * perProposalKept) / MiB)} MiB a year kept, plus ${fmt(window / MiB)} MiB in its windows (one year of overlap index, two of audit events, days of keys and deliveries) -> full after ${fmt(yearsAfter, 1)} years`);

  console.log(`\nMonthly cost in the season's busiest month (prices as published ${PRICES.asOf}; assumptions in bench/cost.ts ASSUMPTIONS)`);
  const a = ASSUMPTIONS;
  const readRows = reads.filter(([n]) => !n.includes("per row")).reduce((n, [, v]) => n + v.rowsRead, 0) / reads.filter(([n]) => !n.includes("per row")).length;
  const exportRowRead = (reads.find(([n]) => n.includes("per row"))?.[1].rowsRead ?? 0) / m.exportRows;
  const rows: (string | number)[][] = [];
  const totals: number[] = [];
  const columns = SCENARIOS.map((s) => {
    const proposals = s.proposalsPerYear * a.seasonShare;
    const userRequests = s.users * a.requestsPerUserPerDay * a.workingDays;
    const trackingViews = proposals * a.trackingViewsPerProposal;
    const workflowInvocations = proposals * (perProposal("workflowSteps") + perProposal("workflowWaits"));
    const queueMessages = proposals * perProposal("queueMessages");
    const requests = proposals * perProposal("requests") + userRequests + trackingViews + workflowInvocations + queueMessages;
    const cpu =
      proposals * (a.cpuMs.submission + 2 * a.cpuMs.write + perProposal("workflowSteps") * a.cpuMs.workflowStep + perProposal("queueMessages") * a.cpuMs.queueMessage) + (userRequests + trackingViews) * a.cpuMs.read;
    const rowsRead = proposals * perProposal("rowsRead") + (userRequests + trackingViews) * readRows + a.exportsPerMonth * s.proposalsPerYear * exportRowRead;
    const rowsWritten = proposals * perProposal("rowsWritten");
    const d1Gb = (reference + s.proposalsPerYear * perProposalKept + window * (s.proposalsPerYear / provinceYear)) / 1e9;
    const r2Gb = (s.proposalsPerYear * a.attachmentMbPerProposal) / 1000;
    const items = {
      "Workers Paid plan": PRICES.workersPaidMonthly,
      requests: charge(requests, PRICES.requests),
      "CPU time": charge(cpu, PRICES.cpuMs),
      "D1 rows read": charge(rowsRead, PRICES.d1RowsRead),
      "D1 rows written": charge(rowsWritten, PRICES.d1RowsWritten),
      "D1 storage": Math.max(0, d1Gb - PRICES.d1StorageGb.included) * PRICES.d1StorageGb.perGbMonth,
      "Queues operations": charge(queueMessages * PRICES.queueOps.perMessage, PRICES.queueOps),
      "R2 (photos, a year's)": Math.max(0, r2Gb - PRICES.r2StorageGb.included) * PRICES.r2StorageGb.perGbMonth,
    };
    totals.push(Object.values(items).reduce((x, y) => x + y, 0));
    return { s, proposals, requests, cpu, rowsRead, rowsWritten, d1Gb, r2Gb, queueOps: queueMessages * PRICES.queueOps.perMessage, items };
  });
  const usage = (label: string, f: (c: (typeof columns)[number]) => string) => rows.push([label, ...columns.map(f)]);
  usage("proposals through the season's month", (c) => fmt(c.proposals));
  usage("requests (HTTP, queue messages, workflow steps + wakes)", (c) => fmt(c.requests));
  usage("CPU ms", (c) => fmt(c.cpu));
  usage("D1 rows read", (c) => fmt(c.rowsRead));
  usage("D1 rows written", (c) => fmt(c.rowsWritten));
  usage("D1 storage after a year (GB)", (c) => fmt(c.d1Gb, 2));
  usage("Queues operations", (c) => fmt(c.queueOps));
  usage("R2 photos after a year (GB)", (c) => fmt(c.r2Gb, 1));
  for (const item of Object.keys(columns[0]!.items)) rows.push([item, ...columns.map((c) => money(c.items[item as keyof typeof c.items]))]);
  rows.push(["total a month", ...totals.map(money)]);
  console.log(table(["", ...SCENARIOS.map((s) => `${s.name} (${fmt(s.proposalsPerYear)}/yr, ${fmt(s.users)} users)`)], rows));
  const province = totals[1]!;
  console.log(`\nTarget: a province under $20 a month in season -> ${money(province)} ${province < 20 ? "MET" : "NOT MET"}`);
}

await main();
