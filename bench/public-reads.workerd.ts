/**
 * D1 rows read per public-account request (bench/public.ts runs this in workerd with the test set-up: Lampung's
 * regions, the demo kabupaten's 300 proposals of 2027, plus a desa with every kind of outcome), uncached and then
 * cached, from D1's own rows_read. Prints one `READS {...}` line per request.
 */
import { env } from "cloudflare:workers";
import { beforeAll, it } from "vitest";
import { createApp } from "../workers/http/app.tsx";
import { installRowsMeter, rowsReadBy } from "../test/support/d1-meter.ts";
import { DEMO } from "../test/support/principals.ts";
import { yearOfOutcomes } from "../test/support/public-account.ts";

beforeAll(async () => {
  installRowsMeter();
  await yearOfOutcomes(2027);
});

const REQUESTS = [
  ["desa page (Way Urang)", `/publik/2027/desa/${DEMO.village}`],
  ["kecamatan page (Kalianda)", `/publik/2027/kecamatan/${DEMO.district}`],
  ["kabupaten index", `/publik/2027/kabupaten/${DEMO.regency}`],
  ["kabupaten CSV", `/api/v1/public/2027/${DEMO.regency}/proposals.csv`],
  ["kabupaten JSON", `/api/v1/public/2027/${DEMO.regency}/proposals.json`],
] as const;

it("measures rows read per request, uncached and cached", async () => {
  const app = createApp();
  for (const [what, path] of REQUESTS) {
    const fetchWith = (seconds: string) => app.fetch(new Request(`https://musrenbang.test${path}`), { ...env, PUBLIC_CACHE_SECONDS: seconds });
    let bytes = 0;
    const uncached = await rowsReadBy(async () => {
      const body = await (await fetchWith("0")).text();
      bytes = body.length;
    });
    await rowsReadBy(async () => (await fetchWith("60")).text()); // fills the cache
    const cached = await rowsReadBy(async () => (await fetchWith("60")).text());
    console.log(`READS ${JSON.stringify({ what, path, uncached, cached, bytes })}`);
  }
});
