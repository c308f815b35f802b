/** The public account's pages: no sign-in, rendered the same for everyone and cached at the edge (../public/cache.ts). */
import { Hono } from "hono";
import type { Child } from "hono/jsx";
import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { publicAccount, publicCode, publicDirectory, publicRegencies, publicYear } from "../../usecases/public/account.ts";
import { PublicDirectoryPage, PublicDistrictPage, PublicIndexPage, PublicVillagePage } from "../../views/public-pages.tsx";
import { deps, type AppContext, type AppEnv } from "../context.ts";
import { language } from "../messages.ts";
import { cachedPublic } from "../public/cache.ts";

/** The longest name search taken; the longest desa name in the country is shorter. */
export const SEARCH_MAX = 60;

/** A page per language: the cache key names both (its parts are checked before they get here). */
const cachedPage = (c: AppContext, key: string, render: () => Promise<Child> | Child) =>
  cachedPublic(c, `v1/page/${language(c)}/${key}`, async () => new Response(String(await render()), { headers: { "Content-Type": "text/html; charset=UTF-8" } }));

export const publicPages = new Hono<AppEnv>()
  .get("/publik", async (c) => {
    const asked = c.req.query("tahun");
    const year = asked === undefined || asked === "" ? planningYear(new Date()) : publicYear(asked.trim());
    return cachedPage(c, `index/${year}`, async () => <PublicIndexPage lang={language(c)} year={year} regencies={await publicRegencies(deps(c))} />);
  })
  .get("/publik/:year/kabupaten/:code", async (c) => {
    const year = publicYear(c.req.param("year"));
    const code = publicCode("regency", c.req.param("code"));
    // The directory (kecamatan and desa with counts) is cached as data; every search is answered from it.
    const cached = await cachedPublic(c, `v1/directory/${year}/${code}`, async () => Response.json(await publicDirectory(deps(c), year, code)));
    const directory = (await cached.json()) as Awaited<ReturnType<typeof publicDirectory>>;
    const query = (c.req.query("cari") ?? "").slice(0, SEARCH_MAX);
    return c.html(<PublicDirectoryPage lang={language(c)} directory={directory} query={query} />, 200, { "Cache-Control": cached.headers.get("cache-control") ?? "no-cache" });
  })
  .get("/publik/:year/kecamatan/:code", (c) => {
    const year = publicYear(c.req.param("year"));
    const code = publicCode("district", c.req.param("code"));
    return cachedPage(c, `district/${year}/${code}`, async () => <PublicDistrictPage lang={language(c)} account={await publicAccount(deps(c), year, { level: "district", code })} />);
  })
  .get("/publik/:year/desa/:code", (c) => {
    const year = publicYear(c.req.param("year"));
    const code = publicCode("village", c.req.param("code"));
    return cachedPage(c, `village/${year}/${code}`, async () => <PublicVillagePage lang={language(c)} account={await publicAccount(deps(c), year, { level: "village", code })} />);
  });
