/**
 * The public account of a year's proposals (no sign-in): per desa, kecamatan and kabupaten, each proposal's stage
 * and outcome with its reason, told from its public story (no names, no private fields: shared/proposals/story.ts)
 * and the Renja lines it became. Codes and years are checked before anything is read; a code that is not a known
 * region of that level in a kabupaten this deployment runs is 404.
 */
import { type Language } from "../../../shared/i18n.ts";
import { buildStory, type StoryStep } from "../../../shared/proposals/story.ts";
import { publicProposal, type PublicProposal } from "../../../shared/public/account.ts";
import { ancestorAt } from "../../../shared/regions/codes.ts";
import { fundingOf, proposalsInScope, regencyDirectory, regionAt, runRegencies, type PublicScope } from "../../storage/public.ts";
import { storyFactsOf } from "../../storage/story.ts";
import type { Deps } from "../deps.ts";
import { notFound } from "../errors.ts";

/** Years a public page or file may be asked for; anything else is 404 before D1 is asked. */
export const PUBLIC_YEARS = { min: 2000, max: 2100 } as const;

const CODE: Record<PublicScope["level"], RegExp> = {
  regency: /^\d{2}\.\d{2}$/,
  district: /^\d{2}\.\d{2}\.\d{2}$/,
  village: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
};

/** The year of a path, or 404: four digits within PUBLIC_YEARS. */
export function publicYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw notFound;
  const year = Number(text);
  if (year < PUBLIC_YEARS.min || year > PUBLIC_YEARS.max) throw notFound;
  return year;
}

/** A code of that level's shape (18.01, 18.01.06, 18.01.06.1008), or 404: checked before a cache key or D1 sees it. */
export function publicCode(level: PublicScope["level"], code: string): string {
  if (!CODE[level].test(code)) throw notFound;
  return code;
}

/** A checked scope: the code's shape, the region at that level, and a kabupaten this deployment runs. */
async function placeOf(deps: Deps, scope: PublicScope) {
  publicCode(scope.level, scope.code);
  const regencyCode = ancestorAt(scope.code, "regency");
  if (!regencyCode) throw notFound;
  const [region, regencies] = await Promise.all([regionAt(deps.db, scope.code, scope.level), runRegencies(deps.db)]);
  const regency = regencies.find((r) => r.code === regencyCode);
  if (!region || !regency) throw notFound;
  return { region, regency };
}

export interface PublicAccount {
  year: number;
  regency: { code: string; name: string };
  place: { code: string; name: string; kind: string | null; parentCode: string | null };
  /** The kecamatan of a desa (for its page's way back); null for other scopes. */
  district: { code: string; name: string } | null;
  records: PublicProposal[];
  /** Each proposal's public story, by tracking code (pages show it; files carry the outcome only). */
  stories: Map<string, StoryStep[]>;
}

/** The year's proposals of a kabupaten, kecamatan or desa as the public reads them. */
export async function publicAccount(deps: Deps, year: number, scope: PublicScope, lang: Language = deps.lang): Promise<PublicAccount> {
  const { region, regency } = await placeOf(deps, scope);
  const [rows, district] = await Promise.all([
    proposalsInScope(deps.db, regency.code, year, scope),
    scope.level === "village" && region.parentCode ? regionAt(deps.db, region.parentCode, "district") : undefined,
  ]);
  const ids = rows.map((r) => r.id);
  const [facts, funding] = await Promise.all([storyFactsOf(deps.db, rows), fundingOf(deps.db, ids)]);
  const stories = new Map<string, StoryStep[]>();
  const records = rows.map((row) => {
    const f = facts.get(row.id)!;
    const steps = buildStory(f, { lang, withNames: false });
    stories.set(row.trackingCode, steps);
    return publicProposal(
      {
        ...row,
        // What the desa asked, not what an agency's change made of it (that is the Renja line's).
        volume: f.asked.volume,
        unit: f.asked.unit,
        estimatedCost: f.asked.cost,
        regencyName: regency.name,
        villageName: f.villageName,
        districtName: f.districtName,
        steps,
        funding: funding.get(row.id) ?? [],
      },
      lang,
    );
  });
  return {
    year,
    regency,
    place: { code: region.code, name: region.name, kind: region.kind, parentCode: region.parentCode },
    district: district ? { code: district.code, name: district.name } : null,
    records,
    stories,
  };
}

/** The kabupaten's kecamatan and desa with their proposal counts, to find a desa by name. */
export async function publicDirectory(deps: Deps, year: number, regencyCode: string) {
  const { regency } = await placeOf(deps, { level: "regency", code: regencyCode });
  const { districts, villages, counts } = await regencyDirectory(deps.db, regency.code, year);
  return {
    year,
    regency,
    districts: districts.map((d) => {
      const own = villages.filter((v) => v.parentCode === d.code).map((v) => ({ code: v.code, name: v.name, kind: v.kind, proposals: counts.get(v.code) ?? 0 }));
      return { code: d.code, name: d.name, proposals: own.reduce((sum, v) => sum + v.proposals, 0), villages: own };
    }),
  };
}

/** The kabupaten this deployment runs, to choose from. */
export const publicRegencies = (deps: Deps) => runRegencies(deps.db);
