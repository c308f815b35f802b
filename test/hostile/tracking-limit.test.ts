/**
 * Tracking codes are public, so looking them up is rate-limited per address (the API and the /lacak pages share
 * one count): guessing codes costs a minute per 60 guesses.
 */
import { describe, expect, it } from "vitest";
import { call } from "../support/principals.ts";

const LIMIT = 60;

/** LIMIT lookups from one address within one minute window, then one more by `last`; a fresh address if the window turned. */
async function overTheLimit(prefix: string, last: (headers: Record<string, string>) => Promise<Response>): Promise<{ statuses: number[]; limited: Response }> {
  for (let attempt = 1; ; attempt++) {
    const headers = { "cf-connecting-ip": `${prefix}.${attempt}` };
    const window = Math.floor(Date.now() / 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const path = i % 2 ? `/lacak/USL-2027-AAAA${String(i).padStart(2, "2")}` : `/api/v1/tracking/USL-2027-AAAA${String(i).padStart(2, "2")}`;
      statuses.push((await call(path, { headers })).status);
    }
    const limited = await last(headers);
    if (Math.floor(Date.now() / 60_000) === window || attempt === 3) return { statuses, limited };
  }
}

describe("tracking lookups", () => {
  it("answer 60 a minute per address (API and pages together), then 429 with Retry-After on the API", async () => {
    const { statuses, limited } = await overTheLimit("198.18.9", (headers) => call("/api/v1/tracking/USL-2027-ABCDEF", { headers }));
    expect(statuses.every((s) => s === 404)).toBe(true);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    // Another address is not held back.
    expect((await call("/api/v1/tracking/USL-2027-ABCDEF", { headers: { "cf-connecting-ip": "198.18.10.1" } })).status).toBe(404);
  });

  it("and on the tracking page", async () => {
    const { limited } = await overTheLimit("198.18.11", (headers) => call("/lacak/USL-2027-ABCDEF", { headers }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toMatch(/^text\/html/);
  });
});
