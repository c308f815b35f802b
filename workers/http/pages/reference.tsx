/** The nomenclature lookup page. */
import { Hono } from "hono";
import { findSubActivities } from "../../usecases/reference/nomenclature.ts";
import { SubActivitySearchPage } from "../../views/sub-activity-search-page.tsx";
import { caller, csrf, deps, type AppEnv } from "../context.ts";

export const referencePages = new Hono<AppEnv>().get("/kode-kegiatan", async (c) => {
  const query = (c.req.query("q") ?? "").trim().slice(0, 100);
  return c.html(<SubActivitySearchPage principal={caller(c)} csrfToken={csrf(c)} query={query} results={await findSubActivities(deps(c), { query })} />);
});
