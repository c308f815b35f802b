/**
 * Everything `npm start` loads, as idempotent SQL statements: reference data (regions, nomenclature) refreshed
 * in place, and the demo kabupaten's agencies and proposals inserted once. Run them in one `db.batch` (or one
 * `wrangler d1 execute --file`) so a failure leaves the database as it was.
 */
import { sha256Hex } from "../access/bytes.ts";
import { hashPassword } from "../access/password.ts";
import { accounts, agencies, agencyResponsibilities, apiTokens, proposalRecommendations, proposals, regions, subActivities } from "../db/schema.ts";
import { upsertStatements } from "../db/upsert-sql.ts";
import { agencyId, type AgencyDefinition } from "../agencies/lampung-selatan.ts";
import { DEMO_ACCOUNTS, DEMO_INTEGRATION_TOKEN, DEMO_PASSWORD } from "../demo/demo-accounts.ts";
import { generateDemoProposals, type DemoVillage } from "../demo/proposals.ts";
import { regionRows, type RegionRow, type RegionSources } from "./regions.ts";
import { subActivityRows } from "./nomenclature.ts";

export interface ReferenceSources extends RegionSources {
  nomenclature: string;
}

export interface DemoOptions {
  regencyCode: string;
  agencies: readonly AgencyDefinition[];
  proposalCount: number;
  year: number;
}

export interface SeedPlan {
  statements: string[];
  counts: Record<string, number>;
}

export async function seedPlan(sources: ReferenceSources, demo: DemoOptions, regionsUnder?: readonly string[]): Promise<SeedPlan> {
  const regionList = regionRows(sources, regionsUnder);
  const subActivityList = subActivityRows(sources.nomenclature);
  const agencyRows = demo.agencies.map((a) => ({
    id: agencyId(demo.regencyCode, a.shortName),
    regencyCode: demo.regencyCode,
    shortName: a.shortName,
    name: a.name,
  }));
  const responsibilityRows = demo.agencies.flatMap((a) =>
    a.codePrefixes.map((codePrefix) => ({
      regencyCode: demo.regencyCode,
      codePrefix,
      agencyId: agencyId(demo.regencyCode, a.shortName),
    })),
  );
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
      ...upsertStatements(regions, regionList, { onConflict: "update" }),
      ...upsertStatements(subActivities, subActivityList, { onConflict: "update" }),
      ...upsertStatements(agencies, agencyRows, { onConflict: "update" }),
      ...upsertStatements(agencyResponsibilities, responsibilityRows, { onConflict: "update" }),
      // Demo proposals live on once seeded: later starts must not reset what people did with them.
      ...upsertStatements(proposals, proposalRows, { onConflict: "ignore" }),
      ...upsertStatements(proposalRecommendations, askedRows, { onConflict: "ignore" }),
      // Demo credentials are created once; a changed password or a revoked token stays so.
      ...upsertStatements(accounts, accountRows, { onConflict: "ignore" }),
      ...upsertStatements(apiTokens, tokenRows, { onConflict: "ignore" }),
    ],
    counts: {
      regions: regionList.length,
      subActivities: subActivityList.length,
      agencies: agencyRows.length,
      agencyResponsibilities: responsibilityRows.length,
      demoProposals: proposalRows.length,
      demoAccounts: accountRows.length,
      demoTokens: tokenRows.length,
    },
  };
}

function villagesOf(regionList: readonly RegionRow[], regencyCode: string): DemoVillage[] {
  return regionList
    .filter((r) => r.level === "village" && r.code.startsWith(`${regencyCode}.`))
    .map((r) => ({ code: r.code, name: r.name, districtCode: r.parentCode! }));
}
