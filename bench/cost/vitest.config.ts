/**
 * The cost measurement (bench/cost/measure.test.ts) runs in workerd with the test suite's set-up, plus the
 * country's reference seed and two empty databases to load seeds into. Started by bench/cost.ts.
 */
import { defineConfig } from "vitest/config";
import { readDemoAgencies, readReferenceSources } from "../../scripts/reference-sources.ts";
import { seedPlan } from "../../scripts/seed-plan.ts";
import { projectRoot } from "../../scripts/wrangler.ts";
import { workerdConfig } from "../../vitest.config.ts";

export default defineConfig(async () => {
  // Every region of the country, the nomenclature and one kabupaten's agencies: the largest reference load.
  const country = await seedPlan(await readReferenceSources(projectRoot), { kabupaten: [{ regencyCode: "18.01", agencies: readDemoAgencies(projectRoot) }] });
  return workerdConfig({
    include: ["bench/cost/*.test.ts"],
    bindings: { COST_COUNTRY_SEED: country.statements },
    d1Databases: { COST_DB_KABUPATEN: "cost-kabupaten", COST_DB_COUNTRY: "cost-country" },
  });
});
