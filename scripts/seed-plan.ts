/**
 * What a database is loaded with, as idempotent SQL statements: reference data (regions, nomenclature) refreshed
 * in place, each kabupaten's agencies and responsibilities made exactly its list, and only for a local demo the
 * demo kabupaten's accounts, integration token and proposals (inserted once). Run them in one `db.batch` (or one
 * `wrangler d1 execute --file`) so a failure leaves the database as it was. No Node APIs: tests build it too.
 */
import { sha256Hex } from "../shared/access/bytes.ts";
import { hashPassword } from "../shared/access/password.ts";
import { agencyRecordsFromCsv, describeIssues, validateAgencies, type AgencyDefinition } from "../shared/agencies/agencies.ts";
import { accounts, apiTokens, dprdMembers, proposalRecommendations, proposals, regions, subActivities } from "../shared/db/schema.ts";
import { inlineSql, upsertStatements } from "../shared/db/upsert-sql.ts";
import { DEMO_ACCOUNTS, DEMO_DPRD_MEMBERS, DEMO_INTEGRATION_TOKEN, DEMO_PASSWORD } from "../shared/demo/demo-accounts.ts";
import { generateDemoProposals, type DemoVillage } from "../shared/demo/proposals.ts";
import { regionRows, type RegionRow, type RegionSources } from "../shared/reference/regions.ts";
import { subActivityRows } from "../shared/reference/nomenclature.ts";
import { replaceAgencies } from "../workers/storage/agencies.ts";
import { auditInsert } from "../workers/storage/audit.ts";
import { database } from "../workers/storage/database.ts";

export interface ReferenceSources extends RegionSources {
  nomenclature: string;
}

/** A kabupaten this database serves, with its agencies (none yet: load them later with `npm run agencies:load`). */
export interface KabupatenAgencies {
  regencyCode: string;
  agencies: readonly AgencyDefinition[];
}

/** The demo kabupaten's people and proposals: local databases only. */
export interface DemoOptions {
  regencyCode: string;
  proposalCount: number;
  year: number;
}

export interface SeedOptions {
  /** Regions inside (or above) these codes; all 91,599 when absent. */
  regionsUnder?: readonly string[];
  kabupaten: readonly KabupatenAgencies[];
  demo?: DemoOptions;
}

export interface SeedPlan {
  statements: string[];
  counts: Record<string, number>;
}

/** Statements only build SQL text here: drizzle needs no connection for that. */
const offline = database({} as D1Database);

/**
 * The batch `PUT /api/v1/agencies` runs (workers/storage/agencies.ts), as SQL text with its audit event, so the
 * command line and the seed change agencies exactly as the API does.
 */
export function agencyStatements(regencyCode: string, list: readonly AgencyDefinition[], actor: string, data: Record<string, unknown> = { agencies: list.length }): string[] {
  return [
    ...replaceAgencies(offline, regencyCode, list),
    auditInsert(offline, { regencyCode, actor, action: "agencies.replaced", entityType: "regency", entityId: regencyCode, data }),
  ].map((query) => `${inlineSql((query as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL())};`);
}

/** The bidang and program codes of the nomenclature: what an agency may carry. */
export const nomenclaturePrefixes = (nomenclature: string) => new Set(subActivityRows(nomenclature).flatMap((r) => [r.bidangCode, r.programCode]));

/** A kabupaten's agency CSV, checked as the API checks it; throws with every problem, one per line. */
export function agenciesFromCsv(csv: string, nomenclature: string, file: string): AgencyDefinition[] {
  const { records, issues } = agencyRecordsFromCsv(csv, "id");
  const checked = validateAgencies(records, nomenclaturePrefixes(nomenclature), "id", issues);
  if (!checked.agencies) throw new Error(`${file} ditolak, tidak ada yang dimuat:\n${describeIssues(checked.issues)}`);
  return checked.agencies;
}

export async function seedPlan(sources: ReferenceSources, options: SeedOptions): Promise<SeedPlan> {
  const regionList = regionRows(sources, options.regionsUnder);
  const subActivityList = subActivityRows(sources.nomenclature);
  const demo = options.demo ? await demoRows(regionList, options.demo) : null;
  return {
    statements: [
      ...upsertStatements(regions, regionList, { onConflict: "update" }),
      ...upsertStatements(subActivities, subActivityList, { onConflict: "update" }),
      ...options.kabupaten.flatMap((k) => (k.agencies.length ? agencyStatements(k.regencyCode, k.agencies, "seed") : [])),
      ...(demo?.statements ?? []),
    ],
    counts: {
      regions: regionList.length,
      subActivities: subActivityList.length,
      agencies: options.kabupaten.reduce((n, k) => n + k.agencies.length, 0),
      agencyResponsibilities: options.kabupaten.reduce((n, k) => n + k.agencies.reduce((m, a) => m + a.codePrefixes.length, 0), 0),
      ...demo?.counts,
    },
  };
}

async function demoRows(regionList: readonly RegionRow[], demo: DemoOptions): Promise<SeedPlan> {
  const proposalRows = generateDemoProposals(villagesOf(regionList, demo.regencyCode), {
    count: demo.proposalCount,
    year: demo.year,
    seed: 1801,
  }).map((p) => ({ ...p, stage: "desa", status: "submitted", createdBy: "seed:demo", updatedAt: p.createdAt }));
  // What each desa asked for: the first step of the recommendations kept per level.
  const askedRows = proposalRows.map((p) => ({ proposalId: p.id, level: "desa" as const, source: "", volume: p.volume, unit: p.unit, cost: p.estimatedCost, subActivityCode: p.subActivityCode ?? null, note: null, decidedBy: p.createdBy, decidedAt: p.createdAt }));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accountRows = DEMO_ACCOUNTS.map((a) => ({ ...a, passwordHash, regencyCode: demo.regencyCode, createdBy: "seed:demo" }));
  const { token, ...tokenFields } = DEMO_INTEGRATION_TOKEN;
  const tokenRows = [
    {
      ...tokenFields,
      tokenHash: await sha256Hex(token),
      regencyCode: demo.regencyCode,
      createdBy: "seed:demo",
      expiresAt: `${demo.year + 1}-12-31T23:59:59.000Z`,
    },
  ];
  return {
    statements: [
      // Demo proposals live on once seeded: later starts must not reset what people did with them.
      ...upsertStatements(proposals, proposalRows, { onConflict: "ignore" }),
      ...upsertStatements(proposalRecommendations, askedRows, { onConflict: "ignore" }),
      // Demo credentials are created once; a changed password or a revoked token stays so. Members before their accounts.
      ...upsertStatements(dprdMembers, DEMO_DPRD_MEMBERS.filter((m) => m.regencyCode === demo.regencyCode), { onConflict: "ignore" }),
      ...upsertStatements(accounts, accountRows, { onConflict: "ignore" }),
      ...upsertStatements(apiTokens, tokenRows, { onConflict: "ignore" }),
    ],
    counts: { demoProposals: proposalRows.length, demoAccounts: accountRows.length, demoTokens: tokenRows.length },
  };
}

function villagesOf(regionList: readonly RegionRow[], regencyCode: string): DemoVillage[] {
  return regionList
    .filter((r) => r.level === "village" && r.code.startsWith(`${regencyCode}.`))
    .map((r) => ({ code: r.code, name: r.name, districtCode: r.parentCode! }));
}
