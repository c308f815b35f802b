/**
 * The public account's answers cached at the edge with the Cache API, one entry per page (and language) or file
 * (year and kabupaten). Not purged on writes: the Cache API is per data centre, so a purge from the writing
 * request would only clear that one location while every other kept its copy. A short max-age instead
 * (PUBLIC_CACHE_SECONDS, default 60 s): a decision shows publicly within a minute everywhere, and each location
 * builds each answer at most once a minute however many people ask. PUBLIC_CACHE_SECONDS=0 turns caching off
 * (the tests, and the bench's uncached run).
 */
import type { AppContext } from "../context.ts";

export const DEFAULT_PUBLIC_CACHE_SECONDS = 60;

export const publicCacheSeconds = (c: AppContext) => {
  const configured = Number(c.env.PUBLIC_CACHE_SECONDS ?? DEFAULT_PUBLIC_CACHE_SECONDS);
  return Number.isFinite(configured) && configured > 0 ? Math.floor(configured) : 0;
};

/** The cache's own key for `key` (e.g. "v1/file/2027/18.01.csv"): never the request URL, so no query string splits it. */
export const publicCacheKey = (key: string) => new Request(`https://public-cache.musrenbang.invalid/${key}`);

/** The cached answer for `key`, or `build()`'s, stored when it is a 200. `X-Cache` says which. */
export async function cachedPublic(c: AppContext, key: string, build: () => Promise<Response>): Promise<Response> {
  const seconds = publicCacheSeconds(c);
  if (seconds === 0) {
    const fresh = await build();
    fresh.headers.set("Cache-Control", "no-cache");
    return fresh;
  }
  const cache = caches.default;
  const request = publicCacheKey(key);
  const hit = await cache.match(request);
  if (hit) {
    const answer = new Response(hit.body, hit);
    answer.headers.set("X-Cache", "HIT");
    return answer;
  }
  const fresh = await build();
  if (fresh.status !== 200) return fresh;
  fresh.headers.set("Cache-Control", `public, max-age=${seconds}`);
  await cache.put(request, fresh.clone());
  fresh.headers.set("X-Cache", "MISS");
  return fresh;
}
